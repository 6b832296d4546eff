import { expect } from 'chai';
import { fixedClock } from '../../src/clock.js';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, dario, nils, stranger } from '../support/demoPeople.js';
import { cardOf, factSetTitles } from '../support/cardLayout.js';
import { createTestBot, TEST_TODAY, type TestBot } from '../support/testBot.js';

describe('dialogs/balanceDialog: incidents left (F13, F16, F21)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  it('no active membership: no balance, not an activation refusal (F11), in German too', async () => {
    const [card] = await bot.afterHello(nils, 'balance');
    expect(card!.cardTexts[0]).to.equal('No benefits without an active membership');
    expect(card!.cardTexts[1]).to.equal(
      'Northwind Traders has no active membership offer today, so it has no support contract and no incidents to count. There is nothing to activate either.',
    );
    expect(card!.all).to.not.contain('I cannot do that for you yet');
    const [de] = await bot.say(nils, 'Wie viele Incidents haben wir noch?', { locale: 'de-DE' });
    expect(de!.cardTexts[0]).to.equal('Ohne aktive Mitgliedschaft keine Vorteile');
    // Not "... und keine Incidents, und nichts zu aktivieren."
    expect(de!.cardTexts[1]).to.equal(
      'Northwind Traders hat heute kein aktives Mitgliedschaftsangebot und damit keinen Supportvertrag und keine Incidents. Aktivieren lässt sich deshalb auch nichts.',
    );
  });

  it('shows each contract with total, used, left and dates, and warns when one is used up', async () => {
    const [card] = await bot.afterHello(dario, 'How many incidents do we have left?');
    expect(card!.cardTexts[0]).to.equal('Incident balance of Woodgrove Software');
    const texts = card!.cardTexts;
    const product = texts.indexOf('Microsoft Product Support (on-premises)');
    expect(texts.slice(product, product + 9)).to.deep.equal([
      'Microsoft Product Support (on-premises)', 'Total', '15', 'Used', '4', 'Left', '11', 'Valid', 'Apr 12, 2026 to Apr 11, 2027',
    ]);
    const cloud = texts.indexOf('Signature Cloud Support (cloud)');
    expect(texts.slice(cloud, cloud + 7)).to.deep.equal(['Signature Cloud Support (cloud)', 'Total', '5', 'Used', '5', 'Left', '0']);
    expect(texts).to.include('No incidents left.');
  });

  it('after a case is recorded on one contract, every contract still shows the same facts, so their values line up; the cases are a line below, in English and German', async () => {
    await bot.afterHello(dario, 'we used an incident on product support, case 2611230040001234');
    await bot.press(dario, 'yes');
    for (const [locale, titles, cases] of [
      ['en-US', ['Total', 'Used', 'Left', 'Valid'], 'Cases recorded in this bot: 2611230040001234'],
      ['de-DE', ['Gesamt', 'Verbraucht', 'Übrig', 'Gültig'], 'In diesem Bot erfasste Fälle: 2611230040001234'],
    ] as const) {
      const [card] = await bot.say(dario, 'how many incidents do we have left?', { locale });
      // A FactSet sizes its label column to its longest label: the same labels, the same column.
      expect(factSetTitles(cardOf(card!)), locale).to.deep.equal([titles, titles]);
      const texts = card!.cardTexts;
      expect(texts[texts.indexOf(cases) - 1], `${locale}: the cases follow the product contract's facts`).to.match(/2027$/);
      expect(texts.filter((t) => t.includes('2611230040001234'))).to.deep.equal([cases]);
    }
  });

  it('says the authoritative count is in Support for Business, and how to check it (F16)', async () => {
    const [card] = await bot.afterHello(dario, 'remaining incidents');
    expect(card!.all).to.contain('The authoritative count is in Support for Business; the Azure portal and the other cloud portals do not show it.');
    expect(card!.all).to.contain('Start creating an on-premises request in Support for Business');
    expect(card!.buttons.map((b) => b.title)).to.deep.equal(['Support for Business', 'How to see remaining incidents']);
  });

  it('answers in German ("Wie viele Incidents haben wir noch?")', async () => {
    const [card] = await bot.afterHello(dario, 'Wie viele Incidents haben wir noch?', { locale: 'de-DE' });
    expect(card!.cardTexts[0]).to.equal('Incident-Kontingent von Woodgrove Software');
    expect(card!.cardTexts).to.include.members(['Gesamt', 'Verbraucht', 'Übrig', 'Keine Incidents mehr übrig.']);
    expect(card!.all).to.contain('Maßgeblich ist der Stand in Support for Business');
  });

  it('before activation: no contract yet, and who can activate', async () => {
    const [card] = await bot.afterHello(ana, 'how many incidents are left?');
    expect(card!.cardTexts[0]).to.equal('No contract yet');
    expect(card!.all).to.contain('Contoso Cloud Services has no support contract yet');
    expect(card!.all).to.contain('You are an admin who may activate them');
  });

  it('a user of another tenant sees nothing of it', async () => {
    const [card] = await bot.afterHello(stranger, 'how many incidents do we have left?');
    expect(card!.all).to.contain('Your organization is not in my partner directory').and.not.contain('Woodgrove');
  });

  it('warns when a contract ends within 30 days, and after it expired', async () => {
    const late = await createTestBot(demoDirectory(TEST_TODAY), fixedClock('2027-03-20'));
    try {
      const [soon] = await late.afterHello(dario, 'incidents left?');
      expect(soon!.cardTexts).to.include('Ends in 22 days, on Apr 11, 2027.');
    } finally {
      await late.close();
    }
    const after = await createTestBot(demoDirectory(TEST_TODAY), fixedClock('2027-05-01'));
    try {
      const [expired] = await after.afterHello(dario, 'incidents left?');
      expect(expired!.cardTexts).to.include('Expired on Apr 11, 2027.');
    } finally {
      await after.close();
    }
  });

  it('a contract imported a few days before its membership started shows its totals, not "unknown"', async () => {
    const directory = demoDirectory(TEST_TODAY) as { organizations: { name: string; memberships: { start: string }[]; benefits?: { start: string }[] }[] };
    const woodgrove = directory.organizations.find((o) => o.name === 'Woodgrove Software')!;
    // The membership now starts five days after the contracts.
    const contractStart = woodgrove.benefits![0]!.start;
    woodgrove.memberships[0]!.start = new Date(Date.parse(contractStart) + 5 * 86_400_000).toISOString().slice(0, 10);
    const other = await createTestBot(directory);
    try {
      const [card] = await other.afterHello(dario, 'How many incidents do we have left?');
      expect(card!.all).not.to.contain('unknown');
      const texts = card!.cardTexts;
      const product = texts.indexOf('Microsoft Product Support (on-premises)');
      expect(texts.slice(product, product + 7)).to.deep.equal(['Microsoft Product Support (on-premises)', 'Total', '15', 'Used', '4', 'Left', '11']);
    } finally {
      await other.close();
    }
  });
});
