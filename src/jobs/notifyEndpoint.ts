/**
 * `npm run notify` asks the running bot server to run the reminders now. The CLI cannot run them
 * itself: the reminders go out through the server's adapter (its credentials and the connector), and
 * the server's daily run and a CLI run must not overlap. So the server publishes a local endpoint:
 *
 * - at start-up it makes a random token and, once listening, writes `{ url, token, pid }` to
 *   `DATA_DIR/notify.json` (mode 0600: whoever can read it can read DATA_DIR anyway);
 * - `POST /internal/notify` answers only requests from a loopback address that carry
 *   `Authorization: Bearer <token>`, runs the reminders (joining a run in progress) and answers the
 *   summary as JSON;
 * - on shutdown the server removes the file (if it is still its own).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import type { ReminderSummary } from './reminders.js';

export const NOTIFY_PATH = '/internal/notify';
export const NOTIFY_FILE = 'notify.json';

export interface NotifyEndpointInfo {
  /** Base URL of the running server, e.g. http://127.0.0.1:3978. */
  url: string;
  token: string;
  pid: number;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function createNotifyToken(): string {
  return randomBytes(32).toString('hex');
}

/** Writes `DATA_DIR/notify.json` (atomically, owner-only) once the server listens on `url`. */
export async function publishNotifyEndpoint(dataDir: string, url: string, token: string): Promise<void> {
  const file = join(dataDir, NOTIFY_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const info: NotifyEndpointInfo = { url, token, pid: process.pid };
  await writeFile(tmp, JSON.stringify(info), { mode: 0o600 });
  await rename(tmp, file);
}

/** Removes `notify.json` if it is still the one with `token` (another server may have replaced it). */
export async function unpublishNotifyEndpoint(dataDir: string, token: string): Promise<void> {
  const info = await readNotifyEndpoint(dataDir);
  if (info?.token === token) await rm(join(dataDir, NOTIFY_FILE), { force: true });
}

/** The published endpoint of the server running on `dataDir`, or undefined when there is none. */
export async function readNotifyEndpoint(dataDir: string): Promise<NotifyEndpointInfo | undefined> {
  let text: string;
  try {
    text = await readFile(join(dataDir, NOTIFY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const info = JSON.parse(text) as Partial<NotifyEndpointInfo>;
  if (typeof info.url !== 'string' || typeof info.token !== 'string') throw new Error(`${join(dataDir, NOTIFY_FILE)} is not a notify endpoint file`);
  return { url: info.url, token: info.token, pid: Number(info.pid) };
}

function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** What the handler needs of a request and a response (restify's fit). */
export interface NotifyRequest {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string | undefined };
}
export interface NotifyResponse {
  status(code: number): unknown;
  json(body: unknown): unknown;
}

/**
 * The handler to mount: `server.post(NOTIFY_PATH, notifyHandler({ token, trigger, logger }))`.
 * 403 for a non-loopback caller, 401 without the right token, 500 when the run fails, else 200
 * with the summary.
 */
export function notifyHandler(deps: {
  token: string;
  trigger: () => Promise<ReminderSummary>;
  logger: Logger;
}): (req: NotifyRequest, res: NotifyResponse) => Promise<void> {
  return async (req, res) => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      res.status(403);
      res.json({ error: 'Only from this machine.' });
      return;
    }
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
    if (!given || !sameToken(given, deps.token)) {
      res.status(401);
      res.json({ error: 'Missing or wrong token (see notify.json in DATA_DIR).' });
      return;
    }
    try {
      const summary = await deps.trigger();
      res.status(200);
      res.json(summary);
    } catch (error) {
      deps.logger.error({ err: error }, 'reminders on request failed');
      res.status(500);
      res.json({ error: 'The reminders could not be run; see the server log.' });
    }
  };
}
