import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Concern, ToldUnusable } from '../domain/troubleshooting.js';
import { t } from '../i18n/index.js';
import { normalize } from '../recognizer/recognizer.js';
import type { SupportService } from '../services/supportService.js';
import { choiceView, concernOptions, routeView } from '../views/supportViews.js';
import { ChoiceCardPrompt, questionOptions } from './cardPrompts.js';
import { DialogId } from './dialogIds.js';
import { CONCERNS } from './promptChoices.js';
import { associatedSlots } from '../recognizer/slots.js';
import { concernOfMessage } from '../knowledge/routing.js';
import { callerOf, langOfTurn, type CardSender } from './turn.js';
import { beginWithFollowUp, type Flow } from './flow.js';
import { CardAction } from '../views/actions.js';

export interface SupportPlanOptions {
  /** Known already (e.g. from the "already associated" walk-through); otherwise asked. */
  concern?: Concern;
  /** The user said the contract is expired or used up (the "already associated" walk-through, scenario 2). */
  told?: ToldUnusable;
}

const QUESTION = `${DialogId.supportPlan}.question`;

/**
 * "Where do I open a case for SharePoint Server?", "which plan should we buy for Azure?": the route
 * for the problem (F15, F17-F19, F26), whether the organization's benefit covers it, and when it
 * does not, the paid plans (F23).
 */
export class SupportPlanDialog extends ComponentDialog {
  constructor(
    private readonly support: SupportService,
    private readonly cards: CardSender,
  ) {
    super(DialogId.supportPlan);
    this.addDialog(new ChoiceCardPrompt(QUESTION));
    this.addDialog(new WaterfallDialog(`${DialogId.supportPlan}.steps`, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = `${DialogId.supportPlan}.steps`;
  }

  private async askStep(step: WaterfallStepContext<SupportPlanOptions>): Promise<DialogTurnResult> {
    const said = normalize(step.context.activity.text ?? '');
    // "Our Signature 5-pack is empty, how do we get Azure support now?": what the user says of the
    // contract counts as in the walk-through (F21), whatever the directory still shows. Read from
    // the message that started the flow and kept for the answer, which may come a turn later.
    const told = step.options?.told ?? associatedSlots(said).invalid;
    if (told) (step.values as { told?: ToldUnusable }).told = told;
    // "... for SharePoint Server?" already says what it concerns. A message whose context names both
    // kinds ("Azure App Service ... bisher nur für On-Prem genutzt. Wie eröffne ich dafür einen Fall
    // über Signature Cloud Support?") says it in its question.
    const concern = step.options?.concern ?? concernOfMessage(step.context.activity.text ?? '');
    if (concern) return step.next(concern);
    const lang = langOfTurn(step.context);
    const view = choiceView(lang, t(lang, 'plan.question'), concernOptions(lang));
    return step.prompt(QUESTION, questionOptions(this.cards, view, CONCERNS, t(lang, 'choice.reprompt')));
  }

  private async answerStep(step: WaterfallStepContext<SupportPlanOptions>): Promise<DialogTurnResult> {
    const { told } = step.values as { told?: ToldUnusable };
    const { organization, route } = await this.support.route(callerOf(step.context.activity), step.result as Concern, told);
    await this.cards.send(step.context, routeView(langOfTurn(step.context), route, organization));
    return step.endDialog();
  }
}

/** Which support, which plan (F15, F17-F19, F23, F26); "and for azure?" after a route names the concern. */
export const supportPlanFlow = (support: SupportService, cards: CardSender): Flow => ({
  dialogs: [new SupportPlanDialog(support, cards)],
  verbs: { [CardAction.supportPlan]: 'supportPlan' },
  starts: { supportPlan: beginWithFollowUp(DialogId.supportPlan, 'supportPlan', (f) => ({ concern: f.concern }) satisfies SupportPlanOptions) },
});
