/**
 * The flood limit at the edge (issue 13): one person sending 50 messages a second must not slow
 * everyone else down. Each user, and each tenant (organization), has a token bucket: a message or
 * invoke takes a token, tokens come back at a steady rate up to a burst. An activity that finds its
 * bucket empty is *limited*: it runs no dialog, no recognizer, no store reads of the bot.
 *
 * How the user hears about it, and why this way:
 * - Teams shows nothing of an HTTP 429 (or any status) on a message to the user, and would not
 *   resend it; the user would only see the bot go silent. So the limited activity is answered as
 *   usual (200) and the user gets a friendly, localized "please slow down" message in the chat.
 * - A message can be sent into the chat only within a turn (the adapter's connector, with the
 *   channel's credentials), so the limited activity still goes through the adapter: authentication
 *   decides first, exactly as for any other (a request that fails it gets its 401, and the tokens it
 *   took are given back, so forged requests in someone's name cannot use up their bucket). Its turn,
 *   {@link answerFlooded}, does nothing but the notice: at most one per user per
 *   {@link FloodLimitOptions.noticeEveryMs}, in the user's language; the other limited activities in
 *   that window are answered silently.
 * - An invoke (a card button, `Action.Execute`) must get an invoke answer, and Teams shows it: an
 *   `adaptiveCard/action` is answered with a message response that Teams displays on the card
 *   ("please slow down"), leaving the card as it is; any other invoke gets 429 with a short body.
 * - Activities that are not a message or an invoke (conversationUpdate, installationUpdate, ...)
 *   come from Teams, not from typing, and are not counted.
 *
 * The limiter itself ({@link FloodLimit}) is pure: the clock is injected, and it holds at most
 * {@link FloodLimitOptions.maxTracked} buckets of each kind (least recently used dropped; a dropped
 * bucket comes back full, which only ever lets more through).
 */
import type { Lang } from '../i18n/index.js';
import { langOf, t } from '../i18n/index.js';

export interface FloodLimitOptions {
  /** Messages and invokes per second one user may keep sending. */
  userPerSecond: number;
  /** How many one user may send at once after a pause. */
  userBurst: number;
  /** The same for a whole tenant (all its users together). */
  tenantPerSecond: number;
  tenantBurst: number;
  /** At most one "please slow down" message per user in this many milliseconds. */
  noticeEveryMs: number;
  /** Buckets kept per kind (users, tenants). */
  maxTracked: number;
}

/** A user: 5 a second, 10 at once; a tenant: 50 a second, 100 at once; a notice at most every 10 s. */
const DEFAULT_FLOOD_LIMIT: FloodLimitOptions = {
  userPerSecond: 5,
  userBurst: 10,
  tenantPerSecond: 50,
  tenantBurst: 100,
  noticeEveryMs: 10_000,
  maxTracked: 50_000,
};

/** Why an activity was held back, and whether this one carries the notice. */
export interface Flooded {
  by: 'user' | 'tenant';
  notice: boolean;
}

export type FloodVerdict = { limited: false; release(): void } | ({ limited: true } & Flooded);

interface Bucket {
  tokens: number;
  at: number;
}

/** A least-recently-used map of buckets, refilled on read. */
class Buckets {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly perMs: number,
    private readonly burst: number,
    private readonly max: number,
  ) {}

  /** Takes a token for `key` at `now`; false when there is none. */
  take(key: string, now: number): boolean {
    const bucket = this.refilled(key, now);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Gives back a token taken (never above the burst). */
  giveBack(key: string, now: number): void {
    const bucket = this.refilled(key, now);
    bucket.tokens = Math.min(this.burst, bucket.tokens + 1);
  }

  private refilled(key: string, now: number): Bucket {
    const found = this.buckets.get(key);
    const bucket = found ?? { tokens: this.burst, at: now };
    if (found) {
      // Re-inserted: the map's order is the order of use, oldest first.
      this.buckets.delete(key);
      bucket.tokens = Math.min(this.burst, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
      bucket.at = Math.max(bucket.at, now);
    }
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.max) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket;
  }
}

/** Per-user and per-tenant token buckets, and when each user last got the notice. */
export class FloodLimit {
  private readonly options: FloodLimitOptions;
  private readonly users: Buckets;
  private readonly tenants: Buckets;
  private readonly noticed = new Map<string, number>();

  /** @param now the clock, in milliseconds (e.g. `() => clock.now().getTime()`). */
  constructor(options: Partial<FloodLimitOptions>, private readonly now: () => number) {
    this.options = { ...DEFAULT_FLOOD_LIMIT, ...options };
    const o = this.options;
    this.users = new Buckets(o.userPerSecond / 1000, o.userBurst, o.maxTracked);
    this.tenants = new Buckets(o.tenantPerSecond / 1000, o.tenantBurst, o.maxTracked);
  }

  /**
   * One message or invoke of `user` in `tenant` (either may be unknown: then only the other
   * counts). Not limited: the tokens are taken, and `release()` gives them back (for a request that
   * then fails authentication). Limited: by whom, and whether this one should carry the notice.
   */
  take(user: string | undefined, tenant: string | undefined): FloodVerdict {
    const now = this.now();
    if (user !== undefined && !this.users.take(user, now)) return { limited: true, by: 'user', notice: this.notice(user, now) };
    if (tenant !== undefined && !this.tenants.take(tenant, now)) {
      if (user !== undefined) this.users.giveBack(user, now);
      return { limited: true, by: 'tenant', notice: this.notice(user ?? `tenant:${tenant}`, now) };
    }
    return {
      limited: false,
      release: () => {
        const later = this.now();
        if (user !== undefined) this.users.giveBack(user, later);
        if (tenant !== undefined) this.tenants.giveBack(tenant, later);
      },
    };
  }

  /** Whether `who` gets the notice now (and notes it). */
  private notice(who: string, now: number): boolean {
    const last = this.noticed.get(who);
    if (last !== undefined && now - last < this.options.noticeEveryMs) return false;
    this.noticed.delete(who);
    this.noticed.set(who, now);
    if (this.noticed.size > this.options.maxTracked) this.noticed.delete(this.noticed.keys().next().value!);
    return true;
  }
}

/** The fields of an activity the limit reads (checked by activityShape.ts before). */
interface Sender {
  type?: unknown;
  name?: unknown;
  value?: unknown;
  from?: { id?: unknown; aadObjectId?: unknown } | null;
  conversation?: { tenantId?: unknown } | null;
  channelData?: { tenant?: { id?: unknown } | null } | null;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value.toLowerCase() : undefined);

/**
 * Who sent `activity`, for the limit: the user (their Entra object id, else the channel's user id)
 * and the tenant (from channelData, else the conversation); undefined for activities that are not
 * counted (anything but a message or an invoke).
 */
export function senderOf(activity: Sender): { user: string | undefined; tenant: string | undefined } | undefined {
  if (activity.type !== 'message' && activity.type !== 'invoke') return undefined;
  const user = text(activity.from?.aadObjectId) ?? text(activity.from?.id);
  const tenant = text(activity.channelData?.tenant?.id) ?? text(activity.conversation?.tenantId);
  // A card refreshing itself (`trigger: automatic`) is Teams showing it, several at once when a
  // chat with cards scrolls into view; it has a bucket of its own, so it never uses up (and never
  // gets limited by) what the user types and presses. The tenant's limit counts it as any other.
  const automatic = activity.type === 'invoke' && activity.name === 'adaptiveCard/action' && (activity.value as { trigger?: unknown } | null | undefined)?.trigger === 'automatic';
  return { user: user !== undefined && automatic ? `refresh:${user}` : user, tenant };
}

/** What {@link answerFlooded} needs of a turn (botbuilder's TurnContext has it). */
export interface FloodedTurn {
  activity: { type?: string; name?: string; locale?: string };
  sendActivity(activity: { type?: string; text?: string; textFormat?: string; value?: unknown }): Promise<unknown>;
}

/** The "please slow down" sentence in `lang`. */
export function slowDownText(lang: Lang, by: Flooded['by']): string {
  return t(lang, by === 'tenant' ? 'flood.tenant' : 'flood.user');
}

/**
 * The turn of a limited activity: no dialog runs. A message gets the notice if it carries it, an
 * `adaptiveCard/action` a message response Teams shows on the card, any other invoke 429.
 */
export async function answerFlooded(turn: FloodedTurn, flooded: Flooded): Promise<void> {
  const { type, name, locale } = turn.activity;
  const sentence = slowDownText(langOf(locale), flooded.by);
  if (type === 'invoke') {
    const value =
      name === 'adaptiveCard/action'
        ? { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: sentence } }
        : { status: 429, body: { error: sentence } };
    await turn.sendActivity({ type: 'invokeResponse', value });
    return;
  }
  if (flooded.notice) await turn.sendActivity({ type: 'message', text: sentence, textFormat: 'plain' });
}
