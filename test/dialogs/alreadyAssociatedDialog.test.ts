import { expect } from 'chai';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, dario, ema, stranger } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type TestBot } from '../support/testBot.js';

const ERROR_EN = 'This Access ID is already associated with an account. Contact your Technical Account Manager to get a new Access ID';
const ERROR_DE = 'Diese Zugriffs-ID ist bereits einem Konto zugeordnet...';

describe('dialogs/alreadyAssociatedDialog: the Azure "already associated" error (F20-F22, F7, F18)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  it('first makes sure of the place: linking in Azure, and whose Azure it is (F22)', async () => {
    const [question] = await bot.afterHello(dario, `I get this error: ${ERROR_EN}...`);
    expect(question!.cardTexts[0]).to.equal('The Azure error "Access ID is already associated"');
    expect(question!.all).to.contain('Help + support, Support plans, "Link support benefits"');
    expect(question!.buttons.map((b) => b.title)).to.deep.equal(['Our own company', 'A CSP customer']);
  });

  it('names both usual causes and what to do for each before it asks, in both languages (F20, F21)', async () => {
    const [question] = await bot.afterHello(dario, ERROR_EN);
    expect(question!.cardTexts[1]).to.equal('This message is often misleading. Usually one of two things is behind it:');
    expect(question!.cardTexts[2]).to.contain('already associated with your account').and.contain('"+ New support request"');
    expect(question!.cardTexts[3]).to.contain('10-pack or 5-pack has no incidents left').and.contain('a new support plan is needed');
    const [frage] = await bot.afterHello(dario, 'Diese Zugriffs-ID ist bereits einem Konto zugeordnet', { locale: 'de-DE', conversationId: 'a:dario-de' });
    expect(frage!.cardTexts[1]).to.match(/^Diese Meldung führt oft in die Irre\./);
    expect(frage!.cardTexts[2]).to.match(/^• Der Vertrag ist Ihrem Konto bereits zugeordnet/);
    expect(frage!.all).to.contain('„+ Neue Supportanfrage“').and.contain('ein neuer Supportplan nötig');
    expect(frage!.buttons.map((b) => b.title)).to.have.length(2);
  });

  describe('takes what the message already says, and asks nothing then', () => {
    it('"our 10-pack is used up": scenario 2, then a paid plan, not the used-up contract (F21, F23)', async () => {
      // Ana's organization (Contoso) has unlimited cloud support by the directory: what she says counts.
      const [scenario2, plans, ...rest] = await bot.afterHello(ana, `${ERROR_EN}. Our 10-pack is used up I think.`);
      expect(rest).to.deep.equal([]);
      expect(scenario2!.cardTexts[0]).to.equal('This contract can no longer be linked');
      expect(plans!.cardTexts[0]).to.equal('Cloud products: a paid support plan');
      expect(plans!.all).to.contain('As you describe it, the Signature Cloud Support (cloud) contract has no incidents left');
      expect(plans!.buttons.map((b) => b.title)).to.include.members(['Advanced Support for Partners', 'Premier Support for Partners']);
    });

    it('"Vertrag ist abgelaufen" (German): scenario 2, expired', async () => {
      const [scenario2, plans] = await bot.afterHello(dario, `${ERROR_DE} – unser Vertrag ist letzten Monat abgelaufen`, { locale: 'de-DE' });
      expect(scenario2!.cardTexts[0]).to.equal('Dieser Vertrag lässt sich nicht mehr verknüpfen');
      expect(plans!.all).to.contain('Wie Sie es beschreiben, ist der Vertrag für Signature Cloud Support (Cloud) abgelaufen');
    });

    it('"we added it earlier for on-prem support": scenario 1, the error is misleading (F20)', async () => {
      const [answer, ...rest] = await bot.afterHello(dario, `${ERROR_EN}. We added the contract earlier for on-prem support.`);
      expect(rest).to.deep.equal([]);
      expect(answer!.cardTexts[0]).to.equal('The error is misleading: you can go ahead');
      expect(answer!.all).to.contain('+ New support request');
    });

    it('"schon bei Support for Business eingetragen" (German): scenario 1', async () => {
      const [answer] = await bot.afterHello(dario, '„Diese Zugriffs-ID ist bereits einem Konto zugeordnet“ – ich hab die IDs mit dem gleichen Konto schon bei Support for Business eingetragen', { locale: 'de-DE' });
      expect(answer!.cardTexts[0]).to.equal('Die Meldung führt in die Irre: Sie können weitermachen');
    });

    it("for a CSP customer's Azure: nothing to link (F18)", async () => {
      const [answer] = await bot.afterHello(dario, `${ERROR_EN} - it's for my CSP customer's Azure`);
      expect(answer!.cardTexts[0]).to.equal('For a CSP customer there is nothing to link');
    });

    it('the case told instead of answering "whose Azure?": "we have no cloud incidents left though" is scenario 2, not the balance', async () => {
      await bot.afterHello(dario, ERROR_EN);
      const [scenario2, plans] = await bot.say(dario, 'we have no cloud incidents left though');
      expect(scenario2!.cardTexts[0]).to.equal('This contract can no longer be linked');
      expect(plans!.all).to.contain('As you describe it, the Signature Cloud Support (cloud) contract has no incidents left');
    });

    it('the case told as a question at "whose Azure?" (German): "schon mal hinzugefügt, ist das wichtig?" is scenario 1, no second question', async () => {
      await bot.afterHello(dario, ERROR_DE, { locale: 'de-DE' });
      const [answer, ...rest] = await bot.say(dario, 'wir haben den Vertrag letztes Jahr schon mal hinzugefügt, ist das wichtig?', { locale: 'de-DE' });
      expect(rest).to.deep.equal([]);
      expect(answer!.cardTexts[0]).to.equal('Die Meldung führt in die Irre: Sie können weitermachen');
    });

    it('"wir haben den Vertrag schon mal hinzugefügt" after an answer about the error (German): scenario 1', async () => {
      await bot.afterHello(dario, 'Was bedeutet "Zugriffs-ID ist bereits einem Konto zugeordnet"?', { locale: 'de-DE' });
      const [answer] = await bot.say(dario, 'wir haben den Vertrag schon mal hinzugefügt', { locale: 'de-DE' });
      expect(answer!.cardTexts[0]).to.equal('Die Meldung führt in die Irre: Sie können weitermachen');
    });

    it('"vor ein paar Wochen für einen Fall zugeordnet": linked before, scenario 1 at once', async () => {
      const [answer] = await bot.afterHello(dario, 'Ich hatte unseren Vertrag vor ein paar Wochen für einen Fall zu Windows Server zugeordnet. Jetzt kommt im Azure-Portal, dass die ID schon zugeordnet ist. Wie bekomme ich trotzdem einen Azure-Fall?', { locale: 'de-DE' });
      expect(answer!.cardTexts[0]).to.equal('Die Meldung führt in die Irre: Sie können weitermachen');
    });

    it('the error alone still asks whose Azure it is', async () => {
      const [question] = await bot.afterHello(dario, ERROR_EN);
      expect(question!.buttons.map((b) => b.title)).to.deep.equal(['Our own company', 'A CSP customer']);
    });
  });

  it('a CSP customer: nothing to link, use the Cloud Solution Provider plan (F18, F19)', async () => {
    await bot.afterHello(dario, ERROR_EN);
    const [answer] = await bot.press(dario, 'csp');
    expect(answer!.all).to.contain('choose the "Cloud Solution Provider" support plan; no support contract needs to be added');
    expect(answer!.all).to.contain('CSP, Customers, Service management, New request');
  });

  it('used-up 5-pack from the directory: scenario 2 at once, then the plan choice (F21, F23)', async () => {
    await bot.afterHello(dario, ERROR_EN);
    const [scenario2, plans] = await bot.press(dario, 'own');
    expect(scenario2!.cardTexts[0]).to.equal('This contract can no longer be linked');
    expect(scenario2!.all).to.contain('has no incidents left (5 of 5 used)');
    expect(scenario2!.all).to.contain('An invalid contract is hidden');
    // Not the used-up contract again: a paid plan (F21, F23).
    expect(plans!.cardTexts[0]).to.equal('Cloud products: a paid support plan');
    expect(plans!.all).not.to.contain('with Signature Cloud Support');
    expect(plans!.all).to.contain('Advanced Support for Partners: for cloud products only.');
    expect(plans!.all).to.contain("Premier Support for Partners: Microsoft's top tier of technical support.");
    expect(plans!.buttons.map((b) => b.title)).to.include('Compare support plans');
  });

  it('the same in German, answering by typing', async () => {
    await bot.afterHello(dario, ERROR_DE, { locale: 'de-DE' });
    const [scenario2, plans] = await bot.say(dario, 'für uns', { locale: 'de-DE' });
    expect(scenario2!.all).to.contain('hat keine Incidents mehr (5 von 5 verbraucht)');
    expect(plans!.all).to.contain('Advanced Support for Partners: nur für Cloud-Produkte.');
  });

  it('a valid contract from the directory: scenario 1, ignore the error (F20)', async () => {
    await bot.afterHello(ana, 'activate');
    await bot.say(ana, 'yes');
    await bot.say(ana, ERROR_EN);
    const [scenario1] = await bot.press(ana, 'own');
    expect(scenario1!.cardTexts[0]).to.equal('The error is misleading: you can go ahead');
    expect(scenario1!.all).to.contain('Ignore the error, choose "+ New support request"');
    expect(scenario1!.all).to.contain('valid until Nov 23, 2027, with unlimited incidents');
  });

  it('Action Pack: there is no cloud support to link at all (F7)', async () => {
    await bot.afterHello(ema, 'access id already associated');
    const [answer] = await bot.press(ema, 'own');
    expect(answer!.cardTexts[0]).to.equal('Action Pack includes no cloud support');
    expect(answer!.buttons.map((b) => b.title)).to.include('Which support or plan?');
  });

  it('not activated yet: activate first (F25)', async () => {
    await bot.afterHello(ana, ERROR_EN);
    const [answer] = await bot.press(ana, 'own');
    expect(answer!.cardTexts[0]).to.equal('Activate first');
    expect(answer!.buttons.map((b) => b.title)).to.include('Activate benefits');
  });

  describe('when the directory does not know the organization, two questions tell the scenarios apart', () => {
    it('linked before: scenario 1', async () => {
      await bot.afterHello(stranger, ERROR_EN);
      const [q1] = await bot.press(stranger, 'own');
      expect(q1!.all).to.contain('Were this Access ID and Contract ID already added with the account you are signed in with');
      const [s1] = await bot.say(stranger, 'yes');
      expect(s1!.cardTexts[0]).to.equal('The error is misleading: you can go ahead');
    });

    it('not linked before, contract expired: scenario 2 and the plans (German)', async () => {
      await bot.afterHello(stranger, ERROR_DE, { locale: 'de-DE' });
      await bot.say(stranger, 'eigene', { locale: 'de-DE' });
      const [q2] = await bot.say(stranger, 'nein', { locale: 'de-DE' });
      expect(q2!.all).to.contain('Ist Ihr Cloud-Supportvertrag abgelaufen');
      const [s2, plans] = await bot.say(stranger, 'ja', { locale: 'de-DE' });
      expect(s2!.all).to.contain('Ein abgelaufener Vertrag oder ein 10er- bzw. 5er-Paket');
      // What the user said counts: a paid plan, whatever the directory knows.
      expect(plans!.cardTexts[0]).to.equal('Cloud-Produkte: ein kostenpflichtiger Supportplan');
      expect(plans!.all).to.contain('Wie Sie es beschreiben, ist der Vertrag für Signature Cloud Support (Cloud) abgelaufen oder hat keine Incidents mehr');
    });

    it('not sure: scenario 1, with how to check the contract in Support for Business (F16)', async () => {
      await bot.afterHello(stranger, ERROR_EN);
      await bot.press(stranger, 'own');
      await bot.press(stranger, 'unsure');
      const [answer] = await bot.press(stranger, 'unsure');
      expect(answer!.cardTexts[0]).to.equal('The error is misleading: you can go ahead');
      expect(answer!.all).to.contain('Start creating an on-premises request in Support for Business');
      expect(answer!.buttons.map((b) => b.title)).to.include('Support for Business');
    });
  });
});
