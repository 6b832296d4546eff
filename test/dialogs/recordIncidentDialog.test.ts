import { expect } from 'chai';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, cleo, dario, stranger } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type TestBot, type Who } from '../support/testBot.js';

const YES = { value: { action: 'choose', choice: 'yes' } };

describe('dialogs/recordIncidentDialog: recording a used incident', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());
  const start = async (who: Who, text: string, locale = 'en-US') => {
    await bot.say(who, 'hi', { locale });
    return bot.say(who, text, { locale });
  };
  const woodgrove = async () => (await bot.stores.directory.getOrganization(DEMO_TENANTS.woodgrove))!.value.benefits;

  it('asks for confirmation with the balance afterwards, records who, when, which benefit and the case', async () => {
    const [confirm] = await start(dario, 'we used an incident on product support, case 2611230040001234');
    expect(confirm!.cardTexts).to.include('Record a used incident?');
    expect(confirm!.all).to.contain('Microsoft Product Support (on-premises), case 2611230040001234. Incidents left afterwards: 10.');
    expect((await woodgrove())[0]!.incidentsUsed, 'nothing before the confirmation').to.equal(4);
    const [done] = await bot.say(dario, YES);
    expect(done!.text).to.equal('Recorded: case 2611230040001234 on Microsoft Product Support (on-premises). 10 incidents left.');
    const product = (await woodgrove()).find((b) => b.kind === 'ProductSupport')!;
    expect(product.incidentsUsed).to.equal(5);
    expect(product.cases).to.have.length(1);
    expect(product.cases![0]).to.deep.include({ caseRef: '2611230040001234', recordedBy: { aadObjectId: dario.aadObjectId, name: 'Dario Entwickler' }, counted: true });
  });

  it('the same case reference again is refused and not counted', async () => {
    await start(dario, 'we used an incident on product support, case 2611230040001234');
    await bot.say(dario, YES);
    const [refused] = await bot.say(dario, 'log a case for product support, case 2611230040001234');
    expect(refused!.text).to.equal('Case 2611230040001234 is already recorded for Woodgrove Software; a case counts only once.');
    expect((await woodgrove()).find((b) => b.kind === 'ProductSupport')!.incidentsUsed).to.equal(5);
  });

  it('a used-up contract is never counted below zero, and says so before asking to confirm', async () => {
    const [refused] = await start(dario, 'I opened a case for Azure, SR 2611230040005555');
    expect(refused!.text).to.equal('The Signature Cloud Support (cloud) contract of Woodgrove Software has no incidents left, so I cannot record another one.');
    expect((await woodgrove()).find((b) => b.kind === 'SignatureCloudSupport')!.incidentsUsed).to.equal(5);
  });

  it('in German, asking for what is missing: which benefit, then the case number (with a retry)', async () => {
    const [which] = await start(dario, 'Incident erfassen', 'de-DE');
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

  it('an unlimited contract records the case without counting it (F4)', async () => {
    await start(ana, 'activate');
    await bot.say(ana, 'yes');
    await bot.say(ana, 'we used an incident on cloud support, case 2611230040007777');
    const [done] = await bot.say(ana, YES);
    expect(done!.text).to.equal('Recorded: case 2611230040007777 on Signature Cloud Support (cloud). Unlimited: nothing was counted.');
    const cloud = (await bot.stores.directory.getOrganization(DEMO_TENANTS.contoso))!.value.benefits.find((b) => b.kind === 'SignatureCloudSupport')!;
    expect(cloud.incidentsUsed).to.equal(0);
    expect(cloud.cases?.map((c) => c.caseRef)).to.deep.equal(['2611230040007777']);
  });

  it('"Cancel" records nothing; an organization without contracts has nothing to record on', async () => {
    await start(dario, 'we used an incident on product support, case 2611230040001234');
    const [cancelled] = await bot.say(dario, { value: { action: 'choose', choice: 'no' } });
    expect(cancelled!.text).to.equal('Okay, nothing was recorded.');
    expect((await woodgrove())[0]!.incidentsUsed).to.equal(4);
    const [none] = await start(cleo, 'record an incident');
    expect(none!.text).to.equal('Contoso Cloud Services has no current contract to record an incident on.');
  });

  it('a user of another tenant cannot record anything for Woodgrove', async () => {
    const [refused] = await start(stranger, 'we used an incident on product support, case 2611230040001234');
    expect(refused!.all).to.contain('Your organization is not in my partner directory');
    expect((await woodgrove())[0]!.incidentsUsed).to.equal(4);
  });

  it('a stray "yes" button from an old card records nothing', async () => {
    await bot.say(dario, 'hi');
    const [reply] = await bot.say(dario, YES);
    expect(reply!.all).to.contain('Sorry, I did not understand that');
    expect((await woodgrove())[0]!.incidentsUsed).to.equal(4);
  });
});
