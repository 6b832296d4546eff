import { expect } from 'chai';
import { cardActions } from '../../src/cards/cardText.js';
import { LINKS } from '../../src/domain/links.js';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, dario, ema, stranger } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type TestBot } from '../support/testBot.js';

describe('dialogs/supportPlanDialog: which support to use, which plan to buy (F15, F17-F19, F23, F24, F26)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  it('on-premises: Support for Business with Product Support incidents, and the own balance (F15)', async () => {
    // "we": about the own organization, so the guided flow (a rule question goes to the knowledge base).
    const [answer] = await bot.afterHello(dario, 'which support do we use for SharePoint Server?');
    expect(answer!.cardTexts[0]).to.equal('On-premises products: Support for Business');
    expect(answer!.all).to.contain('Open the case in the Support for Business portal');
    expect(answer!.all).to.contain('Woodgrove Software is covered: Microsoft Product Support (on-premises), 11 incidents left');
    expect(answer!.all).to.not.contain('Advanced Support for Partners');
  });

  it('a product with a version year or a server-only service is on-premises, asked nothing (F15)', async () => {
    const [answer] = await bot.afterHello(dario, 'our exchange 2019 box wont start the transport service, where do i open a case with our benefits');
    expect(answer!.cardTexts[0]).to.equal('On-premises products: Support for Business');
    const [antwort] = await bot.afterHello(ema, 'Fehler: "The Microsoft Exchange Transport service terminated unexpectedly" – wo kann ich damit einen Supportfall aufmachen?', { locale: 'de-DE' });
    expect(antwort!.cardTexts[0]).to.match(/^Lokal installierte Produkte/);
  });

  it('Action Pack asking about Azure: no cloud support, Advanced or Premier (F7, F23)', async () => {
    const [answer] = await bot.afterHello(ema, 'which plan should we buy for Azure?');
    expect(answer!.cardTexts[0]).to.equal('Cloud products: a paid support plan');
    expect(answer!.all).to.contain('Fourth Coffee IT has the Action Pack, which includes no cloud support.');
    expect(answer!.all).to.contain('Advanced Support for Partners: for cloud products only.');
    expect(answer!.buttons.map((b) => b.title)).to.include.members(['Advanced Support for Partners', 'Premier Support for Partners', 'Compare support plans']);
  });

  it('what the user says of the contract counts: "our Signature contract has expired" gets the paid plans, whatever the directory shows (F21, F23)', async () => {
    await bot.afterHello(ana, 'activate our benefits', { conversationId: 'a:ana-activate' });
    await bot.press(ana, 'Activate', { conversationId: 'a:ana-activate' });
    const [answer] = await bot.afterHello(ana, 'Our Signature Cloud Support contract has expired. Which support do we use for Azure now?');
    expect(answer!.cardTexts[0]).to.equal('Cloud products: a paid support plan');
    const [de] = await bot.afterHello(ana, 'Unsere Cloud-Incidents sind aufgebraucht. Welchen Support nehmen wir jetzt für Azure?', { locale: 'de-DE', conversationId: 'a:ana-de' });
    expect(de!.cardTexts[0]).to.equal('Cloud-Produkte: ein kostenpflichtiger Supportplan');
    // Said with a question that the route must ask first: still counts when the answer comes.
    await bot.afterHello(ana, 'Our incidents are all gone. Which support should we use?', { conversationId: 'a:ana-asked' });
    const [asked] = await bot.press(ana, 'cloud', { conversationId: 'a:ana-asked' });
    expect(asked!.cardTexts[0]).to.equal('Cloud products: a paid support plan');
    // Signature support is cloud support: no question what it concerns.
    const [signature] = await bot.afterHello(ana, 'Our Signature incidents are all gone. Can we still open Azure cases?', { conversationId: 'a:ana-signature' });
    expect(signature!.cardTexts[0]).to.equal('Cloud products: a paid support plan');
    const [paket] = await bot.afterHello(ana, 'Wir sind Silver ohne Cloud-Kompetenz und unser 5er-Pack ist leer. Können wir trotzdem noch Azure-Fälle aufmachen?', { locale: 'de-DE', conversationId: 'a:ana-paket' });
    expect(paket!.cardTexts[0]).to.equal('Cloud-Produkte: ein kostenpflichtiger Supportplan');
    // Said nothing about the contract: the contract as the directory has it.
    const [plain] = await bot.afterHello(ana, 'Which support do we use for Azure?', { conversationId: 'a:ana-plain' });
    expect(plain!.cardTexts[0]).to.equal('Cloud products: Signature Cloud Support');
  });

  it('a message whose context names both kinds of product says in its question what it concerns (F22)', async () => {
    const [answer] = await bot.afterHello(ana, 'Unser Azure App Service wirft seit dem letzten Deployment nur noch HTTP-500-Fehler. Wir haben unsere Partnervorteile bisher nur für On-Prem genutzt. Wie eröffne ich dafür einen Fall über Signature Cloud Support?', { locale: 'de-DE' });
    expect(answer!.cardTexts[0]).to.match(/^Cloud-Produkte/);
    expect(answer!.all).not.to.contain('Worum geht es bei dem Problem?');
  });

  it('"which plan should we buy?" is answered at once with the paid plans (F23)', async () => {
    const [answer] = await bot.afterHello(dario, 'Welchen Supportplan sollen wir kaufen?', { locale: 'de-DE' });
    expect(answer!.all).to.contain('Premier Support for Partners').and.contain('Advanced Support for Partners');
    expect(answer!.all).not.to.contain('Worum geht es bei dem Problem?');
  });

  it('asks what the problem concerns when the question does not say (German), presales goes to TPD (F24, F26)', async () => {
    const [question] = await bot.afterHello(dario, 'Welchen Support sollen wir nehmen?', { locale: 'de-DE' });
    expect(question!.all).to.contain('Worum geht es bei dem Problem?');
    expect(question!.buttons.map((b) => b.title)).to.deep.equal(['Lokal installiertes Produkt', 'Cloud-Produkt', 'Azure eines CSP-Kunden', 'Presales oder Bereitstellung']);
    const [answer] = await bot.press(dario, 'presales', { locale: 'de-DE' });
    expect(answer!.all).to.contain('Technical Presales and Deployment Services (TPD)').and.contain('keine Incidents verbraucht');
  });

  it('presales names the page TPD is on, the technical benefits page in Partner Center, and links it (F26)', async () => {
    for (const [locale, page, button] of [
      ['en-US', 'You find it in Partner Center on the technical benefits page, next to the support benefits.', 'Benefits in Partner Center'],
      ['de-DE', 'Sie finden ihn im Partner Center auf der Seite „Technische Vorteile“, neben den Support-Vorteilen.', 'Vorteile im Partner Center'],
    ] as const) {
      await bot.afterHello(dario, 'which support should we use?', { locale });
      const [answer] = await bot.press(dario, 'presales', { locale });
      expect(answer!.all, locale).to.contain(page).and.not.contain('same page').and.not.contain('derselben Seite');
      const link = answer!.buttons.find((b) => b.title === button);
      expect(link, `${locale}: a button to the page`).to.not.equal(undefined);
      const [action] = cardActions(answer!.activity.attachments![0]!.content).filter((a) => a.title === button);
      expect(action).to.deep.include({ type: 'Action.OpenUrl', url: LINKS.technicalBenefits });
    }
  });

  it('typing "cloud" answers the question instead of starting another flow', async () => {
    await bot.afterHello(dario, 'which support should we use?');
    const [answer] = await bot.say(dario, 'cloud');
    expect(answer!.cardTexts[0]).to.equal('Cloud products: a paid support plan');
    expect(answer!.all).to.contain('The Signature Cloud Support (cloud) contract of Woodgrove Software has no incidents left.');
  });

  it("a CSP customer's Azure: through Partner Center (F18, F19)", async () => {
    await bot.afterHello(stranger, { value: { action: 'supportPlan' } });
    const [answer] = await bot.press(stranger, 'cspCustomer');
    expect(answer!.all).to.contain('CSP, Customers, Service management, New request');
    expect(answer!.buttons.map((b) => b.title)).to.include('Partner Center customers');
  });
});
