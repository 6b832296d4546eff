/**
 * End to end over HTTP: questions about the rules reach the real server and come back as answer
 * cards through the recording connector; "Did this help?" is stored, and `npm run kb-report` (the
 * real CLI, while the bot runs) shows the asks, the helpful share and the unanswered questions.
 */
import { expect } from 'chai';
import { cardActions, cardTexts } from '../../src/cards/cardText.js';
import { personalConversation, teamsInstall, teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { dario, stranger } from '../support/demoPeople.js';
import { demoBotFixture, runCli } from '../support/processes.js';

describe('e2e: the knowledge base over HTTP, and kb-report', function () {
  this.timeout(90_000);
  const fx = demoBotFixture('psb-kb-');

  const started = new Set<string>();
  /** Sends a message (or a button's data) and returns the cards and texts the bot answered with. */
  async function say(user: TeamsUser, input: string | Record<string, unknown>, locale = 'en-US') {
    const options = { user, serviceUrl: fx.connector.url, locale };
    if (!started.has(user.aadObjectId)) {
      started.add(user.aadObjectId);
      await fetch(`${fx.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teamsInstall(options)) });
    }
    const before = fx.connector.callsFor(personalConversation(user)).length;
    const activity = typeof input === 'string' ? teamsMessage({ ...options, text: input }) : teamsMessage({ ...options, value: input });
    const res = await fetch(`${fx.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).to.equal(200);
    return fx.connector.callsFor(personalConversation(user)).slice(before).map((c) => {
      const card = c.activity.attachments?.[0]?.content;
      return { text: [c.activity.text ?? '', ...(card ? cardTexts(card) : [])].join('\n'), buttons: card ? cardActions(card) : [] };
    });
  }

  it('answers, takes feedback in both languages, and the report shows it', async () => {
    const [answer] = await say(stranger, 'Is Premier Support cloud only?');
    expect(answer!.text).to.contain("Microsoft's top tier of technical support");
    expect(answer!.text).to.contain('Source: partner benefits page');
    const no = answer!.buttons.find((b) => b.title === 'No')!;
    const [notHelped] = await say(stranger, no.data as Record<string, unknown>);
    expect(notHelped!.text).to.contain('Sorry that did not help');

    const [german] = await say(dario, 'Welche Kompetenzen zählen als Cloud-Kompetenzen?', 'de-DE');
    expect(german!.text).to.contain('Cloud Platform');
    expect(german!.text).to.contain('Hat Ihnen das geholfen?');
    const ja = german!.buttons.find((b) => b.title === 'Ja')!;
    const [thanks] = await say(dario, ja.data as Record<string, unknown>, 'de-DE');
    expect(thanks!.text).to.equal('Danke! Das hilft mir, besser zu werden.');

    const [menu] = await say(stranger, 'how do I reset my password');
    expect(menu!.text).to.contain('Sorry, I did not understand that.');

    const report = await runCli('kbReport', ['--format', 'json'], { DATA_DIR: fx.dataDir });
    expect(report.code, report.stderr).to.equal(0);
    const json = JSON.parse(report.stdout) as {
      entries: { id: string; asks: number; helpful: number; notHelpful: number }[];
      unanswered: { question: string; count: number }[];
    };
    expect(json.entries.find((e) => e.id === 'premier')).to.include({ asks: 1, helpful: 0, notHelpful: 1 });
    expect(json.entries.find((e) => e.id === 'cloud-competencies')).to.include({ asks: 1, helpful: 1, notHelpful: 0 });
    expect(json.unanswered.map((u) => u.question)).to.include('how do I reset my password');

    const text = await runCli('kbReport', [], { DATA_DIR: fx.dataDir });
    expect(text.stdout).to.contain('Most frequent unanswered questions');
  });
});
