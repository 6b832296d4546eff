/**
 * A closed-loop, Teams-shaped load over HTTP: `users` virtual users, each sending its next activity
 * as soon as the bot answered the previous one. Replies go to a lean local connector (the
 * activities' serviceUrl) that keeps only the replies of each conversation's current turn, so a
 * virtual user can press a button of the card it was just shown, as a person would.
 */
import { createServer, type Server } from 'node:http';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { teamsExecute, teamsInstall, teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { cardActions, cardTexts } from '../../src/cards/cardText.js';

// ---------------------------------------------------------------------------------------------
// The connector

export interface BenchConnector {
  url: string;
  /** The replies the bot sent into a conversation since the last take, and forgets them. */
  take(conversationId: string): Record<string, any>[];
  /** Replies received in all. */
  received(): number;
  close(): Promise<void>;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export async function startBenchConnector(): Promise<BenchConnector> {
  const pending = new Map<string, Record<string, any>[]>();
  let received = 0;
  let next = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = ACTIVITIES.exec((req.url ?? '').split('?')[0] ?? '');
      if (!match) {
        res.writeHead(req.url?.startsWith('/v3/conversations') ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `created-${next++}` }));
        return;
      }
      received += 1;
      const conversationId = decodeURIComponent(match[1]!);
      const list = pending.get(conversationId) ?? [];
      try {
        list.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        list.push({ unparsable: true });
      }
      pending.set(conversationId, list);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${next++}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    take(conversationId) {
      const list = pending.get(conversationId) ?? [];
      pending.delete(conversationId);
      return list;
    },
    received: () => received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export interface Posted {
  status: number;
  body: string;
  ms: number;
}

/** POSTs one activity and waits for the answer (never throws: a network error is status 0). */
export function postActivity(botUrl: string, activity: unknown, timeoutMs = 30_000): Promise<Posted> {
  const body = JSON.stringify(activity);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = request(
      `${botUrl}/api/messages`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
        res.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - t0 }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, body: String(error), ms: performance.now() - t0 }));
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/** What a virtual user sees after one turn. */
export interface TurnOutcome {
  status: number;
  replies: Record<string, any>[];
  /** The invoke's response body, parsed, for an invoke. */
  invokeBody?: any;
}

/** One turn of a scenario: the activity to send, given what the user saw in the turn before. */
export type Step = (previous: TurnOutcome | undefined) => Record<string, unknown> | undefined;

export interface Scenario {
  name: string;
  weight: number;
  /** The turns, built when the scenario starts for this user. */
  steps(user: TeamsUser, serviceUrl: string): Step[];
  /** Called once the scenario ran to its end, with every turn's outcome (e.g. to record acknowledged writes). */
  done?(user: TeamsUser, outcomes: TurnOutcome[]): void;
}

/** Visible text of a reply: its text and every card string. */
export function replyText(activity: Record<string, any>): string {
  const card = activity.attachments?.[0]?.content;
  return [activity.text ?? '', ...(card ? cardTexts(card) : [])].join('\n');
}

/** The data of the first button titled `title` (or with that Action.Execute verb) among the replies. */
export function buttonData(replies: Record<string, any>[], match: (action: { title: string; data?: unknown; verb?: string }) => boolean): Record<string, unknown> | undefined {
  for (const reply of [...replies].reverse()) {
    const card = reply.attachments?.[0]?.content;
    if (!card) continue;
    const found = cardActions(card).find(match);
    if (found) return (found.data ?? {}) as Record<string, unknown>;
  }
  return undefined;
}

/** A single message turn. */
export const say = (text: string, locale = 'en-US') =>
  ((user: TeamsUser, serviceUrl: string): Step[] => [() => teamsMessage({ user, serviceUrl, text, locale })]);

export { teamsExecute, teamsInstall, teamsMessage };

// ---------------------------------------------------------------------------------------------
// The load

export interface LoadResult {
  turns: number;
  failed: number;
  /** Failures by kind, for the report. */
  failures: Record<string, number>;
  latencies: number[];
  /** The same latencies by scenario step (`tiers#1`, `activate#2`, ...), to find where a tail comes from. */
  byStep: Record<string, number[]>;
  /** Activities the bot sent per turn, by scenario step (each one is a request to the connector). */
  repliesByStep: Record<string, number[]>;
  seconds: number;
}

export interface LoadOptions {
  botUrl: string;
  connector: BenchConnector;
  /** Virtual users (concurrent conversations). */
  users: number;
  /** The people a virtual user talks as: `pick(vu, i)` is called for its i-th scenario. */
  pick: (vu: number, i: number) => TeamsUser;
  scenarios: Scenario[];
  /** How long to run. */
  seconds: number;
  /** Texts that mean the turn failed although HTTP said 200 (the bot's generic error message). */
  errorTexts?: string[];
  /** Stop early (e.g. once the bot died). */
  signal?: AbortSignal;
  /**
   * At most this many turns per second in all: a virtual user waits for its slot before it sends
   * (the wait is not part of the latency). Compares servers at the same rate: a server's CPU per
   * turn rises as its load falls.
   */
  ratePerSecond?: number;
  /** Go on past `seconds` until every virtual user ran at least this many scenarios (a warm-up that meets everyone). */
  minScenariosPerUser?: number;
}

/** Runs the load for `seconds`; every virtual user finishes its current scenario turn, then stops. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { botUrl, connector, scenarios } = options;
  const totalWeight = scenarios.reduce((s, x) => s + x.weight, 0);
  const result: LoadResult = { turns: 0, failed: 0, failures: {}, latencies: [], byStep: {}, repliesByStep: {}, seconds: options.seconds };
  const fail = (kind: string) => {
    result.failed += 1;
    result.failures[kind] = (result.failures[kind] ?? 0) + 1;
  };
  const deadline = performance.now() + options.seconds * 1000;
  const running = () => performance.now() < deadline && !options.signal?.aborted;
  const pickScenario = (r: number) => {
    let acc = 0;
    for (const s of scenarios) {
      acc += s.weight;
      if (r * totalWeight < acc) return s;
    }
    return scenarios[scenarios.length - 1]!;
  };
  let nextSlot = performance.now();
  const waitForSlot = async () => {
    if (!options.ratePerSecond) return;
    const now = performance.now();
    const slot = Math.max(nextSlot, now);
    nextSlot = slot + 1000 / options.ratePerSecond;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: options.users }, async (_, vu) => {
      for (let i = 0; running() || (i < (options.minScenariosPerUser ?? 0) && !options.signal?.aborted); i++) {
        const user = options.pick(vu, i);
        const scenario = pickScenario(Math.random());
        const steps = scenario.steps(user, connector.url);
        const outcomes: TurnOutcome[] = [];
        let previous: TurnOutcome | undefined;
        for (const [n, step] of steps.entries()) {
          const activity = step(previous);
          if (!activity) break;
          const conversationId = (activity.conversation as { id: string }).id;
          await waitForSlot();
          connector.take(conversationId);
          const posted = await postActivity(botUrl, activity);
          const replies = connector.take(conversationId);
          result.turns += 1;
          result.latencies.push(posted.ms);
          (result.byStep[`${scenario.name}#${n + 1}`] ??= []).push(posted.ms);
          (result.repliesByStep[`${scenario.name}#${n + 1}`] ??= []).push(replies.length);
          previous = { status: posted.status, replies };
          if (activity.type === 'invoke') {
            try {
              previous.invokeBody = JSON.parse(posted.body);
            } catch {
              previous.invokeBody = undefined;
            }
          }
          outcomes.push(previous);
          if (posted.status !== 200) fail(`HTTP ${posted.status} (${scenario.name})`);
          else if (options.errorTexts && replies.some((r) => options.errorTexts!.some((e) => replyText(r).includes(e)))) {
            fail(`error reply (${scenario.name})`);
          }
        }
        scenario.done?.(user, outcomes);
      }
    }),
  );
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}

export const percentile = (xs: number[], p: number) =>
  xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
