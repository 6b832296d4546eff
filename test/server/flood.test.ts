/**
 * Flooding (issue 13), over real HTTP against the real server (npm start's code path, demo
 * directory): one user sending 50 messages in a second gets a burst answered, then one "please
 * slow down" in their language (once per window) while everyone else keeps being answered as
 * promptly as before; the flooder is served again after a pause; a whole organization is limited
 * the same way, another one not; a limited card press gets an invoke answer Teams shows.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardTexts } from '../../src/cards/cardText.js';
import { startConnector, type RecordingConnector } from '../../src/devtools/recordingConnector.js';
import { teamsExecute, teamsInstall, teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { en } from '../../src/i18n/en.js';
import { de } from '../../src/i18n/de.js';
import { ana, ben, ema } from '../support/demoPeople.js';
import { startBot, type BotProcess } from '../support/processes.js';

const NOTICE_SECONDS = 3;
const QUESTION = 'what support do partners get?';
const ANSWERED = /Technical support benefits by membership|Technische Support-Vorteile nach Mitgliedschaft/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('server: the flood limit over HTTP', function () {
  this.timeout(90_000);
  let dataDir: string;
  let connector: RecordingConnector;
  let bot: BotProcess;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'psb-flood-'));
    connector = await startConnector();
    // The default user limit (5 a second, 10 at once); a tenant limit lower than the default (50/s,
    // 100 at once), so that 15 users reach it without timing games; a shorter notice window.
    bot = await startBot('start', { DATA_DIR: dataDir, FLOOD_NOTICE_SECONDS: String(NOTICE_SECONDS), FLOOD_TENANT_PER_SECOND: '10', FLOOD_TENANT_BURST: '40' });
  });
  after(async () => {
    await bot?.stop();
    await connector?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function post(activity: Record<string, unknown>) {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
  }
  /** Everything the bot said in a conversation, one string per message. */
  const said = (conversationId: string) =>
    connector.callsFor(conversationId).map((c) => [c.activity.text ?? '', ...(c.activity.attachments?.[0] ? cardTexts(c.activity.attachments[0].content) : [])].join('\n'));
  const conversationOf = (user: TeamsUser) => `a:flood-${user.aadObjectId}`;
  const options = (user: TeamsUser, locale = 'en-US') => ({ user, serviceUrl: connector.url, locale, conversationId: conversationOf(user) });
  /** One message; resolves with how long the turn took and whether it was answered. */
  async function ask(user: TeamsUser, locale = 'en-US'): Promise<{ ms: number; answered: boolean; status: number }> {
    const before = said(conversationOf(user)).length;
    const started = performance.now();
    const { status } = await post(teamsMessage({ ...options(user, locale), text: QUESTION }));
    return { ms: performance.now() - started, status, answered: said(conversationOf(user)).slice(before).some((s) => ANSWERED.test(s)) };
  }
  const notices = (conversationId: string, text: string) => said(conversationId).filter((s) => s === text).length;

  it('a flooder gets a burst answered and one localized notice; the others are answered promptly meanwhile', async () => {
    for (const user of [ana, ben, ema]) await post(teamsInstall(options(user)));
    for (let i = 0; i < 2; i++) await ask(ben); // warm-up: the first turns load what later ones reuse
    const baseline: number[] = [];
    for (let i = 0; i < 4; i++) baseline.push((await ask(ben)).ms);

    // Ana floods in English, Ema (another organization) in German: 50 messages each within a second.
    const flood: Promise<{ status: number }>[] = [];
    for (let i = 0; i < 50; i++) {
      flood.push(post(teamsMessage({ ...options(ana), text: QUESTION })));
      flood.push(post(teamsMessage({ ...options(ema, 'de-DE'), text: 'was bekommen wir?' })));
      await sleep(20);
    }
    // Ben, of Ana's organization, keeps asking during the flood.
    const during: { ms: number; answered: boolean; status: number }[] = [];
    const benAsks = (async () => {
      for (let i = 0; i < 5; i++) {
        during.push(await ask(ben));
        await sleep(100);
      }
    })();
    const answers = await Promise.all(flood);
    await benAsks;

    expect(answers.map((a) => a.status)).to.deep.equal(answers.map(() => 200));
    expect(during.map((d) => d.answered), 'each of Ben\'s messages answered').to.deep.equal([true, true, true, true, true]);
    const worst = (ms: number[]) => Math.max(...ms);
    // eslint-disable-next-line no-console
    console.log(`      Ben's turn: ${worst(baseline).toFixed(0)} ms at worst before, ${worst(during.map((d) => d.ms)).toFixed(0)} ms during the flood`);
    expect(worst(during.map((d) => d.ms)), 'Ben\'s turns during the flood').to.be.below(3 * worst(baseline) + 300);

    const anaAnswered = said(conversationOf(ana)).filter((s) => ANSWERED.test(s)).length;
    const emaAnswered = said(conversationOf(ema)).filter((s) => ANSWERED.test(s)).length;
    // 10 at once, then 5 a second over the one second of the flood (and a little scheduling slack).
    expect(anaAnswered).to.be.within(10, 20);
    expect(emaAnswered).to.be.within(10, 20);
    expect(notices(conversationOf(ana), en['flood.user'])).to.equal(1);
    expect(notices(conversationOf(ema), de['flood.user'])).to.equal(1);
    expect(said(conversationOf(ben)).filter((s) => s.startsWith('Please slow down'))).to.deep.equal([]);
  });

  it('the flooder is served again after a pause, and gets the notice again only after the window', async () => {
    await sleep(2_500); // the bucket is full again after 2 s
    const again = await ask(ana);
    expect(again.answered).to.equal(true);
    expect(notices(conversationOf(ana), en['flood.user'])).to.equal(1);
    await sleep(NOTICE_SECONDS * 1000);
    await Promise.all(Array.from({ length: 15 }, () => post(teamsMessage({ ...options(ana), text: QUESTION }))));
    expect(notices(conversationOf(ana), en['flood.user'])).to.equal(2);
  });

  it('a limited card press is answered with the notice Teams shows on the card', async () => {
    await sleep(2_500); // Ana's bucket full again
    const group = { ...options(ana), conversationType: 'groupChat' as const, conversationId: '19:flood-group@thread.v2' };
    const presses = await Promise.all(Array.from({ length: 20 }, () => post(teamsExecute({ ...group, verb: 'activation.refresh' }))));
    expect(presses.map((p) => p.status)).to.deep.equal(presses.map(() => 200));
    const limited = presses.filter((p) => p.body?.type === 'application/vnd.microsoft.activity.message');
    expect(limited.length).to.be.above(0);
    for (const p of limited) expect(p.body?.value).to.equal(en['flood.user']);
    expect(presses.filter((p) => p.body?.type === 'application/vnd.microsoft.card.adaptive').length).to.be.above(0);
  });

  it('a whole organization is limited over all its users, another one is not', async () => {
    const tenantId = '0b7c9e24-1111-4222-8333-444455556666';
    const users = Array.from({ length: 15 }, (_, i): TeamsUser => ({ aadObjectId: `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`, tenantId, name: `User ${i}` }));
    // 15 users, 10 messages each at once: 150, within each one's own burst, far over the tenant's 40.
    const sent = users.flatMap((user) => Array.from({ length: 10 }, () => post(teamsMessage({ ...options(user), text: 'help' }))));
    const other = ask(ben);
    expect((await Promise.all(sent)).every((a) => a.status === 200)).to.equal(true);
    expect((await other).answered, 'a user of another organization').to.equal(true);
    const tenantNotices = users.reduce((n, user) => n + notices(conversationOf(user), en['flood.tenant']), 0);
    expect(tenantNotices).to.be.within(1, users.length);
    expect(users.reduce((n, user) => n + notices(conversationOf(user), en['flood.user']), 0)).to.equal(0);
  });

  it('cards refreshing themselves as Teams shows them do not use up what the user may type', async () => {
    await sleep(2_500); // Ema's bucket full again
    // Scrolling a group chat with activation cards: Teams asks for each one as the viewer sees it
    // (trigger automatic), the user presses nothing. Then she types a question: it is answered.
    const group = { ...options(ema, 'de-DE'), conversationType: 'groupChat' as const, conversationId: '19:flood-refresh@thread.v2' };
    for (let i = 0; i < 15; i++) {
      const refresh = teamsExecute({ ...group, verb: 'activation.refresh' });
      expect((await post({ ...refresh, value: { ...(refresh.value as object), trigger: 'automatic' } })).status).to.equal(200);
    }
    expect((await ask(ema, 'de-DE')).answered, 'her question after the refreshes').to.equal(true);
  });

  it('the bot logged no error for any of it', () => {
    expect(bot.output().split('\n').filter((line) => /"level":(5\d|60)\b/.test(line))).to.deep.equal([]);
  });
});
