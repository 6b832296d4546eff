/**
 * Local, deterministic intent recognizer for free text typed in Teams, in English and German.
 * No cloud NLU, no I/O: normalize the text, snap near-miss keywords to their spelling, then walk an
 * ordered table of keyword/regex rules; the first rule that applies wins.
 *
 * Precedence (the order of {@link RULES}):
 *   1. cancel, startOver, help  - interruptions
 *   2. roleCheck                - "can I activate?" mentions activate, so it must come before activate
 *   3. ids                      - "after activation, where is the access id?" is about the IDs
 *   4. activate
 *   5. tiers
 *   6. greeting, confirmYes, confirmNo - only when the message is essentially just that
 *   7. none
 */
import { correctTypos, type TypoLexicon } from './fuzzy.js';

export type Intent =
  | 'greeting'
  | 'help'
  | 'cancel'
  | 'startOver'
  | 'tiers'
  | 'activate'
  | 'roleCheck'
  | 'ids'
  | 'confirmYes'
  | 'confirmNo'
  | 'none';

export interface Recognition {
  intent: Intent;
  /** normalized text that was matched (the output of {@link normalize}) */
  normalized: string;
}

// ---------------------------------------------------------------------------------------------
// Normalization
// ---------------------------------------------------------------------------------------------

const AT_TAG = /<at\b[^>]*>[\s\S]*?<\/at\s*>/gi;
const ANY_TAG = /<\/?[a-z][^>]*>/gi;
const GERMAN_FOLD: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

function stripTags(text: string): string {
  return text
    .replace(AT_TAG, ' ')
    .replace(ANY_TAG, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&');
}

/**
 * Lowercase; fold ä/ö/ü/ß to ae/oe/ue/ss (so "über" and "ueber" are the same) and drop other
 * accents; strip punctuation except hyphens and apostrophes inside words ("access-id", "what's");
 * remove leftover Teams `<at>…</at>` mentions and tags; collapse whitespace; trim.
 */
export function normalize(text: string): string {
  let s = stripTags(text).normalize('NFC').toLowerCase();
  s = s.replace(/[äöüß]/g, (c) => GERMAN_FOLD[c] ?? c);
  s = s.normalize('NFD').replace(/\p{M}+/gu, '');
  s = s.replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'").replace(/[\u2010-\u2015\u2212]/g, '-');
  s = s.replace(/[^\p{L}\p{N}\s'-]+/gu, ' ');
  s = s.replace(/(?<![\p{L}\p{N}])['-]+|['-]+(?![\p{L}\p{N}])/gu, ' ');
  return s.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Typo tolerance for the main nouns and verbs
// ---------------------------------------------------------------------------------------------

const LEXICON: TypoLexicon = {
  keywords: [
    'activate', 'activation', 'aktivieren', 'aktiviere', 'aktivierung', 'freischalten',
    'contract', 'contractid', 'vertrag', 'vertrags', 'vertragsnummer',
    'access', 'accessid', 'zugriff', 'zugriffs', 'zugangs',
    'incident', 'incidents', 'entitled', 'entitlement', 'entitlements',
    'benefit', 'benefits', 'vorteile', 'supportvorteile', 'leistungsstufen',
    'signature', 'support', 'silver', 'silber',
    'admin', 'admins', 'administrator', 'berechtigt', 'berechtigung', 'permission', 'permissions',
    'cancel', 'abbrechen', 'pruefen', 'ueberpruefen', 'bestaetigen', 'natuerlich',
  ],
  // Real words one edit away from a keyword that must not be "corrected".
  keep: new Set(['contact', 'contacts', 'admit', 'admits', 'abrechnen', 'solver']),
};

// ---------------------------------------------------------------------------------------------
// Rule table
// ---------------------------------------------------------------------------------------------

interface Rule {
  intent: Exclude<Intent, 'none'>;
  /** why the row exists */
  note: string;
  /** the row applies if any pattern matches the normalized, typo-corrected text... */
  match: readonly RegExp[];
  /** ...and none of these does */
  unless?: readonly RegExp[];
  /**
   * The message must be essentially just the matched phrase: after removing every match (and any
   * greeting), only {@link FILLER} words or the row's `allow` words may remain.
   */
  only?: boolean;
  allow?: readonly string[];
  /** match against the raw text (tags stripped, trimmed) instead, e.g. a lone "?" */
  raw?: boolean;
}

/** A regex matching any of the alternatives as whole words (alternatives may use regex syntax). */
function words(...alternatives: string[]): RegExp {
  return new RegExp(`\\b(?:${alternatives.join('|')})\\b`);
}

/** Words that may surround a short message without changing what it is. */
const FILLER: ReadonlySet<string> = new Set([
  'please', 'pls', 'plz', 'bitte', 'mal', 'doch', 'einfach', 'just', 'nur', 'now', 'jetzt',
  'i', 'me', 'my', 'we', 'us', 'you', 'ich', 'mir', 'mich', 'wir', 'uns', 'du', 'dir', 'sie',
  'the', 'a', 'an', 'der', 'die', 'das', 'den', 'dem', 'ein', 'eine', 'einen', 'to', 'zu',
  'for', 'fuer', 'fur', 'can', 'could', 'would', 'kannst', 'koenntest', 'konntest', 'kann',
  'need', 'want', 'brauche', 'moechte', 'mochte', 'will', 'show', 'zeig', 'zeige', 'zeigen',
  'give', 'gib', 'there', 'zusammen', 'all', 'alle', 'everyone', 'team', 'leute', 'folks', 'guys',
  'bot', 'ok', 'okay', 'so', 'also', 'well', 'hm', 'hmm', 'oh', 'ah', 'um', 'and', 'und', 'then',
  'dann',
]);

const GREETINGS: readonly RegExp[] = [
  words(
    'hi+', 'hello', 'hallo+', 'halloechen', 'hey+', 'heya', 'hiya', 'howdy', 'moin', 'moinsen',
    'servus', 'gruezi', 'gruess (?:gott|dich|euch)', 'gruss gott', 'good (?:morning|afternoon|evening|day)',
    'morning', 'guten (?:morgen|tag|abend)', 'morgen', 'tag', 'yo', 'greetings', 'na',
    'how are you(?: doing)?', "how's it going", "wie geht(?:'s| es)?(?: dir| ihnen| euch)?",
  ),
];

/** A question about cancelling is not a request to cancel. */
const QUESTION_START = /^(?:how|why|what|what's|when|where|wie|warum|wieso|weshalb|was|wann|wo)\b/;

/** "How many incidents are left?" is about the balance, not the entitlement. */
const BALANCE: readonly RegExp[] = [
  /\bincidents?\b.*\b(?:left|remain\w*|noch|uebrig|verbleib\w*|verbraucht|used)\b/,
  /\b(?:remaining|restlich\w*|verbleibend\w*|uebrig\w*)\s+(?:\w+\s+)?incidents?\b/,
  words('balance', 'guthaben', 'restguthaben', 'kontostand'),
];

const ACTIVATE_WORDS = ['activate', 'activation', 'aktivieren', 'aktiviere', 'aktivierung', 'freischalten'];

/** The ordered precedence list: the first row that applies wins. */
const RULES: readonly Rule[] = [
  // -- 1. interruptions ---------------------------------------------------------------------
  {
    intent: 'cancel',
    note: 'cancel word anywhere ("cancel the activation"), but not a question about cancelling',
    match: [
      words('cancel\\w*', 'abbrechen', 'abbruch', 'stop', 'stopp', 'quit', 'exit', 'never ?mind', 'nvm',
        'forget it', 'vergiss (?:es|das)', 'vergessen sie (?:es|das)', 'beenden'),
    ],
    unless: [QUESTION_START],
  },
  {
    intent: 'startOver',
    note: 'explicit start-over phrases anywhere',
    match: [
      words('start (?:all )?over', 'start again', 'start from scratch', 'begin again', 'von vorne?',
        'neu anfangen', 'noch ?mal anfangen', 'von neuem'),
    ],
  },
  {
    intent: 'startOver',
    note: 'restart / reset only on their own: "reset my password" is not for us',
    match: [words('restart', 'reset', 'neustart', 'neu ?starten', 'neu beginnen', 'zuruecksetzen')],
    only: true,
    allow: ['conversation', 'chat', 'dialog', 'dialogue', 'gespraech', 'unterhaltung', 'everything',
      'alles', 'again', 'nochmal', 'noch', 'this', 'let\'s', 'lets', 'lass'],
  },
  { intent: 'help', note: 'a lone question mark', match: [/^\?+$/], raw: true },
  {
    intent: 'help',
    note: 'asking for help / the menu, and nothing more ("help me activate" is activate)',
    match: [
      words('help', 'hilfe', 'hilf', 'helfen', 'menu', 'menue', 'commands?', 'befehle', 'optionen',
        'options', 'features', 'funktionen', 'anleitung',
        'what (?:else )?can (?:you|this bot|the bot) do', 'what do you do', 'what can i (?:do|ask)(?: here)?',
        'was kannst du', 'was kann (?:der|dieser) bot', 'was kann ich (?:hier )?(?:machen|tun|fragen)',
        'how does (?:this|it|the bot|this bot) work', 'wie funktioniert (?:das|der bot|dieser bot|es)'),
    ],
    only: true,
    allow: ['alles', 'else', 'sonst', 'noch', 'here', 'hier', 'with', 'mit', 'what', 'what\'s', 'which',
      'was', 'welche', 'are', 'sind', 'gibt', 'es', 'list', 'liste', 'available', 'verfuegbar', 'some'],
  },

  // -- 2. roleCheck (before activate) ----------------------------------------------------------
  {
    intent: 'roleCheck',
    note: 'admins, roles, permissions mentioned at all',
    match: [
      words('admins?', 'administrators?', 'administratoren', 'roles?', 'rolle', 'rollen', 'permissions?',
        'berechtigung\\w*', 'berechtigt', 'privileges?', 'rights', 'rechte', 'authori[sz]ed',
        'authori[sz]ation', 'autorisiert', 'autorisierung', 'am i allowed', 'are we allowed'),
    ],
  },
  {
    intent: 'roleCheck',
    note: 'who may activate',
    match: [/\b(?:who|wer)\b.*\b(?:activat|aktivier|freischalt|freigeschalt)/],
  },
  {
    intent: 'roleCheck',
    note: 'may I / are we allowed / why can\'t I activate (but "how can I activate" is activate)',
    match: [
      /\b(?:can|could|may|might|can't|cant|cannot|couldn't|couldnt)\s+(?:i|we)\b.*\bactivat/,
      /\b(?:allowed|permitted|able|eligible|entitled)\s+to\s+(?:\w+\s+)?activat/,
      /\b(?:i|we)\s+(?:can't|cant|cannot|can not|am not able|are not able|am unable|are unable)\b.*\bactivat/,
      /\b(?:darf|darfst|duerfen|durfen)\b.*\b(?:aktivier|freischalt)/,
      /\b(?:aktivier|freischalt)\w*\s+(?:darf|duerfen|durfen)\b/,
      /\b(?:kann|koennen|konnen)\s+(?:ich|wir)\b.*\b(?:aktivier|freischalt)/,
      /\b(?:ich|wir)\s+(?:kann|koennen|konnen)\b.*\bnicht\b.*\b(?:aktivier|freischalt)/,
    ],
    unless: [/^(?:how|wie)\b/],
  },
  {
    intent: 'roleCheck',
    note: 'check my account',
    match: [
      /^(?=.*\b(?:check\w*|verify|pruef\w*|ueberpruef\w*|kontrollier\w*)\b)(?=.*\b(?:account|konto|benutzerkonto)\b)/,
    ],
  },

  // -- 3. ids ---------------------------------------------------------------------------------
  {
    intent: 'ids',
    note: 'Access ID / Contract ID in any spelling, or "the IDs"',
    match: [
      /\b(?:access|zugriffs?|zugangs?|contract|vertrags?)[- ]?(?:ids?|nummer|number|nr|num)\b/,
      /(?<!\b(?:entra|tenant|mandanten|mpn|partner|user|benutzer|app|client|object|subscription|abonnement)[- ]?)\bids?\b/,
    ],
  },

  // -- 4. activate ----------------------------------------------------------------------------
  {
    intent: 'activate',
    note: 'wants to activate (a negated command - "don\'t activate" - falls through to confirmNo)',
    match: [
      /\b(?:activat|aktivier|freischalt|freigeschalt|einloes|redeem)/,
      /\b(?:enable|turn on|switch on|unlock)\b.*\b(?:support|benefits?|vorteile)/,
    ],
    unless: [
      /\b(?:don't|dont|do not)\s+(?:\S+\s+){0,2}?activat/,
      /\bnicht\s+(?:\S+\s+)?(?:aktivieren|freischalten)\b/,
    ],
  },

  // -- 5. tiers -------------------------------------------------------------------------------
  {
    intent: 'tiers',
    note: 'entitlement tiers / what partners get (not the remaining balance)',
    match: [
      words('tiers?', '\\w*stufen?', 'entitle\\w*', 'benefits?', 'incidents?', 'supportfaelle', 'gold', 'silver',
        'silber', 'action ?pack', 'signature', 'cloud support', 'product support', 'produktsupport',
        'anspruch\\w*', 'leistungen', 'kontingent', 'support levels?', 'zusteh\\w*'),
      /vorteil/,
      /\b(?:what|what's|which|was|welche\w*)\b.*\b(?:get|gets|receive|included|include|includes|enthalten|inklusive|inbegriffen|bekomm\w*|krieg\w*|erhalt\w*)\b/,
      /\b(?:steht|stehen)\b.*\bzu\b/,
      /\bpartners?\b.*\bsupport\b|\bsupport\b.*\bpartners?\b/,
      /\b(?:how many|wie ?viele?)\b.*\b(?:tickets?|cases?|faelle|anfragen|supportanfragen|calls)\b/,
    ],
    unless: BALANCE,
  },

  // -- 6. short replies -----------------------------------------------------------------------
  { intent: 'greeting', note: 'just a greeting', match: GREETINGS, only: true },
  {
    intent: 'confirmYes',
    note: 'just a yes',
    match: [
      words('yes+', 'yeah', 'yea', 'yep', 'yup', 'ya', 'y', 'sure', 'confirm\\w*', 'ja+', 'jawohl', 'jap', 'jep',
        'jup', 'jupp', 'jo', 'klar', 'na klar', 'klaro', 'sicher', 'bestaetig\\w*', 'ok', 'okay', 'okey', 'k',
        'kk', 'alright', 'all right', 'correct', 'right', 'richtig', 'genau', 'gerne?', 'absolutely',
        'definitely', 'of course', 'natuerlich', 'einverstanden', 'passt', 'go ahead', 'go for it', 'do it',
        'please do', 'mach (?:das|es)', 'mach', "mach's", 'machs', 'mach weiter', 'weiter', 'continue',
        'proceed', 'fortfahren', 'los', "los geht's", "let's go", 'lets go', "let's do it", 'lets do it',
        'sounds good', 'klingt gut', 'agreed'),
    ],
    only: true,
  },
  {
    intent: 'confirmNo',
    note: 'just a no (also "don\'t activate", "bitte nicht aktivieren")',
    match: [
      words('no+', 'nope', 'nah', 'nay', 'n', 'nein', 'ne', 'nee', 'noe', 'no thanks', 'no thank you',
        'nein danke', 'not now', 'not yet', 'nicht jetzt', 'noch nicht', 'lieber nicht', 'besser nicht',
        'bitte nicht', 'nicht', "don't", 'dont', 'do not', 'later', 'spaeter', 'maybe later',
        'vielleicht spaeter', 'negative', 'ablehnen', 'decline', 'auf keinen fall', 'no way', 'keinesfalls'),
    ],
    only: true,
    allow: [...ACTIVATE_WORDS, 'it', 'es', 'that', 'yet', 'thanks', 'thank', 'danke'],
  },
];

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

function global(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
}

const GREETINGS_GLOBAL = GREETINGS.map(global);
const REMOVERS = new Map<Rule, readonly RegExp[]>(
  RULES.filter((r) => r.only).map((r) => [r, [...r.match.map(global), ...GREETINGS_GLOBAL]]),
);

/** True if nothing but filler (and the rule's allowed words) is left once the matches are removed. */
function isEssentiallyOnly(rule: Rule, text: string): boolean {
  let rest = text;
  for (const re of REMOVERS.get(rule) ?? []) rest = rest.replace(re, ' ');
  const allow = new Set(rule.allow ?? []);
  return rest
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .every((t) => FILLER.has(t) || allow.has(t));
}

function applies(rule: Rule, text: string, raw: string): boolean {
  const subject = rule.raw ? raw : text;
  if (!rule.match.some((re) => re.test(subject))) return false;
  if (rule.unless?.some((re) => re.test(subject))) return false;
  if (rule.only && !isEssentiallyOnly(rule, subject)) return false;
  return true;
}

/** The intents in the order they are tried (for documentation and tests). */
export const PRECEDENCE: readonly Intent[] = [...new Set(RULES.map((r) => r.intent)), 'none'];

/** Recognizes the intent of one free-text message. Pure and synchronous. */
export function recognize(text: string): Recognition {
  const normalized = normalize(text);
  const corrected = correctTypos(normalized, LEXICON);
  const raw = stripTags(text).trim();
  const rule = RULES.find((r) => applies(r, corrected, raw));
  return { intent: rule?.intent ?? 'none', normalized };
}
