/**
 * The recognizer's data: the keywords typos are snapped to, and the ordered rule table (the first
 * row that applies wins; see recognizer.ts for the precedence and the matching). Data only: adding
 * a phrasing is a change here, not in the algorithm.
 */
import type { TypoLexicon } from './fuzzy.js';
import type { Intent } from './recognizer.js';

// ---------------------------------------------------------------------------------------------
// Typo tolerance for the main nouns and verbs
// ---------------------------------------------------------------------------------------------

export const LEXICON: TypoLexicon = {
  keywords: [
    'activate', 'activation', 'aktivieren', 'aktiviere', 'aktivierung', 'freischalten',
    'contract', 'contractid', 'vertrag', 'vertrags', 'vertragsnummer',
    'access', 'accessid', 'zugriff', 'zugriffs', 'zugangs',
    'incident', 'incidents', 'entitled', 'entitlement', 'entitlements',
    'benefit', 'benefits', 'vorteile', 'supportvorteile', 'leistungsstufen',
    'signature', 'support', 'silver', 'silber',
    'admin', 'admins', 'administrator', 'berechtigt', 'berechtigung', 'permission', 'permissions',
    'cancel', 'abbrechen', 'pruefen', 'ueberpruefen', 'bestaetigen', 'natuerlich',
    // pasted portal errors (F10, F11, F20)
    'already', 'associated', 'account', 'bereits', 'zugeordnet', 'verknuepfen', 'verknuepft',
    'authorized', 'autorisiert', 'perform', 'action', 'aktion',
    // balance, support plans, recording an incident
    'remaining', 'balance', 'kontingent', 'verbraucht', 'premier', 'advanced', 'presales', 'deployment',
    'supportplan', 'supportanfrage', 'erfassen',
  ],
  // Real words one edit away from a keyword that must not be "corrected".
  keep: new Set(['contact', 'contacts', 'admit', 'admits', 'abrechnen', 'solver', 'bereit', 'bereite',
    'aktien', 'verbrauch', 'verbraucher']),
};

// ---------------------------------------------------------------------------------------------
// Rule table
// ---------------------------------------------------------------------------------------------

/**
 * Questions about incidents that the tier table does not answer (whether they roll over, how fast
 * support answers): the tiers flow would show the table instead of admitting it does not know.
 */
const NOT_THE_TABLE = /\b(?:roll(?:s|ed)? over|rollover|carr(?:y|ies|ied) over|uebertrag\w*|verfall\w*|response times?|reaktionszeit\w*|sla)\b/;

export interface Rule {
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
export const FILLER: ReadonlySet<string> = new Set([
  'please', 'pls', 'plz', 'bitte', 'mal', 'doch', 'einfach', 'just', 'nur', 'now', 'jetzt',
  'i', 'me', 'my', 'we', 'us', 'you', 'ich', 'mir', 'mich', 'wir', 'uns', 'du', 'dir', 'sie',
  'the', 'a', 'an', 'der', 'die', 'das', 'den', 'dem', 'ein', 'eine', 'einen', 'to', 'zu',
  'for', 'fuer', 'fur', 'can', 'could', 'would', 'kannst', 'koenntest', 'konntest', 'kann',
  'need', 'want', 'brauche', 'moechte', 'mochte', 'will', 'show', 'zeig', 'zeige', 'zeigen',
  'give', 'gib', 'there', 'zusammen', 'all', 'alle', 'everyone', 'team', 'leute', 'folks', 'guys',
  'bot', 'ok', 'okay', 'so', 'also', 'well', 'hm', 'hmm', 'oh', 'ah', 'um', 'and', 'und', 'then',
  'dann',
]);

export const GREETINGS: readonly RegExp[] = [
  words(
    'hi+', 'hello', 'hallo+', 'halloechen', 'hey+', 'heya', 'hiya', 'howdy', 'moin', 'moinsen',
    'servus', 'gruezi', 'gruess (?:gott|dich|euch)', 'gruss gott', 'good (?:morning|afternoon|evening|day)',
    'morning', 'guten (?:morgen|tag|abend)', 'morgen', 'tag', 'yo', 'greetings', 'na',
    'how are you(?: doing)?', "how's it going", "wie geht(?:'s| es)?(?: dir| ihnen| euch)?",
  ),
];

/** A question about cancelling is not a request to cancel. */
const QUESTION_START = /^(?:how|why|what|what's|when|where|wie|warum|wieso|weshalb|was|wann|wo)\b/;

/** Words that name the subject of a validity question: "is our contract still valid?" (F16). */
const VALIDITY_SUBJECT = String.raw`(?:contract|vertrag\w*|support|benefits?|vorteile|supportvorteile|incidents?)`;
const VALIDITY = String.raw`(?:valid|gueltig\w*|gultig\w*|expire[sd]?|expiring|expiry|expiration|end|ends|ending|endet|run(?:s|ning)? out|ablauf\w*|ablaeuft|ablauft|abgelaufen|end ?date|enddatum|laufzeit)`;

/** "How many incidents are left?", "is our contract still valid?": the balance (F16), not the entitlement (F1-F8). */
const BALANCE: readonly RegExp[] = [
  /\bincidents?\b.*\b(?:left|remain\w*|noch|uebrig|verbleib\w*|bleib\w*|verbraucht|used)\b/,
  /\b(?:remaining|restlich\w*|verbleibend\w*|uebrig\w*)\s+(?:\w+\s+)?(?:incidents?|cases?|tickets?|faelle|supportfaelle)\b/,
  /\b(?:how many|how much|wie ?viele?)\b.*\b(?:left|remain\w*|still|noch|uebrig|verbleib\w*|verbraucht|used)\b/,
  // ("Kontingent" alone is what one gets, the tier table: "Was haben wir an Support-Kontingent?")
  words('balance', 'guthaben', 'restguthaben', 'kontostand', 'restkontingent\\w*'),
  /\bkontingent\w*\b.*\b(?:left|noch|uebrig|verbleib\w*|verbraucht|rest\w*)\b|\b(?:verbleibend\w*|restlich\w*|uebrig\w*)\s+(?:\w+\s+)?kontingent/,
  new RegExp(String.raw`\b${VALIDITY_SUBJECT}\b.*\b${VALIDITY}\b|\b${VALIDITY}\b.*\b${VALIDITY_SUBJECT}\b`),
  // "wann läuft unser Vertrag ab"
  new RegExp(String.raw`\b(?:laeuft|lauft|laufen)\b(?=.*\b${VALIDITY_SUBJECT}\b).*\bab\b`),
];

/** How people say that something went wrong (used for "linking the support benefits fails", F22). */
const FAILURE = String.raw`(?:errors?|fail\w*|problems?|issues?|fehler\w*|fehlgeschlagen|doesn't work|doesnt work|does not work|didn't work|didnt work|did not work|don't work|dont work|not working|won't work|wont work|isn't working|cannot|can't|cant|can not|unable|funktioniert nicht|geht nicht|klappt nicht|nicht moeglich|kann nicht|koennen nicht)`;
const LINK_OBJECT = String.raw`(?:support|benefits?|contract|azure|plan)`;

/**
 * Asking the bot to do it: "can you activate our benefits?", "Kannst du unsere Benefits jetzt
 * activaten? Bin Global Admin." is the activation, whatever role it names (not "can I activate?",
 * the role check).
 */
export const ASKS_BOT_TO_ACTIVATE =
  /\b(?:can|could|would|will)\s+you\s+(?:please\s+|pls\s+|now\s+|just\s+)?(?:activate|enable|turn on|unlock)\b|\b(?:kannst|koenntest|wuerdest|kannste)\s+du\b(?:\s+\S+){0,6}?\s+(?:aktivieren|freischalten|activaten|activate)\b|\b(?:please|pls|bitte)\s+(?:\S+\s+){0,2}?(?:activate|aktiviere|aktivieren sie|aktiviert|schalte|schalten sie)\b/;

/** A statement that an incident was used / a case was opened is not a question about it. */
const NOT_A_STATEMENT: readonly RegExp[] = [
  /\b(?:how many|how much|wie ?viele?|wieviel\w*)\b/,
  /^(?:sind|ist|wurde|wurden|haben|hat|is|are|was|were|did|does)\b/,
  // a yes/no question about a thing: "Zieht das auch Fälle von unserem Kontingent ab?", "counts that against our incidents?"
  /\b(?:zieht|zaehlt|verbraucht|kostet|belastet)\s+(?:das|es|dies|dieser|diese)\b|^(?:counts|uses|eats|takes|costs)\s+(?:that|this|it)\b/,
  /\b(?:status|check|pruef\w*|closed|geschlossen|abgeschlossen)\b/,
  /^(?:how|why|what|what's|when|where|which|wie|warum|wieso|weshalb|was|wann|wo|welche\w*)\b/,
  // context, then a question about it: "we opened a case last week with the IDs, does my colleague
  // also need them?" (but "..., can you record it?" asks to record)
  /\b(?:does|do|did|must|should|will|would|can|could)\s+(?:my|our|the|he|she|they|i|we|it|this|that)\b/,
  /\b(?:muss|muessen|brauche|brauchen|braucht|kann|koennen|darf|duerfen)\s+(?:ich|wir|man|mein\w*|unser\w*|der|er)\b/,
];

/** The nouns for a support case, singular (and the common plurals where they read naturally). */
const CASE_NOUN = String.raw`(?:incidents?|cases?|tickets?|support (?:requests?|cases?|tickets?|incidents?)|service requests?|srs?|supportfall|supportfaelle|faelle|fall|supportanfragen?|anfragen?|supporttickets?)`;

/**
 * Asks to open a case (normalized text): "open a case for SharePoint Server", "einen Fall bei
 * Microsoft zu öffnen", "wie ich einen Fall aufmache". The one reading of it: the route rule below,
 * the routing (a role named in a route question) and the follow-up (was the last question a route
 * question?) all use it. ("Does that raise our incidents?" asks whether there are more of them.)
 */
export const OPENS_A_CASE: readonly RegExp[] = [
  // ("einen Signature-Fall eröffnen": the noun may carry a hyphenated first part)
  new RegExp(String.raw`\b(?:open|create|raise(?!\s+(?:our|the number|the count)\b)|submit|file|log|start|make|eroeffne\w*|erstelle\w*|anlegen|lege|aufmachen|mache|oeffne\w*|einreichen|reiche)\s+(?:\S+\s+){0,4}?(?:\S+-)?${CASE_NOUN}\b`),
  // the German verb split around its object: "wo mach ich da einen Fall auf?", "wo lege ich den Fall an?"
  new RegExp(String.raw`\b(?:mach|mache|machen|machst|leg|lege|legen|legst)\s+(?:\S+\s+){0,4}?(?:\S+-)?${CASE_NOUN}\s+(?:\S+\s+){0,4}?(?:auf|an)\b`),
  new RegExp(String.raw`\b${CASE_NOUN}\s+(?:\S+\s+){0,4}?(?:zu\s+)?(?:oeffnen|eroeffnen|erstellen|anlegen|aufmachen|aufzumachen|einreichen|aufmache|eroeffne)\b`),
];
export const opensACase = (normalized: string): boolean => OPENS_A_CASE.some((re) => re.test(normalized));

const ACTIVATE_WORDS = ['activate', 'activation', 'aktivieren', 'aktiviere', 'aktivierung', 'freischalten'];

/** A helpdesk case id as typed and normalized: "c-000002", "c-2", "c2". */
const CASE_ID = String.raw`c-?\d{1,9}`;

/**
 * Words that make "partner ..." / "find ..." a question about the benefits, not a partner's name:
 * "partner center", "partner benefits", "find access id".
 */
const NOT_A_PARTNER_NAME = words(
  'support\\w*', 'center', 'centre', 'benefits?', 'vorteile?\\w*', 'admins?\\w*', 'ids?', 'access', 'accessid', 'contract\\w*',
  'contractid', 'vertrag\\w*', 'zugriffs?\\w*', 'program\\w*', 'network', 'netzwerk', 'levels?', 'status', 'portal', 'tiers?',
  'stufen?', 'membership\\w*', 'mitgliedschaft\\w*', 'competenc\\w*', 'kompetenz\\w*', 'incidents?', 'accounts?', 'konto',
  'type', 'typ', 'roles?', 'rolle\\w*', 'plans?', 'help', 'hilfe', 'cases?', 'faelle', 'fall', 'error', 'fehler', 'gold',
  'silver', 'silber', 'action', 'pack', 'cloud', 'azure', 'with', 'mit', 'for', 'fuer', 'and', 'und',
);

/** The ordered precedence list: the first row that applies wins. */
export const RULES: readonly Rule[] = [
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

  // -- 1b. people and helpdesk commands (explicit, so they come before the topic rules) ------------
  {
    intent: 'escalate',
    note: 'a partner wants a person: "talk to a person", "ich brauche Hilfe von einem Menschen"',
    match: [
      /\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a|an|some|real)?\s*(?:person|human|someone|somebody|agent|people|staff|helpdesk|support)\b/,
      // "a human please", "bitte einen Menschen", "ich brauch nen Menschen": in this chat a human is always a person to talk to
      /\b(?:humans?|menschen?|real person|live agent|helpdesk agent)\b/,
      /\bescalat\w*\b/,
      /\b(?:mensch\w*|mitarbeiter\w*|person|jemand\w*|helpdesk|support-?team)\b.*\b(?:sprechen|besprechen|reden|hilfe|kontakt|telefonieren|schreiben|uebernehmen|uebernimmt)\b/,
      // "reach someone on the support team instead of the bot"
      /\b(?:instead of|rather than) (?:the|this|a|you,?) ?(?:chat)?bot\b|\b(?:statt|anstatt|anstelle) (?:dem|des|vom|dir|einem) ?(?:chat)?bots?\b/,
      /\b(?:reach|contact|call|ring)\s+(?:someone|somebody|a person|a human|an agent|a colleague|a real person)\b/,
      // "a person from the helpdesk", "jemand vom Helpdesk", "call me back"
      /\b(?:a person|someone|somebody|a human|an agent|jemand\w*|mitarbeiter\w*)\s+(?:from|at|vom|von|aus dem)\s+(?:the\s+|your\s+|eurem\s+|ihrem\s+)?(?:partner[- ]?)?(?:helpdesk|help desk|support[- ]?team|partner support)\b/,
      /\b(?:call me back|call us back|callback|zurueckrufen|zurueckruf|rueckruf)\b/,
      /\b(?:sprechen|reden|hilfe|kontakt)\b.*\b(?:mensch\w*|mitarbeiter\w*|einer person|jemand\w*)\b/,
      /\b(?:eskalier\w*|helpdesk kontaktieren)\b/,
      // "I need an actual person", "a real engineer", "not a chatbot", "einen echten Menschen"
      /\b(?:actual|real|live)\s+(?:person|persons|human|humans|engineer|engineers|people|agent|technician)\b|\bnot (?:a|the|this|some) ?(?:chat)?bot\b/,
      /\b(?:echte[nmr]?|richtige[nmr]?)\s+(?:\w+-)?(?:mensch\w*|person|techniker\w*|mitarbeiter\w*|ansprechpartner\w*)\b|\bkeine?n? (?:chat)?bot\b/,
      // "Mensch bitte, SharePoint-Server down", "human please: exchange is down"
      // (unless it goes on to ask: "Mitarbeiter bitte: wie viele Incidents haben wir noch?" is the balance)
      /^(?:mensch|menschen|human|person|agent|mitarbeiter)\s+(?:bitte|please|pls)\b(?!.*\b(?:wie|was|wo|wer|welche\w*|how|what|where|who|which)\b)/,
      // Just asking for one: "Mitarbeiter bitte", "a human please", "Mensch!", "agent pls"
      /^(?:(?:bitte|please|pls|einen?|an?|with an?)\s+)*(?:mensch|mitarbeiter\w*|menschen|human|person|agent|operator|sachbearbeiter\w*|berater\w*)(?:\s+(?:bitte|please|pls|now|jetzt|sofort))*\W*$/,
      // "get me someone from support", "connect me with somebody", "verbinde mich mit jemandem"
      /\b(?:get|find|put|connect|transfer|pass|hand)\s+me\s+(?:\S+\s+)?(?:to|with|through to)?\s*(?:someone|somebody|a person|a human|an agent|a colleague)\b/,
      /\b(?:verbinde|verbindet|vermittle|vermittel|stell\w*|leite\w*)\s+(?:mich|uns)\b.*\b(?:jemand\w*|person|mitarbeiter\w*|mensch\w*|kolleg\w*|support-?team|helpdesk)\b/,
    ],
  },
  {
    intent: 'setHelpdeskChannel',
    note: 'an agent names this conversation as the helpdesk conversation',
    match: [/\b(?:set|use|make)\b.*\bhelp ?desk\b.*\b(?:channel|chat|conversation)\b/, /\bhelp ?desk[- ]?(?:kanal|chat)\b.*\b(?:setzen|festlegen|einrichten|verwenden)\b/],
  },
  { intent: 'triage', note: 'an agent starts a triage', match: [/^(?:start |new |neue |starte )?triage\b/] },
  { intent: 'audit', note: '"audit 4711002"', match: [/^audit\b/] },
  {
    intent: 'casesFor',
    note: '"cases for 4711002", "Fälle für Woodgrove"',
    match: [/^(?:cases|tickets|faelle|falle)\s+(?:for|of|von|fuer|fur)\s+\S+/],
  },
  {
    intent: 'casesFor',
    note: 'one case by its id: "case C-000002", "C-2", "Fall C-000002", "show case c-2" (the case flow reads the id)',
    match: [new RegExp(String.raw`^(?:(?:show|open|view|zeige?|zeig mir|oeffne|oeffnen)\s+)?(?:(?:the|den|die|das)\s+)?(?:(?:case|fall|ticket|vorgang|history|verlauf|historie)\s+(?:(?:of|von|zu)\s+)?)?${CASE_ID}$`)],
  },
  {
    intent: 'openCases',
    note: '"open cases", "offene Fälle", and the unassigned ones: "unassigned cases", "nicht zugewiesene Fälle" (the case flow tells them apart)',
    match: [
      /^(?:all )?(?:open|offene?n?|alle offenen?)\s+(?:cases|tickets|faelle|falle)\b/,
      /^(?:(?:show|list|zeige?)\s+)?(?:all |alle )?(?:unassigned|not assigned|nicht zugewiesene?n?|unzugewiesene?n?|offene?n? nicht zugewiesene?n?)(?:\s+(?:cases|tickets|faelle|falle))?$/,
      /^(?:cases|faelle|falle|tickets)\s+(?:without (?:an )?(?:assignee|agent)|ohne (?:bearbeiter\w*|zuweisung))$/,
    ],
  },
  {
    intent: 'myCases',
    note: '"my cases", "meine Fälle" (plural: "my case number is ..." is about recording); an agent\'s are those assigned to them',
    match: [
      /\b(?:my|meine?n?)\s+(?:cases|tickets|faelle|falle|anfragen|helpdesk cases)\b/,
      /^(?:(?:show|list|zeige?)\s+)?(?:(?:cases|tickets|faelle|falle)\s+)?(?:assigned to me|mir zugewiesene?n?|an mich zugewiesene?n?)(?:\s+(?:cases|tickets|faelle|falle))?$/,
    ],
    unless: [/\d{6,}/],
  },
  {
    intent: 'lookup',
    note: '"partner 4711002", "lookup Woodgrove", "tenant 0b7c9e24-..."',
    match: [/^partner\s+\d{4,10}$/, /^(?:lookup|look up|find partner|suche partner|partner suchen|nachschlagen)\s+\S+/, /^(?:tenant|mandant)\s+[0-9a-f]{8}/],
  },
  {
    intent: 'lookup',
    note: 'a partner by name: "partner northwind", "find northwind", "suche Northwind" (not "partner center", "find our access id")',
    match: [/^(?:partner|find|finde|suche|such)\s+[\p{L}\p{N}][\p{L}\p{N}' -]{0,60}$/u],
    unless: [
      /^(?:partner|find|finde|suche|such)\s+(?:my|our|the|a|an|me|us|out|meine?\w*|unsere?\w*|die|der|das|den|dem|ein\w*|mir|uns|nach|heraus|raus|wo|where|how|wie|what|was)\b/,
      NOT_A_PARTNER_NAME,
    ],
  },
  {
    intent: 'lookup',
    note: 'who is behind an id: "who is 4711002", "wer ist 0b7c9e24-..." (a tenant or a user\'s object id)',
    match: [/^(?:who is|who's|whos|wer ist)\s+(?:partner\s+|tenant\s+|mandant\s+|user\s+|benutzer\s+)?(?:\d{4,10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/],
  },
  {
    intent: 'lookup',
    note: 'a user\'s e-mail address, as typed: "who is wanda@woodgrove.example", "lookup wanda@..."',
    raw: true,
    match: [/^(?:who is|who's|whos|wer ist|lookup|look up|find|finde|suche|such|partner|user|benutzer)\s+[^\s@]+@[^\s@]+\.[^\s@?]+\s*\??$/i],
  },

  // -- 2. pasted portal errors (before ids, roleCheck and tiers: they quote their words) --------
  {
    intent: 'alreadyAssociated',
    note: 'the Azure portal error "This Access ID is already associated with an account..." pasted or asked about (F20, F21)',
    match: [
      /\b(?:already|bereits|schon)\s+(?:\w+\s+){0,3}?(?:associated|zugeordnet)\b/,
      /\bassociated with (?:an|another|a different|some|this|that|my|our) accounts?\b/,
      /\b(?:einem|einem anderen|diesem) konto zugeordnet\b/,
      /\btechnical account manager\b.*\bnew\b/,
      /\b(?:new|neue[nr]?)\s+(?:access|zugriffs?|zugangs?)[- ]?(?:ids?|nummer|number)\b/,
      // the ID is already in use ("the access id is already linked", "Zugriffs-ID schon vergeben"); not a
      // person telling they used it before ("... eingeben, oder ist das erledigt, weil ich sie schon mal benutzt habe?")
      /\b(?:access|zugriffs?|zugangs?)[- ]?ids?\b(?!.*\b(?:i|we|ich|wir)\s+(?:\S+\s+){0,4}?(?:already|bereits|schon)\b).*\b(?:already|bereits|schon)\b.*\b(?:linked|used|in use|taken|registered|verknuepft|verwendet|benutzt|vergeben|genutzt|registriert)\b/,
      // linking the support benefits in the Azure portal fails (F22)
      new RegExp(String.raw`^(?=.*\blink(?:s|ed|ing)?\b.*\b${LINK_OBJECT}\b|.*\b${LINK_OBJECT}\b.*\blink(?:s|ed|ing)?\b)(?=.*\b${FAILURE}\b)`),
      new RegExp(String.raw`^(?=.*\bverknuepf\w*)(?=.*\b${FAILURE}\b)`),
    ],
  },
  {
    intent: 'notAuthorizedError',
    note: 'the pasted error "You are not authorized to perform this action" (F10; routed to the role check)',
    match: [
      /\b(?:not|un)\s?authori[sz]ed to (?:perform|do|execute|complete|carry out)\b/,
      /\b(?:not|un)\s?authori[sz]ed\b.*\baction\b/,
      /\bperform this action\b/,
      /\b(?:you are|you're|youre|you re) (?:not|un)\s?authori[sz]ed\b/,
      /\b(?:get|gets|got|getting|see|seeing|says|shows|showing|error|message)\b.*\b(?:not|un)\s?authori[sz]ed\b/,
      /\bnot authori[sz]ed (?:error|message)\b/,
      /\bnicht (?:fuer|fur) diese aktion\b/,
      /\bsie sind nicht\b.*\bautorisiert\b/,
      /\bnicht\s+(?:\w+\s+){0,3}?autorisiert\b.*\baktion\b|\baktion\b.*\bnicht\s+(?:\w+\s+){0,3}?autorisiert\b/,
      /\b(?:bekomme\w*|erhalte\w*|kriege\w*|sehe|steht|zeigt|fehler\w*|meldung)\b.*\bnicht (?:\w+\s+){0,3}?autorisiert\b/,
    ],
  },
  {
    intent: 'noBenefitsError',
    note: 'the pasted page text "It looks like you don\'t have any benefits yet" (F11), or "we see no benefits"',
    match: [
      /\b(?:don't|dont|do not|doesn't|doesnt|does not)\s+(?:\w+\s+){0,2}?have\s+(?:any\s+)?(?:\w+\s+)?benefits?\b/,
      // "we see no benefits", "no benefits yet" - not "does Action Pack have no cloud benefits?"
      /\b(?:see|show\w*|got)\s+no\s+(?:\w+\s+)?benefits?\b|\bno\s+benefits?\s+yet\b/,
      /\blooks like you\b.*\bbenefits?\b/,
      /\b(?:don't|dont|do not|can't|cant|cannot)\s+(?:see|find)\s+(?:any\s+|the\s+|our\s+)?(?:\w+\s+)?benefits?\b/,
      /\bbenefits?\b.*\b(?:don't|dont|do not|aren't|arent|are not|not)\s+(?:show\w*|appear\w*|visible|displayed|listed)\b/,
      /\bkeine\s+(?:\w+\s+)?(?:vorteile|supportvorteile|benefits?)\b/,
      /\bes sieht so aus\b.*\bvorteile\b/,
      /\bvorteile\b.*\bnicht\b.*\b(?:angezeigt|sichtbar|zu sehen)\b/,
      // "benefits page totally empty", "die Vorteile-Seite ist leer"
      /\b(?:benefits?|vorteile|vorteils|technische vorteile)[- ]?(?:page|seite|tab|section|bereich)\b.*\b(?:empty|blank|leer)\b/,
    ],
  },

  // -- 3. recordIncident (a statement; before balance, which also knows "incidents ... used") ---
  {
    intent: 'recordIncident',
    note: 'the user tells us an incident was used / a case was opened ("we used an incident, case 123...")',
    match: [
      new RegExp(String.raw`\b(?:used|used up|consumed|burned|burnt|spent|opened|created|raised|submitted|filed|logged|recorded|booked)\s+(?:\w+\s+){0,3}?${CASE_NOUN}\b`),
      new RegExp(String.raw`\b(?:record|log|track|register|book|note|enter|add)\s+(?:\w+\s+){0,2}?${CASE_NOUN}\b`),
      /(?:^|\b(?:an?|one|1|the|our|my)\s+)(?:incident|case|ticket|sr)\s+(?:was\s+|has been\s+|is\s+)?(?:used|consumed|opened|created|raised|logged|submitted)\b/,
      /\b(?:incident|incidents|fall|ticket|case|supportfall|supportanfrage|anfrage|sr)\b.*\b(?:verbraucht|genutzt|benutzt|verwendet|eroeffnet|erstellt|angelegt|aufgemacht|geoeffnet|eingereicht|erfasst|eingetragen|gebucht|aufgegeben)\b/,
      /\b(?:incident|incidents|fall|faelle|ticket|case|supportfall)\s+(?:\w+\s+)?(?:erfassen|eintragen|buchen|verbuchen|protokollieren|loggen|vermerken|notieren|abziehen)\b/,
      /\b(?:erfasse|trage|buche|protokolliere|logge|vermerke|notiere)\w*\s+(?:\w+\s+){0,2}?(?:incident|fall|ticket|case|supportfall)\b/,
      // one used, to be recorded, the noun left to the last turn: "hab grad einen verbraucht, bitte eintragen"
      /\b(?:verbraucht|genutzt|used)\b.*\b(?:eintragen|erfassen|vermerken|buchen|verbuchen|abziehen|record it|log it|note it)\b/,
      // "kannst du den bitte bei uns verbuchen?" (the case named the turn before)
      /\b(?:kannst|koenntest)\s+du\b.*\b(?:verbuchen|eintragen|erfassen|abziehen)\b/,
      // "Please count it against our incidents", "zieh ihn von unserem Kontingent ab"
      /\b(?:count|deduct|subtract|charge|book|log|record|add|put)\s+(?:it|this|that|the case|den|ihn|das)\b.*\b(?:against|from|off|von|to)\b.*\b(?:incidents?|balance|contract|kontingent|vertrag|allowance|quota|count)\b/,
      // "Bitte für unser Signature-Kontingent vermerken."
      /\b(?:kontingent\w*|count|allowance|balance|zaehler)\b.*\b(?:vermerken|eintragen|erfassen|verbuchen|abziehen|anrechnen)\b/,
      // "opened one for Exchange just now. Can you log it?", "Fall eröffnet ... bitte eintragen"
      /\b(?:opened|created|raised|eroeffnet|aufgemacht|angelegt)\b.*\b(?:log|record|add|count|track|note|vermerk\w*|eintrag\w*|erfass\w*|verbuch\w*)\s+(?:it|that|this|ihn|den|das|es)\b/,
      /\b(?:opened|created|raised|used)\s+one\b/,
      /\bzieh\w*\s+(?:ihn|den|das|es|den fall)\b.*\b(?:kontingent|incidents?|vertrag|guthaben)\b.*\bab\b/,
      // a case number with its label: "SR 2611230040001234", "Fall 2611230040001234"
      /\b(?:case|sr|fall|ticket|incident)\s*(?:number|no|nr|nummer|id)?\s*(?:is\s+|ist\s+|lautet\s+)?\d{6,}/,
    ],
    unless: NOT_A_STATEMENT,
  },
  {
    intent: 'recordIncident',
    note: 'asking how to record a used incident here ("how do I log a case" is about opening one: supportPlan)',
    match: [
      new RegExp(String.raw`^(?:how|wie)\b.*\b(?:record|track|erfass\w*|eintrag\w*|eintragen|vermerk\w*|notier\w*)\b.*\b${CASE_NOUN}\b`),
      new RegExp(String.raw`^(?:how|wie)\b.*\b${CASE_NOUN}\b.*\b(?:record|track|erfass\w*|eintragen|vermerk\w*|notier\w*)\b`),
      // "how do I log an incident we used?": logging one already used is recording it, not opening one
      new RegExp(String.raw`^(?:how|wie)\b.*\b(?:log|enter|add|melden|eintragen)\b.*\b${CASE_NOUN}\b.*\b(?:used|verbraucht\w*|genutzt\w*)\b`),
    ],
  },

  // -- 4. roleCheck (before activate) ----------------------------------------------------------
  {
    intent: 'roleCheck',
    note: 'admins, roles, permissions mentioned at all',
    match: [
      words('admins?', 'administrators?', 'administratoren', 'roles?', 'rolle', 'rollen', 'permissions?',
        'berechtigung\\w*', 'berechtigt', 'privileges?', 'rights', 'rechte', 'authori[sz]ed',
        'authori[sz]ation', 'autorisiert', 'autorisierung', 'am i (?:\\w+ )?allowed', 'are we (?:\\w+ )?allowed'),
    ],
    // "Can a colleague without admin rights open cases with the IDs?" asks who may USE the support
    // (F14), not who may activate.
    unless: [
      /\b(?:ids?|accessid|contractid|access id|contract id|zugriffs-?id|vertrags-?id)\b.*\b(?:open|use|nutzen|oeffnen|eroeffnen|anlegen|cases?|faelle|fall|support)\b|\b(?:open|use|nutzen|oeffnen|eroeffnen|anlegen)\b.*\b(?:ids?|access id|contract id|zugriffs-?id|vertrags-?id)\b/,
      ASKS_BOT_TO_ACTIVATE,
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
      /\b(?:darf|darfst|duerfen|durfen|duerfte\w*)\b.*\b(?:aktivier|freischalt)/,
      /\b(?:aktivier|freischalt)\w*\s+(?:darf|duerfen|durfen)\b/,
      /\b(?:kann|koennen|konnen)\s+(?:ich|wir)\b.*\b(?:aktivier|freischalt)/,
      /\b(?:ich|wir)\s+(?:kann|koennen|konnen)\b.*\bnicht\b.*\b(?:aktivier|freischalt)/,
    ],
    unless: [/^(?:how|wie)\b/, ASKS_BOT_TO_ACTIVATE],
  },
  {
    intent: 'roleCheck',
    note: 'check my account',
    match: [
      /^(?=.*\b(?:check\w*|verify|pruef\w*|ueberpruef\w*|kontrollier\w*)\b)(?=.*\b(?:account|konto|benutzerkonto)\b)/,
    ],
  },

  // -- 5. ids ---------------------------------------------------------------------------------
  {
    intent: 'ids',
    note: 'Access ID / Contract ID in any spelling, or "the IDs"',
    match: [
      /\b(?:access|zugriffs?|zugangs?|contract|vertrags?)[- ]?(?:ids?|nummer|number|nr|num)\b/,
      /(?<!\b(?:entra|tenant|mandanten|mpn|partner|user|benutzer|app|client|object|subscription|abonnement)[- ]?)\bids?\b/,
    ],
    // "... fragt nach den IDs, die ich nicht habe. Bitte aktiviere unsere Vorteile." asks to activate
    unless: [ASKS_BOT_TO_ACTIVATE],
  },

  // -- 6. activate ----------------------------------------------------------------------------
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

  // -- 7. balance (before tiers: "how many incidents are LEFT") ------------------------------
  {
    intent: 'balance',
    note: 'remaining incidents, the balance, the contract\'s validity (F16); "how many incidents do we have" stays tiers',
    match: BALANCE,
    // "Our contract has expired. Which support do we use for Azure now?" states the balance and asks for a route.
    unless: [/\b(?:which|welche[nmrs]?)\s+(?:\w+\s+)?(?:support|supportart|portal|plan|weg|way|route)\b.*\b(?:use|nutzen|nehmen|verwenden|should|sollen|sollten)\b/],
  },

  // -- 8. supportPlan (before tiers, which matches any "partner ... support") --------------------
  {
    intent: 'supportPlan',
    note: 'which plan / paid support / TPD / CSP requests / Support for Business (F15, F18, F19, F23, F26)',
    match: [
      words('support ?plans?', 'support-plans?', 'supportplan\\w*', 'premier', 'unified support', 'advanced support',
        'paid support', 'bezahlte\\w* support\\w*', 'kostenpflichtige\\w* support\\w*', 'presales', 'pre-sales',
        'pre sales', 'deployment', 'bereitstellung\\w*', 'tpd', 'cloud solution provider', 'support for business'),
      /\b(?:which|what|welche\w*)\s+(?:\w+\s+)?plans?\b/,
      /\b(?:buy|purchase|kaufen|kauf\w*|erwerben|bestellen|compare|vergleich\w*)\b.*\bplans?\b|\bplans?\b.*\b(?:buy|purchase|kaufen|erwerben|bestellen|compare|vergleich\w*)\b/,
      // (not acquiring a competency: "Wir überlegen, die Kompetenz Cloud Platform zu erwerben. ... Cloud-Support ...")
      /\b(?:buy|buying|purchase|kaufen|kauf\w*|bestellen|nachkaufen|zukaufen)\b.*\b(?:support|incidents?|contracts?|vertrag|vertraege|faelle|supportfaelle)\b/,
      /\b(?:support|incidents?|faelle|supportfaelle)\b.*\b(?:buy|purchase|kaufen|bestellen|nachkaufen|zukaufen)\b/,
      /\b(?:support\w*|incidents?|vertrag|vertraege|plan|plaene|faelle|supportfaelle)\s+(?:\S+\s+){0,2}?(?:zu\s+)?erwerben\b|\berwerben\s+(?:\S+\s+){0,2}?(?:support\w*|incidents?|vertrag|plan|faelle)\b/,
      // where / how to open a case: "Where do I open a case for SharePoint Server?", "Wo erstelle ich eine Supportanfrage?"
      ...OPENS_A_CASE,
      // (not where to see how many there are: "Where can I see how many incidents we are entitled to?")
      new RegExp(String.raw`\b(?:where|wo)\b(?!.*\b(?:how many|wie viele|entitled|zusteh\w*)\b).*\b${CASE_NOUN}\b`),
      // "How do I get Microsoft to look at it?"
      /\bget (?:microsoft|ms|someone (?:at|from) microsoft) to (?:look|help|check|fix|have a look)\b|\bmicrosoft (?:dazu )?(?:bringen|kriegen|bekommen)\b/,
      /\bcsp\b.*\b(?:customers?|kunden?|requests?|anfragen?|cases?|tickets?|support)\b/,
      /\blink(?:s|ed|ing)?\b.*\b(?:support|benefits?|contract)\b.*\bazure\b|\bazure\b.*\blink(?:s|ed|ing)?\b/,
    ],
  },
  {
    intent: 'supportPlan',
    note: 'which support to use ("which support do partners get" is tiers)',
    match: [
      /\b(?:which|welche[nmrs]?)\s+(?:\w+\s+)?(?:support|supportart|portal|plan|weg|way|route|path)\b/,
      /\b(?:support|hilfe|unterstuetzung)\b.*\b(?:should|sollen|sollten)\s+(?:we|i|wir|ich)\b/,
      /\b(?:should|sollen|sollten)\s+(?:we|i|wir|ich)\b.*\b(?:support|portal)\b/,
    ],
    unless: [
      /\b(?:gets?|receive|entitled|included|includes?|enthalten|inklusive|bekomm\w*|erhalt\w*|krieg\w*|zusteh\w*)\b/,
      /\b(?:benefits?|vorteile|supportvorteile|tiers?|stufen?)\b/,
    ],
  },
  {
    intent: 'supportPlan',
    note: 'where / how to get support for a product ("where do we find our benefits" is tiers)',
    match: [
      /\b(?:where|wo|how|wie)\b.*\b(?:get|find|bekomme\w*|finde\w*|erhalte\w*|krieg\w*)\b.*\b(?:support|hilfe|unterstuetzung)\b/,
      // "how do I use our Signature Cloud Support for this?", "wie nutze ich dafür unseren Support?": the route
      /\b(?:how|wie)\b.*\b(?:use|nutze\w*|verwende\w*|benutze\w*)\b.*\bsupport\b/,
    ],
    unless: [/\b(?:benefits?|vorteile|supportvorteile|tiers?|stufen?)\b/],
  },

  // -- 9. tiers -------------------------------------------------------------------------------
  {
    intent: 'tiers',
    note: 'entitlement tiers / what partners get (not the remaining balance, not whether incidents roll over)',
    unless: [NOT_THE_TABLE],
    match: [
      words('tiers?', '\\w*stufen?', 'entitle\\w*', 'benefits?', 'incidents?', 'supportfaelle', 'gold', 'silver',
        'silber', 'action ?pack', 'signature', 'cloud support', 'product support', 'produktsupport',
        'anspruch\\w*', 'leistungen', 'allowances?', 'quotas?', '(?:support-?)?kontingent\\w*', 'support levels?', 'zusteh\\w*'),
      /vorteil/,
      /\b(?:what|what's|which|was|welche\w*)\b.*\b(?:get|gets|receive|included|include|includes|enthalten|inklusive|inbegriffen|bekomm\w*|krieg\w*|erhalt\w*)\b/,
      /\b(?:steht|stehen)\b.*\bzu\b/,
      /\bpartners?\b.*\bsupport\b|\bsupport\b.*\bpartners?\b/,
      /\b(?:how many|wie ?viele?)\b.*\b(?:tickets?|cases?|faelle|anfragen|supportanfragen|calls)\b/,
      // "what support do we have?", "was haben wir eigentlich für einen Support?", "was für Support haben wir?"
      // (not what is left: "what support do we have left?" is the balance)
      /\b(?:what|which)\b.*\bsupport\b.*\b(?:do|does)\s+(?:we|i)\s+have\b(?!.*\b(?:left|remaining)\b)/,
      /(?:\b(?:was|welche\w*)\b.*\b(?:haben|hat|habe)\s+(?:wir|ich)\b.*\bsupport\b|\bwas\s+fuer\s+(?:\w+\s+)?support\b.*\b(?:haben|hat)\s+(?:wir|ich)\b)(?!.*\b(?:noch|uebrig)\b)/,
    ],
  },

  // -- 10. short replies -----------------------------------------------------------------------
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
