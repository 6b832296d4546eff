import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { isCaseRef, normalizeCaseRef } from '../domain/balance.js';
import type { BenefitKind } from '../domain/types.js';
import { t } from '../i18n/index.js';
import { extractIncident } from '../recognizer/recognizer.js';
import type { RecordResult, SupportService } from '../services/supportService.js';
import { choiceView, incidentConfirmView, kindOptions } from '../views/supportViews.js';
import { refusalView } from '../views/views.js';
import { CaseRefPrompt, ChoiceCardPrompt, questionOptions } from './cardPrompts.js';
import { DialogId } from './dialogIds.js';
import { KINDS, YES_NO_UNSURE } from './promptChoices.js';
import { callerOf, isPersonalChat, langOfTurn, type CardSender } from './turn.js';
import { begin, type Flow } from './flow.js';

const CHOICE = `${DialogId.recordIncident}.choice`;
const CASE_REF = `${DialogId.recordIncident}.caseRef`;

/** What the flow has gathered; kept in the dialog state on the server, never taken from a card. */
interface Gathered {
  kind?: BenefitKind;
  caseRef?: string;
}

/**
 * "We used an incident on product support, case 2611230040001234": which contract, which case,
 * a confirmation, then the recording (who, when, which benefit, the case) with the new balance.
 */
export class RecordIncidentDialog extends ComponentDialog {
  constructor(
    private readonly support: SupportService,
    private readonly cards: CardSender,
  ) {
    super(DialogId.recordIncident);
    this.addDialog(new ChoiceCardPrompt(CHOICE));
    this.addDialog(new CaseRefPrompt(CASE_REF));
    this.addDialog(
      new WaterfallDialog(`${DialogId.recordIncident}.steps`, [
        this.kindStep.bind(this),
        this.caseRefStep.bind(this),
        this.confirmStep.bind(this),
        this.recordStep.bind(this),
      ]),
    );
    this.initialDialogId = `${DialogId.recordIncident}.steps`;
  }

  private gathered(step: WaterfallStepContext): Gathered {
    return step.values as Gathered;
  }

  private async kindStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    const targets = await this.support.incidentTargets(callerOf(step.context.activity));
    if (targets.status === 'refused') {
      await this.cards.send(step.context, refusalView(lang, targets.refusal, isPersonalChat(step.context.activity)));
      return step.endDialog();
    }
    const kinds = targets.balances.map((b) => b.benefit.kind);
    if (kinds.length === 0) {
      await step.context.sendActivity(t(lang, 'incident.noContracts', { org: targets.member.organization.name }));
      return step.endDialog();
    }
    const said = extractIncident(step.context.activity.text ?? '');
    if (said.caseRef && isCaseRef(said.caseRef)) this.gathered(step).caseRef = said.caseRef;
    if (said.kind && !kinds.includes(said.kind)) {
      // The user named a benefit without a current contract: say so, never record on another one.
      await this.report(step, await this.support.checkIncident(callerOf(step.context.activity), said.kind, said.caseRef ?? ''));
      return step.endDialog();
    }
    if (said.kind) return step.next(said.kind);
    if (kinds.length === 1) return step.next(kinds[0]);
    const view = choiceView(lang, t(lang, 'incident.whichKind'), kindOptions(lang, kinds));
    return step.prompt(CHOICE, questionOptions(this.cards, view, KINDS, t(lang, 'choice.reprompt')));
  }

  private async caseRefStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const gathered = this.gathered(step);
    gathered.kind = step.result as BenefitKind;
    if (gathered.caseRef) return step.next(gathered.caseRef);
    const lang = langOfTurn(step.context);
    return step.prompt(CASE_REF, {
      prompt: MessageFactory.text(t(lang, 'incident.askCaseRef')),
      retryPrompt: MessageFactory.text(t(lang, 'incident.badCaseRef')),
    });
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const gathered = this.gathered(step);
    gathered.caseRef = normalizeCaseRef(String(step.result));
    const lang = langOfTurn(step.context);
    // Say "already recorded" or "none left" now, rather than after a confirmation.
    const preview = await this.support.checkIncident(callerOf(step.context.activity), gathered.kind!, gathered.caseRef);
    if (preview.status !== 'recorded') {
      await this.report(step, preview);
      return step.endDialog();
    }
    const view = incidentConfirmView(lang, preview.balance, gathered.caseRef);
    const yesNo = YES_NO_UNSURE.filter((c) => c.id !== 'unsure');
    return step.prompt(CHOICE, questionOptions(this.cards, view, yesNo, t(lang, 'choice.reprompt')));
  }

  private async recordStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    if (step.result !== 'yes') {
      await step.context.sendActivity(t(lang, 'incident.cancelled'));
      return step.endDialog();
    }
    const { kind, caseRef } = this.gathered(step);
    await this.report(step, await this.support.recordIncident(callerOf(step.context.activity), kind!, caseRef!));
    return step.endDialog();
  }

  private async report(step: WaterfallStepContext, result: RecordResult): Promise<void> {
    const lang = langOfTurn(step.context);
    if (result.status === 'refused') {
      await this.cards.send(step.context, refusalView(lang, result.refusal, isPersonalChat(step.context.activity)));
    } else if (result.status === 'recorded') {
      const { remaining, allowance } = result.balance;
      const left = !allowance
        ? t(lang, 'incident.recorded.unknown')
        : remaining === undefined
          ? t(lang, 'incident.recorded.unlimited')
          : t(lang, 'incident.recorded.left', { n: remaining });
      await step.context.sendActivity(
        t(lang, 'incident.recorded', { caseRef: result.caseRef, kind: t(lang, `kind.${result.balance.benefit.kind}`), left }),
      );
    } else {
      const org = result.member.organization.name;
      await step.context.sendActivity(
        t(lang, `incident.refused.${result.reason}`, { caseRef: result.caseRef, kind: t(lang, `kind.${result.kind}`), org }),
      );
    }
  }
}

/** "We used an incident for case ..." */
export const recordIncidentFlow = (support: SupportService, cards: CardSender): Flow => ({
  dialogs: [new RecordIncidentDialog(support, cards)],
  starts: { recordIncident: begin(DialogId.recordIncident) },
});
