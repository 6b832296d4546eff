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
import { recognize, type Intent } from '../recognizer/recognizer.js';
import { sharedKnowledgeBase, type KbMatch } from '../knowledge/knowledgeBase.js';
import { routeOf } from '../knowledge/routing.js';
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
import { pointsBack, readFollowUp, type FollowUp, type LastTopic } from '../knowledge/followUp.js';

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
}

/** What the user asked for in this turn, from a card button or from free text. */
type Request = Intent | 'activationConfirm' | 'activationCancel' | 'choice' | 'caseAssign' | 'caseResolve' | 'knowledge';

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

/** Requests that start a flow of their own, replacing whatever flow was waiting for an answer. */
const NEW_FLOW = new Set<Request>([
  'tiers',
  'roleCheck',
  'activate',
  'ids',
  'balance',
  'supportPlan',
  'alreadyAssociated',
  'recordIncident',
  'notAuthorizedError',
  'noBenefitsError',
  'lookup',
  'escalate',
  'setHelpdeskChannel',
  'myCases',
  'openCases',
  'casesFor',
  'audit',
  'caseAssign',
  'caseResolve',
  'triage',
]);

const REQUEST = Symbol('request');

/** Requests a pointing-back message keeps: commands and conversation control. */
const ALWAYS_OWN_REQUESTS = new Set<Request>(['greeting', 'help', 'cancel', 'startOver', 'confirmYes', 'confirmNo', 'recordIncident', 'escalate', 'lookup', 'triage', 'myCases', 'openCases', 'casesFor', 'setHelpdeskChannel', 'audit']);

/** Turn-state key: what a follow-up already said, for the flow it starts (see knowledge/followUp.ts). */
const FOLLOW_UP = Symbol('followUp');

/** What the user asked for in this turn (recognized once per turn, then remembered). */
export function requestOf(context: TurnContext): Request {
  const cached = context.turnState.get(REQUEST) as Request | undefined;
  if (cached) return cached;
  const verb = cardActionOf(context.activity.value);
  const text = (context.activity.text ?? '').trim();
  let request: Request;
  if (verb) request = FROM_VERB[verb];
  else {
    const kb = sharedKnowledgeBase();
    request = requestOfText(text, () => knowledgeMatchOf(context, kb));
    // A short follow-up the message alone does not settle is read with the last topic.
    const last = context.turnState.get(LAST_TOPIC) as LastTopic | undefined;
    const unsettled =
      request === 'none' ||
      (request === 'knowledge' && knowledgeMatchOf(context, kb).confidence !== 'answer') ||
      // "does it use up incidents?" after an answer: about that answer, whatever "incidents" suggests alone.
      (last?.request === 'knowledge' && !ALWAYS_OWN_REQUESTS.has(request) && pointsBack(text));
    const followUp = unsettled ? readFollowUp(text, last, knowledgeMatchOf(context, kb), (q) => kb.match(q)) : undefined;
    if (followUp) {
      request = followUp.request;
      context.turnState.set(FOLLOW_UP, followUp);
      if (followUp.request === 'knowledge') setKnowledgeMatch(context, followUp.match);
    }
    if (text) context.turnState.set(TOPIC_NOW, { question: followUp?.question ?? text.slice(0, 300), request } satisfies LastTopic);
  }
  context.turnState.set(REQUEST, request);
  return request;
}

function followUpOf(context: TurnContext): FollowUp | undefined {
  return context.turnState.get(FOLLOW_UP) as FollowUp | undefined;
}

/** A message's request: a flow's intent, or the knowledge base (see knowledge/routing.ts). */
export function requestOfText(text: string, kbMatch: () => KbMatch = once(() => sharedKnowledgeBase().match(text))): Request {
  const { intent } = recognize(text);
  if (['greeting', 'help', 'cancel', 'startOver', 'confirmYes', 'confirmNo'].includes(intent)) return intent;
  if (routeOf(text, intent, kbMatch) === 'flow') return intent;
  // Nothing plausible at all: the fallback menu (which also records the question as unanswered).
  return kbMatch().confidence === 'none' ? 'none' : 'knowledge';
}

function once<T>(f: () => T): () => T {
  let done: { value: T } | undefined;
  return () => (done ??= { value: f() }).value;
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
 * The router: decides which flow a message belongs to. Precedence: "cancel" and "start over" end
 * any flow; "help" answers without ending it; a message the waiting question takes as its answer
 * goes to it ("cloud", "Activate", "ja"); another new request (button or recognized text) replaces
 * the waiting flow; otherwise the waiting flow gets the message; with no flow, unrecognized text
 * gets the menu, never silence.
 */
export class MainDialog extends ComponentDialog {
  private readonly benefits: BenefitsService;
  private readonly knowledge: KnowledgeDialog;

  constructor(
    deps: MainDialogDeps,
    private readonly cards: CardSender,
  ) {
    const { benefits, support, helpdesk, cases, audit, messenger, logger, clock, knowledgeLog } = deps;
    super(DialogId.main);
    this.benefits = benefits;
    this.knowledge = new KnowledgeDialog(sharedKnowledgeBase(), knowledgeLog, benefits, cards, clock, logger);
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

  /** Runs one turn through the dialog stack kept in `dialogState`. */
  /** The activation card as it is now for the caller (Universal Actions refresh; F9, F12). */
  activationCard(context: TurnContext): Promise<CardView> {
    return activationCardFor(this.benefits, context);
  }

  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const request = requestOf(context);
    const lang = langOfTurn(context);

    if (request === 'cancel' || request === 'startOver') {
      const wasActive = dc.activeDialog !== undefined;
      await dc.cancelAllDialogs();
      if (request === 'startOver') {
        await context.sendActivity(t(lang, 'startOver.done'));
        await this.cards.send(context, menuView(lang, 'welcome'));
      } else {
        await context.sendActivity(t(lang, wasActive ? 'cancel.done' : 'cancel.nothing'));
      }
      return;
    }
    if (dc.activeDialog) {
      if (request === 'help') {
        // Answer and keep the flow waiting where it was.
        await this.cards.send(context, menuView(lang, 'help'));
        return;
      }
      // A question about the rules in the middle of a flow: answer it; the flow keeps waiting. The
      // waiting prompt decides what it takes: confirmations and choices never take a question ("Do
      // we need to activate before use?" must not activate), a free-text prompt takes any text.
      if (request === 'knowledge' && !waitingPromptAccepts(dc)) {
        await this.knowledge.respond(context);
        return;
      }
      if (NEW_FLOW.has(request) && !waitingPromptAccepts(dc)) {
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
    switch (requestOf(context)) {
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
        return step.beginDialog(DialogId.cases, { request: requestOf(context) as CaseOptions['request'] } satisfies CaseOptions);
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
