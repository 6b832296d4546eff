import { MessageFactory } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ProactiveMessenger } from '../adapter/proactive.js';
import type { Logger } from '../logger.js';
import { t } from '../i18n/index.js';
import type { CaseService } from '../services/caseService.js';
import { caseView } from '../views/helpdeskViews.js';
import { refusalView } from '../views/views.js';
import { FreeTextPrompt } from './cardPrompts.js';
import { DialogId } from './dialogIds.js';
import { callerOf, INTERRUPTED_FLOW, isPersonalChat, langOfTurn, requestKeyOf, type CardSender } from './turn.js';
import { flowOf, NOT_A_QUESTION, RECENT_QUESTIONS, type RecentQuestion } from './recentQuestions.js';
import { begin, type Flow } from './flow.js';
import { CardAction } from '../views/actions.js';
import { CaseDelivery } from '../jobs/caseDelivery.js';

const DESCRIPTION = `${DialogId.escalation}.description`;
/** Words from which a request for a person also describes the problem ("can i speak to someone from the helpdesk pls" does not). */
const DESCRIBED_WORDS = 12;

/** What the escalation remembers between asking for the line and making the case. */
interface Gathered {
  /** The flow a request for a person interrupted (a dialog id). */
  flow?: string;
  /** The partner's recent questions here, oldest first (neutralised, cut at a word). */
  asked?: string[];
  /** What the conversation was about: the interrupted flow, or the last question's. */
  topic?: string;
}

/**
 * "Talk to a person": a one-line description, then a case carrying the conversation's context,
 * posted as a card into the helpdesk conversation (set by an agent with "set helpdesk channel").
 * Before one is set the case is kept and waits; it is posted when an agent sets it (CaseDelivery),
 * and the partner is told just that.
 */
export class EscalationDialog extends ComponentDialog {
  constructor(
    private readonly cases: CaseService,
    private readonly cards: CardSender,
    private readonly delivery: CaseDelivery,
    private readonly logger: Logger,
  ) {
    super(DialogId.escalation);
    this.addDialog(new FreeTextPrompt(DESCRIPTION));
    this.addDialog(new WaterfallDialog(`${DialogId.escalation}.steps`, [this.askStep.bind(this), this.createStep.bind(this)]));
    this.initialDialogId = `${DialogId.escalation}.steps`;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    const refusal = await this.cases.mayEscalate(callerOf(step.context.activity));
    if (refusal) {
      await this.cards.send(step.context, refusalView(lang, refusal, isPersonalChat(step.context.activity), false));
      return step.endDialog();
    }
    // What the partner asked and where they were, before this question and its answer come in between.
    const gathered = step.values as Gathered;
    const recent = (step.context.turnState.get(RECENT_QUESTIONS) as RecentQuestion[] | undefined) ?? [];
    gathered.flow = step.context.turnState.get(INTERRUPTED_FLOW) as string | undefined;
    gathered.asked = recent.map((q) => q.text);
    gathered.topic = flowOf(gathered.flow, recent);
    // "i need an actual person. our exchange server is down and ..." already says what it is about:
    // that message is the description, nothing more to ask.
    const typed = step.context.activity.value === undefined ? (step.context.activity.text ?? '').trim() : '';
    if (typed.split(/\s+/).length >= DESCRIBED_WORDS) return step.next(typed);
    return step.prompt(DESCRIPTION, {
      prompt: MessageFactory.text(t(lang, 'escalate.ask')),
      retryPrompt: MessageFactory.text(t(lang, 'escalate.tooShort')),
    });
  }

  private async createStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = langOfTurn(context);
    const { flow, asked = [], topic } = step.values as Gathered;
    // This text is the case's summary, not a question to carry into the next case.
    context.turnState.set(NOT_A_QUESTION, true);
    const result = await this.cases.escalate(callerOf(context.activity), String(step.result), {
      flow: flow?.replace(/Dialog$/, '') ?? 'escalation',
      ...(topic ? { topic } : {}),
      ...(asked.length ? { asked: asked.join('\n') } : {}),
      locale: context.activity.locale ?? '',
    }, requestKeyOf(context.activity));
    if (result.status === 'refused') {
      await this.cards.send(context, refusalView(lang, result.refusal, isPersonalChat(context.activity)));
      return step.endDialog();
    }
    const { helpdeskCase, helpdesk } = result;
    if (!helpdesk) {
      this.logger.warn({ caseId: helpdeskCase.id }, 'a partner asked for a person, but no helpdesk conversation is set: the case waits until an agent says "set helpdesk channel" there');
      await context.sendActivity(t(lang, 'escalate.waiting', { id: helpdeskCase.id }));
      return step.endDialog();
    }
    // This case and any still waiting; a redelivered request finds its card posted by the first delivery.
    await this.delivery.deliverWaiting(helpdesk);
    if ((await this.cases.deliveryState(helpdeskCase.id)) === 'waiting') {
      await context.sendActivity(t(lang, 'escalate.notPosted', { id: helpdeskCase.id }));
      return step.endDialog();
    }
    await context.sendActivity(t(lang, 'escalate.created', { id: helpdeskCase.id }));
    return step.endDialog();
  }
}

/**
 * "Talk to a person": a helpdesk case with what the partner was doing. The cases waiting for a
 * helpdesk conversation are posted when an agent sets one, and a card whose post failed goes with
 * the next escalation or when an agent next takes or resolves a case.
 */
export function escalationFlow(cases: CaseService, cards: CardSender, messenger: ProactiveMessenger, logger: Logger): Flow {
  const delivery = new CaseDelivery(cases, messenger, (lang, c) => cards.activity(caseView(lang, c)), logger);
  cases.whenHelpdeskActive(async (helpdesk) => {
    try {
      await delivery.deliverWaiting(helpdesk);
    } catch (error) {
      // What the agent did stands; the cases wait for the next delivery.
      logger.error({ err: error }, 'could not deliver the waiting cases to the helpdesk conversation');
    }
  });
  return {
    dialogs: [new EscalationDialog(cases, cards, delivery, logger)],
    verbs: { [CardAction.escalate]: 'escalate' },
    starts: { escalate: begin(DialogId.escalation) },
  };
}
