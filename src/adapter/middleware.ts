/**
 * Turn middleware for two gaps in the Bot Framework SDK: it neither recognizes a redelivered
 * activity (the channel resends when our answer was slow, or after the bot crashed mid-turn) nor
 * serializes concurrent turns of one conversation (a double click sends two activities at once).
 */
import { ActivityTypes, INVOKE_RESPONSE_KEY, type InvokeResponse, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { ActivityClaim, ActivityStore, ProcessedActivity } from '../store/types.js';
import { KeyedQueue } from '../util/keyedQueue.js';

export interface ProcessOnceOptions {
  /** A random id of this process, so a claim left by a crashed process is recognized as such. */
  owner: string;
  /**
   * Whether other processes may run turns on the same store at the same time (several instances,
   * STORE=azure). Then a `started` claim of another owner is one that may still be running: it is
   * waited for while its lease is live. Without (one server per data directory, STORE=lmdb), such a
   * claim is a dead process's and is taken over at once. Default true.
   */
  otherInstances?: boolean;
  /** How long a claim's lease lasts without renewal (default 10 s); renewed every third of it while the turn runs. */
  leaseMs?: number;
  /** How long a redelivery waits at most for the turn another instance runs (default 20 s). */
  maxWaitMs?: number;
  /** How often it looks whether that turn has finished (default 100 ms). */
  pollMs?: number;
  now?: () => Date;
  logger?: Logger;
}

const DEFAULT_LEASE_MS = 10_000;
const DEFAULT_MAX_WAIT_MS = 20_000;
const DEFAULT_POLL_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Processes every message and invoke once, across restarts: the activity's id is claimed in the
 * store before the turn runs, and an invoke's answer is stored with it.
 *
 * A redelivery of an activity that was answered (`done`, also after a restart) is not processed
 * again: an invoke gets the stored answer (a card click answered twice shows the same card, not an
 * error), a message nothing (its replies were sent). A redelivery while the first delivery still
 * runs in this process waits for it.
 *
 * A redelivery while the first delivery runs on another instance (several instances on one store)
 * waits for it too: the claim carries a lease that its owner renews while the turn runs. While the
 * lease is live, the redelivery looks again every {@link ProcessOnceOptions.pollMs}, and once the
 * turn is done it is answered as above (an invoke with the first delivery's answer, a message with
 * nothing; the first delivery's replies were sent). So it acts once and is answered once. Should
 * the turn outlast {@link ProcessOnceOptions.maxWaitMs} with its owner alive, the redelivery gets
 * a plain 200 without acting (the owner still answers).
 *
 * A claim left `failed` by a turn that threw, or `started` by a process that died mid-turn (its
 * lease ran out, or, with one server per data directory, any other owner's), is taken over and the
 * turn runs again; the writes a turn makes are idempotent (activation, incident, escalation, case
 * change), so it still acts once. After a crash on several instances, a redelivery therefore waits
 * up to one lease (10 s) before it runs.
 */
export class ProcessActivityOnce implements Middleware {
  /** Activities being processed in this process (settles when done, never rejects). */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly now: () => Date;
  private readonly leaseMs: number;

  constructor(
    private readonly activities: ActivityStore,
    private readonly options: ProcessOnceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
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
      let claim = await this.activities.claim(conversation.id, id, this.options.owner, this.now(), this.leaseEnd());
      if (!claim.claimed) {
        const awaited = await this.awaitOtherInstance(conversation.id, id, claim);
        claim = awaited.claim;
        const { record } = claim;
        if (claim.claimed) return await this.run(context, next, conversation.id, id, claim);
        if (record.status === 'done') return await this.replay(context, claim);
        if (awaited.running) {
          this.options.logger?.warn({ activityId: id, conversationId: conversation.id, owner: record.owner }, 'a redelivered activity still runs on another instance; answered without running it');
          return await this.replay(context, claim);
        }
        // A turn that failed, or a process that died mid-turn: run it again.
        const taken = await this.activities.takeOver(conversation.id, id, claim, this.options.owner, this.now(), this.leaseEnd());
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

  private leaseEnd(): Date {
    return new Date(this.now().getTime() + this.leaseMs);
  }

  /** A `started` claim of another owner whose lease is live: its turn may still run on another instance. */
  private mayRunElsewhere(record: ProcessedActivity): boolean {
    if (record.status !== 'started' || record.owner === this.options.owner || this.options.otherInstances === false) return false;
    return record.leaseUntil !== undefined && Date.parse(record.leaseUntil) > this.now().getTime();
  }

  /**
   * While another instance runs the activity (its lease live), waits, looking again now and then.
   * A lease that is not renewed within its length by this process's own clock counts as run out
   * too, whatever its timestamp says (the instances' clocks may differ a little).
   * @returns what is stored at the end, and whether its owner still runs it (the wait ran out).
   */
  private async awaitOtherInstance(conversationId: string, activityId: string, claim: ActivityClaim): Promise<{ claim: ActivityClaim; running: boolean }> {
    const deadline = performance.now() + (this.options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
    let current = claim;
    let changedAt = performance.now();
    for (;;) {
      if (!this.mayRunElsewhere(current.record) || performance.now() - changedAt > this.leaseMs) return { claim: current, running: false };
      if (performance.now() >= deadline) return { claim: current, running: true };
      await sleep(this.options.pollMs ?? DEFAULT_POLL_MS);
      const again = await this.activities.reread(conversationId, activityId, current);
      // Gone meanwhile (swept): claim it anew, which runs it here unless another instance was faster.
      if (!again) return { claim: await this.activities.claim(conversationId, activityId, this.options.owner, this.now(), this.leaseEnd()), running: false };
      if (again.handle.etag !== current.handle.etag) changedAt = performance.now();
      current = again;
    }
  }

  private async run(context: TurnContext, next: () => Promise<void>, conversationId: string, activityId: string, claim: ActivityClaim): Promise<void> {
    const owner = this.options.owner;
    const renewal = this.options.otherInstances === false ? undefined : this.keepLease(conversationId, activityId, claim);
    try {
      await next();
    } catch (error) {
      await renewal?.stop();
      await this.activities.finish(conversationId, activityId, claim, { status: 'failed', owner, at: this.now().toISOString() }).catch(() => undefined);
      throw error;
    }
    await renewal?.stop();
    // Messages too: a resend after a restart must find the turn finished, not left by a dead process.
    const response = (context.turnState.get(INVOKE_RESPONSE_KEY) as { value?: InvokeResponse } | undefined)?.value;
    await this.activities.finish(conversationId, activityId, claim, {
      status: 'done',
      owner,
      at: this.now().toISOString(),
      ...(response && { invokeResponse: { status: response.status, ...(response.body !== undefined && { body: response.body }) } }),
    });
  }

  /** Renews the claim's lease every third of it until stopped (most turns end before the first renewal). */
  private keepLease(conversationId: string, activityId: string, claim: ActivityClaim): { stop(): Promise<void> } {
    let current: ActivityClaim | undefined = claim;
    let renewing: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      renewing = renewing.then(async () => {
        if (!current) return;
        try {
          current = await this.activities.renew(conversationId, activityId, current, this.leaseEnd());
          if (!current) {
            clearInterval(timer);
            this.options.logger?.warn({ activityId, conversationId }, 'the claim on this activity was taken over while its turn ran (its lease had run out)');
          }
        } catch (error) {
          // The next tick tries again; a lease that runs out meanwhile lets a redelivery run the turn too.
          this.options.logger?.warn({ err: error, activityId, conversationId }, 'could not renew the claim on this activity');
        }
      });
    }, Math.max(1, Math.floor(this.leaseMs / 3)));
    timer.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        await renewing;
      },
    };
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
