/**
 * Turn middleware for two gaps in the Bot Framework SDK: it neither drops a redelivered activity
 * (the channel retries when our reply is slow) nor serializes concurrent turns of one conversation
 * (a double click sends two activities at once, and state is saved last-write-wins).
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { KeyedQueue } from '../util/keyedQueue.js';

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
