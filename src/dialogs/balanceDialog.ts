import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { SupportService } from '../services/supportService.js';
import { balanceView } from '../views/supportViews.js';
import { noMembershipView, notActivatedView, refusalView } from '../views/views.js';
import { DialogId } from './dialogIds.js';
import { callerOf, isPersonalChat, langOfTurn, type CardSender } from './turn.js';
import { begin, type Flow } from './flow.js';
import { CardAction } from '../views/actions.js';

/**
 * "How many incidents do we have left?" (F13, F16, F21): each contract of the caller's
 * organization with total, used, left, dates and warnings, and how to check the authoritative
 * count in Support for Business.
 */
export class BalanceDialog extends ComponentDialog {
  constructor(
    private readonly support: SupportService,
    private readonly cards: CardSender,
  ) {
    super(DialogId.balance);
    this.addDialog(new WaterfallDialog(`${DialogId.balance}.steps`, [this.showStep.bind(this)]));
    this.initialDialogId = `${DialogId.balance}.steps`;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    const personal = isPersonalChat(step.context.activity);
    const result = await this.support.balance(callerOf(step.context.activity));
    switch (result.status) {
      case 'refused':
        await this.cards.send(step.context, refusalView(lang, result.refusal, personal));
        break;
      case 'noContract': {
        const options = { callerMayActivate: result.callerMayActivate, occasion: 'balance' as const };
        await this.cards.send(step.context, notActivatedView(lang, result.member.organization, result.admins, personal, options));
        break;
      }
      case 'noMembership':
        await this.cards.send(step.context, noMembershipView(lang, result.member.organization, 'balance'));
        break;
      case 'balances':
        await this.cards.send(step.context, balanceView(lang, result.member.organization, result.balances));
        break;
    }
    return step.endDialog();
  }
}

/** "How many incidents do we have left?" (F13, F16, F21). */
export const balanceFlow = (support: SupportService, cards: CardSender): Flow => ({
  dialogs: [new BalanceDialog(support, cards)],
  verbs: { [CardAction.balance]: 'balance' },
  starts: { balance: begin(DialogId.balance) },
});
