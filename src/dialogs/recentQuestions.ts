/**
 * A partner's recent questions in a conversation, for the case card when they ask for a person: the
 * helpdesk sees what they asked (their own words, neutralised, cut at a word) and what the bot took
 * it to be about, not the bot's last reply. Kept per person and conversation beside the dialog
 * stack (PartnerBot), the last {@link KEEP}, each for {@link TTL_MS}. Pure; no botbuilder.
 */
import { boundedText } from '../util/boundedText.js';
import { neutralise } from '../text/neutralise.js';
import { COMMANDS } from '../knowledge/routing.js';

/** Turn-state key: this person's recent questions here before this turn (`RecentQuestion[]`, oldest first). */
export const RECENT_QUESTIONS = Symbol('recentQuestions');
/** Turn-state key: set by a flow whose prompt took this turn's text as an answer (not a question to remember). */
export const NOT_A_QUESTION = Symbol('notAQuestion');

export interface RecentQuestion {
  /** What the person wrote, neutralised and cut at a word to {@link MAX_CHARS}. */
  text: string;
  /** What the bot took it to be (the turn's request, e.g. `balance`, `knowledge`). */
  request: string;
  at: string;
}

/** How many questions are kept. */
export const KEEP = 3;
/** The longest question kept: its start and end, each cut at a word (boundedText). */
export const MAX_CHARS = 200;
/** A question older than this is no longer context for a case. */
export const TTL_MS = 24 * 60 * 60_000;

/** Requests that are no question about the benefits: conversation control, helpdesk commands, answers to the bot's cards. */
const NOT_QUESTIONS: ReadonlySet<string> = new Set([...COMMANDS, 'choice', 'activationConfirm', 'activationCancel', 'caseAssign', 'caseResolve']);

/** Whether a turn with this request is a question worth carrying into a case. */
export function isQuestion(request: string): boolean {
  return !NOT_QUESTIONS.has(request);
}

/** The questions still fresh at `now`, oldest first. */
export function freshQuestions(kept: readonly RecentQuestion[] | undefined, now: Date): RecentQuestion[] {
  return (kept ?? []).filter((q) => now.getTime() - Date.parse(q.at) < TTL_MS);
}

/** `kept` with `text` added as the newest (the oldest dropped beyond {@link KEEP}). */
export function withQuestion(kept: readonly RecentQuestion[], text: string, request: string, now: Date): RecentQuestion[] {
  const cleaned = boundedText(neutralise(text).replace(/\s+/g, ' ').trim(), MAX_CHARS);
  if (!cleaned) return [...kept];
  return [...kept, { text: cleaned, request, at: now.toISOString() }].slice(-KEEP);
}

/** Dialog ids whose flow name differs from the request that starts them. */
const FLOW_OF_DIALOG: Record<string, string> = { activation: 'activate' };

/**
 * The flow a case came from, by name (`balance`, `activate`, ...): the flow a request for a person
 * interrupted (a dialog id), else what the last question was about, else `escalation` (straight to
 * a person).
 */
export function flowOf(interruptedDialog: string | undefined, recent: readonly RecentQuestion[]): string {
  if (interruptedDialog) {
    const name = interruptedDialog.replace(/Dialog$/, '');
    return FLOW_OF_DIALOG[name] ?? name;
  }
  return recent.at(-1)?.request ?? 'escalation';
}
