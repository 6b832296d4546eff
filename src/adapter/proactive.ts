/**
 * Proactive messages (reminders, notices): sends into a stored conversation outside of a user's
 * turn, within Teams' limits, retrying only when the connector did not accept the message.
 *
 * What the Bot Framework SDK already does (botbuilder 4.23.3, read in node_modules and checked
 * against the recording connector): CloudAdapter's ConnectorClient is a botbuilder-stdlib
 * `ServiceClientContext` over `@azure/core-client`'s ServiceClient, whose pipeline contains
 * `@azure/core-rest-pipeline`'s `defaultRetryPolicy` (maxRetries 3, i.e. up to 4 tries):
 * - 5xx except 501/505, and 408: exponential backoff from 1 s (with jitter), up to 64 s;
 * - 429 and 503 only when the answer carries Retry-After (or retry-after-ms): waits exactly that
 *   long, with no upper bound; a 429 without Retry-After is not retried at all;
 * - network errors (ECONNRESET, ETIMEDOUT, ...): retried, which can duplicate a message the
 *   connector had already accepted before the connection broke.
 * `ConnectorClientOptions` cannot configure it (ServiceClientContext passes no retryOptions on), and
 * the botbuilder-js migration off core-http (microsoft/botbuilder-js#4834) kept a default retry.
 * Relying on it would give 4 tries, no retry of a plain 429, unbounded Retry-After waits and
 * possible duplicates; stacking our retries on top would multiply tries (3 x 4 = 12). So each try
 * here removes `defaultRetryPolicy` from that turn's ConnectorClient pipeline (a fresh client per
 * continueConversationAsync) and does the retrying itself. Should a later SDK rename or move the
 * policy, removal finds nothing: we then make a single try of our own (the SDK's retry applies)
 * and log a warning once, so tries never multiply.
 */
import type { Activity, CloudAdapter, ResourceResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';
import { KeyedQueue } from '../util/keyedQueue.js';
import { boundSends, DEFAULT_SEND_TIMEOUT_MS } from './adapter.js';

export interface ProactiveMessenger {
  /** Sends the activities in order into the referenced conversation; resolves with their ids. */
  send(reference: Record<string, unknown>, activities: Partial<Activity>[]): Promise<string[]>;
  /** Replaces the activity `activityId` in the referenced conversation. */
  update(reference: Record<string, unknown>, activityId: string, activity: Partial<Activity>): Promise<void>;
}

/** Thrown when a proactive send or update did not go through. */
export class ProactiveSendError extends Error {
  constructor(
    message: string,
    readonly conversationId: string,
    /** Connector HTTP status of the last try, if it answered. */
    readonly status: number | undefined,
    readonly tries: number,
    /** Ids of the activities of the same `send` that were accepted before this one failed. */
    readonly sentIds: string[],
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ProactiveSendError';
  }
}

export interface ProactiveOptions {
  /** The app's CloudAdapter (middleware and all; proactive turns run through it). */
  adapter: Pick<CloudAdapter, 'continueConversationAsync' | 'ConnectorClientKey'>;
  /** `config.auth.appId`, or '' when the bot runs unauthenticated (local use). */
  botAppId: string;
  logger: Logger;
  /** Tries per activity, the first included (default 3). */
  maxTries?: number;
  /**
   * How long one try may take (SEND_TIMEOUT_SECONDS, default 5 s): a serviceUrl that accepts the
   * connection and never answers held the send, and the turn that made it (an agent resolving a
   * case waits for the partner's notice), for ever. Past it the try fails without an answer from the
   * connector, so it is not tried again (the message may have arrived).
   */
  sendTimeoutMs?: number;
  /** First backoff step; doubles each retry, half of it random (default 1000 ms). */
  baseDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the send fails at once (default 60 s). */
  maxRetryAfterMs?: number;
  /** Teams: at most `max` messages per `windowMs` per conversation (default 7 per 1000 ms). */
  rate?: { max: number; windowMs: number };
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

/** The policy name of @azure/core-rest-pipeline's default retry (see the file comment). */
export const SDK_RETRY_POLICY_NAME = 'defaultRetryPolicy';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Removes the SDK's retry policy from this ConnectorClient's pipeline. The pipeline is reached
 * through ServiceClientContext's private `client`, hence the structural look-up.
 * @returns whether a policy was removed.
 */
export function disableSdkRetries(connectorClient: unknown): boolean {
  const pipeline = (connectorClient as { client?: { pipeline?: { removePolicy?: (o: { name: string }) => unknown[] } } })?.client
    ?.pipeline;
  if (typeof pipeline?.removePolicy !== 'function') return false;
  return pipeline.removePolicy({ name: SDK_RETRY_POLICY_NAME }).length > 0;
}

/** Seconds (`120`) or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** 429 and 5xx: the connector did not accept the message, so sending again cannot duplicate it. */
export function isRetryableStatus(status: number | undefined): boolean {
  return status === 429 || (status !== undefined && status >= 500 && status <= 599);
}

/** Per-key sliding window: reserves the earliest start time that keeps `max` per `windowMs`. */
class RateWindow {
  private readonly starts = new Map<string, number[]>();
  private reservations = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Reserves a slot for `key`; returns how long to wait for it (0 = now). Synchronous, so race-free. */
  reserve(key: string, now: number): number {
    if (++this.reservations % 256 === 0) this.sweep(now);
    const starts = this.starts.get(key) ?? [];
    const bound = starts.length >= this.max ? starts[starts.length - this.max]! + this.windowMs : now;
    const slot = Math.max(now, bound);
    starts.push(slot);
    if (starts.length > this.max) starts.splice(0, starts.length - this.max);
    this.starts.set(key, starts);
    return slot - now;
  }

  private sweep(now: number): void {
    for (const [key, starts] of this.starts) {
      if ((starts[starts.length - 1] ?? 0) <= now - this.windowMs) this.starts.delete(key);
    }
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Sends through `CloudAdapter.continueConversationAsync`, one proactive turn per try. */
export class CloudProactiveMessenger implements ProactiveMessenger {
  private readonly maxTries: number;
  private readonly baseDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly window: RateWindow;
  /** One send/update at a time per conversation, in call order; waits out long backoffs. */
  private readonly queue = new KeyedQueue(10 * 60_000);
  private warnedSdkRetries = false;

  constructor(private readonly options: ProactiveOptions) {
    this.maxTries = Math.max(1, options.maxTries ?? 3);
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    const rate = options.rate ?? { max: 7, windowMs: 1000 };
    this.window = new RateWindow(rate.max, rate.windowMs);
  }

  async send(reference: Record<string, unknown>, activities: Partial<Activity>[]): Promise<string[]> {
    const conversationId = conversationIdOf(reference);
    return this.queue.run(conversationId, async () => {
      const ids: string[] = [];
      for (const activity of activities) {
        const response = await this.withRetries<ResourceResponse | undefined>(reference, conversationId, 'send', ids, (context) =>
          context.sendActivity(activity),
        );
        ids.push(response?.id ?? '');
      }
      return ids;
    });
  }

  async update(reference: Record<string, unknown>, activityId: string, activity: Partial<Activity>): Promise<void> {
    const conversationId = conversationIdOf(reference);
    return this.queue.run(conversationId, async () => {
      await this.withRetries(reference, conversationId, 'update', [], (context) =>
        context.updateActivity({ ...activity, id: activityId }).then(() => undefined),
      );
    });
  }

  private async withRetries<T>(
    reference: Record<string, unknown>,
    conversationId: string,
    operation: 'send' | 'update',
    sentIds: string[],
    op: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    const { logger } = this.options;
    let maxTries = this.maxTries;
    for (let tryNo = 1; ; tryNo++) {
      const wait = this.window.reserve(conversationId, this.now());
      if (wait > 0) await this.sleep(wait);
      const { outcome, sdkRetriesOff } = await this.tryOnce(reference, op);
      if (!sdkRetriesOff && maxTries > 1) {
        // The SDK retries on its own in this client: one try of ours, never tries x tries.
        maxTries = 1;
        if (!this.warnedSdkRetries) {
          this.warnedSdkRetries = true;
          logger.warn(`could not remove the SDK's ${SDK_RETRY_POLICY_NAME}; relying on its retries (one try of ours per message)`);
        }
      }
      if (outcome.ok) {
        if (tryNo > 1) logger.info({ conversationId, operation, tries: tryNo }, 'proactive message went through after retrying');
        return outcome.value;
      }
      const status = statusOf(outcome.error);
      const retryable = isRetryableStatus(status);
      const retryAfterMs = retryable ? parseRetryAfter(retryAfterOf(outcome.error), this.now()) : undefined;
      const tooLong = retryAfterMs !== undefined && retryAfterMs > this.maxRetryAfterMs;
      if (!retryable || tryNo >= maxTries || tooLong) {
        const why = !retryable
          ? status === undefined
            ? `failed without an answer from the connector (${(outcome.error as Error)?.message ?? outcome.error}); not retried, since the message may have arrived`
            : `the connector answered ${status}; not retried`
          : tooLong
            ? `the connector answered ${status} with Retry-After ${Math.round(retryAfterMs! / 1000)} s, longer than the ${Math.round(this.maxRetryAfterMs / 1000)} s we wait`
            : `the connector answered ${status} on all ${tryNo} tries`;
        const message = `Could not ${operation} a proactive message in conversation ${conversationId}: ${why}.`;
        logger.error({ conversationId, operation, status, tries: tryNo, err: outcome.error }, 'proactive message failed');
        throw new ProactiveSendError(message, conversationId, status, tryNo, [...sentIds], outcome.error);
      }
      const step = this.baseDelayMs * 2 ** (tryNo - 1);
      const backoff = step / 2 + this.random() * (step / 2);
      const delay = Math.max(backoff, retryAfterMs ?? 0);
      logger.warn({ conversationId, operation, status, try: tryNo, delayMs: Math.round(delay) }, 'proactive message not accepted; retrying');
      await this.sleep(delay);
    }
  }

  /**
   * One try in its own proactive turn. The logic never throws: an error escaping it would reach the
   * adapter's onTurnError, which would send the user an error message and swallow the failure.
   */
  private async tryOnce<T>(
    reference: Record<string, unknown>,
    op: (context: TurnContext) => Promise<T>,
  ): Promise<{ outcome: Outcome<T>; sdkRetriesOff: boolean }> {
    const { adapter, botAppId } = this.options;
    let outcome: Outcome<T> | undefined;
    let sdkRetriesOff = true;
    try {
      await adapter.continueConversationAsync(botAppId, reference as never, async (context) => {
        const client = context.turnState.get(adapter.ConnectorClientKey);
        sdkRetriesOff = disableSdkRetries(client);
        boundSends(client, this.options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS);
        try {
          outcome = { ok: true, value: await op(context) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
    } catch (error) {
      // Before any request (credentials, a malformed reference): nothing was sent.
      outcome ??= { ok: false, error };
    }
    return { outcome: outcome ?? { ok: false, error: new Error('the proactive turn did not run') }, sdkRetriesOff };
  }
}

function conversationIdOf(reference: Record<string, unknown>): string {
  const id = (reference.conversation as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || !id) throw new TypeError('The conversation reference has no conversation.id');
  return id;
}

function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; response?: { status?: unknown } } | undefined;
  const status = e?.statusCode ?? e?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

function retryAfterOf(error: unknown): string | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } } | undefined)?.response
    ?.headers;
  return typeof headers?.get === 'function' ? (headers.get('retry-after') ?? undefined) : undefined;
}
