/**
 * The knowledge search's language data: domain phrases joined into one token, stop words of both
 * languages, synonym groups and extra compound parts. Data only; the algorithm is in search.ts.
 */

/**
 * Multi-word and hyphenated domain terms, rewritten to one token before tokenizing. Applied to
 * text that is already lower-case with umlauts spelled out. Order matters: the coordinated forms
 * ("Zugriffs- und Vertrags-ID") must run before the single ones.
 */
export const PHRASES: readonly (readonly [RegExp, string])[] = [
  // "Zugriffs- und Vertrags-ID", "access and contract IDs", "Vertrags- und Zugriffs-ID"
  [/\b(?:zugriffs|access)-?\s*(?:und|and|&|\/|\+)\s*(?:vertrags|contract)[\s-]*(?:id|ids|nummer|nummern|numbers?)\b/g, ' accessid contractid '],
  [/\b(?:vertrags|contract)-?\s*(?:und|and|&|\/|\+)\s*(?:zugriffs|access)[\s-]*(?:id|ids|nummer|nummern|numbers?)\b/g, ' contractid accessid '],
  [/\b(?:zugriffs|zugangs|access)[\s-]*(?:id|ids|nummer|nummern|numbers?|kennung)\b/g, ' accessid '],
  [/\b(?:vertrags|contract)[\s-]*(?:id|ids|nummer|nummern|numbers?|kennung)\b/g, ' contractid '],
  [/\bon[\s-]*prem(?:ise|ises)?\b/g, ' onprem '],
  [/\bpre[\s-]*sales?\b/g, ' presales '],
  [/\bpartner[\s-]*(?:center|centre)\b/g, ' partnercenter '],
  [/\baction[\s-]*pack\b/g, ' actionpack '],
  [/\bcloud solution provider\b/g, ' csp '],
  [/\bmicrosoft partner network\b/g, ' mpn '],
  [/\btechnical account manager\b/g, ' tam '],
  // "5-pack", "5er-Pack", "10 pack", "Zehnerpack"
  [/\b(5|10)(?:er)?[\s-]*pack\b/g, ' $1pack '],
  [/\bfuenferpack\b/g, ' 5pack '],
  [/\bzehnerpack\b/g, ' 10pack '],
  [/\be[\s-]*mail\b/g, ' email '],
  // "der Vertrag läuft ab", "wenn die Mitgliedschaft ausläuft"
  [/\b(?:laeuft|laufen|lief|liefen)\s+(?:\S+\s+)?(?:ab|aus)\b/g, ' ablaufen '],
];

/**
 * Function words of both languages, in normalized spelling. Interrogatives that separate entries
 * are deliberately kept: who/wer (roles), where/wo (portals), when/wann; as are negations
 * ("not authorized", "keine Vorteile") and must/muss (must-activate vs who-may-activate).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    // English
    'a an the is are was were be been being am do does did doing done i im ive we weve you youre he she it its ' +
    'they them their theirs me my mine our ours your yours us to of in on at for from with by and or but if so as ' +
    'this that these those there here what whats how hows which can could would should will shall might ' +
    'have has had having any some about into than then too very just also please pls hi hello hey thanks thank ' +
    'get gets got getting much many whether tell know want like dont doesnt anyone someone ' +
    // German
    'der die das den dem des ein eine einer eines einem einen und oder aber ich wir du sie er es ihr ihre ihren ' +
    'mein meine meinen meinem unser unsere unseren unserem unserer euer eure ist sind war waren bin bist hat haben ' +
    'habe hast hatte hatten kann kannst koennen konnen koennte man mir mich uns dir dich zu im in am an auf fuer ' +
    'mit von vom zum zur bei beim aus wie was welche welcher welches welchen noch schon auch nur denn doch mal ' +
    'ja bitte hallo danke gibt gibts gib sich so da dann wenn ob dass als um ueber bis nach vor durch ' +
    'viele viel wieviel wieviele wird werden wurde sein seine etwas jemand hier dort dies diese dieser dieses mehr'
  )
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/**
 * A small bilingual synonym table for domain words: every listed word form (normalized spelling)
 * and its stems become the concept term. Only words whose meaning in THIS domain is the same go in
 * one group; a word that means two things here (German "Fall" = a case = a support request or an
 * incident) is listed in both groups and yields both concepts.
 */
export const SYNONYM_GROUPS: Readonly<Record<string, readonly string[]>> = {
  incident: ['incident', 'incidents', 'vorfall', 'vorfaelle', 'supportvorfall', 'supportvorfaelle', 'fall', 'faelle', 'supportfall', 'supportfaelle', 'case', 'cases', 'supportcase', 'supportcases'],
  request: ['request', 'requests', 'anfrage', 'anfragen', 'supportanfrage', 'supportanfragen', 'ticket', 'tickets', 'supportticket', 'supporttickets', 'case', 'cases', 'fall', 'faelle', 'supportfall', 'supportfaelle', 'supportrequest', 'supportrequests'],
  activate: ['activate', 'activates', 'activated', 'activating', 'activation', 'aktivieren', 'aktiviere', 'aktiviert', 'aktivierung', 'freischalten', 'freischaltung', 'freigeschaltet', 'schalte', 'enable', 'enabled'],
  admin: ['admin', 'admins', 'administrator', 'administrators', 'administratoren', 'administratorin'],
  contract: ['contract', 'contracts', 'vertrag', 'vertraege', 'supportvertrag', 'supportvertraege'],
  competency: ['competency', 'competencies', 'competence', 'kompetenz', 'kompetenzen'],
  remaining: ['remaining', 'left', 'verbleibend', 'verbleibende', 'verbleibenden', 'uebrig', 'restlich', 'restliche', 'restlichen', 'rest', 'balance', 'saldo', 'guthaben', 'kontingent', 'restkontingent'],
  account: ['account', 'accounts', 'konto', 'konten', 'benutzerkonto', 'kennung', 'login', 'logins', 'anmeldung'],
  private: ['private', 'personal', 'privat', 'privates', 'privaten', 'privater', 'persoenlich', 'persoenliches', 'persoenlichen'],
  // (not "läuft" alone: "läuft das automatisch?" asks whether it works by itself)
  expired: ['expired', 'expire', 'expires', 'abgelaufen', 'ablaufen', 'ausgelaufen', 'auslaufen', 'auslaeuft', 'ausgelaufene', 'abgelaufene', 'abgelaufenen'],
  buy: ['buy', 'purchase', 'purchased', 'kaufen', 'kauf', 'erwerben', 'zukaufen', 'dazukaufen'],
  error: ['error', 'errors', 'fehler', 'fehlermeldung', 'meldung', 'message'],
  link: ['link', 'linked', 'linking', 'verknuepfen', 'verknuepft', 'verknuepfung', 'verbinden', 'verbunden', 'associate', 'associated', 'zugeordnet', 'zuordnen', 'hook', 'hooked', 'connect', 'connected', 'attach', 'attached', 'koppeln', 'gekoppelt', 'hinterlegen', 'hinterlegt'],
  silver: ['silver', 'silber'],
  allowed: ['allowed', 'permitted', 'permission', 'permissions', 'darf', 'duerfen', 'berechtigt', 'berechtigung', 'berechtigungen', 'authorized', 'autorisiert'],
  must: ['must', 'need', 'needed', 'required', 'require', 'necessary', 'muss', 'muessen', 'notwendig', 'noetig', 'erforderlich', 'benoetigt', 'brauche', 'brauchen'],
  membership: ['membership', 'memberships', 'mitgliedschaft', 'mitgliedschaften'],
  compare: ['compare', 'comparison', 'vs', 'versus', 'difference', 'differences', 'vergleich', 'vergleichen', 'unterschied', 'unterschiede'],
  onprem: ['onprem', 'lokal', 'lokale', 'lokalen', 'lokaler', 'lokales'],
  benefit: ['benefit', 'benefits', 'vorteil', 'vorteile', 'leistung', 'leistungen', 'supportvorteil', 'supportvorteile'],
};

/** Word parts the compound splitter may use even when the knowledge base never spells them alone. */
export const EXTRA_COMPOUND_PARTS = ['support', 'cloud', 'partner', 'vertrag', 'zugriff', 'kompetenz', 'anfrage', 'plan', 'portal', 'fall', 'faelle', 'vorteil', 'vorteile', 'konto', 'level', 'stufe', 'gold', 'silber', 'silver', 'azure', 'technisch', 'privat'];
