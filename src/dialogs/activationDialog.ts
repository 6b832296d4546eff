import { MessageFactory } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { t, type Lang } from '../i18n/index.js';
import {
  shownActivation,
  type ActivationPlan,
  type ActivationResult,
  type BenefitsService,
  type ShownActivation,
} from '../services/benefitsService.js';
import { activationDoneView, confirmActivationView, idsView, refusalView, roleCheckOkView, type CardView } from '../views/views.js';
import { CardAction, shownActivationOf } from '../views/actions.js';
import type { TurnContext } from 'botbuilder';
import { ConfirmCardPrompt } from './cardPrompts.js';
import { DialogId } from './dialogIds.js';
import { callerOf, isPersonalChat, langOfTurn, type CardSender } from './turn.js';
import type { Flow, FlowBegin } from './flow.js';

/** How the activation flow was started. */
export interface ActivationOptions {
  /**
   * `check`: only the role and account check ("can I activate?"); `activate`: check, confirm,
   * activate; `confirmed`: a confirmation arrived with no flow waiting for it (an old card, a double
   * click, another member's click): check again and activate what the card showed, if that is still
   * what would be activated.
   */
  mode: 'check' | 'activate' | 'confirmed';
  /** With `confirmed`: what the pressed card showed, if it said. */
  shown?: ShownActivation;
}

/** Kept across the steps: what the confirmation showed. */
interface StepValues {
  shown?: ShownActivation;
}

/** The waiting confirmation (an AnswerablePrompt: the router lets "activate" and "yes" reach it). */
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
    const { mode, shown } = step.options;
    const plan = await this.benefits.planActivation(callerOf(context.activity));
    if (plan.status === 'refused') {
      await reportActivation(context, this.cards, plan, this.benefits);
      return step.endDialog();
    }
    if (mode === 'check') {
      if (plan.status === 'alreadyActive' && plan.refusal) {
        // Whoever may activate, there is nothing left to: say so, and hand over the IDs (F12). In a
        // shared conversation the report alone says both (already active, IDs in a personal chat).
        if (isPersonalChat(context.activity)) await context.sendActivity(t(lang, 'roleCheck.alreadyActive', { org: plan.member.organization.name }));
        await reportActivation(context, this.cards, plan, this.benefits);
      } else {
        const { user, organization } = plan.member;
        await this.cards.send(context, roleCheckOkView(lang, user, organization, plan.status === 'alreadyActive'));
      }
      return step.endDialog();
    }
    if (plan.status === 'alreadyActive') {
      await reportActivation(context, this.cards, plan, this.benefits);
      return step.endDialog();
    }
    // A confirmation from a card goes straight to activation when the card said what it showed.
    if (mode === 'confirmed' && shown) {
      (step.values as StepValues).shown = shown;
      return step.next(true);
    }
    (step.values as StepValues).shown = shownActivation(plan);
    return step.prompt(CONFIRM_PROMPT, {
      prompt: this.cards.activity(confirmationView(lang, plan)),
      retryPrompt: MessageFactory.text(t(lang, 'activation.confirm.reprompt')),
    });
  }

  private async activateStep(step: WaterfallStepContext<ActivationOptions>): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    if (step.result !== true) {
      await sayCancelled(step.context);
      return step.endDialog();
    }
    const result = await this.benefits.activate(callerOf(step.context.activity), (step.values as StepValues).shown);
    if (result.status === 'changed') {
      // The day or the entitlement changed since the card was shown: show what is true now.
      await step.context.sendActivity(t(lang, 'activation.changed'));
      return step.replaceDialog(DialogId.activation, { mode: 'activate' } satisfies ActivationOptions);
    }
    await reportActivation(step.context, this.cards, result, this.benefits);
    return step.endDialog();
  }
}

/** The confirmation card of what would be activated now. */
const confirmationView = (lang: Lang, plan: Extract<ActivationPlan, { status: 'ready' }>): CardView =>
  confirmActivationView(lang, plan.member.organization, plan.lines, plan.contractStart, plan.contractEnd);

const sayCancelled = async (context: TurnContext): Promise<void> => {
  await context.sendActivity(t(langOfTurn(context), 'activation.cancelled'));
};

/**
 * Tells the caller how an activation ended, for the dialog and for a press of the card alike: a
 * refusal card when refused, and the IDs only in a personal chat (F12); elsewhere a text that says
 * where to ask for them.
 */
export async function reportActivation(
  context: TurnContext,
  cards: CardSender,
  result: Exclude<ActivationResult, { status: 'changed' }>,
  benefits: BenefitsService,
): Promise<void> {
  const lang = langOfTurn(context);
  const personal = isPersonalChat(context.activity);
  if (result.status === 'refused') {
    await cards.send(context, refusalView(lang, result.refusal, personal));
    return;
  }
  const org = result.member.organization;
  if (!personal) {
    // Already active: say that first; "I do not post the IDs here" alone read as if it had not been.
    const key = result.status === 'activated' ? 'activation.groupChat' : 'activation.already.groupChat';
    await context.sendActivity(t(lang, key, { org: org.name }));
    return;
  }
  await cards.send(context, idsView(lang, org, result.benefits, result.status));
  await benefits.idsShown(callerOf(context.activity), org.tenantId);
}

/**
 * "Activate" pressed on the confirmation card as Teams sends it (`Action.Execute`), carried out
 * here rather than by the dialog, with the same checks and replies as the dialog's confirmation:
 * the caller and the organization come from the channel and are checked again on the server, the
 * activation is idempotent, and what the card showed (the button's data) only tells a stale card
 * from a current one. A card that does not say what it showed confirms nothing, and a stale one
 * (after "that has changed") neither: both begin the dialog's confirmation of what applies now.
 */
export async function confirmFromCard(benefits: BenefitsService, cards: CardSender, context: TurnContext, data: unknown): Promise<FlowBegin | void> {
  const confirmAgain: FlowBegin = { dialogId: DialogId.activation, options: { mode: 'activate' } satisfies ActivationOptions };
  const shown = shownActivationOf(data);
  if (!shown) return confirmAgain;
  const result = await benefits.activate(callerOf(context.activity), shown);
  if (result.status === 'changed') {
    await context.sendActivity(t(langOfTurn(context), 'activation.changed'));
    return confirmAgain;
  }
  await reportActivation(context, cards, result, benefits);
}

/**
 * The activation confirmation card as it is for the caller right now (Teams' Universal Actions
 * refresh, and the card that replaces the pressed one): after activation, the same buttonless card
 * for everyone; before it, the confirmation with its buttons for whoever may activate, and for
 * everyone else the reason and whom to ask, kept refreshing so it turns into the done card later.
 */
export async function activationCardFor(benefits: BenefitsService, context: TurnContext): Promise<CardView> {
  const lang = langOfTurn(context);
  const plan = await benefits.planActivation(callerOf(context.activity));
  switch (plan.status) {
    case 'alreadyActive': {
      const first = plan.benefits.filter((b) => b.activatedAt).sort((a, b) => a.activatedAt!.localeCompare(b.activatedAt!))[0];
      return activationDoneView(lang, plan.member.organization, first?.activatedAt?.slice(0, 10), first?.activatedBy?.name);
    }
    case 'ready':
      return confirmationView(lang, plan);
    case 'refused':
      return { ...refusalView(lang, plan.refusal, isPersonalChat(context.activity)), refresh: CardAction.activationRefresh };
  }
}

/**
 * Role check, activation and the pasted portal errors about access (F9-F12, F25): "can I
 * activate?", "activate", the confirmation card's buttons, and "You are not authorized ..." /
 * "It looks like you don't have any benefits yet" explained before the check.
 */
export const activationFlow = (benefits: BenefitsService, cards: CardSender): Flow => {
  const activate = (step: WaterfallStepContext, options: ActivationOptions) => step.beginDialog(DialogId.activation, options);
  return {
    dialogs: [new ActivationDialog(benefits, cards)],
    verbs: {
      [CardAction.roleCheck]: 'roleCheck',
      [CardAction.activate]: 'activate',
      [CardAction.activationConfirm]: 'activationConfirm',
      [CardAction.activationCancel]: 'activationCancel',
      // Only Teams sends it, as an invoke (PartnerBot); as a plain submit it asks "can I activate?".
      [CardAction.activationRefresh]: 'roleCheck',
    },
    // The confirmation card is kept current by Teams for every member (F9, F12).
    // A press is carried out here, not by rewriting the invoke into a message for the dialog; it
    // answers the dialog's waiting confirmation, which the router then ends.
    execute: {
      verbs: [CardAction.activationRefresh, CardAction.activationConfirm, CardAction.activationCancel],
      refresh: CardAction.activationRefresh,
      updatesForAll: CardAction.activationConfirm,
      answers: DialogId.activation,
      act: async (context, verb, data) => {
        if (verb === CardAction.activationConfirm) return confirmFromCard(benefits, cards, context, data);
        if (verb === CardAction.activationCancel) await sayCancelled(context);
      },
      card: (context) => activationCardFor(benefits, context),
    },
    starts: {
      roleCheck: (step) => activate(step, { mode: 'check' }),
      activate: (step) => activate(step, { mode: 'activate' }),
      // A confirmation with no flow waiting: activation re-checks everything on the server.
      activationConfirm: (step) => activate(step, { mode: 'confirmed', shown: shownActivationOf(step.context.activity.value) }),
      activationCancel: async (step) => {
        await sayCancelled(step.context);
        return step.endDialog();
      },
      notAuthorizedError: async (step, { lang }) => {
        // F10: the pasted portal error; explain it, then show what is true for this account.
        await step.context.sendActivity(t(lang, 'paste.notAuthorized'));
        return activate(step, { mode: 'check' });
      },
      noBenefitsError: async (step, { lang }) => {
        // F11: with an active membership, the message means the wrong account is signed in.
        const view = await benefits.entitlementView(callerOf(step.context.activity));
        if (view.organization && view.entitlement?.active.length) {
          await step.context.sendActivity(t(lang, 'paste.noBenefits.active', { org: view.organization.name }));
          return step.endDialog();
        }
        await step.context.sendActivity(t(lang, 'paste.noBenefits'));
        return activate(step, { mode: 'check' });
      },
    },
  };
};
