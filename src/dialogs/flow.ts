/**
 * What a conversation flow registers with the router, so each flow reads in one place: its
 * dialogs, the card buttons (verbs) that ask for it, and how each request it answers begins, with
 * what the turn already said (a follow-up's slots). MainDialog builds its verb table and its
 * dispatch from these registrations; the routing decision itself is knowledge/routing.ts.
 */
import type { TurnContext } from 'botbuilder';
import type { Dialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { CardView } from '../views/views.js';
import type { FollowUp } from '../knowledge/followUp.js';
import type { Request } from '../knowledge/routing.js';
import type { Lang } from '../i18n/index.js';
import type { CardActionVerb } from '../views/actions.js';

/** What a flow's start gets besides the step: the request, the language, a follow-up's slots. */
export interface FlowStart {
  request: Request;
  lang: Lang;
  followUp?: FollowUp;
}

export type StartFlow = (step: WaterfallStepContext, start: FlowStart) => Promise<DialogTurnResult>;

/**
 * A card of the flow that Teams keeps current through Universal Actions (`Action.Execute`): the
 * verbs its buttons send, the verb Teams sends to ask for the card as a viewer sees it, what a
 * press does, and the card as it is now for the caller.
 */
export interface ExecuteCard {
  readonly verbs: readonly CardActionVerb[];
  readonly refresh: CardActionVerb;
  /** A press of this verb replaces the posted card for everyone (its result is the same for all). */
  readonly updatesForAll?: CardActionVerb;
  /**
   * The flow (dialog id) whose waiting question these buttons answer: after a press the router
   * ends it in the presser's conversation, so a later "yes" does not answer it a second time.
   */
  readonly answers?: string;
  /**
   * Carries out a press of one of `verbs` (never the refresh) within the invoke's turn: the flow's
   * own checks on the server and its replies in the conversation. `data` is the button's data as
   * the client sent it, so it is never trusted: the caller comes from the channel (turn.ts).
   * Returns the flow to begin when the press leads to a new question (a stale card: confirm what
   * applies now), which then waits like any flow begun by a message.
   */
  act(context: TurnContext, verb: CardActionVerb, data: unknown): Promise<FlowBegin | void>;
  card(context: TurnContext): Promise<CardView>;
}

/** A flow's dialog to begin, and its options. */
export interface FlowBegin {
  readonly dialogId: string;
  readonly options?: object;
}

export interface Flow {
  /** The dialogs this flow adds to the router. */
  readonly dialogs: readonly Dialog[];
  /** Card buttons that ask for this flow, and the request each stands for. */
  readonly verbs?: Partial<Record<CardActionVerb, Request>>;
  /** How each request this flow answers begins. */
  readonly starts: Partial<Record<Request, StartFlow>>;
  /** The flow's card that uses Universal Actions, if any. */
  readonly execute?: ExecuteCard;
}

/**
 * A start that begins the flow's dialog with what a follow-up of this flow's kind already said
 * ("and for azure?" names the concern), and with no options otherwise.
 */
export const beginWithFollowUp =
  <R extends FollowUp['request']>(dialogId: string, request: R, options: (followUp: Extract<FollowUp, { request: R }>) => object): StartFlow =>
  (step, { followUp }) =>
    step.beginDialog(dialogId, followUp?.request === request ? options(followUp as Extract<FollowUp, { request: R }>) : {});

/** A start that only begins the flow's dialog (most flows). */
export const begin =
  (dialogId: string, options?: object): StartFlow =>
  (step) =>
    step.beginDialog(dialogId, options);
