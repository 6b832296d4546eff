/**
 * A short follow-up ("and for azure?", "und ohne?", "what about silver") read in the context of
 * what the conversation was just about. Pure: the caller passes the last topic and the knowledge
 * base's match.
 */
import { normalize } from '../recognizer/recognizer.js';
import { opensACase } from '../recognizer/rules.js';
import { associatedSlots, concernOf, mentionsAlreadyAssociated, type AssociatedSlots, type ConcernSlot } from '../recognizer/slots.js';
import type { KbMatch } from './knowledgeBase.js';
import { ALTERNATIVE_RATIO } from './search.js';

/** What the conversation was about after the last turn: the user's question and what answered it. */
export interface LastTopic {
  /** The question as the bot read it (a follow-up's is the question with the follow-up). */
  question: string;
  /** The request that answered it: 'knowledge', 'supportPlan', 'alreadyAssociated', ... */
  request: string;
  /** The knowledge entry that answered it, when one did. */
  entry?: string;
}

/** An entry as the answer to a text, given the text's match when the caller has it (KnowledgeBase.answerWith). */
export type AnswerWith = (entryId: string, text: string, searched?: KbMatch) => KbMatch | undefined;

/** What a follow-up asks for. */
export type FollowUp =
  | { request: 'supportPlan'; concern: ConcernSlot; question: string }
  | { request: 'alreadyAssociated'; slots: AssociatedSlots; question: string }
  | { request: 'knowledge'; match: KbMatch; question: string };

const OPENERS = /^(?:and|und|also|so|auch|same|even|what about|how about|was ist mit|wie ist es mit|wie sieht es mit|but|aber|or|oder|too|selbst)\b/;

/**
 * A short question pointing back: "does it use up incidents?", "brauch ich dafür einen Vertrag?", "we do have active offers though",
 * "which one is cloud only?", "where exactly in partner center?".
 */
const POINTS_BACK = /\b(?:though|trotzdem|allerdings|it|that|this|es|das|dafuer|damit|dazu|davon|dann|then|in that case|in dem fall|which one|which ones|which of them|welche[rs]? (?:davon|von (?:denen|beiden))|exactly|genau|there|dort)\b/;

/** The knowledge entries that name a route (where to open a case): "and for azure?" after them asks the route for Azure. */
export const ROUTE_ENTRIES: ReadonlySet<string> = new Set(['where-open-onprem', 'link-azure', 'csp-azure-plan', 'csp-partner-center', 'tpd']);
/** Words of a route question, for a last topic that no entry answered (the "already associated" walk-through). */
const ROUTE_WORDS = /\b(?:portal|open|eroeffne|anleg|case|fall|request|anfrage|where|wo)\b/;
/**
 * A question that asks where or how to open something ("Wo nutze ich die IDs für lokalen Support?",
 * "how do I open a case for it?"), whatever entry answered it.
 */
const ROUTE_QUESTION = /^(?:where|wo|wohin|how (?:do|can|should) (?:i|we) use|wie (?:nutze|nutzen|verwende|verwenden))\b/;
const routeQuestion = (normalized: string) => ROUTE_QUESTION.test(normalized) || (/^(?:how|wie)\b/.test(normalized) && opensACase(normalized));

/**
 * A follow-up that only moves the same question on in time: "und danach?", "and after that?",
 * "for the next case?". The last answer says it (the IDs are needed once, then never again).
 */
const LATER = /^(?:(?:and|und|but|aber|also|so|ok|okay)\s+)?(?:(?:what|how) about\s+|wie ist es\s+|was ist\s+)?(?:after ?that|afterwards|after|later|then|next time|the next (?:one|case|time)|for (?:the )?(?:next|following|second|later) (?:ones?|cases?|time)|danach|nachher|spaeter|dann|beim (?:naechsten|zweiten) (?:mal|fall)|fuer (?:den |die )?(?:naechsten|weiteren|folgenden)(?: faelle| fall)?|bei (?:den )?(?:naechsten|weiteren|folgenden) faellen)(?:\s+(?:too|auch|again|wieder|noch))?$/;

/** The last question with the follow-up, as the follow-up is read (and kept as the next topic). */
export const withTopic = (last: LastTopic, text: string) => `${last.question} ${text}`.slice(-600);

/** The most words a follow-up has. */
const MAX_FOLLOW_UP_WORDS = 8;

const wordCount = (n: string) => (n === '' ? 0 : n.split(' ').length);
const pointsBackIn = (n: string) => wordCount(n) <= MAX_FOLLOW_UP_WORDS && POINTS_BACK.test(n);
const looksLikeFollowUpIn = (n: string) => {
  const words = wordCount(n);
  return words > 0 && words <= MAX_FOLLOW_UP_WORDS && (OPENERS.test(n) || words <= 3 || POINTS_BACK.test(n));
};

/**
 * Whether a short message points back at the last topic ("does it use up incidents?") or opens like
 * a follow-up ("same for signature cloud in azure?"), even though something recognized it alone.
 */
export function pointsBack(text: string): boolean {
  const n = normalize(text);
  return pointsBackIn(n) || (wordCount(n) <= MAX_FOLLOW_UP_WORDS && OPENERS.test(n));
}

/** Short, or opening like a follow-up: "and for azure?", "und ohne?", "even before the first case?". */
export function looksLikeFollowUp(text: string): boolean {
  return looksLikeFollowUpIn(normalize(text));
}

/**
 * The follow-up's meaning given the last topic, or undefined when it is not one (or needs no
 * context: `alone` answers it by itself). `match(text)` searches the knowledge base.
 */
export function readFollowUp(
  text: string,
  last: LastTopic | undefined,
  alone: KbMatch,
  match: (text: string) => KbMatch,
  answerWith?: AnswerWith,
): FollowUp | undefined {
  if (!last) return undefined;
  const n = normalize(text);
  // "und danach?" after "Braucht man die IDs für den ersten Fall?": the same answer, which says it.
  if (last.entry && answerWith && LATER.test(n)) {
    const again = answerWith(last.entry, last.question);
    if (again) return { request: 'knowledge', match: again, question: withTopic(last, text) };
  }
  // "und mit Cloud-Kompetenz?" after "how many incidents without a cloud competency?": the same
  // question with the condition swapped, whatever the condition alone would find ("which
  // competencies are cloud?").
  const swapped = swapCondition(n, normalize(last.question));
  if (swapped) {
    const asked = match(swapped);
    if (asked.confidence !== 'none') return { request: 'knowledge', match: asked, question: swapped };
  }
  const question = withTopic(last, text);
  const lastN = normalize(last.question);
  // "wir haben den Vertrag schon mal hinzugefügt", "we have no cloud incidents left though" after
  // the "already associated" error: the case it is, however the sentence is shaped.
  const told = toldCase(n, last);
  if (told) return { request: 'alreadyAssociated', slots: told, question };
  // A message that answers itself needs no context, unless it points back ("does it ...?").
  if (!looksLikeFollowUpIn(n) || (alone.confidence === 'answer' && !pointsBackIn(n))) return undefined;
  // "and for azure?" after a support route: the same question for another kind of product.
  const concern = concernOf(n);
  // (Not after a rule that merely mentions opening a case: "same for signature cloud in azure?"
  // after "do I need the Access ID every time I open a case?" asks that rule for Azure.)
  const routeAsked = last.request === 'supportPlan' || routeQuestion(lastN) || (last.entry !== undefined ? ROUTE_ENTRIES.has(last.entry) : ROUTE_WORDS.test(lastN));
  if (concern && routeAsked) {
    return { request: 'supportPlan', concern, question };
  }
  // Otherwise the knowledge base, asked the question with the follow-up; of its close entries the
  // first that the follow-up's own words point to ("and just view it?" -> who may view).
  const together = match(question);
  if (together.confidence === 'none') return undefined;
  // "does it ...?" is about the last answer's subject: the question with it decides alone. ("and
  // just view it?" opens like a follow-up that names its own subject: its own best entry counts.)
  const chosen = pointsBackIn(n) && !OPENERS.test(n) ? together : preferredOf(alone, together);
  // Unsure, but still first on the last answer's entry: the conversation stays on it ("what if a
  // different colleague opens the next one?" after the IDs being needed once).
  return { request: 'knowledge', match: staysOnEntry(chosen, last, question, answerWith) ?? chosen, question };
}

/**
 * The follow-up's own best entry, when the question with it also finds it close to its best, is
 * what it asks ("and just view it?" after who may activate: who may view). Far behind, the question
 * with it decides: "und Datacenter?" after which competencies are cloud is still that question,
 * though "Datacenter" alone finds the packs without a cloud competency. (Only when the follow-up
 * alone has a lead: "also würde eine Fehlermeldung in Outlook zählen?" alone finds which
 * competencies count and what counts as technical support about equally.)
 */
function preferredOf(alone: KbMatch, together: KbMatch): KbMatch {
  const floor = (together.hits[0]?.score ?? 0) * ALTERNATIVE_RATIO;
  const aloneLeads = (alone.hits[1]?.score ?? 0) <= ALONE_LEAD * (alone.hits[0]?.score ?? 0);
  const preferred = aloneLeads ? alone.hits.map((a) => together.hits.find((h) => h.entry.id === a.entry.id && h.score >= floor)).find((h) => h !== undefined) : undefined;
  if (!preferred) return together;
  const hits = [preferred, ...together.hits.filter((h) => h !== preferred)];
  // The follow-up's own first choice, confirmed by the question with it: answered.
  const confidence = preferred.entry.id === alone.hits[0]?.entry.id ? 'answer' : together.confidence;
  return { ...together, confidence, hits };
}

/** The last answer's entry as the answer, when the search with the follow-up is unsure but still ranks it first. */
function staysOnEntry(together: KbMatch, last: LastTopic, question: string, answerWith?: AnswerWith): KbMatch | undefined {
  if (together.confidence !== 'didYouMean' || !last.entry || together.hits[0]?.entry.id !== last.entry) return undefined;
  return answerWith?.(last.entry, question, together);
}

/** How far ahead its runner-up a follow-up's own best entry must be to count as what it asks. */
const ALONE_LEAD = 0.8;

/** The most words of a message that tells the case of the "already associated" error after it came up. */
const MAX_TOLD_WORDS = 25;

/**
 * What a message says of the "already associated" error's case (linked before, expired or used up,
 * a CSP customer), when the last topic was that error; undefined otherwise.
 */
export function toldCase(normalized: string, last: LastTopic | undefined): AssociatedSlots | undefined {
  if (!last || wordCount(normalized) > MAX_TOLD_WORDS) return undefined;
  if (last.request !== 'alreadyAssociated' && !mentionsAlreadyAssociated(normalize(last.question))) return undefined;
  const slots = associatedSlots(normalized);
  return Object.keys(slots).length > 0 ? slots : undefined;
}

/** A condition of a question: "with/without ...", "mit/ohne ...", up to the end of its clause. */
const CONDITION = /\b(?:with|without|mit|ohne)\b[^?.!,;]*/;
/** A follow-up that only changes the condition: "and with a cloud competency?", "und ohne?". */
const SWAP = /^(?:and|und|but|aber|what about|how about|was ist mit)\s+((?:with|without|mit|ohne)\b.*)$/;

/** The last question with the follow-up's condition in place of its own; undefined when there is none to swap. */
export function swapCondition(followUp: string, lastQuestion: string): string | undefined {
  const phrase = SWAP.exec(followUp)?.[1];
  if (!phrase || wordCount(followUp) > MAX_FOLLOW_UP_WORDS || !CONDITION.test(lastQuestion)) return undefined;
  return lastQuestion.replace(CONDITION, phrase.trim());
}
