/**
 * End to end over real HTTP (the server as `npm start` runs it, replies on a recording connector):
 * the chat window sends every message as en-US, so German text under an English locale is answered
 * in German, the conversation stays German for a short "ja" and a card press, also after a restart,
 * and an explicit locale still decides when the text says nothing.
 */
import { expect } from 'chai';
import { cardTexts } from '../../src/cards/cardText.js';
import { teamsInstall, teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { ana, ben, dario } from '../support/demoPeople.js';
import { demoBotFixture, startBot } from '../support/processes.js';

describe('e2e: the language of the answer (German text under en-US)', function () {
  this.timeout(60_000);
  const fixture = demoBotFixture('psb-lang-');

  async function post(activity: Record<string, unknown>): Promise<string> {
    const conversationId = (activity.conversation as { id: string }).id;
    const before = fixture.connector.callsFor(conversationId).length;
    const res = await fetch(`${fixture.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await res.text();
    expect(res.status).to.equal(200);
    return fixture.connector
      .callsFor(conversationId)
      .slice(before)
      .map(({ activity: a }) => [a.text ?? '', ...(a.attachments?.[0]?.content ? cardTexts(a.attachments[0].content) : [])].join('\n'))
      .join('\n');
  }
  const install = (user: TeamsUser, locale = 'en-US') => post(teamsInstall({ user, serviceUrl: fixture.connector.url, locale }));
  const say = (user: TeamsUser, text: string, locale = 'en-US') => post(teamsMessage({ user, serviceUrl: fixture.connector.url, locale, text }));

  it('an en-US message in German is answered in German, and the next short "ja" stays German', async () => {
    expect(await install(ana)).to.contain('Hi, I help you use your partner technical-support benefits');
    const tiers = await say(ana, 'was bekommen wir?');
    expect(tiers).to.contain('Das bekommt Contoso Cloud Services heute');
    const ja = await say(ana, 'ja');
    expect(ja).to.not.equal('');
    expect(ja).to.match(/Das habe ich leider nicht verstanden|Dabei kann ich helfen|Hilfe/);
    expect(ja).to.not.match(/Sorry|I did not understand/);
  });

  it('the conversation stays German after a restart of the bot, until the user writes clearly English', async () => {
    await fixture.bot.stop();
    fixture.bot = await startBot('start', { DATA_DIR: fixture.dataDir });
    expect(await say(ana, 'ok')).to.not.match(/Sorry|I did not understand/);
    const english = await say(ana, 'what support do we get?');
    expect(english).to.contain('What Contoso Cloud Services gets today');
    expect(await say(ana, 'ok')).to.not.match(/Das habe ich leider nicht verstanden/);
  });

  it('an explicit locale decides when the text is ambiguous: de-DE gets German, en-US English', async () => {
    await install(ben, 'de-DE');
    expect(await say(ben, 'ok', 'de-DE')).to.match(/Das habe ich leider nicht verstanden|Dabei kann ich helfen/);
    await install(dario);
    const en = await say(dario, 'ok');
    expect(en).to.not.match(/Das habe ich leider nicht verstanden/);
    expect(en).to.match(/help|Sorry/i);
  });
});
