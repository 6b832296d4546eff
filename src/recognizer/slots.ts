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

const CSP_CUSTOMER = /\bcsp\b.*\b(?:customers?|kunden?|clients?|tenant|mandanten?)\b|\b(?:customers?|kunden?|clients?)\b.*\bcsp\b|\b(?:csp[- ]?(?:customers?|kunden?)|fuer einen kunden|for a customer|customer s azure|kunden azure)\b/;
const OWN = /\b(?:our own|for us|ourselves|own (?:subscription|tenant|azure)|unsere? eigene\w*|eigene\w* (?:subscription|abonnement|tenant|azure)|fuer uns)\b/;
const EXPIRED = /\b(?:expired|has expired|ran out|lapsed|no longer valid|not valid anymore|abgelaufen|ausgelaufen|nicht mehr gueltig|ungueltig)\b/;
const USED_UP = /\b(?:used up|all used|no (?:incidents|cases|tickets) left|none left|(?:is|are) empty|exhausted|depleted|aufgebraucht|verbraucht|leer|keine (?:incidents|faelle|tickets) mehr|alle (?:incidents|faelle) (?:weg|verbraucht))\b/;
const LINKED_BEFORE = new RegExp(
  [
    // "we added / linked / entered it (the contract, the IDs) earlier / before / last month"
    String.raw`\b(?:added|linked|entered|associated|used|registered)\b.*\b(?:before|earlier|already|previously|last (?:week|month|year)|for on[- ]?prem\w*)\b`,
    String.raw`\b(?:already|previously|earlier)\b.*\b(?:added|linked|entered|used|registered)\b`,
    String.raw`\b(?:for on[- ]?prem\w*|support for business)\b.*\b(?:added|linked|entered|used)\b`,
    // German: "vorher / schon / bereits ... hinzugefuegt / verknuepft / eingetragen / eingegeben / genutzt"
    String.raw`\b(?:vorher|zuvor|schon|bereits|frueher|letzte\w* (?:woche|monat))\b.*\b(?:hinzugefuegt|verknuepft|eingetragen|eingegeben|genutzt|verwendet|angelegt|zugeordnet)\b`,
    String.raw`\b(?:hinzugefuegt|verknuepft|eingetragen|eingegeben)\b.*\b(?:vorher|zuvor|schon|bereits|frueher)\b`,
    String.raw`\b(?:same ids|gleichen ids|same login|gleichen (?:account|konto))\b`,
  ].join('|'),
);

/** The error message's own words, which say nothing about the situation ("already associated", "bereits ... zugeordnet"). */
const ERROR_WORDS =
  /\b(?:this )?access[- ]?id is already associated(?: with an account)?(?: contact your technical account manager to get a new access[- ]?id)?|\b(?:diese )?zugriffs-?id ist (?:bereits|schon) einem konto zugeordnet(?: wenden sie sich an ihren technischen konto-?manager um eine neue zugriffs-?id zu erhalten)?/g;

export function associatedSlots(normalized: string): AssociatedSlots {
  // The pasted error says "associated"/"zugeordnet" itself: read only what the user added.
  const said = normalized.replace(ERROR_WORDS, ' ').replace(/\balready associated\b|\bbereits (?:einem konto )?zugeordnet\b|\bschon zugeordnet\b/g, ' ');
  const slots: AssociatedSlots = {};
  if (CSP_CUSTOMER.test(said)) slots.whose = 'csp';
  else if (OWN.test(said)) slots.whose = 'own';
  if (EXPIRED.test(said)) slots.invalid = 'expired';
  else if (USED_UP.test(said)) slots.invalid = 'usedUp';
  if (!slots.invalid && LINKED_BEFORE.test(said)) slots.linkedBefore = true;
  return slots;
}

/**
 * What a support request concerns, when the message says it (F15, F18, F19, F22, F26): a CSP
 * customer's Azure goes through Partner Center even though it is cloud, presales is TPD, and
 * otherwise on-premises or cloud when exactly one of them is named.
 */
export type ConcernSlot = 'onPremises' | 'cloud' | 'cspCustomer' | 'presales';

const CONCERN_WORDS: Record<'onPremises' | 'cloud' | 'presales', RegExp> = {
  onPremises: /\b(?:on-?premises|on-?prem|onprem|lokal\w*|server|windows (?:10|11)|sql|exchange server|sharepoint server)\b/,
  cloud: /\b(?:cloud|azure|microsoft 365|office 365|m365|o365|dynamics|intune|teams|sharepoint online|exchange online|aks|subscription)\b/,
  presales: /\b(?:presales|pre-sales|pre sales|deployment|bereitstellung|tpd|vorverkauf)\b/,
};

export function concernOf(normalized: string): ConcernSlot | undefined {
  if (CSP_CUSTOMER.test(normalized)) return 'cspCustomer';
  if (CONCERN_WORDS.presales.test(normalized)) return 'presales';
  const onPremises = CONCERN_WORDS.onPremises.test(normalized);
  const cloud = CONCERN_WORDS.cloud.test(normalized);
  if (onPremises !== cloud) return onPremises ? 'onPremises' : 'cloud';
  return undefined;
}
