/**
 * A small local Bot Framework "connector": the bot sends its replies here (the activities'
 * `serviceUrl`), and tests read what the bot said. Real HTTP, real Bot Framework REST routes:
 *
 * - `POST /v3/conversations/{id}/activities` (send) and `.../activities/{replyToId}` (reply),
 * - `PUT /v3/conversations/{id}/activities/{activityId}` (update),
 * - `POST /v3/conversations` (create a conversation; answers a new conversation id).
 *
 * Tests can script failures (`failNext`, `failAlways`) to see how the bot retries: `calls` holds
 * only what the connector accepted (what a user would see), `attempts` every request with the status
 * it got, so a test can count tries.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string;
  /** For a PUT (update) or a reply: the activity id in the path. */
  activityId?: string;
  /** The activity the bot sent (or updated); for a create-conversation call, the parameters. */
  activity: Record<string, any>;
}

/** One request as it arrived, accepted or not. */
export interface RecordedAttempt extends RecordedCall {
  /** The HTTP status the connector answered. */
  status: number;
  /** Milliseconds since the epoch when the request arrived. */
  at: number;
}

/** Which requests a scripted failure applies to (all when empty). */
export interface FailureFilter {
  conversationId?: string;
  method?: 'POST' | 'PUT';
  /** Let this many matching requests through (accepted) before failing. */
  after?: number;
}

export interface RecordingConnector {
  /** Base URL to use as `serviceUrl`. */
  url: string;
  /** Accepted calls only, in order of arrival. */
  calls: RecordedCall[];
  /** Every request to a known route, accepted or failed, in order of arrival. */
  attempts: RecordedAttempt[];
  /** Accepted calls for one conversation, in order. */
  callsFor(conversationId: string): RecordedCall[];
  /** Attempts (accepted and failed) for one conversation, in order. */
  attemptsFor(conversationId: string): RecordedAttempt[];
  /** Forgets what was recorded so far (calls and attempts); scripted failures stay. */
  clear(): void;
  /**
   * Answers the next `times` matching requests with `status` (and `headers`, e.g.
   * `{ 'Retry-After': '1' }`) without accepting them. Scripts queue: after these, earlier or later
   * `failNext` scripts apply in the order they were added.
   */
  failNext(status: number, times?: number, headers?: Record<string, string>, filter?: FailureFilter): void;
  /** Answers every matching request with `status` until `reset()`. */
  failAlways(status: number, headers?: Record<string, string>, filter?: FailureFilter): void;
  /** Back to a fresh connector: forgets the scripted failures and everything recorded; ids start again at reply-1. */
  reset(): void;
  close(): Promise<void>;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
const CONVERSATIONS = /^\/v3\/conversations\/?$/;

interface Failure {
  status: number;
  headers: Record<string, string>;
  filter: FailureFilter;
  /** Infinity for failAlways. */
  remaining: number;
  /** Matching requests still to let through first. */
  skip?: number;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Writes a JSON answer. Not `res.writeHead(...).end(...)`: restify (loaded by the app in the same
 * process, e.g. under mocha) patches http.ServerResponse#writeHead to return undefined.
 */
function answer(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function parse(body: string): Record<string, any> {
  try {
    return JSON.parse(body || '{}');
  } catch {
    return { unparsable: body };
  }
}

export async function startConnector(): Promise<RecordingConnector> {
  const calls: RecordedCall[] = [];
  const attempts: RecordedAttempt[] = [];
  let failures: Failure[] = [];
  let next = 1;
  let created = 1;

  const takeFailure = (call: RecordedCall): Failure | undefined => {
    const failure = failures.find(
      (f) =>
        f.remaining > 0 &&
        (!f.filter.conversationId || f.filter.conversationId === call.conversationId) &&
        (!f.filter.method || f.filter.method === call.method),
    );
    if (!failure) return undefined;
    if ((failure.skip ?? 0) > 0) {
      failure.skip! -= 1;
      return undefined;
    }
    if (Number.isFinite(failure.remaining)) failure.remaining -= 1;
    failures = failures.filter((f) => f.remaining > 0);
    return failure;
  };

  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const method = req.method ?? '';
    const body = await readBody(req);
    const activities = ACTIVITIES.exec(path);
    const isCreate = CONVERSATIONS.test(path) && method === 'POST';
    const known = isCreate || (activities && (method === 'POST' || (method === 'PUT' && activities[2])));
    if (!known) {
      answer(res, 404, {}, { error: `no route ${method} ${path}` });
      return;
    }
    const conversationId = isCreate ? `created-${created}` : decodeURIComponent(activities![1]!);
    const activityId = activities?.[2] ? decodeURIComponent(activities[2]) : undefined;
    const call: RecordedCall = { method, path, conversationId, ...(activityId && { activityId }), activity: parse(body) };

    const failure = takeFailure(call);
    if (failure) {
      attempts.push({ ...call, status: failure.status, at: Date.now() });
      answer(res, failure.status, failure.headers, { error: { code: `Scripted${failure.status}`, message: `scripted failure ${failure.status}` } });
      return;
    }
    if (isCreate) created += 1;
    attempts.push({ ...call, status: 200, at: Date.now() });
    calls.push(call);
    answer(res, 200, {}, isCreate ? { id: conversationId } : method === 'PUT' ? { id: activityId } : { id: `reply-${next++}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    attempts,
    callsFor: (conversationId) => calls.filter((c) => c.conversationId === conversationId),
    attemptsFor: (conversationId) => attempts.filter((c) => c.conversationId === conversationId),
    clear: () => {
      calls.splice(0);
      attempts.splice(0);
    },
    failNext: (status, times = 1, headers = {}, filter = {}) => {
      if (times > 0) failures.push({ status, headers, filter, remaining: times, skip: filter.after ?? 0 });
    },
    failAlways: (status, headers = {}, filter = {}) => {
      failures.push({ status, headers, filter, remaining: Infinity, skip: filter.after ?? 0 });
    },
    reset: () => {
      failures = [];
      next = 1;
      created = 1;
      calls.splice(0);
      attempts.splice(0);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections from the bot's HTTP client would hold close() open.
        server.closeIdleConnections();
      }),
  };
}
