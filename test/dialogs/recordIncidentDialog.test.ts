import { expect } from 'chai';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, ben, cleo, dario, ema, nils, stranger } from '../support/demoPeople.js';
import { buttonTitlesOf, cardOf } from '../support/cardLayout.js';
import { createTestBot, dieAtNextAuditLine, TEST_TODAY, type TestBot } from '../support/testBot.js';


describe('dialogs/recordIncidentDialog: recording a used incident', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());
  const woodgrove = async () => (await bot.organization(DEMO_TENANTS.woodgrove)).benefits;

  it('asks for confirmation with the balance afterwards, records who, when, which benefit and the case', async () => {
    const [confirm] = await bot.afterHello(dario, 'we used an incident on product support, case 2611230040001234');
    expect(confirm!.cardTexts).to.include('Record a used incident?');
    expect(confirm!.all).to.contain('Microsoft Product Support (on-premises), case 2611230040001234. Incidents left afterwards: 10.');
    expect((await woodgrove())[0]!.incidentsUsed, 'nothing before the confirmation').to.equal(4);
    const [done] = await bot.press(dario, 'yes');
    expect(done!.text).to.equal('Recorded: case 2611230040001234 on Microsoft Product Support (on-premises). 10 incidents left.');
    const product = (await woodgrove()).find((b) => b.kind === 'ProductSupport')!;
    expect(product.incidentsUsed).to.equal(5);
    expect(product.cases).to.have.length(1);
    expect(product.cases![0]).to.deep.include({ caseRef: '2611230040001234', recordedBy: { aadObjectId: dario.aadObjectId, name: 'Dario Entwickler' }, counted: true });
  });

  it('the same case reference again is refused and not counted', async () => {
    await bot.afterHello(dario, 'we used an incident on product support, case 2611230040001234');
    await bot.press(dario, 'yes');
    const [refused] = await bot.say(dario, 'log a case for product support, case 2611230040001234');
    expect(refused!.text).to.equal('Case 2611230040001234 is already recorded for Woodgrove Software; a case counts only once.');
    expect((await woodgrove()).find((b) => b.kind === 'ProductSupport')!.incidentsUsed).to.equal(5);
  });

  it('a confirmation whose turn died after the incident was written counts it once when Teams resends it', async () => {
    const [confirm] = await bot.afterHello(dario, 'we used an incident on product support, case 2611230040007777');
    const data = confirm!.buttons.find((b) => (b.data as { choice?: string } | undefined)?.choice === 'yes')!.data as Record<string, unknown>;
    const click = bot.message(dario, { value: data }, { id: 'confirm-died-1' });
    // The turn stops right after the ledger write (the audit line after it fails, as when the process
    // dies there): the user got no answer, and the waiting confirmation was not saved as answered.
    dieAtNextAuditLine(bot);
    expect(await bot.send(click).catch((e: Error) => e)).to.be.instanceOf(Error);
    expect((await woodgrove()).find((b) => b.kind === 'ProductSupport')!.incidentsUsed).to.equal(5);
    // Teams resends the click: the turn runs again and does not count the case a second time.
    const [again] = await bot.send(click);
    expect(again!.text).to.equal('Case 2611230040007777 is already recorded for Woodgrove Software; a case counts only once.');
    expect((await woodgrove()).find((b) => b.kind === 'ProductSupport')!.incidentsUsed).to.equal(5);
    // A further resend is answered by nothing: the turn is done.
    expect(await bot.send(click)).to.deep.equal([]);
  });

  it('a used-up contract is never counted below zero, and says so before asking to confirm', async () => {
    const [refused] = await bot.afterHello(dario, 'I opened a case for Azure, SR 2611230040005555');
    expect(refused!.text).to.equal('The Signature Cloud Support (cloud) contract of Woodgrove Software has no incidents left, so I cannot record another one.');
    expect((await woodgrove()).find((b) => b.kind === 'SignatureCloudSupport')!.incidentsUsed).to.equal(5);
  });

  it('in German, asking for what is missing: which benefit, then the case number (with a retry)', async () => {
    const [which] = await bot.afterHello(dario, 'Incident erfassen', { locale: 'de-DE' });
    expect(which!.all).to.contain('Für welchen Vorteil wurde der Fall eröffnet?');
    const [ask] = await bot.say(dario, 'lokal', { locale: 'de-DE' });
    expect(ask!.text).to.equal('Wie lautet die Fallnummer (die Nummer der Supportanfrage)?');
    const [retry] = await bot.say(dario, 'weiß ich nicht', { locale: 'de-DE' });
    expect(retry!.text).to.contain('Das sieht nicht nach einer Fallnummer aus.');
    const [confirm] = await bot.say(dario, '2611230040009999', { locale: 'de-DE' });
    expect(confirm!.all).to.contain('Fall 2611230040009999. Danach übrige Incidents: 10.');
    const [done] = await bot.say(dario, 'ja', { locale: 'de-DE' });
    expect(done!.text).to.equal('Erfasst: Fall 2611230040009999 für Microsoft Product Support (lokal installierte Produkte). Noch 10 Incidents übrig.');
  });

  it('"which benefit?" offers short labels that fit a button, in German and English, and a press answers it', async () => {
    // "Microsoft Product Support (lokal installierte Produkte)" was cut off at the card's edge.
    for (const [locale, labels] of [
      ['de-DE', ['Product Support (lokal)', 'Signature Cloud Support']],
      ['en-US', ['Product Support (on-premises)', 'Signature Cloud Support']],
    ] as const) {
      const [which] = await bot.afterHello(dario, 'record an incident', { locale });
      expect(buttonTitlesOf(cardOf(which!)), locale).to.deep.equal(labels);
      const [ask] = await bot.press(dario, labels[0], { locale });
      expect(ask!.text, locale).to.match(/^(?:What is the case number|Wie lautet die Fallnummer)/);
      await bot.say(dario, 'cancel', { locale });
    }
  });

  it('an unlimited contract records the case without counting it (F4)', async () => {
    await bot.afterHello(ana, 'activate');
    await bot.say(ana, 'yes');
    await bot.say(ana, 'we used an incident on cloud support, case 2611230040007777');
    const [done] = await bot.press(ana, 'yes');
    expect(done!.text).to.equal('Recorded: case 2611230040007777 on Signature Cloud Support (cloud). Unlimited: nothing was counted.');
    const cloud = (await bot.organization(DEMO_TENANTS.contoso)).benefits.find((b) => b.kind === 'SignatureCloudSupport')!;
    expect(cloud.incidentsUsed).to.equal(0);
    expect(cloud.cases?.map((c) => c.caseRef)).to.deep.equal(['2611230040007777']);
  });

  it('"Cancel" records nothing; an organization without contracts has nothing to record on', async () => {
    await bot.afterHello(dario, 'we used an incident on product support, case 2611230040001234');
    const [cancelled] = await bot.press(dario, 'no');
    expect(cancelled!.text).to.equal('Okay, nothing was recorded.');
    expect((await woodgrove())[0]!.incidentsUsed).to.equal(4);
    const [none] = await bot.afterHello(cleo, 'record an incident');
    expect(none!.text).to.equal('Contoso Cloud Services has no current contract to record an incident on.');
  });

  it('a user of another tenant cannot record anything for Woodgrove', async () => {
    const [refused] = await bot.afterHello(stranger, 'we used an incident on product support, case 2611230040001234');
    expect(refused!.all).to.contain('Your organization is not in my partner directory');
    expect((await woodgrove())[0]!.incidentsUsed).to.equal(4);
  });

  it('a stray "yes" button from an old card records nothing', async () => {
    const [reply] = await bot.afterHello(dario, { value: { action: 'choose', choice: 'yes', nonce: 'old-card' } });
    expect(reply!.all).to.contain('Sorry, I did not understand that');
    expect((await woodgrove())[0]!.incidentsUsed).to.equal(4);
  });
});

describe('dialogs: review cases for the self-service flows', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());
  const product = async () => (await bot.organization(DEMO_TENANTS.woodgrove)).benefits.find((b) => b.kind === 'ProductSupport')!;

  it('a new request is not taken as the answer to a waiting question', async () => {
    await bot.afterHello(dario, 'access id already associated', { locale: 'de-DE' });
    const [balance] = await bot.say(dario, 'Wie viele Incidents haben wir noch?', { locale: 'de-DE' });
    expect(balance!.cardTexts[0]).to.equal('Incident-Kontingent von Woodgrove Software');
  });

  it('the button of an older confirmation card does not confirm the newer one', async () => {
    const [first] = await bot.afterHello(dario, 'we used an incident on product support, case 2611230040000001');
    await bot.say(dario, 'cancel');
    await bot.say(dario, 'we used an incident on product support, case 2611230040000002');
    const stale = first!.buttons.find((b) => b.title === 'Record it')!;
    const [reply] = await bot.say(dario, { value: stale.data as Record<string, unknown> });
    expect(reply!.text).to.equal('Please press one of the buttons, or type your answer.');
    expect((await product()).incidentsUsed).to.equal(4);
  });

  it('naming a benefit without a contract says so instead of recording on another one', async () => {
    const [none] = await bot.afterHello(ema, 'we used an incident on cloud support, case 2611230040001111');
    expect(none!.text).to.equal('Fourth Coffee IT has no current contract to record an incident on.');
    // Woodgrove has both kinds; after its cloud contract expired, naming cloud must not fall back to product.
    const directory = demoDirectory(TEST_TODAY) as { organizations: { tenantId: string; benefits?: { kind: string; end: string }[] }[] };
    const woodgrove = directory.organizations.find((o) => o.tenantId === DEMO_TENANTS.woodgrove)!;
    woodgrove.benefits = woodgrove.benefits!.map((b) => (b.kind === 'SignatureCloudSupport' ? { ...b, end: '2026-11-01' } : b));
    const later = await createTestBot(directory);
    try {
      const [reply] = await later.afterHello(dario, 'we opened a case for Azure, case 2611230040001111');
      expect(reply!.text).to.equal('The Signature Cloud Support (cloud) contract of Woodgrove Software has expired, so no incident can be recorded on it.');
    } finally {
      await later.close();
    }
  });

  it('a labelled case number ("case 2611...") answers the case-number question', async () => {
    await bot.afterHello(dario, 'record an incident');
    await bot.say(dario, 'product');
    const [confirm] = await bot.say(dario, 'case 2611230040002222');
    expect(confirm!.all).to.contain('case 2611230040002222. Incidents left afterwards: 10.');
  });

  it('the same case written with separators is the same case', async () => {
    await bot.afterHello(dario, 'we used an incident on product support, case 2611230040001234');
    await bot.press(dario, 'yes');
    const [again] = await bot.say(dario, 'we used an incident on product support, case 2611-2300-4000-1234');
    expect(again!.text).to.contain('is already recorded');
    expect((await product()).incidentsUsed).to.equal(5);
  });

  it('a double click on "Record it" records once', async () => {
    const [confirm] = await bot.afterHello(dario, 'we used an incident on product support, case 2611230040003333');
    const yes = confirm!.buttons.find((b) => b.title === 'Record it')!.data as Record<string, unknown>;
    await bot.sendConcurrently([bot.message(dario, { value: yes }), bot.message(dario, { value: yes })]);
    expect((await product()).incidentsUsed).to.equal(5);
  });

  it('"already associated": not linked before and not expired points to a colleague\'s account and the check (F13, F16)', async () => {
    await bot.afterHello(stranger, 'access id already associated');
    await bot.press(stranger, 'own');
    await bot.press(stranger, 'no');
    const [answer] = await bot.press(stranger, 'no');
    expect(answer!.cardTexts[0]).to.equal('Check where the contract is linked');
    expect(answer!.all).to.contain("linked to a colleague's account");
  });

  it('the F11 text pasted at an organization with an active membership: switch accounts', async () => {
    const [reply] = await bot.afterHello(ben, "It looks like you don't have any benefits yet");
    expect(reply!.text).to.contain('Contoso Cloud Services does have an active membership, so you are most likely signed in with the wrong account');
  });

  it('a lapsed organization asking for its balance is told there is no active membership, not to activate', async () => {
    const [reply] = await bot.afterHello(nils, 'how many incidents do we have left?');
    expect(reply!.all).to.contain('has no active membership offer today').and.not.contain('Who can activate');
  });
});
