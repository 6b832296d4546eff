/**
 * Short follow-ups read with the last topic, through the real bot: what a user sees after "and for
 * azure?" and the like, in both languages.
 */
import { expect } from 'chai';
import type { Clock } from '../../src/clock.js';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { looksLikeFollowUp, swapCondition } from '../../src/knowledge/followUp.js';
import { ana, ben, dario, wanda } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type Reply, type TestBot } from '../support/testBot.js';

/**
 * What "and for azure?" gets when it is taken as it is, with no topic: "Did you mean" with entries
 * about Azure (the only word it says) and "None of these", not the cloud support route.
 */
function expectTakenAsItIs(replies: Reply[]): void {
  expect(replies).to.have.length(1);
  const [reply] = replies;
  expect(reply!.cardTexts[0]).to.equal('Did you mean ...?');
  const offered = reply!.buttons.map((b) => b.title);
  expect(offered.at(-1)).to.equal('None of these');
  expect(offered.slice(0, -1)).to.have.length.above(0);
  for (const title of offered.slice(0, -1)) expect(title).to.match(/\bAzure\b/);
}

describe('knowledge/followUp: a short follow-up is read with what the conversation was about', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  it('knows a follow-up when it sees one', () => {
    for (const text of ['and for azure?', 'und ohne?', 'what about silver', 'even before the first case?', 'does it use up incidents?', 'brauch ich dafür einen Vertrag?']) {
      expect(looksLikeFollowUp(text), text).to.equal(true);
    }
    for (const text of ['how many incidents do we have left on our contract this year?', 'Which portal do I use for on-premises support requests?']) {
      expect(looksLikeFollowUp(text), text).to.equal(false);
    }
  });

  it('"and for azure?" after the on-premises route: the cloud route, not "did you mean"', async () => {
    const [onPrem] = await bot.afterHello(dario, 'which support do we use for SharePoint Server?');
    expect(onPrem!.cardTexts[0]).to.equal('On-premises products: Support for Business');
    const [cloud] = await bot.say(dario, 'and for azure?');
    expect(cloud!.cardTexts[0]).to.match(/^Cloud products: /);
    expect(cloud!.all).to.contain('Help + support');
  });

  it('a follow-up that stays on the last answer gets that answer again, not "did you mean" (F11, F24)', async () => {
    const [empty] = await bot.afterHello(dario, 'the benefits page shows nothing for me');
    const [again] = await bot.say(dario, 'we do have active offers though');
    expect(again!.cardTexts[0]).to.equal(empty!.cardTexts[0]);
    expect(again!.all).to.match(/switch|wrong account/i);
    await bot.afterHello(wanda, 'Was gilt als technischer Support?', { locale: 'de-DE' });
    const [counts] = await bot.say(wanda, 'also würde eine Fehlermeldung in Outlook zählen?', { locale: 'de-DE' });
    expect(counts!.cardTexts[0]).to.not.equal('Meinten Sie …?');
    expect(counts!.all).to.match(/Fehlermeldung/);
  });

  it('"can you just do it for us?" after the role check or the activation rule starts the activation, in both languages', async () => {
    const [may] = await bot.afterHello(ana, 'can I activate?');
    const [doIt] = await bot.say(ana, 'can you just do it for us?');
    expect(doIt!.cardTexts[0]).to.not.equal(may!.cardTexts[0]);
    expect(doIt!.cardTexts[0]).to.match(/activ/i);
    await bot.afterHello(wanda, 'Müssen die Vorteile aktiviert werden?', { locale: 'de-DE' });
    const [machen] = await bot.say(wanda, 'kannst du das für uns machen?', { locale: 'de-DE' });
    expect(machen!.cardTexts[0]).to.match(/aktiv/i);
    expect(machen!.cardTexts[0]).to.not.equal('Müssen die Vorteile erst aktiviert werden?');
  });

  it('"show me ours" after a rule answer shows the own data that answer offers, in both languages (F12)', async () => {
    const [rule] = await bot.afterHello(ana, 'who can see the access id?');
    expect(rule!.cardTexts[0]).to.equal('Who sees the Access ID and Contract ID?');
    const [ours] = await bot.say(ana, 'ok, can you show me ours?');
    expect(ours!.cardTexts[0]).to.not.equal(rule!.cardTexts[0]);
    expect(ours!.all).to.contain('Contoso');
    const [once] = await bot.afterHello(wanda, 'Brauche ich die IDs bei jedem Fall?', { locale: 'de-DE' });
    expect(once!.all).to.not.contain('Woodgrove');
    const [ourIds] = await bot.say(wanda, 'ok, zeig mir bitte unsere', { locale: 'de-DE' });
    expect(ourIds!.all).to.contain('Woodgrove');
  });

  it('"und in Azure?" after the on-premises route (German)', async () => {
    await bot.afterHello(wanda, 'Wo lege ich einen Fall für einen lokalen Exchange Server an?', { locale: 'de-DE' });
    const [cloud] = await bot.say(wanda, 'und in Azure?', { locale: 'de-DE' });
    expect(cloud!.cardTexts[0]).to.match(/^Cloud-Produkte: /);
  });

  it('"and with one?" after a question without a cloud competency asks it with one, in both languages (F4)', async () => {
    await bot.afterHello(dario, 'How many cloud incidents does a Gold partner get without a cloud competency?');
    const [withOne] = await bot.say(dario, 'and with one?');
    expect(withOne!.cardTexts[0]).to.equal('What support does a Gold competency give?');
    expect(swapCondition('und mit cloud-kompetenz', 'wie viele incidents hat gold ohne cloud-kompetenz')).to.equal('wie viele incidents hat gold mit cloud-kompetenz');
    expect(swapCondition('und mit cloud-kompetenz', 'wie viele incidents hat gold')).to.equal(undefined);
  });

  it('"and just view it?" after who may activate: who may view', async () => {
    const [first] = await bot.afterHello(dario, 'Which roles are allowed to activate the technical support benefit?');
    expect(first!.cardTexts[0]).to.equal('Who may activate the benefits?');
    const [view] = await bot.say(dario, 'and just view it?');
    expect(view!.cardTexts[0]).to.equal('Which roles can view the Technical benefits page?');
  });

  it('"does it use up incidents?" after TPD is about TPD, not the tier table', async () => {
    await bot.afterHello(dario, 'What is Technical Presales and Deployment Services?');
    const [answer] = await bot.say(dario, 'does it use up incidents?');
    expect(answer!.cardTexts[0]).to.equal('What is TPD (Technical Presales and Deployment)?');
    expect(answer!.all).to.contain('not incident-based');
  });

  it('"and after that?" after whether the IDs are needed for the first case: that answer again, in both languages (F13)', async () => {
    const [first] = await bot.afterHello(dario, 'do I need the IDs for my first case?');
    expect(first!.cardTexts[0]).to.equal('Do I need the IDs for every case?');
    const [later] = await bot.say(dario, 'and after that?');
    expect(later!.cardTexts[0]).to.equal('Do I need the IDs for every case?');
    const options = { locale: 'de-DE', conversationId: 'a:dario-de' };
    await bot.afterHello(dario, 'Braucht man die IDs für den ersten Fall?', options);
    const [danach] = await bot.say(dario, 'und danach?', options);
    expect(danach!.cardTexts[0]).to.equal('Brauche ich die IDs bei jedem Fall?');
  });

  it('a follow-up whose own words find another entry far behind stays with the question it follows ("und Datacenter?", "und verbraucht das Incidents?")', async () => {
    const options = { locale: 'de-DE', conversationId: 'a:dario-de' };
    await bot.afterHello(dario, 'Welche Kompetenzen gelten als Cloud?', options);
    const [datacenter] = await bot.say(dario, 'und Datacenter?', options);
    expect(datacenter!.cardTexts[0]).to.equal('Welche Kompetenzen zählen als Cloud-Kompetenzen?');
    await bot.afterHello(dario, 'Was ist TPD?', { ...options, conversationId: 'a:dario-tpd' });
    const [tpd] = await bot.say(dario, 'und verbraucht das Incidents?', { ...options, conversationId: 'a:dario-tpd' });
    expect(tpd!.cardTexts[0]).to.equal('Was ist TPD (Technical Presales and Deployment)?');
  });

  it('"welches Konto brauche ich dann?" after the "not authorized" error is read with it: an account associated with MPN (F10)', async () => {
    const options = { locale: 'de-DE', conversationId: 'a:dario-de' };
    await bot.afterHello(dario, 'Was bedeutet „Sie sind nicht für diese Aktion autorisiert“?', options);
    const [answer] = await bot.say(dario, 'welches Konto brauche ich dann?', options);
    expect(answer!.all).to.contain('MPN');
  });

  it('a short follow-up to a question about the table is read with its kind of partner (F4, F7, F8, F17)', async () => {
    await bot.afterHello(dario, 'How many incidents come with the Action Pack?', { conversationId: 'a:t1' });
    const [azure] = await bot.say(dario, 'can those be used for Azure too?', { conversationId: 'a:t1' });
    expect(azure!.cardTexts[0]).to.equal('What support does the Action Pack include?');
    await bot.afterHello(dario, 'How many Signature Cloud incidents does a Gold partner with only non-cloud competencies get?', { conversationId: 'a:t2' });
    const [cloud] = await bot.say(dario, 'what if they had Cloud Platform instead?', { conversationId: 'a:t2' });
    expect(cloud!.cardTexts[0]).to.equal('Is cloud support unlimited with a cloud competency?');
    await bot.afterHello(dario, 'Does the Action Pack include any cloud support?', { conversationId: 'a:t3' });
    const [who] = await bot.say(dario, 'so which memberships do?', { conversationId: 'a:t3' });
    expect(who!.cardTexts[0]).to.equal('What is Signature Cloud Support and which partners get it?');
    await bot.afterHello(dario, 'Which competencies unlock unlimited Signature Cloud Support?', { conversationId: 'a:t4' });
    const [security] = await bot.say(dario, 'is Security one of them?', { conversationId: 'a:t4' });
    expect(security!.cardTexts[0]).to.equal('Which competencies count as cloud competencies?');
    await bot.afterHello(dario, 'does a cloud competency give unlimited signature support?', { conversationId: 'a:t7' });
    const [cba] = await bot.say(dario, 'is Cloud Business Applications one of those?', { conversationId: 'a:t7' });
    expect(cba!.cardTexts[0]).to.equal('Which competencies count as cloud competencies?');
    await bot.afterHello(dario, 'Was ist das 10er-Paket beim Signature Cloud Support?', { locale: 'de-DE', conversationId: 'a:t6' });
    const [pack] = await bot.say(dario, 'und wer bekommt das?', { locale: 'de-DE', conversationId: 'a:t6' });
    expect(pack!.cardTexts[0]).to.equal('Cloud-Support ohne Cloud-Kompetenz: 5 oder 10');
    const options = { locale: 'de-DE', conversationId: 'a:t5' };
    await bot.afterHello(dario, 'Wie viele Fälle gibt es mit dem Action Pack?', options);
    const [de] = await bot.say(dario, 'Kann man die auch für Azure-Probleme nutzen?', options);
    expect(de!.cardTexts[0]).to.equal('Welchen Support enthält das Action Pack?');
  });

  it('a pasted error is a topic too: "welches Konto brauche ich dann?" after pasting "Sie sind nicht für diese Aktion autorisiert" (F10)', async () => {
    const options = { locale: 'de-DE', conversationId: 'a:dario-pasted' };
    await bot.afterHello(dario, 'Auf der Vorteile-Seite steht bei mir „Sie sind nicht für diese Aktion autorisiert“.', options);
    const [answer] = await bot.say(dario, 'welches Konto brauche ich dann?', options);
    expect(answer!.all).to.contain('MPN');
  });

  it('"so an error message in Outlook would count?" after what counts as technical support is read with it (F24)', async () => {
    await bot.afterHello(dario, "what does 'technical support' cover under the benefit?");
    const [answer] = await bot.say(dario, 'so an error message in Outlook would count?');
    expect(answer!.cardTexts[0]).to.equal('Which problems count as technical support?');
  });

  it('the "already associated" walk-through takes the case the question before told ("wenn die Cloud-Incidents aufgebraucht sind")', async () => {
    const options = { locale: 'de-DE', conversationId: 'a:dario-de' };
    await bot.afterHello(dario, 'Was tun, wenn die Cloud-Incidents aufgebraucht sind?', options);
    const replies = await bot.say(dario, 'und nochmal neu verknüpfen geht nicht?', options);
    expect(replies.map((r) => r.all).join('\n')).not.to.contain('Für wen ist die Azure-Supportanfrage?');
    expect(replies[0]!.cardTexts[0]).to.equal('Dieser Vertrag lässt sich nicht mehr verknüpfen');
  });

  it('"and for azure?" after a rule that merely mentions opening a case is no route question', async () => {
    await bot.afterHello(dario, 'Do I need the Access ID every time I open a support case?');
    const [answer] = await bot.say(dario, 'same for signature cloud in azure?');
    expect(answer!.all).not.to.contain('Cloud products: Signature Cloud Support');
  });

  it('"where exactly in partner center?" after a CSP request is read with it, in both languages (F19)', async () => {
    await bot.afterHello(dario, 'How do I open a support request for one of my CSP customers?');
    const [answer] = await bot.say(dario, 'where exactly in partner center?');
    expect(answer!.cardTexts[0]).to.equal('Creating CSP customer requests in Partner Center');
    const options = { locale: 'de-DE', conversationId: 'a:dario-de' };
    await bot.afterHello(dario, 'Wie eröffne ich eine Supportanfrage für einen meiner CSP-Kunden?', options);
    const [antwort] = await bot.say(dario, 'wo genau im Partner Center?', options);
    expect(antwort!.cardTexts[0]).to.equal('Anfragen für CSP-Kunden im Partner Center erstellen');
  });

  it('"which one is cloud only?" after the paid plans stays with the paid plans, not "did you mean" (F23)', async () => {
    await bot.afterHello(dario, 'What paid support plans are there for partners?');
    const [answer] = await bot.say(dario, 'which one is cloud only?');
    expect(answer!.all).to.contain('Advanced Support for Partners');
    expect(answer!.cardTexts[0]).not.to.equal('Did you mean ...?');
  });

  it('"we linked it earlier for on prem" after the meaning of "already associated": scenario 1 (F20)', async () => {
    await bot.afterHello(dario, "What does the error 'This Access ID is already associated with an account' mean?");
    const [answer] = await bot.say(dario, 'we linked it earlier for on prem');
    expect(answer!.cardTexts[0]).to.equal('The error is misleading: you can go ahead');
  });

  it('without a topic before, a short message is taken as it is: "Did you mean" with what it says alone', async () => {
    expectTakenAsItIs(await bot.afterHello(dario, 'and for azure?'));
  });

  it('a request with nothing to follow up on ends the topic: "and for azure?" after the balance is taken as it is', async () => {
    await bot.afterHello(dario, 'which support do we use for SharePoint Server?');
    const [balance] = await bot.say(dario, 'how many incidents do we have left?');
    expect(balance!.cardTexts[0]).to.equal('Incident balance of Woodgrove Software');
    expectTakenAsItIs(await bot.say(dario, 'and for azure?'));
  });

  it('a button press ends the topic: "and for azure?" after pressing Help is taken as it is', async () => {
    await bot.afterHello(dario, 'which support do we use for SharePoint Server?');
    const [help] = await bot.press(dario, 'Help');
    expect(help!.cardTexts[0]).to.equal('What I can do');
    expectTakenAsItIs(await bot.say(dario, 'and for azure?'));
  });

  it('"activate it", "can I activate it?" and "our access id for that?" after a rule answer keep their own flows', async () => {
    await bot.afterHello(ana, 'Do we need to activate before use?');
    const [confirm] = await bot.say(ana, 'activate it');
    expect(confirm!.cardTexts[0]).to.equal('Activate the support benefits of Contoso Cloud Services?');
    await bot.say(ana, 'Not now');
    await bot.say(ana, 'Do we need to activate before use?');
    const [check] = await bot.say(ana, 'can I activate it?');
    expect(check!.cardTexts[0]).to.equal('Yes, you can activate');
    await bot.say(ana, 'Do we need to activate before use?');
    const [ids] = await bot.say(ana, 'what is our access id for that?');
    expect(ids!.cardTexts[0]).to.equal('No IDs yet');
  });

  it("in a group chat, one member's question is not another member's context", async () => {
    const group = { conversationType: 'groupChat' as const, conversationId: '19:team-chat@thread.v2' };
    await bot.afterHello(ana, 'which support do we use for SharePoint Server?', group);
    const [reply] = await bot.afterHello(ben, 'and for azure?', group);
    expect(reply!.cardTexts[0] ?? reply!.text).not.to.match(/^Cloud products: /);
    // Ana's own follow-up still works.
    const [mine] = await bot.say(ana, 'and for azure?', group);
    expect(mine!.cardTexts[0]).to.match(/^Cloud products: /);
  });

  it('a topic is kept per person and redacted: no e-mail address or Contract ID stays in the state', async () => {
    await bot.afterHello(dario, 'where do I open a case for SharePoint Server? contract 7700123456, mail me at jane.doe@contoso.example');
    // PrivateConversationState: one item per person and conversation.
    const key = `msteams/conversations/a:${dario.aadObjectId}/users/29:${dario.aadObjectId}/`;
    const stored = (await bot.stores.state.read([key]))[key] as { lastTopic?: { question: string } } | undefined;
    expect(stored?.lastTopic?.question).to.be.a('string').and.contain('SharePoint Server');
    expect(stored!.lastTopic!.question).not.to.contain('jane.doe').and.not.contain('7700123456');
  });
});

describe('knowledge/followUp: the last topic is forgotten after 30 minutes', () => {
  // The bot's clock, moved on by the test.
  let now = 0;
  const clock: Clock = { now: () => new Date(now), today: () => new Date(now).toISOString().slice(0, 10) };
  const minutes = (n: number) => {
    now += n * 60_000;
  };
  let bot: TestBot;
  beforeEach(async () => {
    now = Date.parse(`${TEST_TODAY}T09:00:00Z`);
    bot = await createTestBot(demoDirectory(TEST_TODAY), clock);
  });
  afterEach(() => bot.close());

  it('"and for azure?" 29 minutes after the on-premises route is read with it; 31 minutes after, it is taken as it is', async () => {
    const [onPrem] = await bot.afterHello(dario, 'which support do we use for SharePoint Server?');
    expect(onPrem!.cardTexts[0]).to.equal('On-premises products: Support for Business');
    minutes(29);
    const [cloud] = await bot.say(dario, 'and for azure?');
    expect(cloud!.cardTexts[0]).to.match(/^Cloud products: /);

    const [again] = await bot.say(dario, 'which support do we use for SharePoint Server?');
    expect(again!.cardTexts[0]).to.equal('On-premises products: Support for Business');
    minutes(31);
    expectTakenAsItIs(await bot.say(dario, 'and for azure?'));
  });
});
