/**
 * End to end (issue 14, 13): the real server as its own process on a free port, a real data
 * directory imported by the real CLI, Teams-shaped activities over HTTP, replies read from a local
 * recording connector. A partner's words with a link and a right-to-left override reach the agent
 * defused in the helpdesk channel, the case list and the case with its history; the agent's note
 * reaches the partner defused; a partner asking for the case by its id gets a refusal.
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/clock.js';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { teamsInstall, teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { cardTexts } from '../../src/cards/cardText.js';
import { dario, hal, nils } from '../support/demoPeople.js';
import { runCli, startBot, type BotProcess } from '../support/processes.js';
import { startConnector, type RecordingConnector } from '../../src/devtools/recordingConnector.js';

const HELPDESK = { conversationType: 'channel', conversationId: '19:helpdesk-e2e@thread.tacv2' };

describe('e2e: the helpdesk agent over HTTP, and one person\'s words reaching another', function () {
  this.timeout(60_000);
  let dataDir: string;
  let connector: RecordingConnector;
  let bot: BotProcess;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'psb-e2e-helpdesk-'));
    connector = await startConnector();
    const file = join(dataDir, 'directory.import.json');
    await writeFile(file, JSON.stringify(demoDirectory(systemClock.today())));
    const imported = await runCli('import', [file], { DATA_DIR: dataDir });
    expect(imported.code, imported.stderr).to.equal(0);
    bot = await startBot('serve', { DATA_DIR: dataDir });
  });

  after(async () => {
    await bot?.stop();
    await connector?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const seen = new Set<string>();
  /** One message (text or a card submit) over HTTP; the texts of what came back to that conversation. */
  async function say(user: TeamsUser, input: string | Record<string, unknown>, locale = 'en-US', extra: Record<string, string> = {}) {
    const options = { user, serviceUrl: connector.url, locale, ...extra };
    const key = `${user.aadObjectId}|${extra.conversationId ?? ''}`;
    const post = async (activity: Record<string, unknown>) => {
      const conversationId = (activity.conversation as { id: string }).id;
      const before = connector.callsFor(conversationId).length;
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      await res.text();
      expect(res.status).to.equal(200);
      return connector.callsFor(conversationId).slice(before).map((c) => c.activity);
    };
    if (!seen.has(key)) {
      seen.add(key);
      await post(teamsInstall(options));
    }
    const replies = await post(teamsMessage(typeof input === 'string' ? { ...options, text: input } : { ...options, value: input }));
    return replies.map((a) => [a.text ?? '', ...(a.attachments?.[0]?.content ? cardTexts(a.attachments[0].content) : [])].join('\n'));
  }

  it('a partner\'s link and U+202E reach the agent defused; the agent\'s note reaches the partner defused; partners get no case by id', async () => {
    const [set] = await say(hal, 'set helpdesk channel', 'en-US', HELPDESK);
    expect(set).to.contain('This conversation now receives escalations');
    await say(dario, 'talk to a person');
    const [created] = await say(dario, 'Linking fails, [click](https://evil.example/login) \u202Etxt.exe\u202C please');
    const caseId = /case (C-\d{6})/.exec(created!)![1]!;
    const shown = 'Linking fails, click (https(:)//evil(.)example/login) txt.exe please';

    const posted = connector.callsFor(HELPDESK.conversationId).filter((c) => c.method === 'POST').at(-1)!;
    expect(cardTexts(posted.activity.attachments[0].content)).to.include(shown);
    const [list] = await say(hal, 'unassigned cases');
    expect(list).to.contain(`${caseId} · open · Woodgrove Software`).and.contain(shown);
    const [card] = await say(hal, `case ${caseId}`);
    expect(card).to.contain(`Case ${caseId}: open`).and.contain(shown).and.contain('opened by Dario Entwickler');
    for (const text of [list!, card!, JSON.stringify(posted.activity)]) {
      expect(text).not.to.contain('\u202E').and.not.contain('https://evil').and.not.contain('](');
    }

    const darioChat = `a:personal-${dario.aadObjectId}`;
    const before = connector.callsFor(darioChat).length;
    const resolved = await say(hal, { action: 'case.resolve', caseId, note: 'Done, read [this](http://evil.example/p)\u200B\u202E' }, 'en-US', HELPDESK);
    expect(resolved).to.include(`Case ${caseId} is resolved; the partner was told.`);
    const notice = connector.callsFor(darioChat).slice(before).map((c) => c.activity.text as string);
    expect(notice).to.deep.equal([`Your case ${caseId} was resolved by Hal Helpdesk: Done, read this (http(:)//evil(.)example/p)`]);
    const [history] = await say(hal, `Fall ${caseId}`, 'de-DE');
    expect(history).to.contain('Verlauf').and.contain('gelöst von Hal Helpdesk').and.contain('Notiz von Hal Helpdesk: Done, read this (http(:)//evil(.)example/p)');

    for (const who of [dario, nils]) {
      const [refused] = await say(who, `case ${caseId}`);
      expect(refused, who.name).to.equal('Cases by their id are for the helpdesk team. Your own requests: "my cases".');
    }
  });
});
