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
import { askedIn, unansweredVariant, withWaitingFlow, type Request } from '../knowledge/routing.js';
import type { BenefitsService } from '../services/benefitsService.js';
import type { ProactiveMessenger } from '../adapter/proactive.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../clock.js';
import type { CaseService } from '../services/caseService.js';
import type { HelpdeskService } from '../services/helpdeskService.js';
import type { AuditLog, KnowledgeLog } from '../store/types.js';
import type { SupportService } from '../services/supportService.js';
import { CardAction, cardActionOf, kbEntryOf, type CardActionVerb } from '../views/actions.js';
import { menuView, type CardView } from '../views/views.js';
import { helpdeskMenuView } from '../views/helpdeskViews.js';
import { activationFlow } from './activationDialog.js';
import { alreadyAssociatedFlow } from './alreadyAssociatedDialog.js';
import { balanceFlow } from './balanceDialog.js';
import { AnswerablePrompt } from './cardPrompts.js';
import { DialogId } from './dialogIds.js';
import { casesFlow } from './caseDialog.js';
import { escalationFlow } from './escalationDialog.js';
import type { ExecuteCard, Flow, FlowBegin, StartFlow } from './flow.js';
import { idsFlow } from './idsDialog.js';
import { KnowledgeDialog, knowledgeFlow, knowledgeMatchOf, setKnowledgeMatch } from './knowledgeDialog.js';
import { triageFlow } from './triageDialog.js';
import { lookupFlow } from './lookupDialog.js';
import { recordIncidentFlow } from './recordIncidentDialog.js';
import { supportPlanFlow } from './supportPlanDialog.js';
import { tiersFlow } from './tiersDialog.js';
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

/** The request of every card button: the router's own and each flow's; a verb registered twice is a mistake. */
export function verbTable(flows: readonly Flow[]): Partial<Record<CardActionVerb, Request>> {
  const table: Partial<Record<CardActionVerb, Request>> = { ...OWN_VERBS };
  for (const flow of flows) {
    for (const [verb, request] of Object.entries(flow.verbs ?? {}) as [CardActionVerb, Request][]) {
      if (table[verb]) throw new Error(`The card verb "${verb}" is registered by two flows.`);
      table[verb] = request;
    }
  }
  return table;
}

/** Buttons the router answers itself: the menu's "Help" and the answer to a question card. */
const OWN_VERBS: Partial<Record<CardActionVerb, Request>> = { [CardAction.help]: 'help', [CardAction.choose]: 'choice' };

const REQUEST = Symbol('request');

/** An agent's one-word "open cases" (see MainDialog.agentShorthand). */
const AGENT_OPEN = /^(?:open|offen|offene)[.!]?$/i;

/** Turn-state key: what a follow-up already said (see knowledge/followUp.ts). */
const FOLLOW_UP = Symbol('followUp');

/** What the user asked for in this turn (decided once per turn in knowledge/routing.ts, then remembered). */
function requestOf(context: TurnContext, kb: KnowledgeBase, verbs: Partial<Record<CardActionVerb, Request>>): Request {
  const cached = context.turnState.get(REQUEST) as Request | undefined;
  if (cached) return cached;
  const verb = cardActionOf(context.activity.value);
  // An entry picked by its button is what a follow-up then refers to ("does it use up incidents?").
  const picked = verb === CardAction.kbShow ? kb.entry(kbEntryOf(context.activity.value) ?? '') : undefined;
  const asked = askedIn({
    ...(verb && verbs[verb] ? { buttonRequest: verbs[verb] } : {}),
    ...(picked ? { buttonTopic: picked.title[langOfTurn(context)], buttonEntry: picked.id } : {}),
    text: (context.activity.text ?? '').trim(),
    last: context.turnState.get(LAST_TOPIC) as LastTopic | undefined,
    match: () => knowledgeMatchOf(context, kb),
    search: (q) => kb.match(q),
    answerWith: (id, q, searched) => kb.answerWith(id, q, searched),
    flowsOf: (id) => kb.entry(id)?.followUps.flatMap((f) => ('flow' in f ? [f.flow] : [])) ?? [],
  });
  if (asked.match) setKnowledgeMatch(context, asked.match);
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

/** How the router begins: by this turn's request, or (`begin`) with a flow named directly. */
interface RouteOptions {
  begin?: FlowBegin;
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
  private readonly knowledge: KnowledgeDialog;
  private readonly kb: KnowledgeBase;
  /** Every card button's request, from the flows' registrations. */
  readonly verbs: Partial<Record<CardActionVerb, Request>>;
  /** The flows' cards that use Universal Actions. */
  private readonly executeCards: readonly ExecuteCard[];
  /** How each request begins, from the flows' registrations. */
  private readonly starts: Partial<Record<Request, StartFlow>>;
  private readonly helpdesk: HelpdeskService;

  constructor(
    deps: MainDialogDeps,
    private readonly cards: CardSender,
  ) {
    const { benefits, support, helpdesk, cases, audit, messenger, logger, clock, knowledgeLog, knowledgeBase } = deps;
    super(DialogId.main);
    this.kb = knowledgeBase;
    this.helpdesk = helpdesk;
    this.knowledge = new KnowledgeDialog(knowledgeBase, knowledgeLog, benefits, cards, clock, logger);
    const flows: Flow[] = [
      knowledgeFlow(this.knowledge),
      tiersFlow(benefits, cards),
      activationFlow(benefits, cards),
      idsFlow(benefits, cards),
      alreadyAssociatedFlow(support, cards),
      supportPlanFlow(support, cards),
      balanceFlow(support, cards),
      recordIncidentFlow(support, cards),
      lookupFlow(helpdesk, cards),
      escalationFlow(cases, cards, messenger, logger),
      casesFlow(cases, audit, cards, messenger, logger),
      triageFlow(helpdesk, cases, cards, clock),
    ];
    this.verbs = verbTable(flows);
    this.executeCards = flows.flatMap((f) => (f.execute ? [f.execute] : []));
    this.starts = Object.assign({}, ...flows.map((f) => f.starts));
    for (const flow of flows) for (const dialog of flow.dialogs) this.addDialog(dialog);
    this.addDialog(new WaterfallDialog(`${DialogId.main}.steps`, [this.routeStep.bind(this)]));
    this.initialDialogId = `${DialogId.main}.steps`;
  }

  /**
   * The menu for welcome, help and "did not understand": a helpdesk agent (checked on the server)
   * gets the helpdesk's commands, everyone else the partner menu.
   */
  async menuFor(context: TurnContext, variant: 'welcome' | 'help' | 'fallback' | 'unknown'): Promise<CardView> {
    const lang = langOfTurn(context);
    const agent = await this.helpdesk.agentOf(callerOf(context.activity));
    if (agent) return helpdeskMenuView(lang, variant === 'unknown' ? 'fallback' : variant, agent.name);
    return menuView(lang, variant);
  }

  /**
   * "open" / "offen" typed alone by a helpdesk agent (checked on the server) is the open cases, as on
   * the helpdesk menu's button; from anyone else the word means nothing of its own and goes on as text.
   */
  private async agentShorthand(context: TurnContext): Promise<void> {
    if (context.activity.value !== undefined || !AGENT_OPEN.test((context.activity.text ?? '').trim())) return;
    if (await this.helpdesk.agentOf(callerOf(context.activity))) context.turnState.set(REQUEST, 'openCases');
  }

  /** What the user asked for in this turn (decided once, then remembered for the turn). */
  requestOf(context: TurnContext): Request {
    return requestOf(context, this.kb, this.verbs);
  }

  /** The card whose `Action.Execute` buttons send this verb, from the flows' registrations. */
  executeCardFor(verb: string): ExecuteCard | undefined {
    return this.executeCards.find((c) => (c.verbs as readonly string[]).includes(verb));
  }

  /**
   * A press of an `Action.Execute` button (an invoke, not a message): the card's flow carries it
   * out itself, then the question of that flow the press answered, if it still waits in this
   * conversation, is ended; a flow the press asks for (a new question) begins in its place. The
   * refresh verb only asks for the card and does none of this.
   */
  async execute(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>, card: ExecuteCard, verb: CardActionVerb, data: unknown): Promise<void> {
    if (verb === card.refresh) return;
    const next = await card.act(context, verb, data);
    if (next) {
      // Like a button that starts a flow: it replaces whatever was waiting, the answered question too.
      const dc = await this.dialogContext(context, dialogState);
      await dc.cancelAllDialogs();
      await dc.beginDialog(this.id, { begin: next } satisfies RouteOptions);
    } else if (card.answers) {
      await this.endWaitingFlow(context, dialogState, card.answers);
    }
  }

  /**
   * Ends the flow `flowId` (a dialog id) if it is what the stack in `dialogState` waits on (in a
   * group chat: this member's own), quietly; another waiting flow stays. True if it ended one.
   */
  async endWaitingFlow(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>, flowId: string): Promise<boolean> {
    const dc = await this.dialogContext(context, dialogState);
    if (activeFlowId(dc) !== flowId) return false;
    await dc.cancelAllDialogs();
    return true;
  }

  private async dialogContext(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<DialogContext> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    return dialogSet.createContext(context);
  }

  /** Runs one turn through the dialog stack kept in `dialogState`. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dc = await this.dialogContext(context, dialogState);
    await this.agentShorthand(context);
    const request = this.requestOf(context);
    const lang = langOfTurn(context);

    const waiting = dc.activeDialog !== undefined;
    const startsFlow = request !== 'knowledge' && this.starts[request] !== undefined;
    const decision = withWaitingFlow(request, waiting && waitingPromptAccepts(dc), startsFlow);
    if (decision === 'cancel' || decision === 'startOver') {
      await dc.cancelAllDialogs();
      if (decision === 'startOver') {
        await context.sendActivity(t(lang, 'startOver.done'));
        await this.cards.send(context, await this.menuFor(context, 'welcome'));
      } else {
        await context.sendActivity(t(lang, waiting ? 'cancel.done' : 'cancel.nothing'));
      }
      return;
    }
    // An answer to the waiting prompt ("lokal" at "which benefit?") is no topic a follow-up refers to.
    if (waiting && decision === 'continue') context.turnState.delete(TOPIC_NOW);
    if (waiting) {
      if (decision === 'help') {
        // Answer and keep the flow waiting where it was.
        await this.cards.send(context, await this.menuFor(context, 'help'));
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

  private async routeStep(step: WaterfallStepContext<RouteOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    // A flow asked for by name (a card press that leads to a new question), not by this turn's request.
    const begin = step.options?.begin;
    if (begin) return step.beginDialog(begin.dialogId, begin.options);
    const lang = langOfTurn(context);
    const request = this.requestOf(context);
    const start = this.starts[request];
    if (start) {
      const followUp = followUpOf(context);
      return start(step, { request, lang, ...(followUp ? { followUp } : {}) });
    }
    switch (request) {
      case 'greeting':
        await this.cards.send(context, await this.menuFor(context, 'welcome'));
        return step.endDialog();
      case 'help':
        await this.cards.send(context, await this.menuFor(context, 'help'));
        return step.endDialog();
      default:
        // Includes an answer button of a question that is no longer open.
        if (!context.activity.value) await this.knowledge.recordUnanswered(context, (context.activity.text ?? '').trim());
        // An agent's "did not understand" lists the helpdesk's commands, not the partner menu.
        await this.cards.send(context, await this.menuFor(context, context.activity.value ? 'fallback' : unansweredVariant(context.activity.text ?? '')));
        return step.endDialog();
    }
  }
}
