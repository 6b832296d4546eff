import { expect } from 'chai';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { cardTexts } from '../../src/cards/cardText.js';
import { ana, dario, hal, stranger } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type TestBot } from '../support/testBot.js';

const HELPDESK = { conversationType: 'channel' as const, conversationId: '19:helpdesk@thread.tacv2' };

describe('dialogs/escalationDialog and caseDialog: a partner reaches a person (issue 4)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  const setChannel = async () => {
    const [reply] = await bot.afterHello(hal, 'set helpdesk channel', HELPDESK);
    expect(reply!.text).to.equal('This conversation now receives escalations from partners.');
  };
  const escalate = async (text = 'talk to a person', locale = 'en-US') => {
    await bot.afterHello(dario, 'how many incidents do we have left?', { locale });
    const [ask] = await bot.say(dario, text, { locale });
    return ask!;
  };

  it('before a helpdesk conversation is set, keeps the request as a case and says so (issue 14; more in escalationWaiting.test.ts)', async () => {
    const [ask] = await bot.afterHello(dario, 'talk to a person');
    expect(ask!.text).to.contain('In one line: what do you need help with?');
    const [saved] = await bot.say(dario, 'Our Access ID is refused in Azure');
    expect(saved!.text).to.match(/^I saved your request as case C-000001\. The helpdesk has not set up its conversation with me yet/);
    expect((await bot.stores.cases.get('C-000001'))!.value).to.deep.include({ origin: 'escalation', status: 'open', summary: 'Our Access ID is refused in Azure' });
    expect(bot.messenger.sent).to.deep.equal([]);
  });

  it('creates a case with the conversation context and posts its card into the helpdesk conversation', async () => {
    await setChannel();
    const ask = await escalate();
    expect(ask.text).to.contain('In one line: what do you need help with?');
    const [created] = await bot.say(dario, 'Azure says the Access ID is already associated and I am stuck');
    expect(created!.text).to.equal('I passed this to the helpdesk as case C-000001. You will hear from them in your personal chat with me.');
    expect(bot.messenger.sent).to.have.length(1);
    const post = bot.messenger.sent[0]!;
    expect(post.conversationId).to.equal(HELPDESK.conversationId);
    const texts = cardTexts(post.activity.attachments![0]!.content);
    expect(texts).to.include.members(['Case C-000001: open', 'Woodgrove Software (4711002)', 'Dario Entwickler', 'Azure says the Access ID is already associated and I am stuck', 'The incident balance', '“how many incidents do we have left?”', 'Assign to me', 'Resolve']);
    expect(texts, 'the bot\'s own last reply is no context (issue 14)').to.not.include('Incident balance of Woodgrove Software');
    const stored = (await bot.stores.cases.get('C-000001'))!.value;
    expect(stored).to.deep.include({ origin: 'escalation', status: 'open', partnerId: '4711002' });
    expect(stored.category, 'no flow was waiting').to.equal('escalation');
    expect(stored.card).to.deep.equal({ conversationId: HELPDESK.conversationId, activityId: post.id });
  });

  it('a request for a person that says what it is about is the description: no question back, in both languages', async () => {
    await setChannel();
    const [created] = await bot.afterHello(dario, 'i need an actual person. our exchange server is down and i need microsoft on the phone');
    expect(created!.text).to.equal('I passed this to the helpdesk as case C-000001. You will hear from them in your personal chat with me.');
    expect((await bot.stores.cases.get('C-000001'))!.value.summary).to.equal('i need an actual person. our exchange server is down and i need microsoft on the phone');
    const [erstellt] = await bot.afterHello(dario, 'Ich brauche einen echten Menschen, unser SharePoint Server startet seit heute früh nicht mehr', { locale: 'de-DE', conversationId: 'a:dario-de' });
    expect(erstellt!.text).to.match(/^Ich habe das als Fall C-000002 an den Helpdesk weitergegeben/);
    // A request that only asks for a person still asks what it is about.
    const [ask] = await bot.afterHello(dario, 'can i speak to someone from the helpdesk pls', { conversationId: 'a:dario-short' });
    expect(ask!.text).to.contain('In one line: what do you need help with?');
  });

  it('agents assign and resolve from the card; the partner hears about both; everything is audited', async () => {
    await setChannel();
    await escalate('ich brauche Hilfe von einem Menschen', 'de-DE');
    await bot.say(dario, 'Wir kommen mit dem Azure-Fehler nicht weiter', { locale: 'de-DE' });
    const [assigned] = await bot.say(hal, { value: { action: 'case.assign', caseId: 'C-000001' } }, HELPDESK);
    expect(assigned!.text).to.equal('Case C-000001 is assigned to you.');
    const [noNote] = await bot.say(hal, { value: { action: 'case.resolve', caseId: 'C-000001', note: ' ' } }, HELPDESK);
    expect(noNote!.text).to.equal('Please write a resolution note before pressing "Resolve".');
    const [resolved] = await bot.say(hal, { value: { action: 'case.resolve', caseId: 'C-000001', note: 'Scenario 2: bought Advanced Support' } }, HELPDESK);
    expect(resolved!.text).to.equal('Case C-000001 is resolved; the partner was told.');
    const notices = bot.messenger.sent.filter((m) => m.conversationId === `a:${dario.aadObjectId}`).map((m) => m.activity.text);
    expect(notices).to.deep.equal([
      'Ihr Fall C-000001 wurde von Hal Helpdesk aus dem Helpdesk übernommen.',
      'Ihr Fall C-000001 wurde von Hal Helpdesk gelöst: Scenario 2: bought Advanced Support',
    ]);
    const [again] = await bot.say(hal, { value: { action: 'case.assign', caseId: 'C-000001' } }, HELPDESK);
    expect(again!.text).to.equal('Case C-000001 is already resolved.');
    expect(bot.messenger.sent.filter((m) => m.conversationId === `a:${dario.aadObjectId}`), 'no extra notice').to.have.length(2);
    const actions = (await bot.stores.audit.list({ partnerId: '4711002' })).map((e) => e.action);
    expect(actions).to.deep.equal(['escalation', 'case.assigned', 'case.resolved']);
    const [audit] = await bot.say(hal, 'audit 4711002', HELPDESK);
    // In words, one row per entry (issue 14): not action ids.
    expect(audit!.cardTexts).to.include.members(['Dario Entwickler asked for a person: case C-000001 (partner 4711002)', 'Hal Helpdesk resolved case C-000001 (partner 4711002)']);
    expect(audit!.all).not.to.contain('case.resolved');
  });

  it('a second "Assign to me" neither re-assigns nor notifies the partner again', async () => {
    await setChannel();
    await escalate();
    await bot.say(dario, 'Please help with activation');
    await bot.say(hal, { value: { action: 'case.assign', caseId: 'C-000001' } }, HELPDESK);
    const [second] = await bot.say(hal, { value: { action: 'case.assign', caseId: 'C-000001' } }, HELPDESK);
    expect(second!.text).to.equal('Case C-000001 is assigned to you.');
    expect(bot.messenger.sent.filter((m) => m.conversationId === `a:${dario.aadObjectId}`)).to.have.length(1);
    expect((await bot.stores.cases.get('C-000001'))!.value.history.map((h) => h.event)).to.deep.equal(['created', 'assigned']);
  });

  it('someone the directory does not know is refused at once, without a "talk to a person" loop', async () => {
    await setChannel();
    const [reply] = await bot.afterHello(stranger, 'talk to a person');
    expect(reply!.all).to.contain('Your organization is not in my partner directory');
    expect(reply!.buttons.map((b) => b.title)).to.not.include('Talk to a person');
  });

  it('an escalation from inside a flow records which flow the user was stuck in', async () => {
    await setChannel();
    await bot.afterHello(dario, 'record an incident');
    await bot.say(dario, 'talk to a person');
    await bot.say(dario, 'I do not know the case number');
    expect((await bot.stores.cases.get('C-000001'))!.value.category).to.equal('recordIncident');
  });

  it('lists cases: "my cases" for the partner, "open cases" and "cases for ..." for agents', async () => {
    await setChannel();
    await escalate();
    await bot.say(dario, 'We need help with a CSP customer');
    // Lists are cards with a row per case (issue 14); test/dialogs/caseLists.test.ts has the rest.
    const [mine] = await bot.say(dario, 'my cases');
    expect(mine!.cardTexts).to.include.members(['C-000001 · open · Woodgrove Software', 'We need help with a CSP customer']);
    const [open] = await bot.say(hal, 'open cases', HELPDESK);
    expect(open!.cardTexts).to.include('C-000001 · open · Woodgrove Software');
    const [forPartner] = await bot.say(hal, 'cases for 4711002', HELPDESK);
    expect(forPartner!.cardTexts).to.include('C-000001 · open · Woodgrove Software');
    // By name too, typos tolerated, as the partner lookup finds it; a near name of another partner is not it.
    const [byName] = await bot.say(hal, 'cases for woodgrove sofware', HELPDESK);
    expect(byName!.cardTexts).to.include('C-000001 · open · Woodgrove Software');
    const [otherName] = await bot.say(hal, 'cases for Contoso', HELPDESK);
    expect(otherName!.cardTexts).to.include('No cases for "Contoso".');
    const [none] = await bot.say(hal, 'cases for 4711001', HELPDESK);
    expect(none!.cardTexts).to.include('No cases for "4711001".');
  });

  it('partner users cannot act as agents, not even with a forged card button', async () => {
    await setChannel();
    await escalate();
    await bot.say(dario, 'Please call me');
    await bot.say(ana, 'hi');
    for (const [input, expected] of [
      [{ value: { action: 'case.assign', caseId: 'C-000001' } }, 'for the helpdesk team only'],
      ['open cases', 'for the helpdesk team only'],
      ['audit 4711002', 'for the helpdesk team only'],
      ['set helpdesk channel', 'for the helpdesk team only'],
    ] as const) {
      const [reply] = await bot.say(ana, input);
      expect(reply!.all).to.contain(expected);
    }
    expect((await bot.stores.cases.get('C-000001'))!.value.status).to.equal('open');
  });
});
