import { expect } from 'chai';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { dario, hal } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type TestBot } from '../support/testBot.js';

describe('dialogs/triageDialog: a guided triage that ends in a case (issue 4)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  it('asks partner, problem, scope and error, then shows the diagnosis and saves a case', async () => {
    const [ask] = await bot.afterHello(hal, 'triage');
    expect(ask!.text).to.contain('which partner?');
    const [category] = await bot.say(hal, '4711002');
    expect(category!.buttons.map((b) => b.title)).to.include.members(['Activation', '"Already associated"', 'Incident balance']);
    await bot.press(hal, 'assoc');
    const [error] = await bot.press(hal, 'cloud');
    expect(error!.text).to.contain('Paste the error message');
    const [card, saved] = await bot.say(hal, 'This Access ID is already associated with an account');
    expect(card!.cardTexts[0]).to.equal('Triage: Woodgrove Software (4711002)');
    expect(card!.all).to.contain('Diagnosis: the cloud contract has no incidents left: Azure hides it and shows the same error at every new link');
    expect(card!.all).to.contain('Benefits of the partner');
    expect(card!.all, 'fact ids are for the code, not for people').not.to.match(/\bF\d+\b/);
    expect(card!.all).to.contain('Advanced Support for Partners');
    expect(saved!.text).to.equal('Saved as case C-000001.');
    const [assigned] = await bot.press(hal, 'Assign to me');
    expect(assigned!.text).to.equal('Case C-000001 is assigned to you.');
    expect(bot.messenger.sent, 'a triage has no partner to notify').to.deep.equal([]);
    const stored = (await bot.stores.cases.get('C-000001'))!.value;
    expect(stored).to.deep.include({ origin: 'triage', status: 'assigned', partnerId: '4711002', category: 'assoc' });
  });

  it('in German, with an inline partner name and a pasted F10 error', async () => {
    await bot.afterHello(hal, 'triage Woodgrove', { locale: 'de-DE' });
    await bot.press(hal, 'roles', { locale: 'de-DE' });
    await bot.press(hal, 'onPremises', { locale: 'de-DE' });
    const [card] = await bot.say(hal, 'Sie sind nicht für diese Aktion autorisiert', { locale: 'de-DE' });
    expect(card!.all).to.contain('Diagnose: das Konto ist nur mit CSP verknüpft');
  });

  it("the agent's unknown partner is shown back defused: no live link, no bidi control", async () => {
    await bot.afterHello(hal, 'triage');
    const [again] = await bot.say(hal, '[Contoso](https://evil.example/x) \u202Eexe');
    expect(again!.all).to.contain('Contoso (https(:)//evil(.)example/x) exe');
    expect(again!.all).to.not.contain('\u202E');
    expect(again!.all).to.not.contain('](https://');
  });

  it('an unknown partner is asked again; partner users cannot triage', async () => {
    await bot.afterHello(hal, 'triage');
    const [again] = await bot.say(hal, 'Fabrikam');
    expect(again!.text).to.contain('I need exactly one partner.');
    const [refused] = await bot.afterHello(dario, 'triage');
    expect(refused!.text).to.equal('Partner lookups, triage and the audit log are for the helpdesk team only.');
  });
});
