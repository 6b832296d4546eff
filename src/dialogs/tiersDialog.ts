import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BenefitsService } from '../services/benefitsService.js';
import { tiersView } from '../views/views.js';
import { DialogId } from './dialogIds.js';
import { callerOf, langOfTurn, type CardSender } from './turn.js';
import { begin, type Flow } from './flow.js';
import { CardAction } from '../views/actions.js';

/**
 * "What support do partners get?": the general tier table (F1-F8, F17, F24) and, when the caller's
 * organization is known, what it gets today and why.
 */
export class TiersDialog extends ComponentDialog {
  constructor(
    private readonly benefits: BenefitsService,
    private readonly cards: CardSender,
  ) {
    super(DialogId.tiers);
    this.addDialog(new WaterfallDialog(`${DialogId.tiers}.steps`, [this.showStep.bind(this)]));
    this.initialDialogId = `${DialogId.tiers}.steps`;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const view = await this.benefits.entitlementView(callerOf(step.context.activity));
    await this.cards.send(step.context, tiersView(langOfTurn(step.context), view));
    return step.endDialog();
  }
}

/** "What support do we get?" (F1-F8, F17, F24). */
export const tiersFlow = (benefits: BenefitsService, cards: CardSender): Flow => ({
  dialogs: [new TiersDialog(benefits, cards)],
  verbs: { [CardAction.tiers]: 'tiers' },
  starts: { tiers: begin(DialogId.tiers) },
});
