import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogState,
  type DialogTurnResult,
  type PromptOptions,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { t } from '../i18n/index.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { askedIn, withWaitingFlow, type Request } from '../knowledge/routing.js';
import type { BenefitsService } from '../services/benefitsService.js';
import type { ProactiveMessenger } from '../adapter/proactive.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../clock.js';
import type { CaseService } from '../services/caseService.js';
import type { HelpdeskService } from '../services/helpdeskService.js';
import type { AuditLog, KnowledgeLog } from '../store/types.js';
import type { SupportService } from '../services/supportService.js';
import { CardAction, cardActionOf, shownActivationOf, type CardActionVerb } from '../views/actions.js';
import { menuView, type CardView } from '../views/views.js';
import { ActivationDialog, activationCardFor, type ActivationOptions } from './activationDialog.js';
import { AlreadyAssociatedDialog } from './alreadyAssociatedDialog.js';
import { BalanceDialog } from './balanceDialog.js';
import { AnswerablePrompt } from './cardPrompts.js';
import { DialogId } from './dialogIds.js';
import { CaseDialog, type CaseOptions } from './caseDialog.js';
import { EscalationDialog } from './escalationDialog.js';
import { IdsDialog } from './idsDialog.js';
import { KnowledgeDialog, knowledgeMatchOf, setKnowledgeMatch } from './knowledgeDialog.js';
import { TriageDialog } from './triageDialog.js';
import { LookupDialog } from './lookupDialog.js';
import { RecordIncidentDialog } from './recordIncidentDialog.js';
import { SupportPlanDialog } from './supportPlanDialog.js';
import { TiersDialog } from './tiersDialog.js';
import { callerOf, INTERRUPTED_FLOW, LAST_TOPIC, langOfTurn, TOPIC_NOW, type CardSender } from './turn.js';
import type { FollowUp, LastTopic } from '../knowledge/followUp.js';

/** What the flows need: the services, the audit log, and the messenger for other conversations. */
export interface MainDialogDeps {
  benefits: BenefitsService;
  support: SupportService;
  helpdesk: HelpdeskService;
  cases: CaseService;
  audit: AuditLog;
  messenger: ProactiveMessenger;
  logger: Logger;
  clock: Clock;
  /** Where knowledge-base asks, unanswered questions and feedback are recorded. */
  knowledgeLog: KnowledgeLog;
  /** The knowledge base every turn is read with. */
  knowledgeBase: KnowledgeBase;
}

const FROM_VERB: Record<CardActionVerb, Request> = {
  [CardAction.tiers]: 'tiers',
  [CardAction.roleCheck]: 'roleCheck',
  [CardAction.activate]: 'activate',
  [CardAction.activationConfirm]: 'activationConfirm',
  [CardAction.activationCancel]: 'activationCancel',
  // Only Teams sends it, as an invoke (PartnerBot); as a plain submit it asks "can I activate?".
  [CardAction.activationRefresh]: 'roleCheck',
  [CardAction.ids]: 'ids',
  [CardAction.help]: 'help',
  [CardAction.balance]: 'balance',
  [CardAction.alreadyAssociated]: 'alreadyAssociated',
  [CardAction.supportPlan]: 'supportPlan',
  [CardAction.escalate]: 'escalate',
  [CardAction.choose]: 'choice',
  [CardAction.helpdeskPick]: 'lookup',
  [CardAction.helpdeskReveal]: 'lookup',
  [CardAction.caseAssign]: 'caseAssign',
  [CardAction.caseResolve]: 'caseResolve',
  [CardAction.kbShow]: 'knowledge',
  [CardAction.kbFeedback]: 'knowledge',
};

const REQUEST = Symbol('request');

/** Turn-state key: what a follow-up already said (see knowledge/followUp.ts). */
const FOLLOW_UP = Symbol('followUp');

/** What the user asked for in this turn (decided once per turn in knowledge/routing.ts, then remembered). */
function requestOf(context: TurnContext, kb: KnowledgeBase): Request {
  const cached = context.turnState.get(REQUEST) as Request | undefined;
  if (cached) return cached;
  const verb = cardActionOf(context.activity.value);
  const asked = askedIn({
    ...(verb ? { buttonRequest: FROM_VERB[verb] } : {}),
    text: (context.activity.text ?? '').trim(),
    last: context.turnState.get(LAST_TOPIC) as LastTopic | undefined,
    match: () => knowledgeMatchOf(context, kb),
    search: (q) => kb.match(q),
  });
  if (asked.followUp) {
    context.turnState.set(FOLLOW_UP, asked.followUp);
    if (asked.followUp.request === 'knowledge') setKnowledgeMatch(context, asked.followUp.match);
  }
  if (asked.topic) context.turnState.set(TOPIC_NOW, asked.topic);
  context.turnState.set(REQUEST, asked.request);
  return asked.request;
}

function followUpOf(context: TurnContext): FollowUp | undefined {
  return context.turnState.get(FOLLOW_UP) as FollowUp | undefined;
}

/** The flow (a child of the router) that is waiting, e.g. `recordIncidentDialog`. */
function activeFlowId(dc: DialogContext): string | undefined {
  return dc.child?.activeDialog?.id;
}

/** Whether the prompt a flow is waiting on takes this turn's message as its answer. */
function waitingPromptAccepts(dc: DialogContext): boolean {
  let leaf = dc;
  while (leaf.child) leaf = leaf.child;
  const active = leaf.activeDialog;
  if (!active) return false;
  const prompt = leaf.findDialog(active.id);
  if (!(prompt instanceof AnswerablePrompt)) return false;
  const options = (active.state as { options?: PromptOptions }).options ?? {};
  return prompt.answer(dc.context, options) !== undefined;
}

/**
 * Carries out the routing decision of knowledge/routing.ts: the turn's request (`requestOf`), what
 * becomes of a flow waiting for an answer (`withWaitingFlow`), then the flow that request starts;
 * with no flow, unrecognized text gets the menu, never silence.
 */
export class MainDialog extends ComponentDialog {
  private readonly benefits: BenefitsService;
  private readonly knowledge: KnowledgeDialog;
  private readonly kb: KnowledgeBase;

  constructor(
    deps: MainDialogDeps,
    private readonly cards: CardSender,
  ) {
    const { benefits, support, helpdesk, cases, audit, messenger, logger, clock, knowledgeLog, knowledgeBase } = deps;
    super(DialogId.main);
    this.benefits = benefits;
    this.kb = knowledgeBase;
    this.knowledge = new KnowledgeDialog(knowledgeBase, knowledgeLog, benefits, cards, clock, logger);
    this.addDialog(this.knowledge);
    this.addDialog(new TiersDialog(benefits, cards));
    this.addDialog(new ActivationDialog(benefits, cards));
    this.addDialog(new IdsDialog(benefits, cards));
    this.addDialog(new AlreadyAssociatedDialog(support, cards));
    this.addDialog(new SupportPlanDialog(support, cards));
    this.addDialog(new BalanceDialog(support, cards));
    this.addDialog(new RecordIncidentDialog(support, cards));
    this.addDialog(new LookupDialog(helpdesk, cards));
    this.addDialog(new EscalationDialog(cases, cards, messenger, logger));
    this.addDialog(new CaseDialog(cases, audit, cards, messenger, logger));
    this.addDialog(new TriageDialog(helpdesk, cases, cards, clock));
    this.addDialog(new WaterfallDialog(`${DialogId.main}.steps`, [this.routeStep.bind(this)]));
    this.initialDialogId = `${DialogId.main}.steps`;
  }

  /** What the user asked for in this turn (decided once, then remembered for the turn). */
  requestOf(context: TurnContext): Request {
    return requestOf(context, this.kb);
  }

  /** Runs one turn through the dialog stack kept in `dialogState`. */
  /** The activation card as it is now for the caller (Universal Actions refresh; F9, F12). */
  activationCard(context: TurnContext): Promise<CardView> {
    return activationCardFor(this.benefits, context);
  }

  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const request = this.requestOf(context);
    const lang = langOfTurn(context);

    const waiting = dc.activeDialog !== undefined;
    const decision = withWaitingFlow(request, waiting && waitingPromptAccepts(dc));
    if (decision === 'cancel' || decision === 'startOver') {
      await dc.cancelAllDialogs();
      if (decision === 'startOver') {
        await context.sendActivity(t(lang, 'startOver.done'));
        await this.cards.send(context, menuView(lang, 'welcome'));
      } else {
        await context.sendActivity(t(lang, waiting ? 'cancel.done' : 'cancel.nothing'));
      }
      return;
    }
    if (waiting) {
      if (decision === 'help') {
        // Answer and keep the flow waiting where it was.
        await this.cards.send(context, menuView(lang, 'help'));
        return;
      }
      if (decision === 'aside') {
        await this.knowledge.respond(context);
        return;
      }
      if (decision === 'replace') {
        // An escalation carries the flow the user was stuck in.
        context.turnState.set(INTERRUPTED_FLOW, activeFlowId(dc));
        await dc.cancelAllDialogs();
      }
    }
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = langOfTurn(context);
    const activate = (options: ActivationOptions) => step.beginDialog(DialogId.activation, options);
    switch (this.requestOf(context)) {
      case 'tiers':
        return step.beginDialog(DialogId.tiers);
      case 'ids':
        return step.beginDialog(DialogId.ids);
      case 'roleCheck':
        return activate({ mode: 'check' });
      case 'notAuthorizedError':
        // F10: the pasted portal error; explain it, then show what is true for this account.
        await context.sendActivity(t(lang, 'paste.notAuthorized'));
        return activate({ mode: 'check' });
      case 'noBenefitsError': {
        // F11: with an active membership, the message means the wrong account is signed in.
        const view = await this.benefits.entitlementView(callerOf(context.activity));
        if (view.organization && view.entitlement?.active.length) {
          await context.sendActivity(t(lang, 'paste.noBenefits.active', { org: view.organization.name }));
          return step.endDialog();
        }
        await context.sendActivity(t(lang, 'paste.noBenefits'));
        return activate({ mode: 'check' });
      }
      case 'activate':
        return activate({ mode: 'activate' });
      case 'activationConfirm':
        // A confirmation with no flow waiting: activation re-checks everything on the server.
        return activate({ mode: 'confirmed', shown: shownActivationOf(context.activity.value) });
      case 'activationCancel':
        await context.sendActivity(t(lang, 'activation.cancelled'));
        return step.endDialog();
      case 'alreadyAssociated': {
        const followUp = followUpOf(context);
        return step.beginDialog(DialogId.alreadyAssociated, followUp?.request === 'alreadyAssociated' ? { slots: followUp.slots } : {});
      }
      case 'supportPlan': {
        const followUp = followUpOf(context);
        return step.beginDialog(DialogId.supportPlan, followUp?.request === 'supportPlan' ? { concern: followUp.concern } : {});
      }
      case 'balance':
        return step.beginDialog(DialogId.balance);
      case 'recordIncident':
        return step.beginDialog(DialogId.recordIncident);
      case 'lookup':
        return step.beginDialog(DialogId.lookup);
      case 'escalate':
        return step.beginDialog(DialogId.escalation);
      case 'triage':
        return step.beginDialog(DialogId.triage, {});
      case 'setHelpdeskChannel':
        return step.beginDialog(DialogId.cases, { request: 'setChannel' } satisfies CaseOptions);
      case 'myCases':
      case 'openCases':
      case 'casesFor':
      case 'audit':
        return step.beginDialog(DialogId.cases, { request: this.requestOf(context) as CaseOptions['request'] } satisfies CaseOptions);
      case 'caseAssign':
        return step.beginDialog(DialogId.cases, { request: 'assign' } satisfies CaseOptions);
      case 'caseResolve':
        return step.beginDialog(DialogId.cases, { request: 'resolve' } satisfies CaseOptions);
      case 'knowledge':
        return step.beginDialog(DialogId.knowledge);
      case 'greeting':
        await this.cards.send(context, menuView(lang, 'welcome'));
        return step.endDialog();
      case 'help':
        await this.cards.send(context, menuView(lang, 'help'));
        return step.endDialog();
      default:
        // Includes an answer button of a question that is no longer open.
        if (!context.activity.value) await this.knowledge.recordUnanswered(context, (context.activity.text ?? '').trim());
        await this.cards.send(context, menuView(lang, 'fallback'));
        return step.endDialog();
    }
  }
}
