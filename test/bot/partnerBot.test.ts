import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, dario } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type TestBot } from '../support/testBot.js';

describe('bot/partnerBot: welcome, help and the Teams details', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  const install = (locale = 'en-US'): Partial<Activity> => {
    const message = bot.message(ana, '', { locale });
    return { ...message, type: 'conversationUpdate', text: undefined, membersAdded: [message.recipient!, message.from!] };
  };

  it('welcomes once on install, with a button for each thing the bot can do', async () => {
    const [welcome] = await bot.send(install());
    expect(welcome!.cardTexts[0]).to.equal('Hi, I help you use your partner technical-support benefits');
    expect(welcome!.buttons.map((b) => b.title)).to.deep.equal([
      'What support do we get?',
      'Can I activate?',
      'Activate benefits',
      'Our Access ID and Contract ID',
      'Incidents left',
      'Azure: "already associated"',
      'Which support or plan?',
      'Talk to a person',
      'Help',
    ]);
    expect(await bot.send(install()), 'a second conversationUpdate').to.deep.equal([]);
    const [answer, ...rest] = await bot.say(ana, 'what is our access id?');
    expect(rest).to.deep.equal([]);
    expect(answer!.all).to.contain('has not activated');
  });

  it('keeps the conversation for later messages once, not on every turn, and without the id of one message', async () => {
    await bot.say(ana, 'hi');
    const table = bot.stores.runtime.backend.table<{ reference: Record<string, unknown> }>('conversations');
    const first = await table.get(`c:a:${ana.aadObjectId}`, 'ref');
    await bot.say(ana, 'what support do we get?');
    const second = await table.get(`c:a:${ana.aadObjectId}`, 'ref');
    expect(first!.value.reference).to.not.have.property('activityId');
    expect(second!.etag).to.equal(first!.etag);
  });

  it('welcomes in German for a German client', async () => {
    const [welcome] = await bot.send(install('de-DE'));
    expect(welcome!.buttons.map((b) => b.title)).to.include('Zugriffs-ID und Vertrags-ID');
  });

  it('first contact without an install event: the welcome card, then the answer', async () => {
    const replies = await bot.say(dario, 'contract id?');
    expect(replies.map((r) => r.cardTexts[0])).to.deep.equal([
      'Hi, I help you use your partner technical-support benefits',
      'Access ID and Contract ID of Woodgrove Software',
    ]);
  });

  it('unrecognized text gets a short answer with the menu, never silence', async () => {
    await bot.say(ana, 'hi');
    for (const [text, locale, expected] of [
      ["what's the weather in Berlin?", 'en-US', 'Sorry, I did not understand that. Here is what I can help with:'],
      ['asdfgh', 'de-DE', 'Das habe ich leider nicht verstanden. Dabei kann ich helfen:'],
      ['', 'en-US', 'Sorry, I did not understand that. Here is what I can help with:'],
    ] as const) {
      const [reply] = await bot.say(ana, text, { locale });
      expect(reply!.cardTexts[0]).to.equal(expected);
      expect(reply!.buttons).to.have.length(9);
    }
  });

  it('"help", "hilfe" and the Help button show what the bot can do', async () => {
    await bot.say(ana, 'hi');
    expect((await bot.say(ana, 'help'))[0]!.cardTexts[0]).to.equal('What I can do');
    expect((await bot.say(ana, 'hilfe', { locale: 'de-DE' }))[0]!.cardTexts[0]).to.equal('Was ich kann');
    expect((await bot.say(ana, { value: { action: 'help' } }))[0]!.cardTexts[0]).to.equal('What I can do');
  });

  it('"cancel" with nothing running says so', async () => {
    await bot.say(ana, 'hi');
    expect((await bot.say(ana, 'abbrechen', { locale: 'de-DE' }))[0]!.text).to.equal('Gerade läuft nichts, was ich abbrechen könnte.');
  });

  it('understands a message in a channel that starts with an @mention of the bot', async () => {
    const options = { conversationType: 'channel' as const, conversationId: '19:general@thread.tacv2' };
    await bot.say(ana, 'hi', options);
    const message = bot.message(ana, '<at>Partner Support</at> was bekommen wir?', { ...options, locale: 'de-DE' });
    message.entities = [{ type: 'mention', mentioned: message.recipient, text: '<at>Partner Support</at>' }];
    const [reply] = await bot.send(message);
    expect(reply!.cardTexts[0]).to.equal('Technische Support-Vorteile nach Mitgliedschaft');
  });

  it('a card button from an unknown or forged verb is treated as unrecognized, not executed', async () => {
    await bot.say(ana, 'hi');
    const [reply] = await bot.say(ana, { value: { action: 'deleteEverything' } });
    expect(reply!.cardTexts[0]).to.equal('Sorry, I did not understand that. Here is what I can help with:');
  });
});

describe('bot/partnerBot: the longest messages Teams sends (28,000 characters)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  const background = 'Some background about our project and what we tried so far. ';

  it('answers the question at the end of a long message, not a portal error quoted in the middle of its context', async () => {
    // Read whole, the quoted error would win: a pasted portal error comes before the balance.
    const text =
      `We are Woodgrove. ${background.repeat(230)}Last year the portal said: "This Access ID is already associated with an account." ` +
      `${background.repeat(230)}How many incidents do we have left?`;
    expect(text.length).to.be.greaterThan(27_000);
    const [card, ...rest] = await bot.afterHello(dario, text);
    expect(card!.cardTexts[0]).to.equal('Incident balance of Woodgrove Software');
    expect(rest).to.deep.equal([]);
  });

  it('reads only the start and end of 28,000 letters: a question hidden in the middle is not answered, the next message is', async () => {
    const [word] = await bot.afterHello(dario, 'x'.repeat(28_000));
    expect(word!.cardTexts[0]).to.equal('Sorry, I did not understand that. Here is what I can help with:');
    const [hidden] = await bot.say(dario, `${'x'.repeat(14_000)} how many incidents do we have left? ${'x'.repeat(14_000)}`);
    expect(hidden!.cardTexts[0]).to.equal('Sorry, I did not understand that. Here is what I can help with:');
    const [card] = await bot.say(dario, 'how many incidents do we have left?');
    expect(card!.cardTexts[0]).to.equal('Incident balance of Woodgrove Software');
  });
});
