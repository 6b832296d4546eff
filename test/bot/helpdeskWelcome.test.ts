/**
 * Issue 14: the helpdesk conversation never gets the partner welcome card, a Teams channel's
 * threads share their channel's welcome, and helpdesk agents are welcomed as the helpdesk. The
 * activities are shaped as Teams sends them (devtools/teamsActivities.ts): a channel post's
 * conversation id is the channel's id with ";messageid=<the thread's first post>", and its text
 * starts with the bot's @mention.
 */
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { t } from '../../src/i18n/index.js';
import { BOT, teamsInstall, teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { ana, ben, hal } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type Reply, type TestBot } from '../support/testBot.js';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const PARTNER_WELCOME = t('en', 'welcome.title');
const PARTNER_WELCOME_DE = t('de', 'welcome.title');
const AGENT_WELCOME = t('en', 'hd.menu.welcome', { name: 'Hal' });
const HELPDESK_CHANNEL = '19:5f1e0b7c2a9d4e8f@thread.tacv2';

/** A post in a thread of `channel` that @mentions the bot, as Teams delivers it. */
function channelPost(user: TeamsUser, channel: string, thread: number, text: string, locale = 'en-US'): Partial<Activity> {
  const mention = `<at>${BOT.name}</at>`;
  const message = teamsMessage({ user, serviceUrl: SERVICE_URL, text: `${mention} ${text}`, locale, conversationType: 'channel', conversationId: `${channel};messageid=${thread}` });
  return {
    ...message,
    entities: [{ type: 'mention', mentioned: BOT, text: mention }],
    channelData: { tenant: { id: user.tenantId }, teamsChannelId: channel, teamsTeamId: channel, channel: { id: channel }, team: { id: channel } },
  } as Partial<Activity>;
}

const cardTitles = (replies: Reply[]) => replies.flatMap((r) => (r.activity.attachments?.length ? [r.cardTexts[0]] : []));
const texts = (replies: Reply[]) => replies.flatMap((r) => (r.text ? [r.text] : []));

describe('bot/partnerBot: the helpdesk conversation and channel threads (issue 14)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  it('"set helpdesk channel" in a channel thread: the helpdesk welcome, no partner card; later threads get no welcome at all', async () => {
    const set = await bot.send(channelPost(hal, HELPDESK_CHANNEL, 1700000000001, 'set helpdesk channel'));
    expect(cardTitles(set), 'no partner welcome card under "set helpdesk channel"').to.not.include(PARTNER_WELCOME);
    expect(cardTitles(set)[0]).to.equal(AGENT_WELCOME);
    expect(set[0]!.buttons.map((b) => b.title), 'the helpdesk welcome, with its buttons').to.include.members(['Triage']);
    expect(texts(set)).to.include('This conversation now receives escalations from partners.');

    // A case thread, a new post in the channel: the same conversation for the welcome.
    const later = await bot.send(channelPost(hal, HELPDESK_CHANNEL, 1700000000002, 'open cases'));
    expect(cardTitles(later)).to.not.include(PARTNER_WELCOME);
    expect(cardTitles(later)).to.not.include(AGENT_WELCOME);
  });

  it('in the helpdesk channel nobody gets the partner welcome: not on install, not in a thread', async () => {
    await bot.send(channelPost(hal, HELPDESK_CHANNEL, 1700000000001, 'set helpdesk channel'));
    // A colleague without the agent role, in a thread of the helpdesk channel.
    const colleague: TeamsUser = { aadObjectId: '0a0a0a0a-0000-4000-8000-0000000000c1', tenantId: hal.tenantId, name: 'Colin Colleague' };
    const asked = await bot.send(channelPost(colleague, HELPDESK_CHANNEL, 1700000000003, 'what support do partners get?'));
    expect(cardTitles(asked)).to.not.include(PARTNER_WELCOME);
    // The bot added to the helpdesk team again: the channel's own conversation update.
    const installed = await bot.send(teamsInstall({ user: colleague, serviceUrl: SERVICE_URL, conversationType: 'channel', conversationId: HELPDESK_CHANNEL }) as Partial<Activity>);
    expect(cardTitles(installed)).to.deep.equal([]);
  });

  it('in a partner team\'s channel the first thread gets the partner welcome and the next thread none', async () => {
    const channel = '19:0c0ffee0c0ffee@thread.tacv2';
    const first = await bot.send(channelPost(ana, channel, 1700000000010, 'what support do we get?'));
    expect(cardTitles(first)[0]).to.equal(PARTNER_WELCOME);
    const second = await bot.send(channelPost(ben, channel, 1700000000011, 'what support do we get?'));
    expect(cardTitles(second)).to.not.include(PARTNER_WELCOME);
    expect(cardTitles(second).length, 'still answered').to.be.at.least(1);
  });

  it('an agent in a personal chat gets the helpdesk welcome, in English and German, and a partner the partner card', async () => {
    const agent = await bot.send(teamsMessage({ user: hal, serviceUrl: SERVICE_URL, text: 'hi' }) as Partial<Activity>);
    expect(cardTitles(agent)).to.deep.equal([AGENT_WELCOME]);

    const agentDe = await bot.send(teamsMessage({ user: hal, serviceUrl: SERVICE_URL, text: 'hallo', locale: 'de-DE', conversationId: 'a:hal-second-chat' }) as Partial<Activity>);
    expect(cardTitles(agentDe)).to.deep.equal([t('de', 'hd.menu.welcome', { name: 'Hal' })]);
    expect(cardTitles(agentDe)).to.not.include(PARTNER_WELCOME_DE);

    const partner = await bot.send(teamsMessage({ user: ana, serviceUrl: SERVICE_URL, text: 'hi' }) as Partial<Activity>);
    expect(cardTitles(partner)[0]).to.equal(PARTNER_WELCOME);
  });
});
