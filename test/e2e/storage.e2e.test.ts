/**
 * End to end, as an operator and Teams would see it: the real server process on a temporary
 * DATA_DIR, an import while it serves, a second server on the same directory, `kill -9` and Teams'
 * redelivery of the same activity.
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../src/clock.js';
import { cardActions, cardTexts } from '../../src/cards/cardText.js';
import { demoDirectory, DEMO_TENANTS } from '../../src/demo/demoDirectory.js';
import { startConnector, type RecordingConnector } from '../../src/devtools/recordingConnector.js';
import { teamsExecute, teamsInstall, teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { ana, dario, ema, hal } from '../support/demoPeople.js';
import { openRuntime } from '../../src/store/index.js';
import { runCli, startBot, type BotProcess } from '../support/processes.js';
import { writeV1DataDir } from '../support/v1DataDir.js';

describe('e2e: storage, restarts and redeliveries over HTTP', function () {
  this.timeout(90_000);
  let dataDir: string;
  let connector: RecordingConnector;
  let bot: BotProcess;
  const importFile = () => join(dataDir, 'import.json');

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'psb-e2e-storage-'));
    connector = await startConnector();
    await writeFile(importFile(), JSON.stringify(demoDirectory(systemClock.today())));
    const imported = await runCli('import', [importFile()], { DATA_DIR: dataDir });
    expect(imported.code, imported.stderr).to.equal(0);
    bot = await startBot('serve', { DATA_DIR: dataDir });
  });
  after(async () => {
    await bot?.stop();
    await connector?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function post(activity: Record<string, unknown>) {
    const conversationId = (activity.conversation as { id: string }).id;
    const before = connector.callsFor(conversationId).length;
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const body = await res.text();
    const replies = connector.callsFor(conversationId).slice(before).map((c) => c.activity);
    const texts = replies.map((a) => [a.text ?? '', ...(a.attachments?.[0]?.content ? cardTexts(a.attachments[0].content) : [])].join('\n'));
    return { status: res.status, body, replies, texts };
  }
  const seen = new Set<string>();
  async function say(user: TeamsUser, input: string | Record<string, unknown>, extra: { locale?: string; id?: string; conversationId?: string; conversationType?: 'personal' | 'groupChat' | 'channel' } = {}) {
    const options = { user, serviceUrl: connector.url, ...extra };
    if (!seen.has(user.aadObjectId + (extra.conversationId ?? ''))) {
      seen.add(user.aadObjectId + (extra.conversationId ?? ''));
      await post(teamsInstall(options));
    }
    return post(teamsMessage(typeof input === 'string' ? { ...options, text: input } : { ...options, value: input }));
  }

  it('an import while the bot serves reaches the running bot within seconds, without a restart', async () => {
    const before = await say(dario, 'what support do partners get?');
    expect(before.texts.join('\n')).to.contain('Woodgrove Software');
    const renamed = demoDirectory(systemClock.today()) as { organizations: { tenantId: string; name: string }[] };
    renamed.organizations.find((o) => o.tenantId === DEMO_TENANTS.woodgrove)!.name = 'Woodgrove Software GmbH';
    await writeFile(importFile(), JSON.stringify(renamed));
    const run = await runCli('import', [importFile()], { DATA_DIR: dataDir });
    expect(run.code, run.stderr).to.equal(0);
    const t0 = performance.now();
    let text = '';
    while (performance.now() - t0 < 10_000 && !text.includes('Woodgrove Software GmbH')) {
      await new Promise((r) => setTimeout(r, 200));
      text = (await say(dario, 'Was bekommen wir?', { locale: 'de-DE' })).texts.join('\n');
    }
    expect(text).to.contain('Woodgrove Software GmbH');
  });

  it('a broken hand edit of directory.json is refused with the import\'s messages, and the bot keeps serving', async () => {
    const { readFile } = await import('node:fs/promises');
    const good = await readFile(join(dataDir, 'directory.json'), 'utf8');
    const document = JSON.parse(good);
    expect(document.organizations[1].tenantId).to.equal(DEMO_TENANTS.woodgrove);
    document.organizations[1].partnerId = 'MPN-1';
    // Also renamed, so an answer from the refused file would show it.
    document.organizations[1].name = 'Broken Woodgrove';
    await writeFile(join(dataDir, 'directory.json'), JSON.stringify(document));
    try {
      const t0 = performance.now();
      while (performance.now() - t0 < 10_000 && !bot.output().includes('was refused')) await new Promise((r) => setTimeout(r, 100));
      expect(bot.output()).to.contain('the changed partner directory was refused');
      expect(bot.output()).to.contain('$.organizations[1].partnerId');
      const answer = (await say(dario, 'how many incidents do we have left?')).texts.join('\n');
      expect(answer).to.contain('Woodgrove Software GmbH').and.not.contain('Broken');
      // An import refuses to build on the broken file, saying what to fix.
      const run = await runCli('import', [importFile()], { DATA_DIR: dataDir });
      expect(run.code).to.equal(1);
      expect(run.stderr).to.contain('$.organizations[1].partnerId: must be the partner (MPN) id: 4 to 10 digits (got "MPN-1")');
    } finally {
      await writeFile(join(dataDir, 'directory.json'), good);
    }
  });

  it('a second server on the same DATA_DIR is refused at once, naming the first', async () => {
    const t0 = performance.now();
    const second = await startBot('serve', { DATA_DIR: dataDir }).catch((e: Error) => e);
    if (!(second instanceof Error)) await second.stop();
    expect(second).to.be.instanceOf(Error);
    expect((second as Error).message).to.match(/The bot server \(port any\) \(process \d+, since .+\) holds .*server\.lock\. Only one bot server may serve a data directory/);
    // The time to load the program and be refused, not the 5-15 s wait for a lock to go stale.
    expect(performance.now() - t0).to.be.below(4_000);
  });

  it('a redelivered card click gets the same answer (200 with the card), and an escalation sent twice makes one case', async () => {
    const group = { conversationType: 'groupChat' as const, conversationId: '19:e2e-redelivery@thread.v2' };
    const shown = await say(ema, 'activate our benefits', group);
    const card = shown.replies.at(-1)!.attachments[0].content;
    const data = cardActions(card).find((a) => a.title === 'Activate')!.data as Record<string, unknown>;
    const click = teamsExecute({ user: ema, serviceUrl: connector.url, verb: 'activation.confirm', data, id: 'click-e2e-1', ...group });
    const first = await post(click);
    const again = await post(click);
    expect(first.status).to.equal(200);
    expect(again.status).to.equal(200);
    expect(JSON.parse(again.body)).to.deep.equal(JSON.parse(first.body));
    expect(JSON.parse(first.body).type).to.equal('application/vnd.microsoft.card.adaptive');

    const helpdesk = { conversationType: 'channel' as const, conversationId: '19:e2e-helpdesk@thread.tacv2' };
    await say(hal, 'set helpdesk channel', helpdesk);
    await say(dario, 'talk to a person');
    const line = teamsMessage({ user: dario, serviceUrl: connector.url, text: 'Please call me about Azure', id: 'escalation-e2e-1' });
    const created = await post(line);
    const redelivered = await post(line);
    expect(created.texts.join('\n')).to.match(/case C-\d{6}/);
    expect(redelivered.replies).to.deep.equal([]);
    const cards = connector
      .callsFor(helpdesk.conversationId)
      .filter((c) => c.method === 'POST' && c.activity.attachments && cardTexts(c.activity.attachments[0].content).some((t) => t.startsWith('Case C-')));
    expect(cards).to.have.length(1);
  });

  it('after kill -9 the bot is healthy again within 3 s, keeps every acknowledged write, and a resend acts once', async () => {
    const activated = await say(ana, 'activate our benefits');
    expect(activated.texts.join('\n')).to.contain('Activate the support benefits of Contoso');
    const done = await say(ana, { action: 'activation.confirm', ...(cardActions(activated.replies.at(-1)!.attachments[0].content).find((a) => a.title === 'Activate')!.data as object) });
    const ids = done.texts.join('\n').match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)!;
    expect(ids.length).to.be.greaterThan(0);
    await say(dario, 'talk to a person');
    // A message the old process answered in full, which Teams then sends again after the restart.
    const answered = teamsMessage({ user: ana, serviceUrl: connector.url, text: 'what support do we get?', id: 'answered-before-kill' });
    expect((await post(answered)).replies).to.have.length(1);
    bot.child.kill('SIGKILL');
    await new Promise((r) => bot.child.once('exit', r));
    const t0 = performance.now();
    bot = await startBot('serve', { DATA_DIR: dataDir });
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).to.equal(200);
    expect(performance.now() - t0).to.be.below(3_000);
    expect((await post(answered)).replies, 'a message answered before the restart is not answered again').to.deep.equal([]);
    const shown = await say(ana, 'what is our access id?');
    for (const id of ids) expect(shown.texts.join('\n')).to.contain(id);
    // Teams resends a message whose turn died with the old process (its claim is still "started"
    // by that process): the new one runs it, once; a further resend changes nothing.
    const line = teamsMessage({ user: dario, serviceUrl: connector.url, text: 'Still waiting for help', id: 'escalation-e2e-2' });
    const other = openRuntime(dataDir);
    const claim = await other.activities.claim((line.conversation as { id: string }).id, 'escalation-e2e-2', 'the-process-that-died', new Date());
    await other.close();
    expect(claim.claimed).to.equal(true);
    const first = await post(line);
    expect(first.texts.join('\n')).to.match(/case C-\d{6}/);
    expect((await post(line)).replies).to.deep.equal([]);
  });

  it('a data directory of the previous version is upgraded on the first start, which says so, and only then', async () => {
    const old = await mkdtemp(join(tmpdir(), 'psb-e2e-v1-'));
    try {
      await writeV1DataDir(old);
      const first = await startBot('serve', { DATA_DIR: old });
      await first.stop();
      expect(first.output()).to.match(/Upgraded .* moved 1 conversation states, 1 conversations, 1 helpdesk cases, 1 activated benefits and 2 recorded cases/);
      expect(first.output()).to.contain('v1-backup');
      const again = await startBot('serve', { DATA_DIR: old });
      try {
        expect(again.output()).to.not.contain('Upgraded');
        // The activation made in the old version is still Ana's organization's.
        const message = teamsMessage({ user: ana, serviceUrl: connector.url, text: 'what is our access id?', id: 'after-upgrade-1' });
        await fetch(`${again.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
        const shown = connector.callsFor((message.conversation as { id: string }).id).map((c) => JSON.stringify(c.activity)).join('\n');
        expect(shown).to.contain('acc-bot-0001');
      } finally {
        await again.stop();
      }
    } finally {
      await rm(old, { recursive: true, force: true });
    }
  });
});
