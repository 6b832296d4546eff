/**
 * Turn middleware for two gaps in the Bot Framework SDK: it neither drops a redelivered activity
 * (the channel retries when our reply is slow) nor serializes concurrent turns of one conversation
 * (a double click sends two activities at once, and state is saved last-write-wins).
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { LRUCache } from 'lru-cache';

/** Drops an activity whose id was already processed in the same conversation recently. */
export class DropRedeliveries implements Middleware {
  private readonly seen: LRUCache<string, true>;

  constructor(options: { max?: number; ttlMs?: number } = {}) {
    this.seen = new LRUCache({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 60 * 60_000 });
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, conversation, type } = context.activity;
    if (!id || !conversation?.id || (type !== 'message' && type !== 'invoke')) return next();
    const key = `${conversation.id}\n${id}`;
    if (this.seen.has(key)) return; // already answered; answering twice would duplicate replies
    this.seen.set(key, true);
    await next();
  }
}

/** Runs the turns of one conversation one after another; other conversations stay concurrent. */
export class SerializeConversationTurns implements Middleware {
  private readonly tails = new Map<string, Promise<void>>();

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const key = context.activity.conversation?.id;
    if (!key) return next();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(next, next);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      await run;
    } finally {
      // Forget the conversation once nothing else is queued behind this turn.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
