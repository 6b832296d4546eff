/**
 * The HTTP server: POST /api/messages for the Bot Framework channel, GET /healthz for probes.
 * Requests are checked before they reach the adapter (activityShape.ts): a body the bot or
 * botbuilder could not read gets 400 naming the wrong fields, instead of an error inside a turn.
 * Then the flood limit (floodLimit.ts) decides whether the activity runs a normal turn or only the
 * "please slow down" one. An invoke whose name the bot does not handle (e.g. `task/fetch`) gets
 * botbuilder's 501 Not Implemented, the one 5xx a well-formed activity can get.
 */
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../logger.js';
import { checkActivityShape, NOT_AN_ACTIVITY } from './activityShape.js';
import { senderOf, type FloodLimit, type Flooded } from './floodLimit.js';

/** Largest accepted activity body; Teams activities are a few KB, cards sent back are < 28 KB. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDeps {
  /**
   * Hands a checked activity and the request's Authorization header to the bot; says what to answer.
   * `flooded` when the flood limit held it back: the turn runs no dialog, only the notice (floodLimit.ts).
   */
  processActivity(activity: Record<string, unknown>, authorization: string, flooded?: Flooded): Promise<{ status: number; body?: unknown }>;
  /** The per-user and per-tenant limit; none means unlimited. */
  floodLimit?: FloodLimit;
  /** Resolves when the store is readable. */
  health(): Promise<void>;
  version: string;
  logger: Logger;
}

type BodyRead = { ok: true; body: unknown } | { ok: false; status: number; message: string };

/**
 * The request body as JSON, read here rather than by restify's body parser (which costs a
 * deprecated Buffer() call and a second copy per request): at most {@link MAX_BODY_BYTES} (413 past
 * that, without reading the rest), `Content-Type: application/json` (400 otherwise), valid JSON.
 */
function readJsonBody(req: Request): Promise<BodyRead> {
  const tooLarge: BodyRead = { ok: false, status: 413, message: `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.` };
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
    req.resume();
    return Promise.resolve(tooLarge);
  }
  const json = /^application\/(?:[\w.+-]+\+)?json\b/i.test(req.headers['content-type'] ?? '');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyRead) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) settle(tooLarge);
      else if (!settled) chunks.push(chunk);
    });
    req.on('error', () => settle({ ok: false, status: 400, message: 'The request body could not be read.' }));
    req.on('end', () => {
      if (!json) return settle({ ok: false, status: 400, message: NOT_AN_ACTIVITY });
      try {
        settle({ ok: true, body: JSON.parse(Buffer.concat(chunks, size).toString('utf8')) });
      } catch {
        settle({ ok: false, status: 400, message: 'The request body is not valid JSON.' });
      }
    });
  });
}

/** A short JSON error; never a stack trace. */
function fail(res: Response, status: number, message: string): void {
  res.status(status);
  res.json({ error: message });
}

export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'partner-support-bot', handleUncaughtExceptions: false });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const read = await readJsonBody(req);
    if (!read.ok) {
      fail(res, read.status, read.message);
      return;
    }
    const body = read.body;
    const checked = checkActivityShape(body);
    if (!checked.ok) {
      fail(res, 400, checked.message);
      return;
    }
    const sender = deps.floodLimit && senderOf(body as Parameters<typeof senderOf>[0]);
    const verdict = sender ? deps.floodLimit!.take(sender.user, sender.tenant) : undefined;
    try {
      const flooded = verdict?.limited ? { by: verdict.by, notice: verdict.notice } : undefined;
      const answer = await deps.processActivity(body as Record<string, unknown>, req.header('authorization') ?? '', flooded);
      // A request that failed authentication gives back what it took: forged requests in someone's name cannot use up their limit.
      if (answer.status === 401 && verdict && !verdict.limited) verdict.release();
      res.status(answer.status);
      if (answer.body === undefined) res.end();
      else if (typeof answer.body === 'object') res.json(answer.body);
      else res.send(String(answer.body));
    } catch (error) {
      deps.logger.error({ err: error }, 'processing an activity failed');
      if (!res.headersSent) fail(res, 500, 'The bot could not process this activity.');
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    try {
      await deps.health();
      res.json({ status: 'ok', version: deps.version });
    } catch (error) {
      deps.logger.error({ err: error }, 'health check failed');
      fail(res, 503, 'The store cannot be read.');
    }
  });

  // restify's own errors (bad JSON, too large, unknown route) keep their 4xx status; never show stacks.
  server.on('restifyError', (_req: Request, _res: Response, err: { body?: unknown; stack?: string }, cb: () => void) => {
    err.stack = undefined;
    cb();
  });
  return server;
}
