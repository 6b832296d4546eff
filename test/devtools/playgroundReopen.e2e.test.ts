/**
 * What Microsoft 365 Agents Playground (the chat window of `npm start`) sends when its page is
 * opened again, over real HTTP to the server as `npm start` runs it: an installationUpdate "add"
 * and a conversationUpdate adding the bot to the same personal chat (its id comes from the mock
 * file, so it never changes). The page shows nothing from before, so the bot welcomes again; in
 * between, a conversationUpdate alone (a member change) does not.
 */
import { expect } from 'chai';
import { cardTexts } from '../../src/cards/cardText.js';
import { BOT, teamsInstall, teamsMessage } from '../../src/devtools/teamsActivities.js';
import { ana } from '../support/demoPeople.js';
import { demoBotFixture } from '../support/processes.js';

const WELCOME = 'Hi, I help you use your partner technical-support benefits';

describe('e2e: reopening the chat window shows the welcome again', function () {
  this.timeout(60_000);
  const fixture = demoBotFixture('psb-reopen-');

  async function post(activity: Record<string, unknown>): Promise<string> {
    const conversationId = (activity.conversation as { id: string }).id;
    const before = fixture.connector.callsFor(conversationId).length;
    const res = await fetch(`${fixture.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await res.text();
    expect(res.status).to.be.oneOf([200, 201]);
    return fixture.connector
      .callsFor(conversationId)
      .slice(before)
      .map(({ activity: a }) => [a.text ?? '', ...(a.attachments?.[0]?.content ? cardTexts(a.attachments[0].content) : [])].join('\n'))
      .join('\n');
  }
  const options = () => ({ user: ana, serviceUrl: fixture.connector.url });
  /** The two activities the playground sends on every page load, as captured from it (version 0.2.28). */
  async function openPage(): Promise<string> {
    const message = teamsMessage({ ...options(), text: 'x' });
    const installed = await post({ ...message, type: 'installationUpdate', action: 'add', text: undefined });
    const added = await post({ ...teamsInstall(options()), locale: undefined, membersAdded: [message.from, BOT] });
    return installed + added;
  }

  it('the first opening welcomes; a reopened page welcomes again, once; a member change alone does not', async () => {
    expect(await openPage()).to.contain(WELCOME);
    expect(await post(teamsMessage({ ...options(), text: 'what support do we get?' }))).to.contain('What Contoso Cloud Services gets today');
    // Reopened: the page is empty again.
    const reopened = await openPage();
    expect(reopened.split(WELCOME)).to.have.length(2); // exactly one welcome
    // A conversationUpdate without an installation (someone added to the chat) does not welcome again.
    expect(await post({ ...teamsInstall(options()), locale: undefined })).to.not.contain(WELCOME);
    // Nor does the next message.
    expect(await post(teamsMessage({ ...options(), text: 'what support do we get?' }))).to.not.contain(WELCOME);
  });
});
