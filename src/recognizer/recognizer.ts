/**
 * Local, deterministic intent recognizer for free text typed in Teams, in English and German.
 * No cloud NLU, no I/O: normalize the text, snap near-miss keywords to their spelling, then walk an
 * ordered table of keyword/regex rules; the first rule that applies wins.
 *
 * Precedence (the order of the rule table in rules.ts):
 *   1. cancel, startOver, help  - interruptions
 *   2. alreadyAssociated, notAuthorizedError, noBenefitsError - pasted portal errors (F20, F10, F11);
 *      they quote "Access ID", "authorized" and "benefits", so they must beat ids, roleCheck and tiers
 *   3. recordIncident           - "we used an incident on product support, case 123..." (a statement,
 *      or "how do I record one"; "how many ... used" is balance); before balance, which also knows
 *      "incidents ... used"
 *   4. roleCheck                - "can I activate?" mentions activate, so it must come before activate
 *   5. ids                      - "after activation, where is the access id?" is about the IDs
 *   6. activate
 *   7. balance                  - "how many incidents are left?" (F16), before tiers' "how many incidents"
 *   8. supportPlan              - which support / where to open a case / which plan to buy (F15, F18,
 *      F19, F23, F26); before tiers, which matches any "support ... partner"
 *   9. tiers
 *  10. greeting, confirmYes, confirmNo - only when the message is essentially just that
 *  11. none
 */
import { boundedWords, foldText, spellOut } from '../text/fold.js';
import { correctTypos } from './fuzzy.js';
import { FILLER, GREETINGS, LEXICON, RULES, type Rule } from './rules.js';
import { concernOf } from './slots.js';

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
  | 'alreadyAssociated'
  | 'notAuthorizedError'
  | 'noBenefitsError'
  | 'supportPlan'
  | 'balance'
  | 'recordIncident'
  | 'escalate'
  | 'lookup'
  | 'triage'
  | 'myCases'
  | 'openCases'
  | 'casesFor'
  | 'setHelpdeskChannel'
  | 'audit'
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
  let s = spellOut(foldText(stripTags(boundedWords(text))));
  s = s.replace(/[^\p{L}\p{N}\s'-]+/gu, ' ');
  s = s.replace(/(?<![\p{L}\p{N}])['-]+|['-]+(?![\p{L}\p{N}])/gu, ' ');
  return s.replace(/\s+/g, ' ').trim();
}

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
  const raw = stripTags(boundedWords(text)).trim();
  const rule = RULES.find((r) => applies(r, corrected, raw));
  return { intent: rule?.intent ?? 'none', normalized };
}

// ---------------------------------------------------------------------------------------------
// Details of a recorded incident
// ---------------------------------------------------------------------------------------------

export interface IncidentDetails {
  /** which benefit the incident was drawn from, when the text says so */
  kind?: 'ProductSupport' | 'SignatureCloudSupport';
  /** the case / SR / ticket number, as typed */
  caseRef?: string;
}

/** Names of the benefits themselves: these decide over product hints ("product support for Azure"). */
const PRODUCT_SUPPORT_NAME = /\b(?:product support|produktsupport|produkt-support|produkt support)\b/g;
const CLOUD_SUPPORT_NAME = /\b(?:signature|signature cloud support|cloud support)\b/g;
/** Hints: on-premises products vs. cloud products (F1, F4). */
const PRODUCT_SUPPORT_HINT = /\b(?:product|products|produkte?|produkts|on-?\s?prem\w*|onprem\w*|lokale?[nmrs]?|support for business)\b/g;
const CLOUD_SUPPORT_HINT = /\b(?:cloud|azure|dynamics(?: 365)?|office ?365|o365|microsoft 365|m365)\b/g;

type Kind = NonNullable<IncidentDetails['kind']>;

function firstIndex(re: RegExp, text: string): number {
  re.lastIndex = 0;
  const m = re.exec(text);
  re.lastIndex = 0;
  return m ? m.index : -1;
}

/** The kind mentioned first among two competing patterns, or undefined when neither occurs. */
function earlier(text: string, product: RegExp, cloud: RegExp): Kind | undefined {
  const p = firstIndex(product, text);
  const c = firstIndex(cloud, text);
  if (p < 0 && c < 0) return undefined;
  if (c < 0 || (p >= 0 && p < c)) return 'ProductSupport';
  return 'SignatureCloudSupport';
}

/**
 * A token right after "case", "SR", "Fall", "Ticket" or "#" (optionally "number"/"Nr."/"ID" in between).
 * The token is only looked at, not consumed, so "case ticket 123456" still finds the ticket's number.
 */
const LABELLED_REF =
  /(?:(?<![\p{L}\p{N}])(?:case|sr|fall|ticket)(?![\p{L}])|#)[\s:#.-]*(?:(?:number|no|nr|nummer|id)(?![\p{L}])[\s:#.-]*)?(?=([A-Za-z0-9][A-Za-z0-9-]{5,31})(?![A-Za-z0-9-]))/giu;
/** A bare run of 6-24 digits. */
const DIGIT_RUN = /(?<!\d)\d{6,24}(?!\d)/g;

function caseRefOf(text: string): string | undefined {
  for (const m of text.matchAll(LABELLED_REF)) {
    const token = m[1];
    if (token !== undefined && (token.match(/\d/g)?.length ?? 0) >= 4) return token;
  }
  return text.match(DIGIT_RUN)?.[0];
}

/**
 * Pulls the benefit kind and the case number out of a "we used an incident" message.
 * kind: from the benefit's name if given ("Product Support", "Signature"), else from product hints
 * (product / on-prem / lokal vs. cloud / Azure / Dynamics / Office 365); the first mention wins.
 * caseRef: a token after case / SR / Fall / Ticket / # with at least 4 digits, else a run of 6-24 digits.
 * Absent details are left out.
 */
export function extractIncident(text: string): IncidentDetails {
  const clean = stripTags(text);
  const normalized = normalize(clean);
  // By name, then by a hint, then by the product the case is about ("a case about SQL Server" is
  // on-premises, F1; "... about Teams" is cloud, F4), as the support route reads it.
  const concern = concernOf(normalized);
  const kind =
    earlier(normalized, PRODUCT_SUPPORT_NAME, CLOUD_SUPPORT_NAME) ??
    earlier(normalized, PRODUCT_SUPPORT_HINT, CLOUD_SUPPORT_HINT) ??
    (concern === 'onPremises' ? 'ProductSupport' : concern === 'cloud' ? 'SignatureCloudSupport' : undefined);
  const caseRef = caseRefOf(clean);
  const details: IncidentDetails = {};
  if (kind) details.kind = kind;
  if (caseRef) details.caseRef = caseRef;
  return details;
}

const COMMAND_WORDS =
  /^(?:partner|lookup|look up|find partner|suche partner|partner suchen|nachschlagen|tenant|audit|cases for|cases of|tickets for|fälle für|faelle fuer|falle fur|fälle von)\s+/i;

/** The argument of a helpdesk command: "lookup Woodgrove" gives "Woodgrove", "audit 4711002" gives "4711002". */
export function commandArgument(text: string): string {
  return text
    .replace(/<at>.*?<\/at>/gi, '')
    .trim()
    .replace(COMMAND_WORDS, '')
    .trim();
}
