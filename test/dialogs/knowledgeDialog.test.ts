/**
 * The knowledge base in the conversation (issue 6): answer cards with their source and follow-ups,
 * "Did this help?" stored per entry, "Did you mean ...?" when unsure, the own organization's
 * numbers where they help, and answers in the middle of another flow. Fact ids cite FACTS.md.
 */
import { expect } from 'chai';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, dario, hal, stranger } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type TestBot } from '../support/testBot.js';

describe('dialogs/knowledgeDialog: answers about the rules (issue 6)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  const events = () => bot.stores.knowledge.list();

  it('F13: answers a rule question with the answer, its source, follow-ups and "Did this help?"', async () => {
    const [card] = await bot.afterHello(stranger, 'Do I need the Access ID every time I open a case?');
    expect(card!.cardTexts[0]).to.equal('Do I need the IDs for every case?');
    expect(card!.all).to.contain('No, only the first time.');
    expect(card!.all).to.contain('Source: partner benefits page, section "View and activate your technical support benefits"');
    const titles = card!.buttons.map((b) => b.title);
    expect(titles[0]).to.equal('Our Access ID and Contract ID'); // the flow that acts on it
    expect(titles.slice(-2)).to.deep.equal(['Yes', 'No']);
    expect(card!.all).to.contain('Did this help?');
    expect((await events()).map((e) => [e.type, 'entryId' in e ? e.entryId : ''])).to.deep.equal([['asked', 'ids-needed-once']]);
  });

  it('F13, F14: a message that asks two things answers one and offers the other under "You also asked", in both languages', async () => {
    const [card] = await bot.afterHello(stranger, 'Do I need the Access ID for every case, and which accounts can use on-premises support?');
    expect(card!.cardTexts[0]).to.equal('Do I need the IDs for every case?');
    expect(card!.cardTexts).to.include('You also asked:');
    expect(card!.all).to.contain('› Which accounts can use on-premises support?');
    const [pressed] = await bot.press(stranger, 'Which accounts can use on-premises support?');
    expect(pressed!.cardTexts[0]).to.equal('Which accounts can use on-premises support?');
    const [de] = await bot.afterHello(stranger, 'Brauche ich die IDs für jeden Fall, und welche Konten können den lokalen Support nutzen?', { locale: 'de-DE', conversationId: 'a:stranger-de' });
    expect(de!.cardTexts).to.include('Sie haben auch gefragt:');
    expect(de!.all).to.contain('› Brauche ich die IDs bei jedem Fall?');
  });

  it('F9: what was also asked and is already a follow-up of the answer is offered once', async () => {
    const [card] = await bot.afterHello(stranger, 'Which Partner Center roles let you open the technical benefits page, and which one do I need to press Activate?');
    expect(card!.cardTexts[0]).to.equal('Which roles can view the Technical benefits page?');
    expect(card!.all.split('› Who may activate the benefits?')).to.have.length(2);
    expect(card!.cardTexts).not.to.include('You also asked:');
  });

  it('F13 in German, with "Zugriffs ID" and no umlauts', async () => {
    const [card] = await bot.afterHello(stranger, 'Brauche ich die Zugriffs ID jedes Mal?', { locale: 'de-DE' });
    expect(card!.cardTexts[0]).to.equal('Brauche ich die IDs bei jedem Fall?');
    expect(card!.all).to.contain('Nein, nur beim ersten Mal.');
    expect(card!.all).to.contain('Quelle: Seite zu den Partnervorteilen, Abschnitt');
    expect(card!.all, 'fact ids are for the code, not for people').not.to.match(/\bF\d+\b/);
    expect(card!.buttons.map((b) => b.title)).to.include.members(['Ja', 'Nein']);
  });

  it('F3, F4: an answer about what a level gets adds the own organization\'s numbers', async () => {
    const [card] = await bot.afterHello(ana, 'how many incidents does gold get');
    expect(card!.all).to.contain('A Gold competency gives you 20 incidents of Microsoft Product Support');
    expect(card!.all).to.contain('For Contoso Cloud Services:');
    expect(card!.all).to.contain('Signature Cloud Support (cloud): unlimited incidents because of Gold in Cloud Platform');
    // A stranger gets the rule without numbers that are not theirs.
    const [other] = await bot.afterHello(stranger, 'how many incidents does gold get');
    expect(other!.all).to.not.contain('Contoso');
  });

  it('"Yes" is stored and thanked; "No" is stored and offers tips, the closest other entries and a person', async () => {
    await bot.afterHello(stranger, 'Is Premier Support cloud only?');
    const [thanks] = await bot.press(stranger, 'Yes');
    expect(thanks!.text).to.equal('Thank you! That helps me get better.');
    await bot.say(stranger, 'Is Premier Support cloud only?');
    const [notHelped] = await bot.press(stranger, 'No');
    expect(notHelped!.cardTexts[0]).to.equal('Sorry that did not help');
    expect(notHelped!.all).to.contain('name the portal');
    const titles = notHelped!.buttons.map((b) => b.title);
    expect(titles.at(-1)).to.equal('Talk to a person');
    expect(titles.length).to.be.within(2, 4);
    expect(titles).to.not.include('Premier Support for Partners: what is it?');
    // Pressing "No" on the same card again counts nothing more.
    const [again] = await bot.press(stranger, 'No');
    expect(again!.text).to.equal('You already told me about this answer. Thank you!');
    const feedback = (await events()).filter((e) => e.type === 'feedback');
    expect(feedback.map((e) => e.type === 'feedback' && [e.entryId, e.helpful])).to.deep.equal([
      ['premier', true],
      ['premier', false],
    ]);
  });

  it('a follow-up button shows the other entry; a flow follow-up starts the flow (F9)', async () => {
    await bot.afterHello(ben(), 'Who may activate the benefits?');
    const [view] = await bot.press(ben(), 'Which roles can view the Technical benefits page?');
    expect(view!.all).to.contain('Admin agent');
    await bot.say(ben(), 'Who may activate the benefits?');
    const [check] = await bot.press(ben(), 'Can I activate?');
    expect(check!.all).to.contain('Only a Global admin or an MPN partner admin can activate the benefits.');
    const asked = (await events()).filter((e) => e.type === 'asked');
    expect(asked.map((e) => e.type === 'asked' && [e.entryId, e.via])).to.deep.equal([
      ['who-may-activate', 'text'],
      ['who-may-view', 'followUp'],
      ['who-may-activate', 'text'],
    ]);
  });

  it('unsure: "Did you mean ...?" with the closest entries as buttons, never an answer stated as fact', async () => {
    const [card] = await bot.afterHello(stranger, 'tell me about the portal');
    expect(card!.cardTexts[0]).to.equal('Did you mean ...?');
    const titles = card!.buttons.map((b) => b.title);
    expect(titles.at(-1)).to.equal('None of these');
    expect(titles.length).to.be.within(3, 4);
    const [answer] = await bot.press(stranger, titles[0]!);
    expect(answer!.all).to.contain('Did this help?');
    const [unanswered] = (await events()).filter((e) => e.type === 'unanswered');
    expect(unanswered).to.deep.include({ question: 'tell me about the portal', lang: 'en' });
  });

  it('"None of these" says honestly that the bot does not know and offers a person; the next question is answered, not filed as a case', async () => {
    await bot.afterHello(hal, 'set helpdesk channel', { conversationType: 'channel', conversationId: '19:helpdesk@thread.tacv2' });
    await bot.afterHello(dario, 'tell me about the portal');
    const [none] = await bot.press(dario, 'None of these');
    expect(none!.cardTexts).to.deep.equal([
      'Then I do not know that',
      'I have no answer to your question in what I know about the partner benefits, and I would rather not guess. Ask again in other words, or let the helpdesk find out: press "Talk to a person", and I will ask you for one line to pass on.',
      'Talk to a person',
    ]);
    expect(none!.all).to.not.contain('In one line');
    // The next message is a question of its own: answered as one, and nothing reaches the helpdesk.
    const [answer] = await bot.say(dario, 'Is Premier Support cloud only?');
    expect(answer!.cardTexts[0]).to.equal('Premier Support for Partners: what is it?');
    expect(answer!.all).to.not.contain('I passed this to the helpdesk');
    expect(await bot.stores.cases.get('C-000001')).to.equal(undefined);
    expect(bot.messenger.sent).to.deep.equal([]);
    // Only "Talk to a person" starts the escalation, which asks for the one line to pass on.
    const [ask] = await bot.press(dario, 'Talk to a person');
    expect(ask!.text).to.contain('In one line: what do you need help with?');
    const [created] = await bot.say(dario, 'Which portal shows our Azure cases?');
    expect(created!.text).to.contain('I passed this to the helpdesk as case C-000001');
  });

  it('"Keine davon" in German: the same honest answer, and the next question is answered', async () => {
    await bot.afterHello(hal, 'set helpdesk channel', { conversationType: 'channel', conversationId: '19:helpdesk@thread.tacv2' });
    const [card] = await bot.afterHello(dario, 'Vertrag Konto Zugriff?', { locale: 'de-DE' });
    expect(card!.cardTexts[0]).to.equal('Meinten Sie …?');
    const [none] = await bot.press(dario, 'Keine davon', { locale: 'de-DE' });
    expect(none!.cardTexts[0]).to.equal('Dann weiß ich das nicht');
    expect(none!.all).to.contain('raten möchte ich nicht');
    expect(none!.buttons.map((b) => b.title)).to.deep.equal(['Mit einem Menschen sprechen']);
    const [answer] = await bot.say(dario, 'Ist Premier Support nur für die Cloud?', { locale: 'de-DE' });
    expect(answer!.cardTexts[0]).to.equal('Was ist Premier Support for Partners?');
    expect(await bot.stores.cases.get('C-000001')).to.equal(undefined);
  });

  it('a question typed as the one-line description for a person goes to the person, not the knowledge base', async () => {
    await bot.afterHello(hal, 'set helpdesk channel', { conversationType: 'channel', conversationId: '19:helpdesk@thread.tacv2' });
    await bot.afterHello(dario, 'talk to a person');
    const [done] = await bot.say(dario, 'Is Premier Support cloud only?');
    expect(done!.all).to.contain('I passed this to the helpdesk as case C-');
  });

  it('off-topic: the menu, no fact, and the question kept for the report', async () => {
    const [menu] = await bot.afterHello(stranger, "what's the weather in Berlin");
    expect(menu!.all).to.contain('Sorry, I did not understand that.');
    expect(menu!.all).to.not.contain('Source:');
    const [unanswered] = (await events()).filter((e) => e.type === 'unanswered');
    expect(unanswered).to.deep.include({ question: "what's the weather in Berlin", suggested: [] });
  });

  it('how long activation takes or whom to call is nowhere on the page: "I do not know that", not "already active" or the tier table', async () => {
    const [howLong] = await bot.afterHello(ana, 'how long does activation take?');
    expect(howLong!.cardTexts[0]).to.equal('I do not know that: the partner benefits page does not say. Someone from the helpdesk can find out ("Talk to a person"). Here is what I can help with:');
    expect(howLong!.all).to.not.contain('already active');
    const [wieLange] = await bot.afterHello(ana, 'Wie lange dauert die Aktivierung?', { locale: 'de-DE' });
    expect(wieLange!.cardTexts[0]).to.match(/^Das weiß ich nicht/);
    const [phone] = await bot.afterHello(dario, 'is there a phone number for partner support?');
    expect(phone!.cardTexts[0]).to.match(/^I do not know that/);
    expect(phone!.all).to.not.contain('Technical support benefits by membership');
    const unanswered = (await events()).filter((e) => e.type === 'unanswered').map((e) => ('question' in e ? e.question : ''));
    expect(unanswered).to.include.members(['how long does activation take?', 'Wie lange dauert die Aktivierung?']);
  });

  it('a close call is answered first, with the runner-up offered under the answer (F9)', async () => {
    const [card] = await bot.afterHello(stranger, 'welche rolle brauche ich eigentlich zum aktivieren der vorteile', { locale: 'de-DE' });
    expect(card!.cardTexts[0]).to.equal('Wer darf die Vorteile aktivieren?');
    expect(card!.cardTexts).to.include('Oder meinten Sie:');
    const offered = card!.buttons.filter((b) => (b.data as { via?: string } | undefined)?.via === 'choice').map((b) => b.title);
    expect(offered).to.have.length.within(1, 2);
    expect(offered).not.to.include('Wer darf die Vorteile aktivieren?');
    // One click on it answers that question instead.
    const [other] = await bot.press(stranger, offered[0]!, { locale: 'de-DE' });
    expect(other!.cardTexts[0]).to.equal(offered[0]);
  });

  it('offers each other question once: a close runner-up that is already a follow-up button is not repeated', async () => {
    const [card] = await bot.afterHello(stranger, 'cloud competencies?');
    expect(card!.cardTexts[0]).to.equal('Which competencies count as cloud competencies?');
    const titles = card!.buttons.map((b) => b.title);
    expect(titles).to.deep.equal([...new Set(titles)]);
  });

  it('a question about the benefits that nothing answers gets an honest "I do not know", in both languages; off-topic text gets "did not understand"', async () => {
    const [en] = await bot.afterHello(stranger, 'do unused incidents roll over?');
    expect(en!.cardTexts[0]).to.match(/^I do not know that: the partner benefits page does not say/);
    expect(en!.buttons.map((x) => x.title)).to.include('Talk to a person');
    const [de] = await bot.say(stranger, 'Verfallen nicht genutzte Incidents?', { locale: 'de-DE' });
    expect(de!.cardTexts[0]).to.match(/^Das weiß ich nicht: Die Seite zu den Partnervorteilen sagt dazu nichts/);
    const [offTopic] = await bot.say(stranger, "what's the weather in Berlin");
    expect(offTopic!.cardTexts[0]).to.equal('Sorry, I did not understand that. Here is what I can help with:');
  });

  it('a question the knowledge base cannot place offers "did you mean", with the likely entry first', async () => {
    const [card] = await bot.afterHello(stranger, 'Vertrag Konto Zugriff?', { locale: 'de-DE' });
    expect(card!.cardTexts[0]).to.equal('Meinten Sie …?');
    expect(card!.buttons.at(-1)!.title).to.equal('Keine davon');
  });

  it('F15: "where do I open a case for SharePoint Server?" gets the on-premises route, with the own contract', async () => {
    const [card] = await bot.afterHello(dario, 'Where do I open a case for SharePoint Server?');
    expect(card!.cardTexts[0]).to.equal('On-premises products: Support for Business');
    expect(card!.all).not.to.contain("For cloud products such as Azure you open the case in the product's portal");
  });

  it('F15, F22, F19: "where do I open a case?" names every route and offers the guided flow', async () => {
    for (const question of ['where do I open a support request?', 'Where do I create a case?']) {
      const [card] = await bot.afterHello(dario, question);
      expect(card!.all).to.contain('Support for Business');
      expect(card!.all).to.contain("For cloud products such as Azure you open the case in the product's portal");
      expect(card!.all).to.contain('Partner Center');
      expect(card!.buttons[0]!.title).to.equal('Which support or plan?');
    }
  });

  it('a question at a waiting confirmation is answered, never taken as "yes" (F25)', async () => {
    const [confirm] = await bot.afterHello(ana, 'activate our benefits');
    expect(confirm!.buttons.map((b) => b.title)).to.deep.equal(['Activate', 'Not now']);
    const [answer] = await bot.say(ana, 'Do we need to activate before use?');
    expect(answer!.all).to.contain('Did this help?');
    const org = await bot.organization(ana.tenantId);
    expect(org.benefits.some((b) => b.accessId)).to.equal(false);
    // The confirmation still waits for its answer.
    const [done] = await bot.say(ana, 'yes');
    expect(done!.all).to.contain('Done: the benefits of Contoso Cloud Services are active');
  });

  it('a question at a waiting choice is not taken as the choice whose word it contains', async () => {
    await bot.afterHello(dario, 'record an incident');
    const [reply] = await bot.say(dario, 'what does the cloud 5-pack mean?');
    expect(reply!.all).to.not.contain('case number');
    const [next] = await bot.say(dario, 'cloud');
    expect(next!.all).to.contain('case number');
  });

  it('an unanswered question is kept without e-mail addresses or numbers', async () => {
    await bot.afterHello(stranger, 'please call anna.schmidt@fabrikam.example at +49 171 1234567 about the weather');
    const [unanswered] = (await events()).filter((e) => e.type === 'unanswered');
    expect(unanswered).to.deep.include({ question: 'please call [email] at [number] about the weather' });
  });

  it('a rule question in the middle of a flow is answered, and the flow keeps waiting (F23, F16)', async () => {
    const [ask] = await bot.afterHello(dario, 'Incident erfassen', { locale: 'de-DE' });
    expect(ask!.all).to.contain('Für welchen Vorteil');
    const [answer] = await bot.say(dario, 'Ist Premier Support nur für Cloud-Produkte?', { locale: 'de-DE' });
    expect(answer!.all).to.contain('Premier Support for Partners ist ein kostenpflichtiger Plan');
    const [next] = await bot.say(dario, 'lokal', { locale: 'de-DE' });
    expect(next!.all).to.contain('Fallnummer');
  });
});

function ben() {
  return { aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b02', tenantId: '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01', name: 'Ben Engineer', email: 'ben@contoso.example' };
}
