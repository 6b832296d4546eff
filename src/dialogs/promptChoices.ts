/**
 * The words that answer the flows' questions when typed instead of clicked (normalized: lower
 * case, umlauts folded). Both languages in one list: people mix them.
 */
import { normalize } from '../recognizer/recognizer.js';

/** One answer of a question: its id and the words that pick it when typed. */
export interface PromptChoice {
  id: string;
  words: string[];
}

export const YES_NO_UNSURE: PromptChoice[] = [
  { id: 'yes', words: ['yes', 'ja', 'yep', 'yeah'] },
  { id: 'no', words: ['no', 'nein', 'nope'] },
  { id: 'unsure', words: ['not sure', 'unsure', 'weiss ich nicht', 'nicht sicher', 'ich weiss es nicht', 'dont know', "don't know", 'no idea', 'weiss nicht', 'keine ahnung', 'unsicher', 'vielleicht', 'maybe'] },
];

export const OWN_OR_CSP: PromptChoice[] = [
  { id: 'own', words: ['own', 'our own', 'ours', 'our company', 'ourselves', 'for us', 'eigene', 'eigenes', 'unser unternehmen', 'fuer uns', 'selbst'] },
  { id: 'csp', words: ['csp', 'customer', 'a customer', 'client', 'kunde', 'kunden', 'einen kunden', 'csp kunde', 'csp-kunde'] },
];

export const CONCERNS: PromptChoice[] = [
  {
    id: 'onPremises',
    words: ['on-premises', 'on premises', 'on-prem', 'onprem', 'on prem', 'lokal', 'lokales', 'lokal installiert', 'server', 'sharepoint server', 'exchange server', 'sql server', 'windows server', 'windows 10', 'windows 11'],
  },
  { id: 'cloud', words: ['cloud', 'azure', 'microsoft 365', 'office 365', 'm365', 'o365', 'dynamics', 'dynamics 365', 'intune', 'teams', 'sharepoint online', 'exchange online'] },
  { id: 'cspCustomer', words: ['csp', 'csp customer', 'customer', 'kunde', 'kunden', 'csp-kunde', 'csp kunden'] },
  { id: 'presales', words: ['presales', 'pre-sales', 'pre sales', 'deployment', 'bereitstellung', 'tpd', 'vorverkauf', 'migration'] },
];

export const KINDS: PromptChoice[] = [
  { id: 'ProductSupport', words: ['product', 'product support', 'on-premises', 'on premises', 'on-prem', 'lokal', 'lokal installiert', 'produkt', 'product-support', 'produktsupport', 'produkt-support'] },
  { id: 'SignatureCloudSupport', words: ['cloud', 'signature', 'signature cloud', 'azure', 'cloud support', 'cloud-support', 'cloudsupport'] },
];

/** The choice whose words occur in `normalizedText`, when exactly one does. */
export function choiceIn(normalizedText: string, choices: PromptChoice[]): string | undefined {
  const padded = ` ${normalizedText} `;
  const hits = choices.filter((c) => c.words.some((w) => padded.includes(` ${normalize(w)} `)));
  return hits.length === 1 ? hits[0]!.id : undefined;
}
