import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../i18n/index.js';
import type { BenefitsService } from '../services/benefitsService.js';
import { idsView, noMembershipView, notActivatedView, refusalView } from '../views/views.js';
import { DialogId } from './dialogIds.js';
import { callerOf, isPersonalChat, langOfTurn, type CardSender } from './turn.js';
import { begin, type Flow } from './flow.js';
import { CardAction } from '../views/actions.js';

/**
 * "What is our Access ID / Contract ID?" (F12-F14): shown to every user of the organization, only
 * in a personal chat, never to another organization.
 */
export class IdsDialog extends ComponentDialog {
  constructor(
    private readonly benefits: BenefitsService,
    private readonly cards: CardSender,
  ) {
    super(DialogId.ids);
    this.addDialog(new WaterfallDialog(`${DialogId.ids}.steps`, [this.showStep.bind(this)]));
    this.initialDialogId = `${DialogId.ids}.steps`;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    if (!isPersonalChat(step.context.activity)) {
      await step.context.sendActivity(t(lang, 'ids.groupChat'));
      return step.endDialog();
    }
    const caller = callerOf(step.context.activity);
    const result = await this.benefits.ids(caller);
    switch (result.status) {
      case 'refused':
        await this.cards.send(step.context, refusalView(lang, result.refusal, true));
        break;
      case 'notActivated':
        await this.cards.send(
          step.context,
          notActivatedView(lang, result.member.organization, result.admins, true, result),
        );
        break;
      case 'noMembership':
        await this.cards.send(step.context, noMembershipView(lang, result.member.organization, 'ids'));
        break;
      case 'ids':
        await this.cards.send(step.context, idsView(lang, result.member.organization, result.benefits, 'asked'));
        await this.benefits.idsShown(caller, result.member.organization.tenantId);
        break;
    }
    return step.endDialog();
  }
}

/** "What is our Access ID?" (F12-F14). */
export const idsFlow = (benefits: BenefitsService, cards: CardSender): Flow => ({
  dialogs: [new IdsDialog(benefits, cards)],
  verbs: { [CardAction.ids]: 'ids' },
  starts: { ids: begin(DialogId.ids) },
});
