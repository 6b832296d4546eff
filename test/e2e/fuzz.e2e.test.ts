/**
 * A fuzz test of POST /api/messages (issue 13), on the real server (npm start's code path, demo
 * directory, no app id, so no authentication) over real HTTP, with the replies going to a local
 * recording connector. Random and malformed activities, card submits and invokes, built by
 * fast-check from Teams-shaped ones with fields changed, removed or of the wrong type, plus bodies
 * that are any JSON at all, must never be answered with a 5xx other than the documented 501 (an
 * invoke whose name the bot does not handle: botbuilder's answer for e.g. `task/fetch`), never
 * carry a stack trace, and never make the bot's own code log an error. Afterwards the bot still
 * answers a normal message.
 *
 * Bounded in time (FUZZ_MS, default 6 s) and reproducible: the seed is fixed (FUZZ_SEED to change
 * it) and fast-check prints it, with the failing activity, on a failure.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { cardTexts } from '../../src/cards/cardText.js';
import { teamsExecute, teamsInstall, teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { CardAction } from '../../src/views/actions.js';
import { ana, ben, hal, newcomer, stranger } from '../support/demoPeople.js';
import { demoBotFixture } from '../support/processes.js';

/** The bot's error log lines (pino level 50 and above). */
const errorLines = (output: string) => output.split('\n').filter((line) => /"level":(5\d|60)\b/.test(line));

const SEED = Number(process.env.FUZZ_SEED ?? 1313);
const BUDGET_MS = Number(process.env.FUZZ_MS ?? 6_000);

const NAMES = ['adaptiveCard/action', 'task/fetch', 'task/submit', 'composeExtension/query', 'actionableMessage/executeAction', 'config/fetch', 'tab/fetch', 'healthCheck', 'fileConsent/invoke', 'handoff/action'];
const VERBS = Object.values(CardAction);

/** Any JSON value, small; strings include control, bidi and astral characters. */
const json = fc.jsonValue({ maxDepth: 3, depthSize: 'small' });
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('help', 'activate our benefits', 'yes', 'cancel', 'partner 4711002', 'triage', 'talk to a person', 'open cases', '<at>Partner Support</at> hi', 'we used an incident, case 2611230040001234', 'hilfe'),
  fc.string({ maxLength: 3000 }),
);
const someUser: fc.Arbitrary<TeamsUser> = fc.oneof(
  fc.constantFrom(ana, ben, hal, stranger, newcomer),
  fc.record({ aadObjectId: fc.oneof(fc.uuid(), fc.string({ maxLength: 300 })), tenantId: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })), name: fc.string({ maxLength: 20 }) }),
);
/** A card submit's or invoke's data: a known verb (sometimes) with random fields. */
const cardData = fc.record(
  { action: fc.oneof(fc.constantFrom(...VERBS), json), choice: json, nonce: json, tenantId: json, caseId: fc.oneof(fc.constant('C-000001'), json), note: json, entry: json, helpful: json, others: json, shown: json },
  { requiredKeys: [] },
);

/** Where a mutation lands: every field the bot reads, and some it does not (serviceUrl stays the connector's: no traffic leaves this machine). */
const PATHS = [
  ['type'], ['id'], ['channelId'], ['text'], ['textFormat'], ['locale'], ['name'], ['replyToId'], ['timestamp'], ['localTimestamp'], ['action'],
  ['from'], ['from', 'id'], ['from', 'aadObjectId'], ['from', 'name'], ['recipient'], ['recipient', 'id'],
  ['conversation'], ['conversation', 'id'], ['conversation', 'tenantId'], ['conversation', 'conversationType'], ['conversation', 'isGroup'],
  ['channelData'], ['channelData', 'tenant'], ['channelData', 'tenant', 'id'], ['channelData', 'eventType'], ['channelData', 'team'],
  ['value'], ['value', 'action'], ['value', 'action', 'verb'], ['value', 'action', 'data'], ['value', 'action', 'type'], ['value', 'choice'],
  ['entities'], ['entities', '0'], ['attachments'], ['membersAdded'], ['membersAdded', '0'], ['membersRemoved'], ['reactionsAdded'], ['somethingNew'],
];
const mutation = fc.tuple(fc.constantFrom(...PATHS), fc.oneof(json, fc.constant(undefined), text));

function set(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || next === null) at[key] = /^\d+$/.test(key) ? [] : {};
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]!] = value;
}

describe('e2e: fuzzing /api/messages', function () {
  this.timeout(120_000);
  const fx = demoBotFixture('psb-fuzz-');

  /** A Teams-shaped activity of some kind, with a few fields changed. */
  const activity = () =>
    fc
      .record({
        kind: fc.constantFrom('message', 'submit', 'execute', 'invoke', 'install', 'installationUpdate', 'other'),
        user: someUser,
        text,
        data: cardData,
        verb: fc.oneof(fc.constantFrom(...VERBS), fc.string({ maxLength: 20 })),
        name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 20 })),
        locale: fc.oneof(fc.constantFrom('en-US', 'de-DE', 'de', ''), fc.string({ maxLength: 10 })),
        conversationType: fc.constantFrom('personal' as const, 'groupChat' as const, 'channel' as const),
        conversationId: fc.option(fc.string({ minLength: 1, maxLength: 300 }), { nil: undefined }),
        mutations: fc.array(mutation, { maxLength: 4 }),
      })
      .map((r) => {
        const base = { user: r.user, serviceUrl: fx.connector.url, locale: r.locale, conversationType: r.conversationType, ...(r.conversationId && { conversationId: r.conversationId }) };
        let a: Record<string, unknown>;
        if (r.kind === 'message') a = teamsMessage({ ...base, text: r.text });
        else if (r.kind === 'submit') a = teamsMessage({ ...base, value: r.data });
        else if (r.kind === 'execute') a = teamsExecute({ ...base, verb: r.verb, data: r.data });
        else if (r.kind === 'invoke') a = { ...teamsExecute({ ...base, verb: r.verb, data: r.data }), name: r.name };
        else if (r.kind === 'install') a = teamsInstall(base);
        else if (r.kind === 'installationUpdate') a = { ...teamsInstall(base), type: 'installationUpdate', action: r.text, membersAdded: undefined };
        else a = { ...teamsMessage({ ...base, text: r.text }), type: r.name };
        a = JSON.parse(JSON.stringify(a));
        for (const [path, value] of r.mutations) set(a, path, value);
        return a;
      });

  /** Any JSON body at all, or one that is not JSON. */
  const anyBody = fc.oneof(json.map((v) => JSON.stringify(v) ?? 'null'), fc.string({ unit: 'binary', maxLength: 200 }));

  async function postRaw(body: string): Promise<{ status: number; text: string }> {
    const res = await fetch(`${fx.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(15_000) });
    return { status: res.status, text: await res.text() };
  }

  /** What no answer may be: a 5xx (except 501 for an invoke the bot does not handle), a stack trace. */
  function judge(sent: unknown, answer: { status: number; text: string }): void {
    const a = (typeof sent === 'object' && sent !== null ? sent : {}) as Record<string, unknown>;
    const unhandledInvoke = a.type === 'invoke' && a.name !== 'adaptiveCard/action';
    if (answer.status >= 500 && !(answer.status === 501 && unhandledInvoke)) throw new Error(`answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    if (/\n\s+at |\bat [\w.<>$]+ \(|node_modules|\.[jt]s:\d+:\d+/.test(answer.text)) throw new Error(`a stack trace in the answer: ${answer.text.slice(0, 300)}`);
  }

  /** Fails with the bot's error log lines written since `from` (its own code must log none). */
  async function noNewErrors(from: number): Promise<void> {
    await new Promise((r) => setTimeout(r, 5));
    const lines = errorLines(fx.bot.output().slice(from));
    if (lines.length) throw new Error(`the bot logged an error:\n${lines.slice(0, 3).join('\n')}`);
  }

  it(`random and malformed activities, submits and invokes: no 5xx but 501, no stack trace, no error logged (seed ${SEED})`, async () => {
    let runs = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 6, arbitrary: activity().map((a) => ({ a, body: JSON.stringify(a) })) }, { weight: 1, arbitrary: anyBody.map((body) => ({ a: undefined, body })) }), async ({ a, body }) => {
        runs++;
        const from = fx.bot.output().length;
        const answer = await postRaw(body);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        judge(a, answer);
        await noNewErrors(from);
      }),
      { seed: SEED, numRuns: 2_000, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: false, endOnFailure: false },
    );
    if (process.env.FUZZ_VERBOSE) console.log(runs, 'requests, by status:', Object.fromEntries(statuses));
    expect(runs, 'fuzzed requests in the time budget').to.be.above(50);
  });

  it('the bot still answers a normal message afterwards, and logged no error at all', async () => {
    // The fuzzing may have used up Ana's flood limit (10 at once, 5 a second): full again after 2 s.
    await new Promise((r) => setTimeout(r, 2_100));
    const options = { user: ana, serviceUrl: fx.connector.url, conversationId: 'a:fuzz-after' };
    expect((await postRaw(JSON.stringify(teamsInstall(options)))).status).to.equal(200);
    const before = fx.connector.callsFor(options.conversationId).length;
    const answer = await postRaw(JSON.stringify(teamsMessage({ ...options, text: 'what support do partners get?' })));
    expect(answer.status).to.equal(200);
    const said = fx.connector.callsFor(options.conversationId).slice(before).flatMap((c) => (c.activity.attachments?.[0] ? cardTexts(c.activity.attachments[0].content) : [c.activity.text ?? '']));
    expect(said).to.include('Technical support benefits by membership');
    expect(errorLines(fx.bot.output())).to.deep.equal([]);
  });
});
