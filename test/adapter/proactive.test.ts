/**
 * The proactive sender against the real recording connector over HTTP, through the app's real
 * CloudAdapter (unauthenticated, botAppId ''), with scripted connector failures.
 */
import { expect } from 'chai';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createAdapter } from '../../src/adapter/adapter.js';
import { versionedPrivateConversationState } from '../../src/bot/versionedState.js';
import { createRuntimeStores, MemoryBackend } from '../../src/store/index.js';
import {
  CloudProactiveMessenger,
  ProactiveSendError,
  disableSdkRetries,
  isRetryableStatus,
  parseRetryAfter,
  type ProactiveOptions,
} from '../../src/adapter/proactive.js';
import type { Config } from '../../src/config.js';
import { startConnector, type RecordingConnector } from '../../src/devtools/recordingConnector.js';

const config: Config = { port: 0, host: '127.0.0.1', dataDir: '.', logLevel: 'silent', remindersAtUtc: null };

function captureLogger() {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** A virtual clock: sleep() returns at once and moves the clock on. */
function virtualTime(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

describe('adapter/proactive: CloudProactiveMessenger', function () {
  this.timeout(20_000);
  let connector: RecordingConnector;
  const runtime = createRuntimeStores(new MemoryBackend());
  const adapter = createAdapter(config, pino({ level: 'silent' }), versionedPrivateConversationState(runtime.state), { activities: runtime.activities, owner: 'test' });
  const ref = (conversationId: string, locale?: string): Record<string, unknown> => ({
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 't1' },
    bot: { id: '28:bot', name: 'Partner Support' },
    user: { id: '29:user', aadObjectId: 'u1' },
    ...(locale && { locale }),
  });
  const messenger = (extra: Partial<ProactiveOptions> = {}) => {
    const log = captureLogger();
    const time = virtualTime();
    const m = new CloudProactiveMessenger({ adapter, botAppId: '', logger: log.logger, now: time.now, sleep: time.sleep, random: () => 0.5, ...extra });
    return { m, log, time };
  };

  before(async () => {
    connector = await startConnector();
  });
  after(async () => {
    await connector.close();
  });
  beforeEach(() => connector.reset());

  it('sends with botAppId "" to the recording connector and returns the ids, in order', async () => {
    const { m } = messenger();
    const ids = await m.send(ref('a:one'), [{ type: 'message', text: 'first' }, { type: 'message', text: 'second' }]);
    expect(ids).to.deep.equal(['reply-1', 'reply-2']);
    expect(connector.callsFor('a:one').map((c) => [c.method, c.activity.text])).to.deep.equal([
      ['POST', 'first'],
      ['POST', 'second'],
    ]);
  });

  it('429 twice, then 200: the message arrives once, after 3 attempts with growing backoff', async () => {
    connector.failNext(429, 2);
    const { m, time } = messenger();
    const ids = await m.send(ref('a:throttled'), [{ type: 'message', text: 'hello' }]);
    expect(ids).to.deep.equal(['reply-1']);
    expect(connector.callsFor('a:throttled')).to.have.length(1);
    expect(connector.attemptsFor('a:throttled').map((a) => a.status)).to.deep.equal([429, 429, 200]);
    // base 1000 ms doubling, half of each step random (random() = 0.5 here): 750, then 1500.
    expect(time.sleeps).to.deep.equal([750, 1500]);
  });

  it('honours Retry-After (seconds) when it is longer than the backoff', async () => {
    connector.failNext(429, 1, { 'Retry-After': '3' });
    const { m, time } = messenger();
    await m.send(ref('a:retry-after'), [{ type: 'message', text: 'hello' }]);
    expect(time.sleeps).to.deep.equal([3000]);
    expect(connector.attemptsFor('a:retry-after')).to.have.length(2);
  });

  it('gives up at once on a Retry-After longer than it waits', async () => {
    connector.failNext(429, 1, { 'Retry-After': '3600' });
    const { m } = messenger();
    const error = await m.send(ref('a:long-wait'), [{ type: 'message', text: 'hello' }]).catch((e) => e);
    expect(error).to.be.instanceOf(ProactiveSendError);
    expect(error.message).to.contain('Retry-After 3600 s');
    expect(connector.attemptsFor('a:long-wait')).to.have.length(1);
  });

  it('500 forever: 3 tries in total (the SDK does not retry on top), logs, rejects; later sends still work', async () => {
    connector.failAlways(500, {}, { conversationId: 'a:down' });
    const { m, log } = messenger();
    const error = await m.send(ref('a:down'), [{ type: 'message', text: 'hello' }]).catch((e) => e);
    expect(error).to.be.instanceOf(ProactiveSendError);
    expect(error).to.include({ status: 500, tries: 3, conversationId: 'a:down' });
    expect(error.message).to.equal('Could not send a proactive message in conversation a:down: the connector answered 500 on all 3 tries.');
    expect(connector.attemptsFor('a:down')).to.have.length(3);
    expect(connector.callsFor('a:down')).to.have.length(0);
    const failed = log.lines.filter((l) => l.msg === 'proactive message failed');
    expect(failed).to.have.length(1);
    expect(failed[0]).to.include({ level: 50, conversationId: 'a:down', status: 500, tries: 3 });
    expect(log.lines.filter((l) => l.msg === 'proactive message not accepted; retrying')).to.have.length(2);
    // Other conversations (and this messenger) keep working.
    expect(await m.send(ref('a:fine'), [{ type: 'message', text: 'still here' }])).to.deep.equal(['reply-1']);
  });

  it('does not retry an answer that is not 429/5xx (e.g. 403: the user removed the bot)', async () => {
    connector.failNext(403, 1);
    const { m, time } = messenger();
    const error = await m.send(ref('a:gone'), [{ type: 'message', text: 'hello' }]).catch((e) => e);
    expect(error).to.be.instanceOf(ProactiveSendError);
    expect(error).to.include({ status: 403, tries: 1 });
    expect(time.sleeps).to.deep.equal([]);
    expect(connector.attemptsFor('a:gone')).to.have.length(1);
  });

  it('reports which activities of a batch were sent before one failed; none is sent twice', async () => {
    connector.failAlways(502, {}, { conversationId: 'a:batch', after: 1 });
    const { m } = messenger();
    const error = await m
      .send(ref('a:batch'), [
        { type: 'message', text: 'one' },
        { type: 'message', text: 'two' },
        { type: 'message', text: 'three' },
      ])
      .catch((e) => e);
    expect(error).to.be.instanceOf(ProactiveSendError);
    expect(error.sentIds).to.deep.equal(['reply-1']);
    expect(connector.callsFor('a:batch').map((c) => c.activity.text)).to.deep.equal(['one']);
    expect(connector.attemptsFor('a:batch').map((a) => [a.activity.text, a.status])).to.deep.equal([
      ['one', 200],
      ['two', 502],
      ['two', 502],
      ['two', 502],
    ]);
  });

  it('update() issues a PUT to /v3/conversations/{id}/activities/{activityId}', async () => {
    const { m } = messenger();
    const [id] = await m.send(ref('a:card'), [{ type: 'message', text: 'v1' }]);
    await m.update(ref('a:card'), id!, { type: 'message', text: 'v2' });
    const calls = connector.callsFor('a:card');
    expect(calls.map((c) => c.method)).to.deep.equal(['POST', 'PUT']);
    expect(calls[1]).to.include({ activityId: id, path: `/v3/conversations/a%3Acard/activities/${id}` });
    expect(calls[1]!.activity).to.include({ id, text: 'v2' });
  });

  it('update() retries a 503 once and then succeeds', async () => {
    connector.failNext(503, 1, {}, { method: 'PUT' });
    const { m } = messenger();
    await m.update(ref('a:upd'), 'reply-9', { type: 'message', text: 'v2' });
    expect(connector.attemptsFor('a:upd').map((a) => [a.method, a.status])).to.deep.equal([
      ['PUT', 503],
      ['PUT', 200],
    ]);
  });

  it('rate limit (virtual clock): 8 messages to one conversation span at least 1 s; the 8th waits', async () => {
    const { m, time } = messenger();
    const start = time.now();
    const texts = Array.from({ length: 8 }, (_, i) => ({ type: 'message' as const, text: `m${i + 1}` }));
    await m.send(ref('a:busy'), texts);
    expect(time.sleeps).to.deep.equal([1000]);
    expect(time.now() - start).to.be.at.least(1000);
    expect(connector.callsFor('a:busy')).to.have.length(8);
    // Another conversation is not held back by the busy one.
    await m.send(ref('a:quiet'), [{ type: 'message', text: 'q' }]);
    expect(time.sleeps).to.deep.equal([1000]);
  });

  it('rate limit (wall clock): 8 to one conversation take >= ~1 s, a message to another conversation arrives meanwhile', async () => {
    const { logger } = captureLogger();
    const m = new CloudProactiveMessenger({ adapter, botAppId: '', logger });
    const t0 = Date.now();
    const busy = m.send(
      ref('a:wall'),
      Array.from({ length: 8 }, (_, i) => ({ type: 'message' as const, text: `m${i + 1}` })),
    );
    let quietDoneAt = 0;
    const quiet = m.send(ref('a:wall-other'), [{ type: 'message', text: 'q' }]).then(() => (quietDoneAt = Date.now() - t0));
    await Promise.all([busy, quiet]);
    const busyMs = Date.now() - t0;
    const arrivals = connector.attemptsFor('a:wall').map((a) => a.at);
    expect(arrivals).to.have.length(8);
    // The 8th cannot leave before a second has passed since the first left (arrival times of the
    // first messages vary with connection set-up under load, so count from the first send).
    expect(arrivals[7]! - t0).to.be.at.least(950);
    expect(busyMs).to.be.at.least(950);
    expect(quietDoneAt).to.be.below(500);
  });

  it('removes the SDK retry policy from a real ConnectorClient', () => {
    const client = new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: 'http://127.0.0.1:9' });
    expect(disableSdkRetries(client)).to.equal(true);
    expect(disableSdkRetries(client)).to.equal(false);
    expect(disableSdkRetries({})).to.equal(false);
  });

  it('reads Retry-After as seconds or an HTTP date; retries only 429 and 5xx', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).to.equal(2000);
    expect(parseRetryAfter('0.5', now)).to.equal(500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).to.equal(5000);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(undefined, now)).to.equal(undefined);
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).to.equal(true);
    expect([200, 400, 401, 403, 404, 408, undefined].some(isRetryableStatus)).to.equal(false);
  });
});
