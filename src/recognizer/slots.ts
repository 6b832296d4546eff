/**
 * What a message already says about the situation, so a flow asks only for what is missing
 * ("Access ID already associated ... our 10-pack is used up" needs no "who is it for?"). Pure; works
 * on text normalized by `normalize` (lower case, umlauts folded), in both languages.
 */

/** The facts of the "already associated" error a message may state (F18, F20, F21). */
export interface AssociatedSlots {
  /** Whose Azure the request is for. */
  whose?: 'own' | 'csp';
  /** Scenario 1: the contract was added to this account before (e.g. for on-premises support). */
  linkedBefore?: true;
  /** Scenario 2: the contract expired, or its incidents are used up. */
  invalid?: 'expired' | 'usedUp';
}

/** A CSP customer: "csp" with a customer or tenant, in either order (a customer alone may be anyone's, F18 is about CSP). */
const CSP_CUSTOMER = /\bcsp\b.*\b(?:customers?|kunden?|clients?|tenants?|mandanten?)\b|\b(?:customers?|kunden?|clients?)\b.*\bcsp\b|\bcsp-(?:customers?|kunden?)\b/;
const OWN = /\b(?:our own|for us|ourselves|own (?:subscription|tenant|azure)|unsere? eigene\w*|eigene\w* (?:subscription|abonnement|tenant|azure)|fuer uns)\b/;
const EXPIRED =
  /\b(?:expired|has expired|expires|ran out|lapsed|ended|has ended|ablaeuft|auslaeuft|is over|was over|ran until|no longer (?:valid|active)|not (?:valid|active) (?:any ?more|now)|abgelaufen|ausgelaufen|vorbei|beendet|zu ende|endete|nicht mehr (?:gueltig|aktiv)|ungueltig)\b/;
const CASES = String.raw`(?:\w+[- ])?(?:incidents?|cases?|tickets?|faelle|supportfaelle)`;
const USED_UP = new RegExp(
  [
    String.raw`\b(?:used up|all used|exhausted|depleted|aufgebraucht|verbraucht|leer|(?:is|are) empty|none left|nothing left|nichts mehr (?:uebrig|da))\b`,
    String.raw`\bused (?:all|up all)(?: the| our| of our| of the)?(?: \d+)? ${CASES}`,
    String.raw`\bused (?:the|our|all the|all our) \d+ ${CASES}`,
    String.raw`\b(?:no|zero|0)(?: more)? ${CASES} (?:left|remaining)\b|\bout of ${CASES}`,
    String.raw`\b${CASES} (?:are |sind )?(?:all |alle )?(?:gone|used|weg)\b`,
    String.raw`\bkeine (?:\w+ )?(?:incidents|faelle|tickets|supportfaelle) mehr\b`,
    // "we've burned through our 10 Signature cases", "once those are gone", "ran out of incidents"
    String.raw`\b(?:burned|burnt|gone|went|run|ran|blown) through (?:all )?(?:the |our )?(?:\d+ )?${CASES}`,
    String.raw`\b${CASES} (?:run|runs|ran|have run|are running) out\b`,
    // "if the signature 10 pack runs out", "unser Signature-Paket ... erschöpft", "nach Verbrauch aller Fälle"
    String.raw`\b(?:pack|packs|paket|\d+pack|kontingent|allowance|quota|signature|contract|vertrag)\s+(?:\S+\s+)?(?:runs|run|ran|has run|is running|are running) out\b`,
    String.raw`\berschoepft\b|\bnach (?:dem )?verbrauch\b`,
    String.raw`\b(?:once|when|after|wenn|sobald|nachdem) (?:those|these|they|them|all|the \w+|die|diese|sie|alle) (?:\w+ )?(?:are |is |sind |ist )?(?:all |alle )?(?:gone|used|weg|aufgebraucht|verbraucht)\b`,
  ].join('|'),
);
/** Words for putting the contract or the IDs into an account, and for "at some time before". */
const ADDED = String.raw`(?:added|linked|entered|associated|used|registered|put|connected|attached|saved|stored|typed|hinzugefuegt|verknuepft|eingetragen|eingegeben|genutzt|verwendet|benutzt|angelegt|zugeordnet|hinterlegt|verbunden|hinzu|eingefuegt)`;
const BEFORE = String.raw`(?:before|earlier|already|previously|once|ago|a while back|some time back|in the past|neulich|last (?:week|month|year)|for (?:an? |the |our )?on[- ]?prem\w*|when (?:we|i) opened|vorher|zuvor|schon|bereits|frueher|damals|einmal|letzte\w* (?:woche|monat|jahr)|vor (?:\w+ ){0,3}(?:tag|tagen|woche|wochen|monat|monaten|jahr|jahren))`;
const LINKED_BEFORE = new RegExp(
  [
    // "we added / linked / entered it (the contract, the IDs) earlier / before / last month", either order
    String.raw`\b${ADDED}\b.*\b${BEFORE}\b`,
    String.raw`\b${BEFORE}\b.*\b${ADDED}\b`,
    String.raw`\b(?:for on[- ]?prem\w*|support for business)\b.*\b${ADDED}\b`,
    String.raw`\b${ADDED}\b.*\b(?:in|im|to|zu|into|bei) support for business\b`,
    // "the contract is already in my account", "schon in meinem Konto"
    String.raw`\b(?:already|schon|bereits)\b (?:\w+ ){0,2}(?:in|on|with|an|bei|mit|im)\b (?:\w+ ){0,2}(?:account|konto|login|profile?|profil)\b`,
    String.raw`\b(?:same ids|gleichen ids|same login|gleichen (?:account|konto))\b`,
  ].join('|'),
);

/** The error message's own words, which say nothing about the situation ("already associated", "bereits ... zugeordnet"). */
const ERROR_WORDS =
  /\b(?:this )?access[- ]?id is already associated(?: with an account)?(?: contact your technical account manager to get a new access[- ]?id)?|\b(?:diese )?zugriffs-?id ist (?:bereits|schon) einem konto zugeordnet(?: wenden sie sich an ihren technischen konto-?manager um eine neue zugriffs-?id zu erhalten)?/g;

/** Words that deny what follows them: "has not expired", "never linked", "nicht abgelaufen", "noch nie eingetragen". */
const NEGATION = /\b(?:not|never|no|nicht|nie|kein\w*|haven't|havent|hasn't|hasnt|didn't|didnt|isn't|isnt|wasn't|wasnt|aren't|arent|don't|dont|doesn't|doesnt)\b/;

/** Whether `pattern` occurs in `text` with no negation among the three words before it. */
function stated(pattern: RegExp, text: string): boolean {
  const all = new RegExp(pattern.source, 'g');
  for (const m of text.matchAll(all)) {
    const before = text.slice(0, m.index).trimEnd().split(' ').slice(-3).join(' ');
    if (!NEGATION.test(before)) return true;
  }
  return false;
}

/** The error named in other words: "already associated", "bereits (einem Konto) zugeordnet". */
const NAMES_THE_ERROR = /\balready associated\b|\bbereits (?:einem konto )?zugeordnet\b|\bschon zugeordnet\b/g;

/** Whether a (normalized) text is about the "already associated" error. */
export function mentionsAlreadyAssociated(normalized: string): boolean {
  return new RegExp(NAMES_THE_ERROR.source).test(normalized);
}

export function associatedSlots(normalized: string): AssociatedSlots {
  // The pasted error says "associated"/"zugeordnet" itself: read only what the user added.
  const said = normalized.replace(ERROR_WORDS, ' ').replace(NAMES_THE_ERROR, ' ');
  const slots: AssociatedSlots = {};
  if (stated(CSP_CUSTOMER, said)) slots.whose = 'csp';
  else if (stated(OWN, said)) slots.whose = 'own';
  if (stated(EXPIRED, said)) slots.invalid = 'expired';
  else if (stated(USED_UP, said)) slots.invalid = 'usedUp';
  if (!slots.invalid && stated(LINKED_BEFORE, said)) slots.linkedBefore = true;
  return slots;
}

/**
 * What a support request concerns, when the message says it (F15, F18, F19, F22, F26): a CSP
 * customer's Azure goes through Partner Center even though it is cloud, presales is TPD, and
 * otherwise on-premises or cloud when exactly one of them is named.
 */
export type ConcernSlot = 'onPremises' | 'cloud' | 'cspCustomer' | 'presales';

/** Signature Cloud Support's 10-pack and 5-pack (Gold's and Silver's without a cloud competency, F5, F6), in any spelling. */
const PACK_WORDS = String.raw`(10|5|zehn|fuenf)(?:er)?[- ]?(?:pack|paket|packs|pakete)`;
const PACK = new RegExp(String.raw`\b${PACK_WORDS}\b`);

const CONCERN_WORDS: Record<'onPremises' | 'cloud' | 'presales', RegExp> = {
  // A product with a version year ("Exchange 2019", "SharePoint 2016") or a service only the server
  // has ("Exchange Transport service") is the installed product.
  onPremises: /\b(?:on[- ]?premises|on[- ]?prem|onprem|lokal\w*|server|windows (?:10|11)|sql|exchange server|sharepoint server|(?:exchange|sharepoint|skype for business|lync|biztalk|dynamics (?:ax|nav|crm)|system center|sccm|office) 20\d\d|exchange transport|hyper-?v|active directory|iis)\b/,
  // Signature Cloud Support and its 5- and 10-packs are cloud support (F4-F7).
  cloud: new RegExp(String.raw`\b(?:cloud|azure|signature|${PACK_WORDS}|microsoft 365|office 365|m365|o365|dynamics|intune|teams|sharepoint online|exchange online|aks|subscription)\b`),
  // (not a bare "deployment": "seit dem letzten Deployment wirft die App Fehler" is a problem, not presales)
  presales: /\b(?:presales|pre-sales|pre sales|deployment services|bereitstellungsdienst\w*|tpd|vorverkauf)\b/,
};

/** The CSP program by name: with Azure or the cloud, its own plan and route (F18, F19). */
const CSP = /\b(?:csp|cloud solution provider)\b/;

export function concernOf(normalized: string): ConcernSlot | undefined {
  if (stated(CSP_CUSTOMER, normalized)) return 'cspCustomer';
  if (stated(CSP, normalized) && CONCERN_WORDS.cloud.test(normalized.replace(/\bcloud solution provider\b/g, ' '))) return 'cspCustomer';
  if (CONCERN_WORDS.presales.test(normalized)) return 'presales';
  // "Azure SQL", "SQL Database in Azure" is cloud: its "SQL" is no installed server.
  const onPremises = CONCERN_WORDS.onPremises.test(normalized.replace(/\bazure sql\b|\bsql (?:database|db)s? (?:in|on) azure\b/g, 'azure'));
  const cloud = CONCERN_WORDS.cloud.test(normalized);
  if (onPremises !== cloud) return onPremises ? 'onPremises' : 'cloud';
  return undefined;
}

/**
 * What a question about the entitlement table says (F1-F8): the membership level, whether the
 * partner's competencies are cloud ones, which benefit, and whether it asks how many ("Silver in
 * Data Platform only, nothing cloud ... how many Azure cases under Signature Cloud Support?").
 */
export interface EntitlementSlots {
  level?: 'actionPack' | 'silver' | 'gold';
  competency?: 'cloud' | 'nonCloud';
  benefit?: 'cloud' | 'onPremises';
  /** How many, a cap, a limit, unlimited, or what changes. */
  asksCount: boolean;
  /** Which competencies count (F8): "Welche Cloud Competencies zählen für den unlimited Support?". */
  asksWhichCompetencies?: true;
  /** Which level or which partners qualify (F17): "What partner level do we need to be eligible for Signature?". */
  asksWhoQualifies?: true;
}

/** The cloud competencies by name (F8). */
const CLOUD_COMPETENCY =
  /\b(?:security|cloud business applications|cloud platform|cloud productivity|enterprise mobility management|small and midmarket cloud solutions)\b/;
/** Other competencies people name (F8: every competency that is not a cloud one). */
const OTHER_COMPETENCY =
  /\b(?:data platform|data analytics|datacenter|data center|windows and devices|collaboration and content|application development|application integration|devops|messaging|communications|enterprise resource planning|project and portfolio management|learning|intelligent communications|erp)\b/;
/** Said in words that the competencies are not cloud ones. */
const NON_CLOUD =
  /\bkeine? (?:\w+ ){0,3}(?:ist|sind) (?:eine |ein )?cloud|\bnone of (?:them|which|those|these) (?:is|are) (?:a )?cloud|\bnon-?cloud\b|\bnicht-?cloud\b|\b(?:no|without|ohne|keine?n?|kein|nothing|nichts) (?:\w+ )?cloud\b|\b(?:no|without|ohne|keine?n?) (?:\w+ )?(?:cloud-?competenc\w*|cloud-?kompetenz\w*)|\bnicht (?:\w+ ){0,3}(?:zu )?den cloud-?kompetenzen\b|\bnot (?:\w+ ){0,2}cloud (?:ones|competencies)\b|\b(?:only|nur) (?:\w+ ){0,3}(?:other|andere\w*|sonstige\w*) (?:competencies|kompetenzen)\b/;
const IS_ONE_OF_THEM =
  /\b(?:one of (?:them|those|these|the cloud ones)|eine davon|einer davon|eine der cloud-?kompetenzen|darunter|dabei)\b|\b(?:count|counts|zaehlt|zaehlen|gilt|gelten)\s+(?:\S+\s+){0,2}?(?:as|als)\s+(?:an?\s+|eine\s+)?cloud\b|\b(?:is|ist)\s+(?:\S+\s+){1,4}?(?:an?\s+|eine\s+)cloud[- ]?(?:competenc\w*|kompetenz)/;
const SAYS_CLOUD_COMPETENCY = /\bcloud-?(?:competenc\w*|kompetenz\w*)|\bcloud (?:competenc\w*|kompetenz\w*)/;
const LEVEL: [EntitlementSlots['level'] & string, RegExp][] = [
  ['actionPack', /\baction ?pack\b/],
  ['silver', /\b(?:silver|silber)\b/],
  ['gold', /\bgold\b/],
];
const CLOUD_BENEFIT = /\b(?:signature|cloud[- ]?(?:support|incidents?|faelle|fall|cases?)|azure|microsoft 365|office 365|m365|dynamics)\b/;
const ON_PREMISES_BENEFIT = /\b(?:product support|produktsupport|on-?prem\w*|lokal\w*|premises)\b/;
const ASKS_COUNT =
  /\b(?:how many|how much|wie ?viele?|wieviel\w*|number|anzahl|zahl|kontingent\w*|allowance|quota|cap|capped|limit\w*|obergrenze|grenze|unlimited|unbegrenzt\w*|unbeschraenkt\w*|begrenzt|what (?:would )?changes?|what would change|was (?:aendert|aendern|wuerde) sich\b|aendert sich)\b/;
const ASKS_WHICH_COMPETENCIES = /\b(?:which|what|welche\w*)\s+(?:(?!(?:does|do|did|would|will|can|could|bringt|gibt|bekommt)\b)\w+[\s-]+){0,3}?(?:competenc(?:y|ies)|kompetenz(?:en)?)\b/;
const ASKS_WHO_QUALIFIES =
  /\b(?:which|what|welche\w*)\s+(?:\w+\s+)?(?:level|levels|stufe|stufen|tier|tiers|partner level|partnerstufe|memberships?|mitgliedschaft\w*)\b|\b(?:who|which partners|wer|welche partner)\b.*\b(?:eligible|qualif\w*|berechtigt|anspruch|get|gets|bekommt|bekommen|erhaelt|erhalten)\b|\b(?:eligible|qualify|berechtigt)\b.*\bfor\b|\b(?:silver|silber) (?:or|oder) gold\b|\bgold (?:or|oder) (?:silver|silber)\b/;

export function entitlementSlots(normalized: string): EntitlementSlots {
  const slots: EntitlementSlots = { asksCount: ASKS_COUNT.test(normalized) };
  // "is Cloud Business Applications one of those?", "zählt Security als Cloud-Kompetenz?": whether a
  // named competency is a cloud one is the list's question too (F8).
  const namesOne = CLOUD_COMPETENCY.test(normalized) || OTHER_COMPETENCY.test(normalized);
  // (Not when it asks how many: "Silver Data Analytics, which I believe is not one of the cloud ones ... How many ...?")
  if (ASKS_WHICH_COMPETENCIES.test(normalized) || (namesOne && IS_ONE_OF_THEM.test(normalized) && !slots.asksCount)) slots.asksWhichCompetencies = true;
  else if (ASKS_WHO_QUALIFIES.test(normalized)) slots.asksWhoQualifies = true;
  const levels = LEVEL.filter(([, re]) => re.test(normalized)).map(([level]) => level);
  if (levels.length === 1) slots.level = levels[0]!;
  // The 10-pack and the 5-pack are Gold's and Silver's cloud support without a cloud competency (F5, F6).
  const pack = PACK.exec(normalized)?.[1];
  if (pack && !slots.level) slots.level = /^(?:10|zehn)/.test(pack) ? 'gold' : 'silver';
  if (pack || NON_CLOUD.test(normalized) || (OTHER_COMPETENCY.test(normalized) && !CLOUD_COMPETENCY.test(normalized))) slots.competency = 'nonCloud';
  else if (CLOUD_COMPETENCY.test(normalized) || SAYS_CLOUD_COMPETENCY.test(normalized)) slots.competency = 'cloud';
  const cloud = pack !== undefined || CLOUD_BENEFIT.test(normalized.replace(CLOUD_COMPETENCY, ' ').replace(SAYS_CLOUD_COMPETENCY, ' '));
  const onPremises = ON_PREMISES_BENEFIT.test(normalized);
  if (cloud !== onPremises) slots.benefit = cloud ? 'cloud' : 'onPremises';
  return slots;
}
