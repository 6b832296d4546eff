/**
 * End to end (issue 14): a partner's "talk to a person" before any helpdesk conversation is set is
 * kept as a case, survives a restart of the server, and its card reaches the helpdesk channel once
 * an agent sets it, exactly once. The real server process on a free port, the real data directory,
 * Teams-shaped activities over HTTP, replies read from the recording connector.
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/clock.js';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { cardTexts } from '../../src/cards/cardText.js';
import { teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { startConnector, type RecordingConnector } from '../../src/devtools/recordingConnector.js';
import { dario, hal } from '../support/demoPeople.js';
import { runCli, startBot, type BotProcess } from '../support/processes.js';

const CHANNEL = '19:helpdesk-e2e@thread.tacv2';

describe('e2e: an escalation before the helpdesk is set up waits, across a restart, and is delivered once (issue 14)', function () {
  this.timeout(90_000);
  let dataDir: string;
  let connector: RecordingConnector;
  let bot: BotProcess | undefined;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'psb-e2e-waiting-'));
    connector = await startConnector();
    const file = join(dataDir, 'directory.import.json');
    await writeFile(file, JSON.stringify(demoDirectory(systemClock.today())));
    const imported = await runCli('import', [file], { DATA_DIR: dataDir });
    expect(imported.code, imported.stderr).to.equal(0);
  });

  after(async () => {
    await bot?.stop();
    await connector?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function say(user: TeamsUser, text: string, extra: { conversationType?: 'channel'; conversationId?: string } = {}): Promise<string[]> {
    const activity = teamsMessage({ user, serviceUrl: connector.url, text, ...extra });
    const conversationId = (activity.conversation as { id: string }).id;
    const before = connector.callsFor(conversationId).length;
    const res = await fetch(`${bot!.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await res.text();
    expect(res.status).to.equal(200);
    return connector.callsFor(conversationId).slice(before).map((c) => {
      const card = c.activity.attachments?.[0]?.content;
      return [c.activity.text ?? '', ...(card ? cardTexts(card) : [])].join('\n');
    });
  }

  const caseCards = () =>
    connector
      .callsFor(CHANNEL)
      .filter((c) => c.method === 'POST' && c.activity.attachments?.length)
      .map((c) => cardTexts(c.activity.attachments[0].content)[0]);

  it('keeps the case, tells the partner, and posts its card once when "set helpdesk channel" comes after a restart', async () => {
    bot = await startBot('serve', { DATA_DIR: dataDir });
    await say(dario, 'how many incidents do we have left?');
    const [ask] = await say(dario, 'talk to a person');
    expect(ask).to.contain('In one line: what do you need help with?');
    const [saved] = await say(dario, 'The Azure portal says our Access ID is already associated');
    const caseId = /^I saved your request as case (C-\d{6})\. The helpdesk has not set up its conversation with me yet/.exec(saved!)?.[1];
    expect(caseId, saved).to.be.a('string');

    await bot.stop();
    bot = await startBot('serve', { DATA_DIR: dataDir });

    const set = await say(hal, 'set helpdesk channel', { conversationType: 'channel', conversationId: `${CHANNEL};messageid=1` });
    expect(set).to.include('This conversation now receives escalations from partners.');
    expect(set.join('\n'), 'no partner welcome in the helpdesk channel').to.not.contain('Hi, I help you use your partner');
    expect(caseCards()).to.deep.equal([`Case ${caseId}: open`]);
    const card = connector.callsFor(CHANNEL).find((c) => c.method === 'POST')!;
    expect(cardTexts(card.activity.attachments[0].content)).to.include.members(['Woodgrove Software (4711002)', 'The Azure portal says our Access ID is already associated']);

    // Said again in another thread: nothing posted twice.
    await say(hal, 'set helpdesk channel', { conversationType: 'channel', conversationId: `${CHANNEL};messageid=2` });
    expect(caseCards()).to.deep.equal([`Case ${caseId}: open`]);
  });
});
