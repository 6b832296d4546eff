import { expect } from 'chai';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, dario, hal } from '../support/demoPeople.js';
import { buttonTitlesOf, cardOf, factsOf, LOOKS_LIKE_AN_ID, textBlocksOf } from '../support/cardLayout.js';
import { createTestBot, TEST_TODAY, type TestBot } from '../support/testBot.js';

const REVEAL = { value: { action: 'helpdesk.reveal', tenantId: DEMO_TENANTS.woodgrove } };

describe('dialogs/lookupDialog: helpdesk partner lookup (issue 4)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  for (const query of ['partner 4711002', 'lookup Woodgrove', 'lookup woodgrve', `tenant ${DEMO_TENANTS.woodgrove}`]) {
    it(`"${query}" shows the partner with masked IDs, balances, warnings and admins`, async () => {
      const [card] = await bot.afterHello(hal, query);
      expect(card!.cardTexts[0]).to.equal('Woodgrove Software (partner 4711002)');
      expect(card!.cardTexts).to.include.members(['••••0001', '••••1234', '••••0002', '••••1235']);
      expect(card!.all).to.not.contain('a1b2c3d4-0000-4000-8000-000000000001').and.not.contain('7001234');
      expect(card!.all).to.contain('Microsoft Product Support (on-premises): 15 incidents').and.contain('because of Silver in Application Development');
      expect(card!.all).to.contain('No incidents left.');
      expect(card!.all).to.contain('Wanda Weber (Global admin)');
      expect(card!.buttons.map((b) => b.title)).to.deep.equal(['Reveal IDs']);
    });
  }

  it('"Reveal IDs" shows them in full and writes the audit log', async () => {
    await bot.afterHello(hal, 'partner 4711002');
    const [card] = await bot.say(hal, REVEAL);
    expect(card!.cardTexts).to.include.members(['a1b2c3d4-0000-4000-8000-000000000001', '7001234']);
    expect(card!.all).to.contain('recorded in the audit log');
    const entries = await bot.stores.audit.list({ partnerId: '4711002' });
    expect(entries.map((e) => [e.action, e.actor.name, e.tenantId])).to.deep.equal([['ids.reveal', 'Hal Helpdesk', DEMO_TENANTS.woodgrove]]);
  });

  it('the tenant id and the revealed IDs stand on lines of their own under their labels, in English and German', async () => {
    for (const [locale, tenant, access, contract] of [
      ['en-US', 'Tenant', 'Access ID', 'Contract ID'],
      ['de-DE', 'Mandant', 'Zugriffs-ID (Access ID)', 'Vertrags-ID (Contract ID)'],
    ] as const) {
      await bot.afterHello(hal, 'partner 4711002', { locale });
      const [card] = await bot.say(hal, REVEAL, { locale });
      const blocks = textBlocksOf(cardOf(card!));
      for (const [label, id] of [
        [tenant, DEMO_TENANTS.woodgrove],
        [access, 'a1b2c3d4-0000-4000-8000-000000000001'],
        [contract, '7001234'],
      ]) {
        expect(blocks[blocks.indexOf(id!) - 1], `${locale}: ${id} right under its label`).to.equal(label);
      }
      expect(factsOf(cardOf(card!)).filter((f) => LOOKS_LIKE_AN_ID.test(f.value)), `${locale}: no ID beside a label`).to.deep.equal([]);
    }
  });

  it('in a shared conversation the IDs stay masked, even after "Reveal IDs"', async () => {
    const channel = { conversationType: 'channel' as const, conversationId: '19:helpdesk@thread.tacv2' };
    await bot.afterHello(hal, 'partner 4711002', channel);
    const [why, card] = await bot.say(hal, REVEAL, channel);
    expect(why!.text).to.equal('I reveal the IDs only in a personal chat with me; here they stay masked.');
    expect(card!.all).to.not.contain('7001234');
    expect(await bot.stores.audit.list()).to.deep.equal([]);
  });

  it('several matches give a short pick list, and a pick shows that partner', async () => {
    const [list] = await bot.afterHello(hal, 'lookup co');
    expect(list!.all).to.contain('Several partners match "co"');
    expect(list!.buttons.map((b) => b.title)).to.have.members(['Contoso Cloud Services (4711001)', 'Fourth Coffee IT (4711003)']);
    // A partner's name is any length: rows that wrap ("› Contoso ..."), not buttons that cut it off.
    expect(buttonTitlesOf(cardOf(list!))).to.deep.equal([]);
    expect(list!.cardTexts).to.include('› Contoso Cloud Services (4711001)');
    const pick = list!.buttons.find((b) => b.title.startsWith('Fourth'))!;
    const [card] = await bot.say(hal, { value: pick.data as Record<string, unknown> });
    expect(card!.cardTexts[0]).to.equal('Fourth Coffee IT (partner 4711003)');
    expect(card!.all).to.contain('not activated');
  });

  it('answers in German', async () => {
    const [card] = await bot.afterHello(hal, 'partner 4711002', { locale: 'de-DE' });
    expect(card!.cardTexts[0]).to.equal('Woodgrove Software (Partner 4711002)');
    expect(card!.buttons.map((b) => b.title)).to.deep.equal(['IDs anzeigen']);
  });

  it('says so when nothing matches', async () => {
    const [reply] = await bot.afterHello(hal, 'lookup Fabrikam');
    expect(reply!.text).to.equal('I found no partner for "Fabrikam". Try the partner id, the tenant id or part of the name.');
  });

  it('partner users get nothing from it, not even with a forged reveal button', async () => {
    for (const who of [dario, ana]) {
      const [reply] = await bot.afterHello(who, 'partner 4711002');
      expect(reply!.text, who.name).to.equal('Partner lookups, triage and the audit log are for the helpdesk team only.');
      const [forged] = await bot.say(who, REVEAL);
      expect(forged!.all).to.not.contain('7001234').and.not.contain('••••');
    }
    const [de] = await bot.say(dario, 'partner 4711002', { locale: 'de-DE' });
    expect(de!.text).to.equal('Partnersuche, Triage und Audit-Protokoll sind nur für das Helpdesk-Team.');
    expect(await bot.stores.audit.list()).to.deep.equal([]);
  });
});

describe('dialogs/lookupDialog: the HelpdeskAgent role counts only in the operator\'s tenant', () => {
  it('a partner employee given the role by mistake gets no cross-tenant view', async () => {
    const directory = demoDirectory(TEST_TODAY) as { users: { aadObjectId: string; roles?: string[] }[] };
    directory.users.find((u) => u.aadObjectId === dario.aadObjectId)!.roles = ['HelpdeskAgent'];
    const bot = await createTestBot(directory);
    try {
      const [reply] = await bot.afterHello(dario, 'partner 4711001');
      expect(reply!.text).to.equal('Partner lookups, triage and the audit log are for the helpdesk team only.');
    } finally {
      await bot.close();
    }
  });
});
