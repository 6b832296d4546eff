import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ToldUnusable } from '../domain/troubleshooting.js';
import { t } from '../i18n/index.js';
import { normalize } from '../recognizer/recognizer.js';
import { associatedSlots, type AssociatedSlots } from '../recognizer/slots.js';
import type { SupportService } from '../services/supportService.js';
import {
  assocCspView,
  assocNotLinkedView,
  assocDiagnosisView,
  assocQuestionView,
  assocScenario1View,
  assocScenario2View,
  choiceView,
  yesNoUnsure,
} from '../views/supportViews.js';
import type { CardView } from '../views/views.js';
import { ChoiceCardPrompt, questionOptions } from './cardPrompts.js';
import { DialogId } from './dialogIds.js';
import { OWN_OR_CSP, YES_NO_UNSURE, type PromptChoice } from './promptChoices.js';
import type { SupportPlanOptions } from './supportPlanDialog.js';
import { callerOf, langOfTurn, type CardSender } from './turn.js';
import { beginWithFollowUp, type Flow } from './flow.js';
import { CardAction } from '../views/actions.js';

const QUESTION = `${DialogId.alreadyAssociated}.question`;

/** What decides the walk-through's next step: whose Azure it is, or the case the user told. */
type WhereAnswer = 'own' | 'csp' | 'expired' | 'usedUp' | 'linkedBefore';

/** The step a message's slots decide, most telling first (a CSP customer needs no linking at all); undefined when they say nothing. */
function toldOf(slots: AssociatedSlots): WhereAnswer | undefined {
  if (slots.whose === 'csp') return 'csp';
  return slots.invalid ?? (slots.linkedBefore ? 'linkedBefore' : slots.whose);
}

export interface AlreadyAssociatedOptions {
  /** What is known already (e.g. from a follow-up to an answer about the error); else read from the message. */
  slots?: AssociatedSlots;
}

/**
 * The Azure portal error "This Access ID is already associated with an account" (F20-F22): first
 * the right place (linking in Azure, F22; a CSP customer needs no linking, F18), then scenario 1
 * (already linked to this account: ignore the error) or scenario 2 (expired or used up: a new plan,
 * continuing into the plan choice), read from the directory when it can, asked when it cannot.
 */
export class AlreadyAssociatedDialog extends ComponentDialog {
  constructor(
    private readonly support: SupportService,
    private readonly cards: CardSender,
  ) {
    super(DialogId.alreadyAssociated);
    this.addDialog(new ChoiceCardPrompt(QUESTION));
    this.addDialog(
      new WaterfallDialog(`${DialogId.alreadyAssociated}.steps`, [
        this.whereStep.bind(this),
        this.diagnoseStep.bind(this),
        this.askExpiredStep.bind(this),
        this.concludeStep.bind(this),
      ]),
    );
    this.initialDialogId = `${DialogId.alreadyAssociated}.steps`;
  }

  private ask(step: WaterfallStepContext, view: CardView, choices: PromptChoice[]): Promise<DialogTurnResult> {
    return step.prompt(QUESTION, questionOptions(this.cards, view, choices, t(langOfTurn(step.context), 'choice.reprompt')));
  }

  /**
   * What the message already says decides without a question: a CSP customer's Azure (F18), a
   * contract the user says is expired or used up (scenario 2, F21), one they added to this account
   * before (scenario 1, F20), or their own Azure. Otherwise: whose Azure is it (F22, F18)? (A case
   * told in answer to that question restarts the walk-through with it: routing's `toldCase`.)
   */
  private async whereStep(step: WaterfallStepContext<AlreadyAssociatedOptions>): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    const told = toldOf(step.options?.slots ?? associatedSlots(normalize(step.context.activity.text ?? '')));
    return told ? step.next(told) : this.ask(step, assocQuestionView(lang), OWN_OR_CSP);
  }

  private async diagnoseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    const told = step.result as WhereAnswer;
    if (told === 'expired' || told === 'usedUp') {
      await this.cards.send(step.context, assocScenario2View(lang, undefined, 'told'));
      return this.toPlanChoice(step, told);
    }
    if (told === 'linkedBefore') {
      await this.cards.send(step.context, assocScenario1View(lang));
      return step.endDialog();
    }
    if (told === 'csp') {
      await this.cards.send(step.context, assocCspView(lang));
      return step.endDialog();
    }
    const { organization, diagnosis } = await this.support.diagnoseAlreadyAssociated(callerOf(step.context.activity));
    const view = assocDiagnosisView(lang, organization, diagnosis);
    if (view) {
      await this.cards.send(step.context, view);
      if (diagnosis.kind === 'expired' || diagnosis.kind === 'usedUp') return this.toPlanChoice(step);
      return step.endDialog();
    }
    // The directory cannot tell: was the contract linked to this account before? (F20)
    return this.ask(step, choiceView(lang, t(lang, 'assoc.q1'), yesNoUnsure(lang)), YES_NO_UNSURE);
  }

  private async askExpiredStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    (step.values as { linkedBefore?: string }).linkedBefore = String(step.result);
    if (step.result === 'yes') {
      await this.cards.send(step.context, assocScenario1View(lang));
      return step.endDialog();
    }
    return this.ask(step, choiceView(lang, t(lang, 'assoc.q2'), yesNoUnsure(lang)), YES_NO_UNSURE);
  }

  private async concludeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    if (step.result === 'yes') {
      await this.cards.send(step.context, assocScenario2View(lang, undefined, 'told'));
      return this.toPlanChoice(step, 'expiredOrUsedUp');
    }
    if ((step.values as { linkedBefore?: string }).linkedBefore === 'no') {
      // Not linked with this account and not expired: it may be a colleague's (F13); check it (F16).
      await this.cards.send(step.context, assocNotLinkedView(lang));
      return step.endDialog();
    }
    // Not sure either way: scenario 1 is the likely case; how to check the contract (F16).
    await this.cards.send(step.context, assocScenario1View(lang, undefined, undefined, true));
    return step.endDialog();
  }

  /** Scenario 2 continues into the plan choice for cloud products (F21, F23); `told` when the user said why. */
  private toPlanChoice(step: WaterfallStepContext, told?: ToldUnusable): Promise<DialogTurnResult> {
    return step.replaceDialog(DialogId.supportPlan, { concern: 'cloud', ...(told ? { told } : {}) } satisfies SupportPlanOptions);
  }
}

/** The Azure error "Access ID is already associated" (F18, F20-F22); a follow-up may bring the scenario. */
export const alreadyAssociatedFlow = (support: SupportService, cards: CardSender): Flow => ({
  dialogs: [new AlreadyAssociatedDialog(support, cards)],
  verbs: { [CardAction.alreadyAssociated]: 'alreadyAssociated' },
  starts: { alreadyAssociated: beginWithFollowUp(DialogId.alreadyAssociated, 'alreadyAssociated', (f) => ({ slots: f.slots }) satisfies AlreadyAssociatedOptions) },
});
