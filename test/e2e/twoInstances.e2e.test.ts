/**
 * End to end with two bot instances on one Azure Storage account (issue 12, "Several instances"),
 * as App Service runs them: two real server processes (`npm run serve`, STORE=azure) on one Azurite
 * (tables of a fresh prefix and a fresh container for this run), behind a round-robin HTTP proxy
 * that sends each request to the other instance, Teams-shaped activities over HTTP and the replies
 * on a recording connector. What a user or operator notices: a conversation carries on whichever
 * instance serves it; concurrent clicks and recordings spread over both act once and count exactly;
 * a redelivery that reaches the other instance is answered once; an import reaches both; the
 * reminder run of both sends each reminder once.
 *
 * About 30 s here (2 cores): 7-10 s to start Azurite, import and start both servers, 15 s for the
 * 2 x 200 recordings (400 chats asked 100 at a time, then all 400 confirmations at once).
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cardActions, cardTexts } from '../../src/cards/cardText.js';
import { systemClock } from '../../src/clock.js';
import { demoDirectory, DEMO_TENANTS } from '../../src/demo/demoDirectory.js';
import { startConnector, type RecordedCall, type RecordingConnector } from '../../src/devtools/recordingConnector.js';
import { personalConversation, teamsInstall, teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { NOTIFY_FILE, NOTIFY_PATH, type NotifyEndpointInfo } from '../../src/jobs/notifyEndpoint.js';
import type { ReminderSummary } from '../../src/jobs/reminders.js';
import { azureClients } from '../../src/store/azure/azureStores.js';
import type { AuditEntry } from '../../src/store/types.js';
import { azurite, uniquePrefix } from '../support/azurite.js';
import { ana, ben, dario, ema } from '../support/demoPeople.js';
import { runCli, startBot, type BotProcess } from '../support/processes.js';
import { INSTANCE_HEADER, startRoundRobinProxy, type RoundRobinProxy } from '../support/roundRobinProxy.js';

type Activity = Record<string, any>;
interface Posted {
  status: number;
  /** Which instance served it (0 or 1). */
  instance: number;
  /** The invoke answer, if any. */
  body: unknown;
  /** What the bot sent in reply to this activity (replies name the activity they answer). */
  replies: Activity[];
  /** Each reply's visible text (a card's strings joined). */
  texts: string[];
}

const textOf = (a: Activity) => [a.text ?? '', ...(a.attachments?.[0]?.content ? cardTexts(a.attachments[0].content) : [])].join('\n').trim();
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

describe('e2e: two bot instances on one Azure Storage, behind a round-robin proxy (issue 12)', function () {
  this.timeout(120_000);
  let tmp: string;
  let connector: RecordingConnector;
  let bots: BotProcess[] = [];
  let proxy: RoundRobinProxy;
  let env: Record<string, string>;
  const importFile = () => join(tmp, 'import.json');
  const dataDir = (i: number) => join(tmp, `instance-${i}`);

  before(async () => {
    const t0 = performance.now();
    tmp = await mkdtemp(join(tmpdir(), 'psb-e2e-two-'));
    const { connectionString } = await azurite();
    env = {
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      AZURE_TABLE_PREFIX: uniquePrefix(),
      AZURE_DIRECTORY_CONTAINER: `dir-${uniquePrefix().toLowerCase()}`,
      AZURE_DIRECTORY_POLL_SECONDS: '0.5',
      // Ben sends 400 messages at once below, far past the flood limit (server/floodLimit.ts) that would answer most with "please slow down".
      FLOOD_USER_PER_SECOND: '10000',
      FLOOD_USER_BURST: '10000',
      FLOOD_TENANT_PER_SECOND: '10000',
      FLOOD_TENANT_BURST: '10000',
    };
    connector = await startConnector();
    await writeFile(importFile(), JSON.stringify(demoDirectory(systemClock.today())));
    const imported = await runCli('import', [importFile()], env);
    expect(imported.code, imported.stderr).to.equal(0);
    bots = await Promise.all([0, 1].map((i) => startBot('serve', { ...env, DATA_DIR: dataDir(i) })));
    proxy = await startRoundRobinProxy(bots.map((b) => b.url));
    console.log(`      (set up in ${Math.round(performance.now() - t0)} ms: Azurite, import, two servers)`);
  });
  after(async () => {
    const codes = await Promise.all(bots.map((b) => b.stop()));
    await proxy?.close();
    await connector?.close();
    if (env) await azureClients({ connectionString: env.AZURE_STORAGE_CONNECTION_STRING!, container: env.AZURE_DIRECTORY_CONTAINER! }).container.deleteIfExists();
    await rm(tmp, { recursive: true, force: true });
    expect(codes, 'both instances stop cleanly').to.deep.equal(bots.map(() => 0));
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') for (const [i, b] of bots.entries()) console.log(`--- instance ${i}:\n${b.output().slice(-4000)}`);
  });

  /** Posts one activity (to the proxy unless `to` names an instance) and collects the replies to it. */
  async function post(activity: Activity, to: string = proxy.url): Promise<Posted> {
    const res = await fetch(`${to}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    const instance = res.headers.has(INSTANCE_HEADER) ? Number(res.headers.get(INSTANCE_HEADER)) : bots.findIndex((b) => b.url === to);
    const replies = repliesTo(activity);
    return { status: res.status, instance, body: text ? JSON.parse(text) : undefined, replies, texts: replies.map(textOf) };
  }
  const repliesTo = (activity: Activity): Activity[] =>
    connector.callsFor(activity.conversation.id).filter((c: RecordedCall) => c.activityId === activity.id).map((c) => c.activity);

  const installed = new Set<string>();
  /** A message from `user` (text, or a card's submit data) in their chat; the first one in a chat installs the bot there first. */
  async function say(user: TeamsUser, input: string | Record<string, unknown>, options: { conversationId?: string; to?: string } = {}): Promise<Posted> {
    const base = { user, serviceUrl: connector.url, ...(options.conversationId && { conversationId: options.conversationId }) };
    const chat = options.conversationId ?? personalConversation(user);
    if (!installed.has(chat)) {
      installed.add(chat);
      expect((await post(teamsInstall(base), options.to)).status).to.equal(200);
    }
    const posted = await post(message(user, input, options.conversationId), options.to);
    expect(posted.status, JSON.stringify(posted.body)).to.equal(200);
    return posted;
  }
  const message = (user: TeamsUser, input: string | Record<string, unknown>, conversationId?: string, id?: string): Activity =>
    teamsMessage({ user, serviceUrl: connector.url, ...(conversationId && { conversationId }), ...(id && { id }), ...(typeof input === 'string' ? { text: input } : { value: input }) });
  /** The submit data of the button `title` on the last card of these replies. */
  const button = (posted: Posted, title: string): Record<string, unknown> => {
    for (const reply of [...posted.replies].reverse()) {
      const found = reply.attachments?.[0]?.content && cardActions(reply.attachments[0].content).find((a) => a.title === title);
      if (found) return found.data as Record<string, unknown>;
    }
    throw new Error(`no button "${title}" in ${JSON.stringify(posted.texts)}`);
  };
  const auditOf = async (tenantId: string): Promise<AuditEntry[]> => {
    const run = await runCli('audit', ['--format', 'json', '--tenant', tenantId], env);
    expect(run.code, run.stderr).to.equal(0);
    return JSON.parse(run.stdout) as AuditEntry[];
  };
  const count = (items: string[]) => items.reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>());

  it('a conversation carries on across the instances: the activation card one shows is confirmed through the other', async () => {
    const shown = await say(ana, 'activate our benefits');
    expect(shown.texts.at(-1)).to.contain('Activate the support benefits of Contoso Cloud Services?');
    const done = await say(ana, button(shown, 'Activate'));
    expect(done.instance, 'the proxy sent the confirmation to the other instance').to.not.equal(shown.instance);
    expect(done.texts).to.have.length(1);
    expect(done.texts[0]).to.contain('Done: the benefits of Contoso Cloud Services are active');
    const ids = done.texts[0]!.match(ID)!;
    expect(ids).to.have.length(2);
    // And the first instance shows the same IDs.
    const asked = await say(ana, 'what is our access id?');
    expect(asked.instance).to.not.equal(done.instance);
    expect(asked.texts.join('\n').match(ID)).to.deep.equal(ids);
  });

  it('10 concurrent confirmations spread over both instances activate once: one set of IDs, one audit entry', async () => {
    const shown = await say(ema, 'activate our benefits');
    const data = button(shown, 'Activate');
    const clicks = Array.from({ length: 10 }, (_, i) => message(ema, data, undefined, `ema-click-${i}`));
    const posted = await Promise.all(clicks.map((click) => post(click)));
    expect(posted.map((p) => p.status)).to.deep.equal(clicks.map(() => 200));
    expect(count(posted.map((p) => String(p.instance)))).to.deep.equal(new Map([['0', 5], ['1', 5]]));
    const titles = posted.map((p) => p.texts.map((t) => t.split('\n')[0]).join(' | '));
    expect(count(titles)).to.deep.equal(
      new Map([
        ['Done: the benefits of Fourth Coffee IT are active', 1],
        ['The benefits of Fourth Coffee IT are already active', 9],
      ]),
    );
    const ids = new Set(posted.flatMap((p) => p.texts.join('\n').match(ID) ?? []));
    expect(ids, 'every answer shows the same Access ID').to.have.length(1);
    const stored = (await say(ema, 'what is our access id?')).texts.join('\n').match(ID);
    expect(stored).to.deep.equal([...ids]);
    const audit = await auditOf(DEMO_TENANTS.fourthCoffee);
    expect(audit.map((e) => e.action)).to.deep.equal(['activation']);
  });

  it('2 x 200 concurrent incident recordings on one benefit, spread over both instances, count exactly and never below zero; copies of one case count once', async () => {
    // Contoso's Product Support (20 incidents, none used: activated above). Ben confirms each case
    // in a chat of its own, so the confirmations run at the same moment.
    const chatOf = (name: string) => `a:personal-ben-${name}`;
    // The first message in each chat (no install before it: the welcome card comes with the answer).
    const ask = async (name: string, caseRef: string) => {
      const posted = await post(message(ben, `we used an incident on product support, case ${caseRef}`, chatOf(name)));
      expect(posted.status).to.equal(200);
      return posted;
    };
    const confirmAll = async (asked: Posted[]) => {
      const yes = asked.map((p, i) => message(ben, button(p, 'Record it'), p.replies[0]!.conversation.id, `yes-${p.replies[0]!.conversation.id}-${i}`));
      return Promise.all(yes.map((activity) => post(activity)));
    };
    const lines = (posted: Posted[]) => posted.map((p) => p.texts.join(' | '));

    // Ten copies of one case, confirmed at once: recorded once.
    const dup = '2611230040000000';
    const dupAsked = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(`dup-${i}`, dup)));
    for (const p of dupAsked) expect(p.texts.at(-1)).to.contain('Record a used incident?');
    const dupDone = await confirmAll(dupAsked);
    expect(new Set(dupDone.map((p) => p.instance))).to.have.length(2);
    expect(count(lines(dupDone))).to.deep.equal(
      new Map([
        [`Recorded: case ${dup} on Microsoft Product Support (on-premises). 19 incidents left.`, 1],
        [`Case ${dup} is already recorded for Contoso Cloud Services; a case counts only once.`, 9],
      ]),
    );

    // 400 different cases, 200 through each instance, confirmed at once: 19 fit.
    const cases = Array.from({ length: 400 }, (_, i) => `26112300401${String(i).padStart(5, '0')}`);
    const t0 = performance.now();
    const asked: Posted[] = [];
    for (let i = 0; i < cases.length; i += 100) asked.push(...(await Promise.all(cases.slice(i, i + 100).map((c) => ask(c, c)))));
    const t1 = performance.now();
    for (const p of asked) expect(p.texts.at(-1)).to.contain('Record a used incident?');
    const done = await confirmAll(asked);
    const t2 = performance.now();
    console.log(`      (400 recordings: asked in ${Math.round(t1 - t0)} ms, confirmed at once in ${Math.round(t2 - t1)} ms)`);
    expect(count(done.map((p) => String(p.instance)))).to.deep.equal(new Map([['0', 200], ['1', 200]]));
    const recorded = lines(done).filter((l) => l.startsWith('Recorded: case '));
    const refused = lines(done).filter((l) => !l.startsWith('Recorded: case '));
    expect(recorded).to.have.length(19);
    // Each recording saw the one before it: the counts left are 18, 17, ... 0, each once.
    expect(recorded.map((l) => Number(/(\d+) incidents? left\.$/.exec(l)?.[1])).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 19 }, (_, i) => i));
    expect(new Set(refused)).to.deep.equal(new Set(['The Microsoft Product Support (on-premises) contract of Contoso Cloud Services has no incidents left, so I cannot record another one.']));

    const balance = (await say(ben, 'how many incidents do we have left?')).texts.join('\n');
    expect(balance).to.contain('Microsoft Product Support (on-premises)\nTotal\n20\nUsed\n20\nLeft\n0\n');
    const audit = (await auditOf(DEMO_TENANTS.contoso)).filter((e) => e.action === 'incident.recorded');
    expect(audit).to.have.length(20);
    const refs = audit.map((e) => String(e.details?.caseRef));
    expect(new Set(refs)).to.have.length(20);
    expect(refs).to.include(dup);
    expect(refs.filter((r) => r !== dup).every((r) => cases.includes(r))).to.equal(true);
  });

  it('a redelivered activity that reaches the other instance while the first still runs it is answered once and acts once', async () => {
    const caseRef = '2611230040099999';
    const asked = await say(dario, `we used an incident on product support, case ${caseRef}`);
    expect(asked.texts.at(-1)).to.contain('Record a used incident?');
    const yes = message(dario, button(asked, 'Record it'), undefined, 'dario-yes-once');
    // The first delivery's reply is held up by the connector (one 503 with Retry-After: 2 s), so
    // the redelivery certainly arrives while the first instance is still in that turn.
    connector.failNext(503, 1, { 'Retry-After': '2' }, { conversationId: yes.conversation.id });
    const first = post(yes, bots[0]!.url);
    await new Promise((r) => setTimeout(r, 400));
    const again = await post({ ...yes }, bots[1]!.url);
    const once = await first;
    expect([once.status, again.status]).to.deep.equal([200, 200]);
    expect(repliesTo(yes).map(textOf)).to.deep.equal([`Recorded: case ${caseRef} on Microsoft Product Support (on-premises). 10 incidents left.`]);
    const balance = (await say(dario, 'how many incidents do we have left?')).texts.join('\n');
    expect(balance).to.contain('Microsoft Product Support (on-premises)\nTotal\n15\nUsed\n5\nLeft\n10\n');
    const audit = (await auditOf(DEMO_TENANTS.woodgrove)).filter((e) => e.action === 'incident.recorded');
    expect(audit.map((e) => e.details?.caseRef)).to.deep.equal([caseRef]);
  });

  it('an import (STORE=azure npm run import) reaches both instances within seconds', async () => {
    for (const b of bots) expect((await say(dario, 'what support do partners get?', { to: b.url })).texts.join('\n')).to.contain('Woodgrove Software');
    const renamed = demoDirectory(systemClock.today()) as { organizations: { tenantId: string; name: string }[] };
    renamed.organizations.find((o) => o.tenantId === DEMO_TENANTS.woodgrove)!.name = 'Woodgrove Software GmbH';
    await writeFile(importFile(), JSON.stringify(renamed));
    const run = await runCli('import', [importFile()], env);
    expect(run.code, run.stderr).to.equal(0);
    const t0 = performance.now();
    const seen = await Promise.all(
      bots.map(async (b) => {
        for (;;) {
          const text = (await say(dario, 'what support do partners get?', { to: b.url })).texts.join('\n');
          if (text.includes('Woodgrove Software GmbH')) return performance.now() - t0;
          if (performance.now() - t0 > 10_000) return Infinity;
          await new Promise((r) => setTimeout(r, 100));
        }
      }),
    );
    console.log(`      (the new import was served after ${seen.map((ms) => `${Math.round(ms)} ms`).join(' and ')})`);
    // Polled every 0.5 s here (5 s by default).
    for (const ms of seen) expect(ms).to.be.below(3_000);
  });

  it('the reminder run of both instances at once sends each reminder once, not once per instance', async () => {
    const notify = async (i: number): Promise<ReminderSummary> => {
      const info = JSON.parse(await readFile(join(dataDir(i), NOTIFY_FILE), 'utf8')) as NotifyEndpointInfo;
      const res = await fetch(`${info.url}${NOTIFY_PATH}`, { method: 'POST', headers: { authorization: `Bearer ${info.token}` } });
      expect(res.status).to.equal(200);
      return (await res.json()) as ReminderSummary;
    };
    const before = connector.calls.length;
    const summaries = await Promise.all([notify(0), notify(1)]);
    const sent = connector.calls.slice(before).filter((c) => c.method === 'POST');
    const messages = sent.map((c) => `${c.conversationId}: ${textOf(c.activity).split('\n')[0]}`);
    console.log(`      (reminder runs: ${JSON.stringify(summaries)})`);
    // Ana, admin of Contoso, whose Product Support is used up; Ben, told that Contoso's IDs are
    // available (Ana activated, so not her; Ema activated Fourth Coffee and is its only user).
    expect(count(sent.map((c) => c.conversationId))).to.deep.equal(
      new Map([
        [personalConversation(ben), 1],
        [personalConversation(ana), 1],
      ]),
      messages.join('\n'),
    );
    expect(messages.find((m) => m.startsWith(personalConversation(ana)))).to.contain('Reminder: no incidents are left on the Microsoft Product Support (on-premises) contract of Contoso Cloud Services.');
    expect(messages.find((m) => m.startsWith(personalConversation(ben)))).to.contain('Good news: the technical support benefits of Contoso Cloud Services are active now');
    expect(summaries.reduce((n, s) => n + s.sent, 0)).to.equal(2);
    expect(summaries.reduce((n, s) => n + s.failed, 0)).to.equal(0);
    // And again: nothing new.
    const again = await Promise.all([notify(1), notify(0)]);
    expect(again.map((s) => s.sent)).to.deep.equal([0, 0]);
    expect(connector.calls.length).to.equal(before + sent.length);
  });
});
