/**
 * Turn middleware for two gaps in the Bot Framework SDK: it neither recognizes a redelivered
 * activity (the channel resends when our answer was slow, or after the bot crashed mid-turn) nor
 * serializes concurrent turns of one conversation (a double click sends two activities at once).
 */
import { ActivityTypes, INVOKE_RESPONSE_KEY, type InvokeResponse, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { ActivityClaim, ActivityStore } from '../store/types.js';
import { KeyedQueue } from '../util/keyedQueue.js';

export interface ProcessOnceOptions {
  /** A random id of this process, so a claim left by a crashed process is recognized as such. */
  owner: string;
  now?: () => Date;
  logger?: Logger;
}

/**
 * Processes every message and invoke once, across restarts: the activity's id is claimed in the
 * store before the turn runs, and an invoke's answer is stored with it.
 *
 * A redelivery of an activity that was answered (`done`, also after a restart) is not processed
 * again: an invoke gets the stored answer (a card click answered twice shows the same card, not an
 * error), a message nothing (its replies were sent). A redelivery while the first delivery still
 * runs in this process waits for it. A claim left `started` by a process that died mid-turn, or
 * `failed` by a turn that threw, is taken over and the turn runs again; the writes a turn makes are
 * idempotent (activation, incident, escalation, case change), so it still acts once. (One server
 * process serves a data directory, so there a `started` claim of another owner is a dead one. With
 * several instances on one store it may still be running on another instance; it is taken over all
 * the same: the writes stay idempotent and the state writes version-checked (bot/versionedState.ts),
 * so it still acts once, though the user may get the answer twice.)
 */
export class ProcessActivityOnce implements Middleware {
  /** Activities being processed in this process (settles when done, never rejects). */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly now: () => Date;

  constructor(
    private readonly activities: ActivityStore,
    private readonly options: ProcessOnceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, conversation, type } = context.activity;
    if (!id || !conversation?.id || (type !== ActivityTypes.Message && type !== ActivityTypes.Invoke)) return next();
    const key = `${conversation.id}\n${id}`;
    const running = this.inFlight.get(key);
    if (running) {
      // The same activity twice at once in this process: answer the second like the first.
      await running;
      if (type !== ActivityTypes.Invoke) return;
      return this.replay(context, await this.activities.claim(conversation.id, id, this.options.owner, this.now()));
    }
    let settle = () => {};
    this.inFlight.set(key, new Promise<void>((resolve) => (settle = resolve)));
    try {
      let claim = await this.activities.claim(conversation.id, id, this.options.owner, this.now());
      if (!claim.claimed) {
        const { record } = claim;
        if (record.status === 'done') return await this.replay(context, claim);
        // A turn that failed, or a process that died mid-turn: run it again.
        const taken = await this.activities.takeOver(conversation.id, id, claim, this.options.owner, this.now());
        if (!taken) return await this.replay(context, await this.activities.claim(conversation.id, id, this.options.owner, this.now()));
        this.options.logger?.info({ activityId: id, conversationId: conversation.id, previous: record.status }, 'processing a redelivered activity again');
        claim = taken;
      }
      await this.run(context, next, conversation.id, id, claim);
    } finally {
      this.inFlight.delete(key);
      settle();
    }
  }

  private async run(context: TurnContext, next: () => Promise<void>, conversationId: string, activityId: string, claim: ActivityClaim): Promise<void> {
    const owner = this.options.owner;
    try {
      await next();
    } catch (error) {
      await this.activities.finish(conversationId, activityId, claim, { status: 'failed', owner, at: this.now().toISOString() }).catch(() => undefined);
      throw error;
    }
    // Messages too: a resend after a restart must find the turn finished, not left by a dead process.
    const response = (context.turnState.get(INVOKE_RESPONSE_KEY) as { value?: InvokeResponse } | undefined)?.value;
    await this.activities.finish(conversationId, activityId, claim, {
      status: 'done',
      owner,
      at: this.now().toISOString(),
      ...(response && { invokeResponse: { status: response.status, ...(response.body !== undefined && { body: response.body }) } }),
    });
  }

  /** Answers a redelivery as the first delivery was answered. */
  private async replay(context: TurnContext, claim: ActivityClaim): Promise<void> {
    if (context.activity.type !== ActivityTypes.Invoke) return;
    const stored = claim.record.invokeResponse;
    // Without a stored answer (still running elsewhere), a plain 200: the card stays as it is.
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: stored ?? { status: 200 } });
  }
}

/**
 * Runs the turns of one conversation one after another; other conversations stay concurrent. A turn
 * waits at most `waitLimitMs` for the one before it, so one hung turn cannot silence a conversation.
 */
export class SerializeConversationTurns implements Middleware {
  private readonly queue: KeyedQueue;

  constructor(waitLimitMs = 30_000) {
    this.queue = new KeyedQueue(waitLimitMs);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const key = context.activity.conversation?.id;
    if (!key) return next();
    await this.queue.run(key, next);
  }
}
