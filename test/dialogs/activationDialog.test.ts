import { expect } from 'chai';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, ben, cleo, dario, ema, hal, newcomer, nils, stranger, wanda } from '../support/demoPeople.js';
import { createTestBot, dieAtNextAuditLine, TEST_TODAY, type TestBot, type Who } from '../support/testBot.js';

const CONFIRM = { value: { action: 'activation.confirm' } };

describe('dialogs/activationDialog: role check and activation (F9-F12, F25)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  const contosoBenefits = async () => (await bot.organization(DEMO_TENANTS.contoso)).benefits;

  describe('refusals say why and what to do', () => {
    const cases: { who: Who; name: string; en: string[]; de: string[] }[] = [
      {
        who: ben,
        name: 'no admin role (F9): names the roles and the admins',
        en: ['Only a Global admin or an MPN partner admin can activate', 'Your account has: no admin role', 'Who can activate for Contoso Cloud Services', 'Ana Admin'],
        de: ['Nur ein Globaler Administrator oder ein MPN-Partneradministrator', 'keine Administratorrolle', 'Wer für Contoso Cloud Services aktivieren kann', 'Ana Admin'],
      },
      {
        who: cleo,
        name: 'CSP-only account (F10)',
        en: ['associated only with the Cloud Solution Provider program', 'You are not authorized to perform this action', 'Sign in with an account that is associated with MPN', 'Ana Admin'],
        de: ['nur mit dem Cloud-Solution-Provider-Programm (CSP) verknüpft', 'Sie sind nicht für diese Aktion autorisiert', 'Ana Admin'],
      },
      {
        who: nils,
        name: 'no active membership (F11), with the wrong-account hint',
        en: ["It looks like you don't have any benefits yet", 'signed in with the wrong account', 'account picture, top right'],
        de: ['Es sieht so aus, als ob Sie noch keine Vorteile haben', 'mit dem falschen Konto angemeldet', 'Kontobild oben rechts'],
      },
      {
        who: stranger,
        name: 'tenant unknown to the directory',
        en: ['Your organization is not in my partner directory (tenant eeeeeeee-0000-4000-8000-000000000001)', 'partner helpdesk'],
        de: ['Ihre Organisation steht nicht in meinem Partnerverzeichnis', 'Partner-Helpdesk'],
      },
      {
        who: newcomer,
        name: 'user unknown in a known tenant',
        en: ['Your account is not in my partner directory for Contoso Cloud Services', newcomer.aadObjectId, 'Ana Admin'],
        de: ['Ihr Konto steht für Contoso Cloud Services nicht in meinem Partnerverzeichnis', newcomer.aadObjectId],
      },
      {
        who: hal,
        name: 'helpdesk account',
        en: ['belongs to the helpdesk team'],
        de: ['gehört zum Helpdesk-Team'],
      },
    ];
    for (const c of cases) {
      for (const lang of ['en', 'de'] as const) {
        it(`${c.name} [${lang}]`, async () => {
          const replies = await bot.afterHello(c.who, lang === 'en' ? 'activate our benefits' : 'Vorteile aktivieren', { locale: lang === 'en' ? 'en-US' : 'de-DE' });
          expect(replies).to.have.length(1);
          for (const phrase of c[lang]) expect(replies[0]!.all).to.contain(phrase);
          expect(replies[0]!.buttons.map((b) => b.title)).to.not.include(lang === 'en' ? 'Activate' : 'Aktivieren');
        });
      }
    }

    it('the refusal does not list a CSP-only or non-admin colleague as someone who can activate', async () => {
      const [reply] = await bot.afterHello(ben, 'activate');
      expect(reply!.all).to.contain('Ana Admin');
      expect(reply!.all).to.not.contain('Cleo Csp');
      expect(reply!.all).to.not.contain('Ben Engineer');
    });
  });

  it('"can I activate?" answers yes for an admin, without activating anything', async () => {
    const [reply] = await bot.afterHello(ana, 'can I activate?');
    expect(reply!.all).to.contain('Yes, you can activate');
    expect(reply!.all).to.contain('You are MPN partner admin at Contoso Cloud Services');
    expect(reply!.buttons.map((b) => b.title)).to.deep.equal(['Activate benefits']);
    expect(await contosoBenefits()).to.deep.equal([]);
  });

  it('"can I activate?" after the activation: an admin is told first that it is already active, not "Yes, you can activate" (F9, F12)', async () => {
    await bot.afterHello(ana, 'activate our benefits');
    await bot.press(ana, 'Activate');
    const [en] = await bot.say(ana, 'can I activate?');
    expect(en!.cardTexts).to.deep.equal([
      'Already active: nothing left to activate',
      'You are MPN partner admin at Contoso Cloud Services, so you may activate, but the benefits of Contoso Cloud Services are already active. Every user of Contoso Cloud Services can ask me for the Access ID and Contract ID.',
      'Our Access ID and Contract ID',
    ]);
    const [de] = await bot.say(ana, 'darf ich aktivieren?', { locale: 'de-DE' });
    expect(de!.cardTexts).to.deep.equal([
      'Bereits aktiviert: Es gibt nichts mehr zu aktivieren',
      'Sie sind MPN-Partneradministrator bei Contoso Cloud Services und dürften aktivieren, aber die Vorteile von Contoso Cloud Services sind bereits aktiviert. Alle Benutzer von Contoso Cloud Services können mich nach der Zugriffs-ID und der Vertrags-ID fragen.',
      'Zugriffs-ID und Vertrags-ID',
    ]);
    for (const reply of [en!, de!]) expect(reply.all).to.not.contain('Yes, you can activate').and.not.contain('Ja, Sie können aktivieren');
  });

  it('"darf ich aktivieren?" refuses a non-admin in German and names the admins', async () => {
    const [reply] = await bot.afterHello(ben, 'darf ich aktivieren?', { locale: 'de-DE' });
    expect(reply!.all).to.contain('Nur ein Globaler Administrator').and.contain('Ana Admin');
  });

  it('an admin confirms and gets both IDs; the activation is stored with who and when (F12)', async () => {
    const [confirm] = await bot.afterHello(ana, 'activate our benefits');
    expect(confirm!.cardTexts).to.include('Activate the support benefits of Contoso Cloud Services?');
    expect(confirm!.cardTexts).to.include('Microsoft Product Support (on-premises): 20 incidents');
    expect(confirm!.cardTexts).to.include('Signature Cloud Support (cloud): unlimited incidents');
    expect(confirm!.all).to.contain('from Nov 24, 2026 to Nov 23, 2027');
    expect(confirm!.buttons.map((b) => b.title)).to.deep.equal(['Activate', 'Not now']);
    expect(await contosoBenefits(), 'nothing is stored before the confirmation').to.deep.equal([]);

    const [done] = await bot.say(ana, CONFIRM);
    const stored = await contosoBenefits();
    expect(stored.map((b) => b.kind)).to.deep.equal(['ProductSupport', 'SignatureCloudSupport']);
    for (const b of stored) {
      expect(b).to.include({ start: '2026-11-24', end: '2027-11-23', incidentsUsed: 0, source: 'bot' });
      expect(b.activatedBy).to.deep.equal({ aadObjectId: ana.aadObjectId, name: 'Ana Admin' });
      expect(b.activatedAt).to.match(/^2026-11-24T/);
      expect(done!.cardTexts).to.include(b.accessId).and.include(b.contractId);
    }
    expect(done!.cardTexts[0]).to.equal('Done: the benefits of Contoso Cloud Services are active');
    expect(done!.all).to.contain('only the first time an account uses'); // F13
  });

  it('typing "ja" confirms in German too', async () => {
    await bot.afterHello(ana, 'aktivieren', { locale: 'de-DE' });
    const [done] = await bot.say(ana, 'ja', { locale: 'de-DE' });
    expect(done!.cardTexts[0]).to.equal('Erledigt: Die Vorteile von Contoso Cloud Services sind aktiviert');
    expect(await contosoBenefits()).to.have.length(2);
  });

  it('is idempotent: a double click and a second request show the same IDs, never new ones', async () => {
    await bot.afterHello(ana, 'activate');
    await bot.say(ana, CONFIRM);
    const first = await contosoBenefits();
    const [again] = await bot.say(ana, CONFIRM); // the second click of a double click
    const [later] = await bot.say(ana, 'activate');
    expect(await contosoBenefits()).to.deep.equal(first);
    expect(again!.cardTexts[0]).to.equal('The benefits of Contoso Cloud Services are already active');
    expect(later!.cardTexts[0]).to.equal('The benefits of Contoso Cloud Services are already active');
    for (const b of first) expect(later!.cardTexts).to.include(b.accessId);
  });

  it('a confirmation whose turn died after the activation was written activates once when Teams resends it, and shows those IDs', async () => {
    await bot.afterHello(ana, 'activate our benefits');
    const click = bot.message(ana, CONFIRM, { id: 'activate-died-1' });
    // The turn stops right after the activation was stored (the audit line after it fails, as when
    // the process dies there): the user saw no IDs.
    dieAtNextAuditLine(bot);
    expect(await bot.send(click).catch((e: Error) => e)).to.be.instanceOf(Error);
    const stored = await contosoBenefits();
    expect(stored).to.have.length(2);
    // Teams resends the click: the same activation, its IDs shown, nothing new stored.
    const [again] = await bot.send(click);
    expect(await contosoBenefits()).to.deep.equal(stored);
    for (const b of stored) expect(again!.cardTexts).to.include(b.accessId).and.include(b.contractId);
    expect(await bot.send(click)).to.deep.equal([]);
  });

  it('an organization that activated before the bot is already active (Woodgrove)', async () => {
    const [reply] = await bot.afterHello(wanda, 'activate');
    expect(reply!.cardTexts[0]).to.equal('The benefits of Woodgrove Software are already active');
    expect(reply!.cardTexts).to.include('a1b2c3d4-0000-4000-8000-000000000001');
  });

  it('Action Pack activates Product Support only (F1, F7)', async () => {
    const [confirm] = await bot.afterHello(ema, 'activate');
    expect(confirm!.cardTexts).to.include('Microsoft Product Support (on-premises): 10 incidents');
    expect(confirm!.all).to.not.contain('Signature Cloud Support');
    await bot.say(ema, CONFIRM);
    const org = await bot.organization(DEMO_TENANTS.fourthCoffee);
    expect(org.benefits.map((b) => b.kind)).to.deep.equal(['ProductSupport']);
  });

  it('a forged confirmation from a non-admin is refused and stores nothing', async () => {
    const [reply] = await bot.afterHello(ben, CONFIRM);
    expect(reply!.all).to.contain('Only a Global admin or an MPN partner admin can activate');
    expect(await contosoBenefits()).to.deep.equal([]);
  });

  it('card data cannot pick the organization: a forged tenant in the submit is ignored', async () => {
    const [reply] = await bot.afterHello(ema, { value: { action: 'activation.confirm', tenantId: DEMO_TENANTS.contoso } });
    expect(reply!.all).to.contain('Fourth Coffee IT');
    expect(await contosoBenefits()).to.deep.equal([]);
  });

  it('"Not now" and "no" activate nothing', async () => {
    await bot.afterHello(ana, 'activate');
    const [reply] = await bot.say(ana, { value: { action: 'activation.cancel' } });
    expect(reply!.text).to.equal('Okay, nothing was activated.');
    await bot.say(ana, 'aktivieren', { locale: 'de-DE' });
    const [nein] = await bot.say(ana, 'nein', { locale: 'de-DE' });
    expect(nein!.text).to.equal('In Ordnung, es wurde nichts aktiviert.');
    expect(await contosoBenefits()).to.deep.equal([]);
  });

  it('an unclear answer to the confirmation asks again; "help" keeps the confirmation waiting', async () => {
    await bot.afterHello(ana, 'activate');
    const [unclear] = await bot.say(ana, 'hmm, purple');
    expect(unclear!.text).to.equal('Please press "Activate" or "Not now" on the card, or type yes or no.');
    const [help] = await bot.say(ana, 'help');
    expect(help!.cardTexts[0]).to.equal('What I can do');
    const [done] = await bot.say(ana, 'yes');
    expect(done!.cardTexts[0]).to.equal('Done: the benefits of Contoso Cloud Services are active');
  });

  it('"cancel" and "start over" end a waiting confirmation', async () => {
    await bot.afterHello(ana, 'activate');
    const [cancelled] = await bot.say(ana, 'cancel');
    expect(cancelled!.text).to.equal('Okay, I stopped that. Ask me anything else or pick from the menu.');
    const [nothing] = await bot.say(ana, 'yes');
    expect(nothing!.all).to.contain('Sorry, I did not understand that');
    await bot.say(ana, 'activate');
    const [over, menu] = await bot.say(ana, 'von vorne', { locale: 'de-DE' });
    expect(over!.text).to.equal('In Ordnung, wir fangen von vorne an.');
    expect(menu!.buttons.map((b) => b.title)).to.include('Vorteile aktivieren');
    expect(await contosoBenefits()).to.deep.equal([]);
  });

  it('a new question replaces a waiting confirmation', async () => {
    await bot.afterHello(ana, 'activate');
    const [ids] = await bot.say(ana, 'what is our access id?');
    expect(ids!.all).to.contain('has not activated its technical support benefits yet');
    const [after] = await bot.say(ana, 'yes');
    expect(after!.all).to.contain('Sorry, I did not understand that');
  });

  it('in a group chat the activation does not post the IDs', async () => {
    const opts = { conversationType: 'groupChat' as const, conversationId: '19:group@thread.v2' };
    await bot.afterHello(ana, 'activate', opts);
    const [done] = await bot.say(ana, CONFIRM, opts);
    expect(done!.text).to.contain('Done: the benefits of Contoso Cloud Services are active');
    expect(done!.text).to.contain('personal chat');
    for (const b of await contosoBenefits()) expect(done!.all).to.not.contain(b.accessId);
  });

  it('in a group chat, "activate our benefits" after the activation says it is already active and that the IDs are in a personal chat, in English and German', async () => {
    const opts = { conversationType: 'groupChat' as const, conversationId: '19:group@thread.v2' };
    await bot.afterHello(ana, 'activate', opts);
    await bot.say(ana, CONFIRM, opts);
    const ids = (await contosoBenefits()).flatMap((b) => [b.accessId, b.contractId]);
    for (const [who, locale, said] of [
      [ana, 'en-US', 'activate our benefits'],
      [ben, 'en-US', 'activate our benefits'],
      [ana, 'de-DE', 'unsere Vorteile aktivieren'],
    ] as const) {
      const replies = await bot.afterHello(who, said, { ...opts, locale });
      expect(replies.map((r) => r.text), `${who.name}, ${locale}`).to.deep.equal([
        locale === 'en-US'
          ? 'The benefits of Contoso Cloud Services are already active, so there is nothing left to activate. I show the Access ID and Contract ID only in a personal chat with me: ask me "what is our access id?" there.'
          : 'Die Vorteile von Contoso Cloud Services sind bereits aktiviert, es gibt nichts mehr zu aktivieren. Zugriffs-ID und Vertrags-ID zeige ich nur im persönlichen Chat mit mir: Fragen Sie mich dort „Wie lautet unsere Zugriffs-ID?“.',
      ]);
      for (const id of ids) expect(replies[0]!.all).to.not.contain(id);
    }
    // A colleague's "can I activate?" there: said once, not "already active" twice.
    const check = await bot.say(ben, 'can I activate?', opts);
    expect(check.map((r) => r.text)).to.deep.equal([
      'The benefits of Contoso Cloud Services are already active, so there is nothing left to activate. I show the Access ID and Contract ID only in a personal chat with me: ask me "what is our access id?" there.',
    ]);
  });

  it('a colleague pressing the admin\'s confirmation button in a group chat is refused', async () => {
    const opts = { conversationType: 'groupChat' as const, conversationId: '19:group@thread.v2' };
    await bot.afterHello(ana, 'activate', opts);
    const [reply] = await bot.say(ben, CONFIRM, opts);
    expect(reply!.all).to.contain('Only a Global admin or an MPN partner admin can activate');
    expect(await contosoBenefits()).to.deep.equal([]);
  });

  it('a user without a role at a fully activated organization gets the existing IDs, not a refusal (F12)', async () => {
    const [reply] = await bot.afterHello(dario, 'activate');
    expect(reply!.cardTexts[0]).to.equal('The benefits of Woodgrove Software are already active');
    expect(reply!.cardTexts).to.include('7001234');
  });
});

describe('dialogs/activationDialog: review cases', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());
  const benefitsOf = async (tenant: string) => (await bot.organization(tenant)).benefits;

  it('"can I activate?" at an active organization: nothing left to activate, and the IDs, whatever the role (F12)', async () => {
    const [said, ids] = await bot.afterHello(dario, 'can I activate?');
    expect(said!.text).to.equal('The benefits of Woodgrove Software are already active, so nobody needs to activate them. Every user of Woodgrove Software may use the IDs:');
    expect(ids!.cardTexts[0]).to.equal('The benefits of Woodgrove Software are already active');
    expect(ids!.all).to.contain('a1b2c3d4-0000-4000-8000-000000000001').and.not.contain('Yes, you can activate');
    const [de, idsDe] = await bot.say(dario, 'darf ich aktivieren?', { locale: 'de-DE' });
    expect(de!.text).to.contain('Die Vorteile von Woodgrove Software sind bereits aktiviert');
    expect(idsDe!.all).to.contain('7001234');
  });

  it("after the admin activated, a colleague's \"can I activate?\" gets the new IDs, not \"ask Ana\"", async () => {
    await bot.afterHello(ana, 'activate our benefits');
    const [done] = await bot.press(ana, 'Activate');
    const accessId = done!.cardTexts[done!.cardTexts.indexOf('Access ID') + 1]!;
    const [said, ids] = await bot.afterHello(ben, 'can I activate?');
    expect(said!.text).to.contain('already active');
    expect(ids!.all).to.contain(accessId).and.not.contain('Ask one of the people below');
  });

  it('"can I activate?" for a CSP-only admin is a no with the F10 reason', async () => {
    const [reply] = await bot.afterHello(cleo, 'can I activate?');
    expect(reply!.all).to.contain('You are not authorized to perform this action');
  });

  for (const answer of ['Activate', 'yes, activate', 'ja, aktivieren']) {
    it(`typing "${answer}" at the confirmation activates instead of asking again`, async () => {
      await bot.afterHello(ana, 'activate our benefits');
      const [done] = await bot.say(ana, answer);
      expect(done!.cardTexts[0]).to.match(/^(Done: the benefits|Erledigt: Die Vorteile) /);
      expect(await benefitsOf(DEMO_TENANTS.contoso)).to.have.length(2);
    });
  }

  it('in a group chat, a colleague\'s message neither answers nor ends the admin\'s waiting confirmation', async () => {
    const group = { conversationType: 'groupChat' as const, conversationId: '19:shared@thread.v2' };
    await bot.afterHello(ana, 'activate', group);
    const [benHello] = await bot.say(ben, 'hello', group);
    expect(benHello!.cardTexts[0]).to.equal('Hi, I help you use your partner technical-support benefits');
    const [benYes] = await bot.say(ben, 'yes', group);
    expect(benYes!.all).to.contain('Sorry, I did not understand that');
    expect(await benefitsOf(DEMO_TENANTS.contoso)).to.deep.equal([]);
    const [done] = await bot.say(ana, 'yes', group);
    expect(done!.text).to.contain('Done: the benefits of Contoso Cloud Services are active');
    expect(done!.activity.textFormat).to.equal('plain');
  });

  it('a stale card (shown on another day) does not activate; it shows what applies now', async () => {
    const stale = { value: { action: 'activation.confirm', start: '2026-11-23', kinds: ['ProductSupport', 'SignatureCloudSupport'] } };
    const [changed, confirm] = await bot.afterHello(ana, stale);
    expect(changed!.text).to.contain('has changed since that card was shown');
    expect(confirm!.cardTexts[0]).to.equal('Activate the support benefits of Contoso Cloud Services?');
    expect(await benefitsOf(DEMO_TENANTS.contoso)).to.deep.equal([]);
  });

  it('a confirmation that does not say what it showed gets the confirmation card first', async () => {
    const [confirm] = await bot.afterHello(ana, { value: { action: 'activation.confirm' } });
    expect(confirm!.cardTexts[0]).to.equal('Activate the support benefits of Contoso Cloud Services?');
    expect(await benefitsOf(DEMO_TENANTS.contoso)).to.deep.equal([]);
  });

  it('the confirmation button carries what the card showed', async () => {
    const [confirm] = await bot.afterHello(ana, 'activate');
    expect(confirm!.buttons[0]!.data).to.deep.equal({
      action: 'activation.confirm',
      start: TEST_TODAY,
      kinds: ['ProductSupport', 'SignatureCloudSupport'],
    });
  });

  it('refusals in a shared conversation name the admins without their e-mail addresses', async () => {
    const [shared] = await bot.afterHello(ben, 'activate', { conversationType: 'channel', conversationId: '19:general@thread.tacv2' });
    expect(shared!.all).to.contain('Ana Admin').and.not.contain('ana@contoso.example');
    const personal = (await bot.say(ben, 'activate')).at(-1);
    expect(personal!.all).to.contain('ana@contoso.example');
  });

  it('a double click from two conversations (personal chat and group chat) still activates once', async () => {
    await bot.afterHello(ana, 'activate');
    const group = { conversationType: 'groupChat' as const, conversationId: '19:other@thread.v2' };
    await bot.say(ana, 'hello', group);
    const value = { value: { action: 'activation.confirm', start: TEST_TODAY, kinds: ['ProductSupport', 'SignatureCloudSupport'] } };
    await bot.sendConcurrently([bot.message(ana, value), bot.message(ana, value, group)]);
    expect(await benefitsOf(DEMO_TENANTS.contoso)).to.have.length(2);
  });
});

describe('dialogs: portal errors pasted as text jump to the right flow (F10, F11)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  it('"You are not authorized to perform this action" from a CSP-only account: the F10 explanation and the check', async () => {
    const [why, check] = await bot.afterHello(cleo, 'Partner Center says: You are not authorized to perform this action.');
    expect(why!.text).to.contain('usually means the account is associated only with CSP');
    expect(check!.all).to.contain('Sign in with an account that is associated with MPN');
  });

  it('"Es sieht so aus, als ob Sie noch keine Vorteile haben" for a lapsed membership: F11 in German', async () => {
    await bot.say(nils, 'hallo', { locale: 'de-DE' });
    const [why, check] = await bot.say(nils, 'es sieht so aus als ob sie noch keine vorteile haben', { locale: 'de-DE' });
    expect(why!.text).to.contain('kein aktives Mitgliedschaftsangebot hat oder wenn Sie mit einem anderen Konto');
    expect(check!.all).to.contain('Kontobild oben rechts');
  });

  it('"It looks like you don\'t have any benefits yet" from an active organization: the wrong account is signed in (F11)', async () => {
    const replies = await bot.afterHello(ana, "It looks like you don't have any benefits yet");
    expect(replies).to.have.length(1);
    expect(replies[0]!.text).to.contain('Switch accounts (account picture, top right)');
  });
});
