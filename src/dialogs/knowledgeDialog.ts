/**
 * Questions about the rules, answered from the knowledge base (issue 6): an answer card with its
 * source, follow-ups and "Did this help?"; "Did you mean ...?" when unsure; feedback recorded per
 * entry. It never waits for an answer, so it can also answer in the middle of another flow, which
 * then keeps waiting where it was.
 */
import type { TurnContext } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Clock } from '../clock.js';
import { t } from '../i18n/index.js';
import type { KbEntry, KbMatch, KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { redactQuestion } from '../knowledge/redact.js';
import { unansweredVariant } from '../knowledge/routing.js';
import type { Logger } from '../logger.js';
import type { BenefitsService } from '../services/benefitsService.js';
import type { KnowledgeEvent, KnowledgeLog } from '../store/types.js';
import { CardAction, cardActionOf, kbEntryOf, kbFeedbackOf } from '../views/actions.js';
import { didYouMeanView, knowledgeAnswerView, noneFitsView, notHelpedView } from '../views/knowledgeViews.js';
import { menuView } from '../views/views.js';
import { newNonce } from './cardPrompts.js';
import { DialogId } from './dialogIds.js';
import { callerOf, langOfTurn, type CardSender } from './turn.js';
import { begin, type Flow } from './flow.js';

const MATCH = Symbol('knowledgeMatch');

/**
 * The knowledge base's match for this turn's text, searched once per turn: the router and the
 * knowledge flow both need it.
 */
export function knowledgeMatchOf(context: TurnContext, kb: KnowledgeBase): KbMatch {
  const text = (context.activity.text ?? '').trim();
  const cached = context.turnState.get(MATCH) as { text: string; match: KbMatch } | undefined;
  if (cached && cached.text === text) return cached.match;
  const match = kb.match(text);
  context.turnState.set(MATCH, { text, match });
  return match;
}

/** This turn's match, read in context (a follow-up): what the router and the knowledge flow use from now on. */
export function setKnowledgeMatch(context: TurnContext, match: KbMatch): void {
  context.turnState.set(MATCH, { text: (context.activity.text ?? '').trim(), match });
}

/** Longest question text kept for the operators' report. */
const MAX_QUESTION = 300;

export class KnowledgeDialog extends ComponentDialog {
  /**
   * Feedback already counted (conversation, person, card). Kept in memory: after a restart an old
   * card could count once more, which a report over thousands of asks can bear.
   */
  private readonly votes = new LRUCache<string, true>({ max: 50_000 });

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly log: KnowledgeLog,
    private readonly benefits: BenefitsService,
    private readonly cards: CardSender,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    super(DialogId.knowledge);
    this.addDialog(new WaterfallDialog(`${DialogId.knowledge}.steps`, [this.answerStep.bind(this)]));
    this.initialDialogId = `${DialogId.knowledge}.steps`;
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.respond(step.context);
    return step.endDialog();
  }

  /** Answers this turn: a "Did this help?" press, "None of these", an entry's button, or a question in words. */
  async respond(context: TurnContext): Promise<void> {
    const value = context.activity.value;
    const feedback = kbFeedbackOf(value);
    if (feedback) return this.onFeedback(context, feedback);
    if (cardActionOf(value) === CardAction.kbNone) return this.cards.send(context, noneFitsView(langOfTurn(context)));
    if (cardActionOf(value) === CardAction.kbShow) {
      const entry = this.entryOf(kbEntryOf(value));
      if (!entry) return this.cards.send(context, menuView(langOfTurn(context), 'fallback'));
      const via = (value as { via?: unknown }).via === 'followUp' ? 'followUp' : 'choice';
      await this.record(context, { type: 'asked', entryId: entry.id, via });
      return this.answer(context, entry, []);
    }
    const text = (context.activity.text ?? '').trim();
    const match = knowledgeMatchOf(context, this.kb);
    const top = match.hits[0]?.entry;
    if (match.confidence === 'answer' && top) {
      await this.record(context, { type: 'asked', entryId: top.id, via: 'text' });
      // A close call is answered too, with the close runners-up offered under the answer.
      return this.answer(context, top, match.hits.slice(1).map((h) => h.entry.id), match.close.map((h) => h.entry), (match.also ?? []).map((h) => h.entry));
    }
    const suggested = match.confidence === 'didYouMean' ? match.hits.map((h) => h.entry) : [];
    await this.recordUnanswered(context, text, suggested);
    const lang = langOfTurn(context);
    await this.cards.send(context, suggested.length > 0 ? didYouMeanView(lang, suggested) : menuView(lang, unansweredVariant(text)));
  }

  /** Keeps a question nobody could answer, for `npm run kb-report`. */
  async recordUnanswered(context: TurnContext, text: string, suggested: readonly KbEntry[] = []): Promise<void> {
    if (!text) return;
    // Without e-mail addresses, links, GUIDs (Access IDs, tenants) and long numbers (phones, Contract IDs).
    const question = redactQuestion(text, MAX_QUESTION);
    await this.record(context, { type: 'unanswered', question, suggested: suggested.map((e) => e.id) });
  }

  private entryOf(id: string | undefined): KbEntry | undefined {
    return id === undefined ? undefined : this.kb.entry(id);
  }

  private async answer(context: TurnContext, entry: KbEntry, others: string[], alternatives: readonly KbEntry[] = [], alsoAsked: readonly KbEntry[] = []): Promise<void> {
    const lang = langOfTurn(context);
    const entitlement = entry.personalize === 'entitlement' ? await this.benefits.entitlementView(callerOf(context.activity)) : undefined;
    await this.cards.send(
      context,
      knowledgeAnswerView(lang, entry, { entryById: (id) => this.kb.entry(id), others, alternatives, alsoAsked, entitlement, card: newNonce() }),
    );
  }

  private async onFeedback(
    context: TurnContext,
    feedback: { entry: string; helpful: boolean; others: string[]; card: string },
  ): Promise<void> {
    const lang = langOfTurn(context);
    const entry = this.entryOf(feedback.entry);
    if (!entry) return this.cards.send(context, menuView(lang, 'fallback'));
    // One vote per person and card: pressing again (or in a group chat, for someone else) adds nothing.
    const vote = `${context.activity.conversation?.id}|${callerOf(context.activity).aadObjectId}|${feedback.card}`;
    if (this.votes.has(vote)) {
      await context.sendActivity(t(lang, 'kb.feedback.already'));
      return;
    }
    this.votes.set(vote, true);
    await this.record(context, { type: 'feedback', entryId: entry.id, helpful: feedback.helpful });
    if (feedback.helpful) {
      await context.sendActivity(t(lang, 'kb.feedback.thanks'));
      return;
    }
    // The runners-up of the user's question; failing those, the entries closest to this one.
    let others = feedback.others.map((id) => this.kb.entry(id)).filter((e): e is KbEntry => e !== undefined && e.id !== entry.id);
    if (others.length === 0) {
      others = this.kb.search(entry.title[lang === 'de' ? 'de' : 'en'], 4).map((h) => h.entry).filter((e) => e.id !== entry.id);
    }
    await this.cards.send(context, notHelpedView(lang, others.slice(0, 3)));
  }

  /** Appends a usage event; a failure to log never costs the user their answer. */
  private async record(context: TurnContext, event: DistributiveOmit<KnowledgeEvent, 'at' | 'lang'>): Promise<void> {
    const lang = langOfTurn(context) === 'de' ? 'de' : 'en';
    try {
      await this.log.append({ ...event, at: this.clock.now().toISOString(), lang } as KnowledgeEvent);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not record knowledge-base usage');
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Questions about the rules, and the answer card's buttons (another entry, "Did this help?"). */
export const knowledgeFlow = (dialog: KnowledgeDialog): Flow => ({
  dialogs: [dialog],
  verbs: { [CardAction.kbShow]: 'knowledge', [CardAction.kbFeedback]: 'knowledge', [CardAction.kbNone]: 'knowledge' },
  starts: { knowledge: begin(DialogId.knowledge) },
});
