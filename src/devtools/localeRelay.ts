/**
 * A small loopback HTTP relay in front of the bot for the chat window of `npm start -- --locale
 * de-DE`: Agents Playground sends every activity as en-US and has no setting for it, so the relay
 * gives each activity it forwards the chosen locale (`locale` and the `clientInfo` entity's), as a
 * Teams client of that language would send it. The path, the rest of the body, the Content-Type and
 * Authorization headers (no others) and the bot's answer and status pass through unchanged; replies
 * go from the bot straight to the playground (its serviceUrl), not through here.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocaleRelay {
  /** The relay's `/api/messages`, to give the playground instead of the bot's. */
  endpoint: string;
  close(): Promise<void>;
}

/** A BCP-47 tag such as de-DE or en-US (letters and digits in parts of 2-8, the first 2-3 letters). */
export function isLocale(text: string): boolean {
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(text);
}

/** `activity` with `locale` set, and the `clientInfo` entity's locale too (a copy). */
export function withLocale(activity: Record<string, unknown>, locale: string): Record<string, unknown> {
  const entities = Array.isArray(activity.entities)
    ? activity.entities.map((e: unknown) => (e && typeof e === 'object' && (e as { type?: unknown }).type === 'clientInfo' ? { ...e, locale } : e))
    : activity.entities;
  return { ...activity, locale, ...(entities !== undefined && { entities }) };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Starts the relay on 127.0.0.1 (a free port) forwarding to `botEndpoint` (`http://host:port/api/messages`).
 * @throws Error for a locale that is not a BCP-47 tag.
 */
export async function startLocaleRelay(botEndpoint: string, locale: string): Promise<LocaleRelay> {
  if (!isLocale(locale)) throw new Error(`Not a locale: ${JSON.stringify(locale)} (expected e.g. de-DE or en-US)`);
  const target = new URL(botEndpoint);
  const server: Server = createServer((req, res) => {
    void (async () => {
      let body = await readBody(req);
      if (body.length > 0 && /json/i.test(req.headers['content-type'] ?? '')) {
        try {
          const parsed: unknown = JSON.parse(body.toString('utf8'));
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = Buffer.from(JSON.stringify(withLocale(parsed as Record<string, unknown>, locale)));
        } catch {
          // Not JSON after all: the bot answers it as it would without the relay.
        }
      }
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await fetch(new URL(req.url ?? '/', target), {
        method: req.method ?? 'POST',
        headers,
        ...(req.method !== 'GET' && req.method !== 'HEAD' && { body }),
      });
      const reply = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' });
      res.end(reply);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`The locale relay could not reach the bot at ${botEndpoint}: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${target.pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
