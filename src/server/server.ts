/**
 * The HTTP server: POST /api/messages for the Bot Framework channel, GET /healthz for probes.
 * Requests are checked before they reach the adapter, which would otherwise answer a body without
 * `type` with a 500 that echoes the error.
 */
import restify, { type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../logger.js';

/** Largest accepted activity body; Teams activities are a few KB, cards sent back are < 28 KB. */
export const MAX_BODY_BYTES = 256 * 1024;

const activityShape = z.looseObject({
  type: z.string({ error: 'activity.type is required (a string such as "message")' }).min(1, 'activity.type must not be empty'),
  serviceUrl: z.url({ error: 'activity.serviceUrl is required and must be a URL' }),
  channelId: z.string({ error: 'activity.channelId is required' }).min(1, 'activity.channelId must not be empty'),
  conversation: z.looseObject({ id: z.string({ error: 'activity.conversation.id is required' }).min(1) }, {
    error: 'activity.conversation is required',
  }),
});

export interface ServerDeps {
  /** Hands a checked activity and the request's Authorization header to the bot; says what to answer. */
  processActivity(activity: Record<string, unknown>, authorization: string): Promise<{ status: number; body?: unknown }>;
  /** Resolves when the store is readable. */
  health(): Promise<void>;
  version: string;
  logger: Logger;
}

/** A short JSON error; never a stack trace. */
function fail(res: Response, status: number, message: string): void {
  res.status(status);
  res.json({ error: message });
}

export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'partner-support-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      fail(res, 400, 'Expected a JSON activity object (Content-Type: application/json).');
      return;
    }
    const checked = activityShape.safeParse(body);
    if (!checked.success) {
      fail(res, 400, checked.error.issues.map((i) => i.message).join('; '));
      return;
    }
    try {
      const answer = await deps.processActivity(body as Record<string, unknown>, req.header('authorization') ?? '');
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
