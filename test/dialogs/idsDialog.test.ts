import { expect } from 'chai';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, ben, cleo, dario, ema, hal, stranger } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type TestBot, type Who } from '../support/testBot.js';

describe('dialogs/idsDialog: the Access ID and Contract ID (F12-F14)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  async function ask(who: Who, text: string, locale = 'en-US', conversationType?: 'groupChat' | 'channel') {
    const opts = { locale, conversationType, conversationId: conversationType ? '19:shared@thread.v2' : undefined };
    await bot.say(who, 'hi', opts);
    return bot.say(who, text, opts);
  }

  it('any user of an activated organization gets both IDs of each benefit, with when they are needed', async () => {
    const [reply] = await ask(dario, 'what is our access id?');
    expect(reply!.cardTexts[0]).to.equal('Access ID and Contract ID of Woodgrove Software');
    expect(reply!.cardTexts).to.include.members([
      'Microsoft Product Support (on-premises)',
      'Signature Cloud Support (cloud)',
      'a1b2c3d4-0000-4000-8000-000000000001',
      '7001234',
      'a1b2c3d4-0000-4000-8000-000000000002',
      '7001235',
      '15 incidents', // F2: Silver
      '5 incidents', // F5: Silver, non-cloud
    ]);
    expect(reply!.all).to.contain('only the first time an account uses Product Support or Signature Cloud Support'); // F13
    expect(reply!.all).to.contain('any work or Microsoft account that has both IDs'); // F14
  });

  it('answers in German ("Vertrags-ID?")', async () => {
    const [reply] = await ask(dario, 'Wie lautet unsere Vertrags-ID?', 'de-DE');
    expect(reply!.cardTexts[0]).to.equal('Zugriffs-ID und Vertrags-ID von Woodgrove Software');
    expect(reply!.cardTexts).to.include('Vertrags-ID (Contract ID)');
    expect(reply!.cardTexts).to.include('7001235');
    expect(reply!.all).to.contain('nur, wenn ein Konto Product Support oder Signature Cloud Support zum ersten Mal nutzt');
  });

  it('before activation: the IDs do not exist yet, and who can activate (F25, F9)', async () => {
    for (const [who, locale, phrases] of [
      [ben, 'en-US', ['No IDs yet', 'Contoso Cloud Services has not activated', 'Ana Admin']],
      [cleo, 'de-DE', ['Noch keine IDs', 'hat die technischen Support-Vorteile noch nicht aktiviert', 'Ana Admin']],
    ] as const) {
      const [reply] = await ask(who, 'access id', locale);
      for (const phrase of phrases) expect(reply!.all).to.contain(phrase);
    }
  });

  it('a user of another organization never sees them', async () => {
    for (const who of [ema, ana, stranger, hal]) {
      const [reply] = await ask(who, 'what is our contract id?');
      expect(reply!.all, who.name).to.not.contain('7001234').and.not.contain('a1b2c3d4-0000-4000-8000-000000000001');
    }
  });

  it('a user whose directory entry is in another tenant is told to switch accounts', async () => {
    const dariosEntryInContoso: Who = { ...dario, tenantId: DEMO_TENANTS.contoso };
    const [reply] = await ask(dariosEntryInContoso, 'contract id');
    expect(reply!.all).to.contain('signed in to a different organization');
    expect(reply!.all).to.not.contain('7001234');
  });

  for (const conversationType of ['groupChat', 'channel'] as const) {
    it(`in a ${conversationType} the IDs are not posted; the user is sent to a personal chat`, async () => {
      const [reply] = await ask(dario, 'what is our access id?', 'en-US', conversationType);
      expect(reply!.text).to.equal(
        'I do not post the Access ID and Contract ID into a shared conversation. Ask me in a personal chat, and I will show them there.',
      );
      const [de] = await bot.say(dario, 'Zugriffs-ID', { locale: 'de-DE', conversationType, conversationId: '19:shared@thread.v2' });
      expect(de!.text).to.contain('im persönlichen Chat');
      expect(de!.all).to.not.contain('a1b2c3d4');
    });
  }
});
