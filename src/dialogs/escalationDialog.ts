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
import { callerOf, INTERRUPTED_FLOW, isPersonalChat, LAST_ANSWER, langOfTurn, requestKeyOf, type CardSender } from './turn.js';
import { begin, type Flow } from './flow.js';
import { CardAction } from '../views/actions.js';

const DESCRIPTION = `${DialogId.escalation}.description`;

/**
 * "Talk to a person": a one-line description, then a case carrying the conversation's context,
 * posted as a card into the helpdesk conversation (set by an agent with "set helpdesk channel").
 */
export class EscalationDialog extends ComponentDialog {
  constructor(
    private readonly cases: CaseService,
    private readonly cards: CardSender,
    private readonly messenger: ProactiveMessenger,
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
    if (!(await this.cases.helpdesk())) {
      this.logger.warn('a partner asked for a person, but no helpdesk conversation is set: an agent must say "set helpdesk channel" there');
      await step.context.sendActivity(t(lang, 'escalate.noChannel'));
      return step.endDialog();
    }
    // Remember what the bot said last before this question replaces it.
    (step.values as { lastAnswer?: string }).lastAnswer = step.context.turnState.get(LAST_ANSWER) as string | undefined;
    (step.values as { flow?: string }).flow = step.context.turnState.get(INTERRUPTED_FLOW) as string | undefined;
    return step.prompt(DESCRIPTION, {
      prompt: MessageFactory.text(t(lang, 'escalate.ask')),
      retryPrompt: MessageFactory.text(t(lang, 'escalate.tooShort')),
    });
  }

  private async createStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = langOfTurn(context);
    const lastAnswer = (step.values as { lastAnswer?: string }).lastAnswer;
    const result = await this.cases.escalate(callerOf(context.activity), String(step.result), {
      flow: (step.values as { flow?: string }).flow?.replace(/Dialog$/, '') ?? 'escalation',
      ...(lastAnswer ? { lastAnswer } : {}),
      locale: context.activity.locale ?? '',
    }, requestKeyOf(context.activity));
    if (result.status === 'refused') {
      await this.cards.send(context, refusalView(lang, result.refusal, isPersonalChat(context.activity)));
      return step.endDialog();
    }
    if (result.status === 'noChannel') {
      await context.sendActivity(t(lang, 'escalate.noChannel'));
      return step.endDialog();
    }
    const { helpdeskCase, helpdesk } = result;
    const helpdeskLang = (helpdesk.reference['locale'] as string | undefined)?.startsWith('de') ? 'de' : 'en';
    // A redelivered request finds its case made, and its card posted, by the first delivery.
    if (!helpdeskCase.card) {
      try {
        // In a Teams channel the stored id names the thread (";messageid=..."); post to the channel itself.
        const conversation = helpdesk.reference['conversation'] as { id: string };
        const reference = { ...helpdesk.reference, conversation: { ...conversation, id: conversation.id.split(';')[0] } };
        const [activityId] = await this.messenger.send(reference, [this.cards.activity(caseView(helpdeskLang, helpdeskCase))]);
        if (activityId) await this.cases.attachCard(helpdeskCase.id, { conversationId: helpdesk.key, activityId });
      } catch (error) {
        this.logger.error({ err: error, caseId: helpdeskCase.id }, 'could not post the case card to the helpdesk conversation');
      }
    }
    await context.sendActivity(t(lang, 'escalate.created', { id: helpdeskCase.id }));
    return step.endDialog();
  }
}

/** "Talk to a person": a helpdesk case with what the partner was doing. */
export const escalationFlow = (cases: CaseService, cards: CardSender, messenger: ProactiveMessenger, logger: Logger): Flow => ({
  dialogs: [new EscalationDialog(cases, cards, messenger, logger)],
  verbs: { [CardAction.escalate]: 'escalate' },
  starts: { escalate: begin(DialogId.escalation) },
});
