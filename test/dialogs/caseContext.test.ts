/**
 * Issue 14: the case card tells the agent what the partner asked before they asked for a person
 * (their last three questions in this conversation, neutralised, cut at a word) and where they
 * were, instead of the bot's previous message cut mid-word.
 */
import { expect } from 'chai';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { dario, ema, hal } from '../support/demoPeople.js';
import { factsOf } from '../support/cardLayout.js';
import { createTestBot, TEST_TODAY, type TestBot } from '../support/testBot.js';

const HELPDESK = { conversationType: 'channel' as const, conversationId: '19:helpdesk@thread.tacv2' };

describe('dialogs/escalationDialog: the case card carries the partner\'s recent questions and flow (issue 14)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  /** The facts of the newest case card posted into the helpdesk conversation. */
  const caseFacts = () => factsOf(bot.messenger.sent.filter((m) => m.activity.attachments?.length).at(-1)!.activity.attachments![0]!.content);
  const contextFacts = () => caseFacts().filter((f) => ['Where they were', 'Recent questions', 'Wobei sie waren', 'Letzte Fragen', ''].includes(f.title));

  async function setChannel(locale = 'en-US') {
    await bot.afterHello(hal, 'set helpdesk channel', { ...HELPDESK, locale });
  }

  it('shows the last three questions, oldest first, and what they were about; not the bot\'s reply, not the escalation itself', async () => {
    await setChannel();
    await bot.say(dario, 'how many incidents do we have left?');
    await bot.say(dario, 'what is our access id?');
    await bot.say(dario, 'do unused incidents roll over?');
    await bot.say(dario, 'Is Premier Support cloud only?');
    await bot.say(dario, 'talk to a person');
    await bot.say(dario, 'I still do not know which plan to buy');
    expect(contextFacts()).to.deep.equal([
      { title: 'Where they were', value: 'A question about the benefit rules' },
      { title: 'Recent questions', value: '“what is our access id?”' },
      { title: '', value: '“do unused incidents roll over?”' },
      { title: '', value: '“Is Premier Support cloud only?”' },
    ]);
    const all = caseFacts().map((f) => f.value).join('\n');
    expect(all).to.not.contain('Last topic');
    expect(caseFacts().find((f) => f.title === 'Problem')!.value).to.equal('I still do not know which plan to buy');

    // The next escalation does not count the first one's summary (or "talk to a person") as a question.
    await bot.say(dario, 'talk to a person');
    await bot.say(dario, 'And a second problem');
    expect(contextFacts().filter((f) => f.value.includes('plan to buy') || f.value.includes('talk to a person'))).to.deep.equal([]);
  });

  it('names the flow a request for a person interrupted', async () => {
    await setChannel();
    await bot.say(dario, 'record an incident');
    await bot.say(dario, 'talk to a person');
    await bot.say(dario, 'I do not know the case number');
    expect(contextFacts()[0]).to.deep.equal({ title: 'Where they were', value: 'Recording a used incident' });
    expect(contextFacts()[1]).to.deep.equal({ title: 'Recent questions', value: '“record an incident”' });
  });

  it('straight to a person: says so, and lists no questions', async () => {
    await setChannel();
    await bot.afterHello(ema, 'talk to a person');
    await bot.say(ema, 'Please call me back');
    expect(contextFacts()).to.deep.equal([{ title: 'Where they were', value: 'Asked for a person directly' }]);
  });

  it('a long question is cut at words, and links in it are defused', async () => {
    await setChannel();
    const long =
      'We are a Gold partner in Cloud Platform and our admin tried to link the support benefit in the Azure portal yesterday afternoon, ' +
      'following the steps from https://evil.example/steps and the partner center documentation, but every time the portal answered with an error ' +
      'that we could not understand at all, and now our customer is waiting for a fix of their production subscription which is really urgent for them, ' +
      'so what should we do about the Access ID being refused?';
    await bot.say(dario, long);
    await bot.say(dario, 'talk to a person');
    await bot.say(dario, 'See my question above');
    const shown = contextFacts().find((f) => f.title === 'Recent questions')!.value;
    expect(shown.length).to.be.at.most(210);
    expect(shown).to.match(/^“We are a Gold partner/).and.match(/the Access ID being refused\?”$/).and.contain(' … ');
    const words = new Set(long.split(/\s+/));
    for (const word of shown.replace(/^“|”$/g, '').split(/\s+/).filter((w) => w !== '…')) expect(words, `"${word}" is a whole word of the question`).to.include(word);
    expect(JSON.stringify(caseFacts())).to.not.contain('https://evil.example');
  });

  it('in German for a German helpdesk', async () => {
    await setChannel('de-DE');
    await bot.afterHello(dario, 'wie viele Incidents haben wir noch?', { locale: 'de-DE' });
    await bot.say(dario, 'ich brauche Hilfe von einem Menschen', { locale: 'de-DE' });
    await bot.say(dario, 'Die Zahl stimmt nicht', { locale: 'de-DE' });
    expect(contextFacts()).to.deep.equal([
      { title: 'Wobei sie waren', value: 'Das Incident-Kontingent' },
      { title: 'Letzte Fragen', value: '„wie viele Incidents haben wir noch?“' },
    ]);
  });
});
