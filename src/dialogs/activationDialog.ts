import { MessageFactory } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../i18n/index.js';
import type { ActivationResult, BenefitsService } from '../services/benefitsService.js';
import { confirmActivationView, idsView, refusalView, roleCheckOkView } from '../views/views.js';
import { ConfirmCardPrompt } from './confirmCardPrompt.js';
import { DialogId } from './dialogIds.js';
import { callerOf, isPersonalChat, langOfTurn, type CardSender } from './turn.js';

/** How the activation flow was started. */
export interface ActivationOptions {
  /**
   * `check`: only the role and account check ("can I activate?"); `activate`: check, confirm,
   * activate; `confirmed`: a confirmation arrived with no flow waiting for it (an old card, a double
   * click, a restart): check again and activate without asking twice.
   */
  mode: 'check' | 'activate' | 'confirmed';
}

const CONFIRM_PROMPT = `${DialogId.activation}.confirm`;

/**
 * Role and account check, confirmation and activation (F9-F12, F25). Every step re-reads the
 * directory and re-checks the caller, so a forged or stale confirmation changes nothing.
 */
export class ActivationDialog extends ComponentDialog {
  constructor(
    private readonly benefits: BenefitsService,
    private readonly cards: CardSender,
  ) {
    super(DialogId.activation);
    this.addDialog(new ConfirmCardPrompt(CONFIRM_PROMPT));
    this.addDialog(
      new WaterfallDialog(`${DialogId.activation}.steps`, [this.checkStep.bind(this), this.activateStep.bind(this)]),
    );
    this.initialDialogId = `${DialogId.activation}.steps`;
  }

  private async checkStep(step: WaterfallStepContext<ActivationOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = langOfTurn(context);
    const mode = step.options.mode;
    const plan = await this.benefits.planActivation(callerOf(context.activity));
    if (plan.status === 'refused') {
      await this.cards.send(context, refusalView(lang, plan.refusal));
      return step.endDialog();
    }
    if (mode === 'check') {
      const { user, organization } = plan.member;
      await this.cards.send(context, roleCheckOkView(lang, user, organization, plan.status === 'alreadyActive'));
      return step.endDialog();
    }
    if (plan.status === 'alreadyActive') {
      await this.report(step, { status: 'alreadyActive', member: plan.member, benefits: plan.benefits });
      return step.endDialog();
    }
    if (mode === 'confirmed') return step.next(true);
    const view = confirmActivationView(lang, plan.member.organization, plan.lines, plan.contractStart, plan.contractEnd);
    return step.prompt(CONFIRM_PROMPT, {
      prompt: this.cards.activity(view),
      retryPrompt: MessageFactory.text(t(lang, 'activation.confirm.reprompt')),
    });
  }

  private async activateStep(step: WaterfallStepContext<ActivationOptions>): Promise<DialogTurnResult> {
    if (step.result !== true) {
      await step.context.sendActivity(t(langOfTurn(step.context), 'activation.cancelled'));
      return step.endDialog();
    }
    await this.report(step, await this.benefits.activate(callerOf(step.context.activity)));
    return step.endDialog();
  }

  /** Tells the caller how the activation ended; IDs only in a personal chat (F12). */
  private async report(step: WaterfallStepContext, result: ActivationResult): Promise<void> {
    const { context } = step;
    const lang = langOfTurn(context);
    if (result.status === 'refused') {
      await this.cards.send(context, refusalView(lang, result.refusal));
      return;
    }
    const org = result.member.organization;
    if (!isPersonalChat(context.activity)) {
      const key = result.status === 'activated' ? 'activation.groupChat' : 'ids.groupChat';
      await context.sendActivity(t(lang, key, { org: org.name }));
      return;
    }
    await this.cards.send(context, idsView(lang, org, result.benefits, result.status));
  }
}
