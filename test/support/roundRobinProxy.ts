/**
 * A small HTTP load balancer for tests: each request goes to the next of several bot instances in
 * turn (round robin, per request, not per connection), as App Service's front end without ARR
 * affinity spreads one conversation's activities over its instances. The answer says which
 * instance served it (`x-instance: 0`, `1`, ...), so a test can show where a turn ran.
 *
 * A new connection to the instance per request: a kept-alive one that the instance closes as idle
 * just when a request goes out fails that request (ECONNRESET), which a real front end retries
 * and a test should not have to.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** How many requests each instance got. */
  served: number[];
  close(): Promise<void>;
}

export const INSTANCE_HEADER = 'x-instance';

export async function startRoundRobinProxy(targets: string[]): Promise<RoundRobinProxy> {
  const served = targets.map(() => 0);
  let next = 0;
  const server: Server = createServer((req, res) => {
    const index = next;
    next = (next + 1) % targets.length;
    served[index]! += 1;
    const target = new URL(req.url ?? '/', targets[index]);
    const upstream = request(target, { method: req.method, headers: req.headers, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, [INSTANCE_HEADER]: String(index) });
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json', [INSTANCE_HEADER]: String(index) });
      res.end(JSON.stringify({ error: `instance ${index}: ${error.message}` }));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
