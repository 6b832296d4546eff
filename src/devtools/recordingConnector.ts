/**
 * A small local Bot Framework "connector": the bot sends its replies here (the activities'
 * `serviceUrl`), and tests read what the bot said. Real HTTP, real Bot Framework REST routes.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string;
  /** The activity the bot sent (or updated). */
  activity: Record<string, any>;
}

export interface RecordingConnector {
  /** Base URL to use as `serviceUrl`. */
  url: string;
  calls: RecordedCall[];
  /** Calls for one conversation, in order. */
  callsFor(conversationId: string): RecordedCall[];
  /** Forgets what was recorded so far. */
  clear(): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startConnector(): Promise<RecordingConnector> {
  const calls: RecordedCall[] = [];
  let next = 1;
  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const match = ROUTE.exec(path);
    const body = await readBody(req);
    if (!match || !['POST', 'PUT'].includes(req.method ?? '')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `no route ${req.method} ${path}` }));
      return;
    }
    calls.push({ method: req.method!, path, conversationId: decodeURIComponent(match[1]!), activity: JSON.parse(body || '{}') });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `reply-${next++}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsFor: (conversationId) => calls.filter((c) => c.conversationId === conversationId),
    clear: () => void calls.splice(0),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
