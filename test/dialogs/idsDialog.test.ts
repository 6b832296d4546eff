import { expect } from 'chai';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { fixedClock } from '../../src/clock.js';
import { ana, ben, cleo, dario, ema, hal, nils, stranger, wanda } from '../support/demoPeople.js';
import { cardOf, factsOf, LOOKS_LIKE_AN_ID, textBlocksOf } from '../support/cardLayout.js';
import { createTestBot, TEST_TODAY, type TestBot, type Who } from '../support/testBot.js';

describe('dialogs/idsDialog: the Access ID and Contract ID (F12-F14)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  it('no active membership: no IDs and nothing to activate, so no admins to ask; the likely wrong account (F11)', async () => {
    const [card] = await bot.afterHello(nils, 'what is our access id?');
    expect(card!.cardTexts[0]).to.equal('No benefits without an active membership');
    expect(card!.all).to.contain('Northwind Traders has no active membership offer today').and.contain('wrong account');
    expect(card!.all).not.to.contain('Who can activate');
    expect(card!.buttons.map((b) => b.title)).not.to.include('Can I activate?');
    expect(card!.cardTexts[1]).to.equal(
      'Northwind Traders has no active membership offer today, so it has no support benefits: no contract, no Access ID and no Contract ID. There is nothing to activate either.',
    );
    const [de] = await bot.say(nils, 'Wie lautet unsere Zugriffs-ID?', { locale: 'de-DE' });
    expect(de!.cardTexts[1]).to.equal(
      'Northwind Traders hat heute kein aktives Mitgliedschaftsangebot und damit keine Support-Vorteile: keinen Vertrag, keine Zugriffs-ID und keine Vertrags-ID. Aktivieren lässt sich deshalb auch nichts.',
    );
  });

  it('any user of an activated organization gets both IDs of each benefit, with when they are needed', async () => {
    const [reply] = await bot.afterHello(dario, 'what is our access id?');
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
    const [reply] = await bot.afterHello(dario, 'Wie lautet unsere Vertrags-ID?', { locale: 'de-DE' });
    expect(reply!.cardTexts[0]).to.equal('Zugriffs-ID und Vertrags-ID von Woodgrove Software');
    expect(reply!.cardTexts).to.include('Vertrags-ID (Contract ID)');
    expect(reply!.cardTexts).to.include('7001235');
    expect(reply!.all).to.contain('nur, wenn ein Konto Product Support oder Signature Cloud Support zum ersten Mal nutzt');
  });

  it('each ID stands on a line of its own under its label, never squeezed beside it, in English and German (F12)', async () => {
    // Beside the German label "Zugriffs-ID (Access ID)" a GUID had a third of the card and broke
    // across lines; under it, it has the whole width and is copied with one selection.
    for (const [locale, access, contract] of [
      ['en-US', 'Access ID', 'Contract ID'],
      ['de-DE', 'Zugriffs-ID (Access ID)', 'Vertrags-ID (Contract ID)'],
    ] as const) {
      const [reply] = await bot.afterHello(dario, 'what is our access id?', { locale });
      const card = cardOf(reply!);
      const blocks = textBlocksOf(card);
      for (const [label, id] of [
        [access, 'a1b2c3d4-0000-4000-8000-000000000001'],
        [contract, '7001234'],
        [access, 'a1b2c3d4-0000-4000-8000-000000000002'],
        [contract, '7001235'],
      ]) {
        expect(blocks[blocks.indexOf(id!) - 1], `${locale}: ${id} right under its label`).to.equal(label);
      }
      expect(factsOf(card).filter((f) => LOOKS_LIKE_AN_ID.test(f.value)), `${locale}: no ID beside a label`).to.deep.equal([]);
    }
  });

  it('before activation: the IDs do not exist yet, and who can activate (F25, F9)', async () => {
    for (const [who, locale, phrases] of [
      [ben, 'en-US', ['No IDs yet', 'Contoso Cloud Services has not activated', 'Ana Admin']],
      [cleo, 'de-DE', ['Noch keine IDs', 'hat die technischen Support-Vorteile noch nicht aktiviert', 'Ana Admin']],
    ] as const) {
      const [reply] = await bot.afterHello(who, 'access id', { locale });
      for (const phrase of phrases) expect(reply!.all).to.contain(phrase);
    }
  });

  it('an admin asking before activation is told they can activate it themselves', async () => {
    const [en] = await bot.afterHello(ema, 'what is our access id?');
    expect(en!.all).to.contain('You are an admin who may activate them');
    expect(en!.all).to.not.contain('Who can activate for');
    expect(en!.buttons.map((b) => b.title)).to.include('Activate benefits');
    const [de] = await bot.say(ema, 'Zugriffs-ID?', { locale: 'de-DE' });
    expect(de!.all).to.contain('Sie dürfen als Administrator aktivieren');
  });

  it('a user of another organization never sees them', async () => {
    for (const who of [ema, ana, stranger, hal]) {
      const [reply] = await bot.afterHello(who, 'what is our contract id?');
      expect(reply!.all, who.name).to.not.contain('7001234').and.not.contain('a1b2c3d4-0000-4000-8000-000000000001');
    }
  });

  it('a user whose directory entry is in another tenant is told to switch accounts', async () => {
    const dariosEntryInContoso: Who = { ...dario, tenantId: DEMO_TENANTS.contoso };
    const [reply] = await bot.afterHello(dariosEntryInContoso, 'contract id');
    expect(reply!.all).to.contain('signed in to a different organization');
    expect(reply!.all).to.not.contain('7001234');
  });

  for (const conversationType of ['groupChat', 'channel'] as const) {
    it(`in a ${conversationType} the IDs are not posted; the user is sent to a personal chat`, async () => {
      const [reply] = await bot.afterHello(dario, 'what is our access id?', { locale: 'en-US', conversationType, conversationId: '19:shared@thread.v2' });
      expect(reply!.text).to.equal(
        'I do not post the Access ID and Contract ID into a shared conversation. Ask me in a personal chat, and I will show them there.',
      );
      const [de] = await bot.say(dario, 'Zugriffs-ID', { locale: 'de-DE', conversationType, conversationId: '19:shared@thread.v2' });
      expect(de!.text).to.contain('im persönlichen Chat');
      expect(de!.all).to.not.contain('a1b2c3d4');
    });
  }
});

describe('dialogs/idsDialog: contracts over time and untrusted channels', () => {
  const woodgroveLater = (today: string) => createTestBot(demoDirectory(TEST_TODAY), fixedClock(today));

  it('after every contract expired: says so with the date, not "not activated yet" (F21)', async () => {
    const bot = await woodgroveLater('2027-12-31');
    try {
      const [reply] = await bot.afterHello(dario, 'what is our access id?');
      expect(reply!.cardTexts[0]).to.equal('No current contract');
      expect(reply!.all).to.match(/The support contracts of Woodgrove Software expired on \w{3} \d+, 2027/);
      expect(reply!.all).to.not.contain('a1b2c3d4-0000-4000-8000-000000000001');
    } finally {
      await bot.close();
    }
  });

  it('an admin whose membership lapsed while the contracts still run gets the IDs, not a refusal', async () => {
    // Demo data laid out on 2026-04-01: the membership year ends 2026-08-03, the contracts two
    // weeks later (they started two weeks after the membership). On 2026-08-10 only they run.
    const bot = await createTestBot(demoDirectory('2026-04-01'), fixedClock('2026-08-10'));
    try {
      const [reply] = await bot.afterHello(wanda, 'activate');
      expect(reply!.cardTexts[0]).to.equal('The benefits of Woodgrove Software are already active');
    } finally {
      await bot.close();
    }
  });

  it('a message that does not say it is personal is treated as shared: no IDs', async () => {
    const bot = await createTestBot(demoDirectory(TEST_TODAY));
    try {
      const message = bot.message(dario, 'what is our access id?');
      (message.conversation as { conversationType?: string }).conversationType = undefined;
      const replies = await bot.send(message);
      expect(replies.at(-1)!.text).to.contain('I do not post the Access ID and Contract ID into a shared conversation');
    } finally {
      await bot.close();
    }
  });

  it('outside Teams the tenant and user fields are not trusted: no IDs', async () => {
    const bot = await createTestBot(demoDirectory(TEST_TODAY));
    try {
      const replies = await bot.send({ ...bot.message(dario, 'what is our access id?'), channelId: 'webchat' });
      const all = replies.map((r) => r.all).join('\n');
      expect(all).to.contain('This conversation does not tell me which organization you belong to');
      expect(all).to.not.contain('a1b2c3d4');
    } finally {
      await bot.close();
    }
  });
});
