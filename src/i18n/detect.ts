/**
 * Is a message clearly German or clearly English? A small, conservative detector on function words
 * and German spelling, for clients that send a locale that is not the user's (the chat window of
 * `npm start` always sends en-US). It says nothing (undefined) for short or mixed text: "ok", "ja",
 * "Azure", "SQL Server", "IDs bitte" keep whatever language the locale or the conversation gives.
 *
 * Evidence per word: a German or English function word (articles, pronouns, auxiliaries, question
 * words, prepositions, common verbs and adverbs of questions), and, for German, a letter only German
 * spells (ä, ö, ü, ß) or an ending English words rarely have (-ung, -keit, -heit, -lich). Words both
 * languages write the same ("was", "die", "will", "in", "an", "man", "also") count for neither.
 * Product names and jargon (Azure, Action Pack, Incidents, Support) count for neither either.
 */
import type { Lang } from './index.js';

const GERMAN = new Set(
  `der den dem des das dass daß ein eine einen einem einer eines kein keine keinen keinem keiner
  ich du er wir ihr uns unser unsere unseren unserem unserer euer eure mein meine meinen meinem mich mir dich dir sich
  ist sind bin bist seid sein waren wäre hat haben habe hast hatte hatten wird werden wurde wurden worden
  kann kannst können darf darfst dürfen muss musst müssen soll sollen sollte sollten möchte möchten wollen
  nicht nichts noch schon auch nur sehr mehr weniger wieder immer jetzt gerade bereits trotzdem obwohl
  und oder aber denn weil wenn ob als wie wo wer wen wem wessen warum wieso weshalb woher wohin wann welche welcher
  welches welchen welchem wieviel wieviele wofür womit woran worauf
  mit ohne für fuer über ueber unter von vom zu zum zur bei beim nach aus auf gegen durch bis seit je
  im ins
  gibt gibts gibt's bekommen bekommt bekommst kriegen kriegt brauche brauchen braucht sehe sehen sieht finde finden
  findet geht gehen machen macht mache heißt heisst bedeutet stimmt zählt zählen gilt gelten reicht reichen
  hallo danke bitte nein genau vielleicht leider
  viele viel wieviele jeder jede jedes alle allen alles diese dieser dieses diesen diesem hier dort da
  etwas einmal erst bevor zwischen deren dessen dabei sowie bzw
  kostet kosten beinhaltet bringt zeigt zeigen anzeigen lassen legt beantrage beantragen aufmachen erstellen nutzen
  nutzt aktivieren aktiviert freischalten koennen muessen duerfen zaehlt moechte
  kunde kunden firma vertrag vertrags verträge lizenz lizenzen fehler rolle rollen anzahl vorteile unterschied
  zugriff verweigert monat jahr frage antwort mitarbeiter kollege kollegen`
    .split(/\s+/)
    .filter(Boolean),
);

const ENGLISH = new Set(
  `the a of and or but to for with from by at on into about than then
  i you he she we they me us our ours my your their them it its this that these those there here
  is are was were be been being has have had having do does did done can could may might must shall should would
  not no yes don't doesn't didn't can't cannot isn't aren't won't what's it's we're i'm
  what which who whom whose why where when how much many any some every each all
  get gets got getting use used using need needs want wants see shows show left still already just only also
  hello hi thanks thank please if because one`
    .split(/\s+/)
    .filter(Boolean),
);

/** English words with a German-looking ending (-ung, -lich, -heit, -keit), so the ending rule leaves them alone. */
const ENGLISH_LOOKALIKES = new Set(['young', 'lung', 'hung', 'rung', 'sung', 'stung', 'flung', 'clung', 'swung', 'wrung', 'dung', 'among']);

/** Letters only German spells. */
const GERMAN_LETTERS = /[äöüß]/;
const GERMAN_ENDING = /..(ung|ungen|keit|heit|lich|liche|lichen)$/;

/** How many words of each language a decision needs at least, and by how much one must lead. */
const MIN_EVIDENCE = 2;
const LEAD = 2;

export interface LanguageEvidence {
  de: number;
  en: number;
}

/** The words of `text` that speak for German and for English (see the module note). */
export function languageEvidence(text: string): LanguageEvidence {
  const words = text
    // A Teams mention ("<at>Partner Support</at>") and links are not the user's language.
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .match(/[a-zäöüß]+(?:'[a-z]+)?/g) ?? [];
  let de = 0;
  let en = 0;
  for (const [i, word] of words.entries()) {
    if (GERMAN.has(word)) de++;
    // "was" and "die" are English words too; before a German word ("Was ist", "die Vorteile") they are German.
    else if ((word === 'was' || word === 'die') && GERMAN.has(words[i + 1] ?? '')) de++;
    else if (ENGLISH.has(word)) en++;
    else if (GERMAN_LETTERS.test(word)) de++;
    else if (GERMAN_ENDING.test(word) && !ENGLISH_LOOKALIKES.has(word)) de++;
  }
  return { de, en };
}

/**
 * 'de' or 'en' when `text` is clearly written in that language: at least two words speak for it
 * and more than twice as many as for the other. Otherwise undefined (short, mixed or only names).
 */
export function detectLanguage(text: string | undefined): Lang | undefined {
  if (!text) return undefined;
  const { de, en } = languageEvidence(text);
  if (de >= MIN_EVIDENCE && de > LEAD * en) return 'de';
  if (en >= MIN_EVIDENCE && en > LEAD * de) return 'en';
  return undefined;
}
