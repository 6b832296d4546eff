/**
 * Who answers a message: a guided flow (issues 2-4) or the knowledge base (issue 6). Pure.
 *
 * Precedence, first match wins:
 * 1. Commands and conversation control (help, cancel, recording an incident, talking to a person,
 *    helpdesk commands) always go to their flow.
 * 2. A request about the user's own organization ("how many incidents do WE have left", "where is
 *    OUR access id", "can I activate?", "who can activate for us?") goes to its flow, which answers
 *    with their data; unless the sentence is about a rule: a named portal or "every time" ("does
 *    the Azure portal show how many we have left?"), and for acting intents also "need", "must",
 *    "who may" ("do we need to activate before use?").
 * 3. A rule question the knowledge base answers with confidence goes to the knowledge base. For
 *    intents that act (activate) or walk through a pasted error, only when it is phrased as a
 *    question ("must we activate before use?", "what does '...already associated' mean?"); a bare
 *    "activate" or a pasted error keeps its flow.
 *    When the knowledge base is unsure but the sentence is clearly about a rule ("every time",
 *    "where", "must", a portal), it still goes there, to offer "did you mean ...?".
 * 4. Any other recognized intent goes to its flow.
 * 5. Everything else goes to the knowledge base, which answers, asks "did you mean ...?", or admits
 *    it does not know.
 */
import { normalize } from '../recognizer/recognizer.js';
import { foldText } from '../text/fold.js';
import { concernOf } from '../recognizer/slots.js';
import type { KbMatch } from './knowledgeBase.js';

export type Route = 'flow' | 'knowledge';

/** Intents that are commands or steer the conversation: never overridden. */
const ALWAYS_FLOW = new Set([
  'greeting',
  'help',
  'cancel',
  'startOver',
  'confirmYes',
  'confirmNo',
  'recordIncident',
  'escalate',
  'lookup',
  'triage',
  'myCases',
  'openCases',
  'casesFor',
  'setHelpdeskChannel',
  'audit',
]);

/** Intents that act or walk through a pasted error: the knowledge base only gets questions. */
const ACTING = new Set(['activate', 'alreadyAssociated', 'notAuthorizedError', 'noBenefitsError']);

/** The user speaks of their own organization or asks about themselves. */
const OWN = /\b(?:we|our|ours|us|wir|unser\w*|uns)\b|\b(?:can|may|could) i\b|\b(?:kann|darf|koennte) ich\b|\bmy (?:org\w*|company|firm|contract|account)\b|\bmein\w* (?:firma|organisation|unternehmen|vertrag|konto)\b/;

/** Words that make a sentence about a rule, even when it says "we". */
const RULE_CUE =
  /\b(?:portal|portals|every time|each time|jedes ?mal|step|steps|schritt\w*|mean|means|meaning|bedeute\w*|where|wo|need|needs|brauch\w*|must|muss|muessen|which roles?|welche rollen?|who (?:can|may)|wer (?:darf|kann)|how do i|how can i|wie (?:kann|sehe|finde|fuege|erstelle)|allowed|erlaubt|only|nur)\b/;

/**
 * For requests about the own data (IDs, balance, entitlement, "can I"), only a named portal or an
 * "every time" / "what does ... mean" turns the sentence into a rule question: "where is our access
 * id?" wants the IDs, "does the Azure portal show how many we have left?" asks about the portal.
 */
const PORTAL_CUE =
  /\b(?:portal|portals|lcs|support for business|partner center|every time|each time|jedes ?mal|mean|means|meaning|bedeute\w*)\b/;

/** A sentence phrased as a question (a question mark, or a leading question word). */
const QUESTION =
  /\?\s*$|^(?:what|which|who|whom|where|when|why|how|is|are|do|does|did|can|could|may|must|should|will|would|was|welche\w*|wer|wo|wann|warum|wieso|weshalb|wie|ist|sind|muss|muessen|kann|koennen|darf|duerfen|brauche\w*|gibt|hat|haben|bekommen|bekommt)\b/;

/**
 * The rule questions an own-data flow answers better with the organization's own data: "may I
 * activate?" is the role check, not the rule "who may activate". An answer from any other entry is
 * a different question that happens to mention "we" or "I".
 */
const ANSWERED_BY_FLOW: Readonly<Record<string, ReadonlySet<string>>> = {
  tiers: new Set(['tiers-overview', 'action-pack', 'silver', 'gold', 'cloud-unlimited', 'non-cloud-packs', 'signature-cloud-what', 'product-support-what', 'cloud-competencies', 'no-benefits-yet']),
  balance: new Set(['balance-where', 'balance-steps']),
  roleCheck: new Set(['who-may-activate', 'who-may-view']),
  activate: new Set(['who-may-activate', 'must-activate']),
  ids: new Set(['ids-who-sees']),
};
/** The route flow answers these too, with the own contract, once it knows what the problem concerns. */
const ANSWERED_BY_ROUTE = new Set(['where-open-onprem', 'link-azure', 'csp-azure-plan', 'csp-partner-center', 'tpd']);
/** Flows about an own thing (the IDs, the balance) give way only to an answer about that thing. */
const ABOUT: Readonly<Record<string, readonly string[]>> = { ids: ['F12', 'F13', 'F14'], balance: ['F13', 'F16', 'F21'] };

function answersAnotherRule(intent: string, kb: KbMatch, concernKnown: boolean): boolean {
  const top = kb.hits[0]?.entry;
  if (kb.confidence !== 'answer' || top === undefined) return false;
  if (ANSWERED_BY_FLOW[intent]?.has(top.id)) return false;
  if (intent === 'supportPlan' && concernKnown && ANSWERED_BY_ROUTE.has(top.id)) return false;
  const about = ABOUT[intent];
  return about === undefined || top.facts.some((f) => about.includes(f));
}

/** Whether a message is phrased as a question (so it is never the answer to a waiting prompt). */
export function isQuestion(text: string): boolean {
  return QUESTION.test(foldText(text).trim());
}

/**
 * Where a message goes, given what the recognizer and the knowledge base make of it. `match` is
 * asked only when the decision depends on it (a search is the costliest part of a turn).
 */
export function routeOf(text: string, intent: string, match: () => KbMatch): Route {
  if (ALWAYS_FLOW.has(intent)) return 'flow';
  // Folded as every reader folds it (umlauts spelled out), so the patterns spell German one way.
  const s = foldText(text).trim();
  const own = OWN.test(s) && !(ACTING.has(intent) ? RULE_CUE : PORTAL_CUE).test(s);
  const kb = match();
  // About the own organization: its flow, unless the knowledge base answers a different rule
  // question ("can normal users in our org see the Access ID too?" is F12, not "can I activate?").
  if (intent !== 'none' && own) {
    if (!answersAnotherRule(intent, kb, concernOf(normalize(text)) !== undefined)) return 'flow';
    if (!ACTING.has(intent) || QUESTION.test(s)) return 'knowledge';
  }
  // A flow the recognizer found gives way to a strong answer, or to any answer of a sentence about a
  // rule; with no flow, any answer does.
  if (kb.confidence === 'answer' && (intent === 'none' || kb.strong || RULE_CUE.test(s))) {
    if (!ACTING.has(intent) || QUESTION.test(s)) return 'knowledge';
  }
  // About a rule, but the knowledge base is unsure: "did you mean ...?" serves better than a flow
  // that answers a different question.
  if (kb.confidence === 'didYouMean' && !ACTING.has(intent) && RULE_CUE.test(s)) return 'knowledge';
  return intent === 'none' ? 'knowledge' : 'flow';
}
