/**
 * The one text folding every reader of a message shares (the recognizer, the knowledge search, the
 * routing): lower case, compatibility forms unified (NFKC: full-width letters, ligatures), German
 * umlauts and ß spelled out ("über" = "ueber", "Schlüssel" = "schluessel"), other accents dropped
 * ("café" = "cafe"), and typographic apostrophes and dashes made plain. Pure.
 *
 * What each reader does after that differs on purpose: the recognizer keeps hyphens and
 * apostrophes inside words for its patterns, the search turns every other character into a space
 * and joins domain phrases into one token.
 */

const UMLAUTS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

/**
 * Chat spellings people type for common words, in both languages ("wat", "r u", "ham wir",
 * "gibts"): the word as the recognizer's patterns and the knowledge base spell it. Whole words of
 * folded, lower-case text only.
 */
const CHAT_SPELLINGS: Readonly<Record<string, string>> = {
  wat: 'what',
  wht: 'what',
  whats: "what's",
  hw: 'how',
  r: 'are',
  u: 'you',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  diff: 'difference',
  yr: 'year',
  abt: 'about',
  sth: 'something',
  smth: 'something',
  ppl: 'people',
  acct: 'account',
  msg: 'message',
  req: 'request',
  reqs: 'requests',
  tho: 'though',
  nich: 'nicht',
  nix: 'nichts',
  dont: "don't",
  cant: "can't",
  ham: 'haben',
  hamm: 'haben',
  nem: 'einem',
  ner: 'einer',
  hab: 'habe',
  nen: 'einen',
  gibts: 'gibt es',
  wieviel: 'wie viel',
  wieviele: 'wie viele',
};
const CHAT_WORD = new RegExp(`(?<![\\p{L}\\p{N}'-])(?:${Object.keys(CHAT_SPELLINGS).join('|')})(?![\\p{L}\\p{N}'-])`, 'gu');

/** Folded text with chat spellings written out ("wat support do we get" -> "what support do we get"). */
export function spellOut(folded: string): string {
  return folded.replace(CHAT_WORD, (w) => CHAT_SPELLINGS[w] ?? w);
}

/**
 * The most words of a message its pattern readers (the recognizer, the slots, the routing) look at:
 * its first and last half of them. A message with context says what it asks at its start or its end,
 * and a pattern with a gap ("who ... activate") costs time that grows with the square of the words it
 * spans: 7,000 times "who" took 0.3-0.6 s to read whole. The knowledge search bounds its own words
 * the same way (MAX_QUERY_WORDS).
 */
export const MAX_READ_WORDS = 200;

/** The text with at most its first and last {@link MAX_READ_WORDS}/2 words (whitespace between kept as one space). */
export function boundedWords(text: string, max = MAX_READ_WORDS): string {
  const words = text.split(/\s+/);
  const kept = words.length <= max ? text : [...words.slice(0, max / 2), ...words.slice(-max / 2)].join(' ');
  // Words joined by punctuation ("who,who,who,...") are as many words to a pattern: bound the characters too.
  return kept.length <= MAX_READ_CHARS ? kept : `${kept.slice(0, MAX_READ_CHARS / 2)} ${kept.slice(-MAX_READ_CHARS / 2)}`;
}

/** The most characters the pattern readers look at: 200 words of 12 letters. */
export const MAX_READ_CHARS = 2400;
