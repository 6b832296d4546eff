/**
 * Teams Universal Actions on the activation card: `Action.Execute` buttons (with an `Action.Submit`
 * fallback), a refresh that shows each viewer the card as it is for them, and the pressed card
 * replaced in place so no stale button stays behind (F9, F12, F25).
 */
import { expect } from 'chai';
import { cardActions, cardTexts } from '../../src/cards/cardText.js';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, ben, ema, stranger } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type Reply, type TestBot } from '../support/testBot.js';

const GROUP = { conversationType: 'groupChat' as const, conversationId: '19:contoso-group@thread.v2' };

type Card = { refresh?: { action?: { type?: string; verb?: string } }; actions?: unknown[] };

describe('bot: Universal Actions on the activation card (F9, F12, F25)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  const contosoActive = async () =>
    ((await bot.organization(DEMO_TENANTS.contoso)).benefits ?? []).some((b) => b.accessId);

  async function confirmationCard(): Promise<Omit<Card, 'actions'> & { actions: { type: string; verb?: string; data?: unknown; fallback?: { type: string } }[] }> {
    const [card] = await bot.afterHello(ana, 'activate our benefits', GROUP);
    return card!.activity.attachments![0]!.content as never;
  }

  it('the confirmation card uses Action.Execute with an Action.Submit fallback, and asks to be refreshed', async () => {
    const card = await confirmationCard();
    expect(card.refresh?.action).to.include({ type: 'Action.Execute', verb: 'activation.refresh' });
    expect(card.actions.map((a) => [a.type, a.verb, a.fallback?.type])).to.deep.equal([
      ['Action.Execute', 'activation.confirm', 'Action.Submit'],
      ['Action.Execute', 'activation.cancel', 'Action.Submit'],
    ]);
    // What a person sees: two buttons, not the fallback twins or the refresh action.
    expect(cardActions(card).map((a) => a.title)).to.deep.equal(['Activate', 'Not now']);
  });

  it('refresh: an admin sees the buttons; a colleague sees why not and whom to ask (F9)', async () => {
    await confirmationCard();
    const forAna = await bot.execute(ana, 'activation.refresh', {}, GROUP);
    expect(forAna.response.status).to.equal(200);
    expect(forAna.response.body.type).to.equal('application/vnd.microsoft.card.adaptive');
    expect(forAna.replies).to.deep.equal([]);
    expect(cardActions(forAna.response.body.value).map((a) => a.title)).to.deep.equal(['Activate', 'Not now']);

    const forBen = await bot.execute(ben, 'activation.refresh', {}, GROUP);
    const benTexts = cardTexts(forBen.response.body.value).join('\n');
    expect(benTexts).to.contain('Only a Global admin or an MPN partner admin can activate');
    expect(benTexts).to.contain('Ana Admin');
    expect(cardActions(forBen.response.body.value).map((a) => a.title)).to.not.include('Activate');
    // Ben's view keeps refreshing, so it turns into the done card once Ana activates.
    expect((forBen.response.body.value as Card).refresh?.action?.verb).to.equal('activation.refresh');
    expect(await contosoActive()).to.equal(false);
  });

  it('pressing Activate activates, says so in the chat without IDs, and replaces the card with one without buttons (F12)', async () => {
    const card = await confirmationCard();
    const yes = card.actions[0]!;
    const pressed = await bot.execute(ana, 'activation.confirm', yes.data as Record<string, unknown>, GROUP);
    expect(pressed.response.status).to.equal(200);
    expect(await contosoActive()).to.equal(true);
    const chat = pressed.replies.map((r) => r.all).join('\n');
    expect(chat).to.contain('Contoso Cloud Services');
    expect(chat).to.not.match(/Access ID\s+[0-9a-f]{8}-/);
    const updated = pressed.response.body.value;
    expect(cardTexts(updated)).to.include('The benefits of Contoso Cloud Services are active');
    expect(cardTexts(updated).join('\n')).to.contain('Activated by Ana Admin on Nov 24, 2026.');
    expect(cardActions(updated).map((a) => a.title)).to.deep.equal(['Our Access ID and Contract ID']);
    expect((updated as Card).refresh).to.equal(undefined);

    // Everyone else's view of the card is the same done card now.
    const forBen = await bot.execute(ben, 'activation.refresh', {}, GROUP);
    expect(cardActions(forBen.response.body.value).map((a) => a.title)).to.deep.equal(['Our Access ID and Contract ID']);
  });

  it('Activate updates the posted card itself for everyone; a refresh or a refused press updates nothing (F12)', async () => {
    const [posted] = await bot.afterHello(ana, 'activate our benefits', GROUP);
    const onCard = { ...GROUP, replyToId: posted!.activity.id! };
    const activate = posted!.buttons.find((b) => b.title === 'Activate')!.data as Record<string, unknown>;
    await bot.execute(ben, 'activation.refresh', {}, onCard);
    await bot.execute(ana, 'activation.refresh', {}, onCard);
    const refused = await bot.execute(ben, 'activation.confirm', activate, onCard);
    expect(refused.replies.map((r) => r.all).join('\n')).to.contain('Only a Global admin or an MPN partner admin can activate');
    expect(bot.updated, 'before Ana presses Activate').to.deep.equal([]);

    const pressed = await bot.execute(ana, 'activation.confirm', activate, onCard);
    expect(await contosoActive()).to.equal(true);
    expect(bot.updated.map((u) => u.id)).to.deep.equal([posted!.activity.id]);
    const done = bot.updated[0]!.attachments![0]!.content;
    expect(cardTexts(done)).to.include('The benefits of Contoso Cloud Services are active');
    expect(cardActions(done).map((a) => a.title)).to.deep.equal(['Our Access ID and Contract ID']);
    expect(done, 'the card Ana sees').to.deep.equal(pressed.response.body.value);

    // A refresh after it answers with the done card, and leaves the posted one alone.
    const forBen = await bot.execute(ben, 'activation.refresh', {}, onCard);
    expect(cardActions(forBen.response.body.value).map((a) => a.title)).to.deep.equal(['Our Access ID and Contract ID']);
    expect(bot.updated).to.have.length(1);
  });

  it('in German, the refreshed card is German', async () => {
    await bot.afterHello(ana, 'aktiviere die Supportvorteile', { ...GROUP, locale: 'de-DE' });
    const forBen = await bot.execute(ben, 'activation.refresh', {}, { ...GROUP, locale: 'de-DE' });
    const texts = cardTexts(forBen.response.body.value).join('\n');
    expect(texts).to.contain('Nur ein Globaler Administrator oder ein MPN-Partneradministrator');
  });

  it('a colleague pressing a forged Activate is refused on the server; nothing is activated (F9)', async () => {
    const card = await confirmationCard();
    const forged = await bot.execute(ben, 'activation.confirm', card.actions[0]!.data as Record<string, unknown>, GROUP);
    expect(forged.replies.map((r) => r.all).join('\n')).to.contain('Only a Global admin or an MPN partner admin can activate');
    expect(cardActions(forged.response.body.value).map((a) => a.title)).to.not.include('Activate');
    expect(await contosoActive()).to.equal(false);
  });

  it('"Not now" cancels and leaves the card usable for the admin', async () => {
    const card = await confirmationCard();
    const cancelled = await bot.execute(ana, 'activation.cancel', card.actions[1]!.data as Record<string, unknown>, GROUP);
    expect(cancelled.replies.map((r) => r.text)).to.include('Okay, nothing was activated.');
    expect(cardActions(cancelled.response.body.value).map((a) => a.title)).to.deep.equal(['Activate', 'Not now']);
    expect(await contosoActive()).to.equal(false);
  });

  it('a stranger refreshing sees only that their organization is unknown', async () => {
    const res = await bot.execute(stranger, 'activation.refresh', {}, GROUP);
    expect(cardTexts(res.response.body.value).join('\n')).to.contain('Your organization is not in my partner directory');
  });

  it('a verb the activation card does not use gets 400 and changes nothing', async () => {
    const res = await bot.execute(ana, 'balance', {}, GROUP);
    expect(res.response.status).to.equal(400);
    expect(JSON.stringify(res.response.body)).to.contain('The verb \\"balance\\" is not supported.');
    expect(res.replies).to.deep.equal([]);
  });

  it('an invoke without an action gets 400, not a crash', async () => {
    const replies = await bot.send({ ...bot.message(ana, ''), type: 'invoke', name: 'adaptiveCard/action', value: {} });
    const response = replies.find((r) => r.activity.type === 'invokeResponse')!.activity.value as { status: number };
    expect(response.status).to.equal(400);
  });
});

/**
 * What a user notices now that a press of the activation card is carried out by the flow's
 * registration (no invoke rewritten into a message): the same replies as the dialog, once, checked
 * on the server, and no confirmation left waiting behind the card.
 */
describe('bot: Action.Execute on the activation card, carried out by the activation flow (F9, F12, F25)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  const benefitsOf = async (tenantId: string) => (await bot.organization(tenantId)).benefits;
  const activationsLogged = async () => (await bot.stores.audit.list()).filter((e) => e.action === 'activation');
  /** The data of the confirmation card's "Activate" button, as the bot posted it. */
  const activateData = (reply: Reply | undefined) => reply!.buttons.find((b) => b.title === 'Activate')!.data as Record<string, unknown>;
  const seen = (replies: Reply[], response?: unknown) => replies.map((r) => r.all).join('\n') + JSON.stringify(response ?? '');

  it('in a personal chat, Activate activates once and shows the IDs; a second press shows the same IDs', async () => {
    const [confirm] = await bot.afterHello(ana, 'activate our benefits');
    const pressed = await bot.execute(ana, 'activation.confirm', activateData(confirm));
    const stored = await benefitsOf(DEMO_TENANTS.contoso);
    expect(stored.map((b) => b.kind)).to.deep.equal(['ProductSupport', 'SignatureCloudSupport']);
    expect(pressed.replies).to.have.length(1);
    const [ids] = pressed.replies;
    expect(ids!.cardTexts[0]).to.equal('Done: the benefits of Contoso Cloud Services are active');
    for (const b of stored) expect(ids!.cardTexts).to.include(b.accessId).and.include(b.contractId);
    expect(cardTexts(pressed.response.body.value)).to.include('The benefits of Contoso Cloud Services are active');

    // A second press (another invoke: a double click, or the card pressed again later).
    const again = await bot.execute(ana, 'activation.confirm', activateData(confirm));
    expect(await benefitsOf(DEMO_TENANTS.contoso)).to.deep.equal(stored);
    expect(again.replies[0]!.cardTexts[0]).to.equal('The benefits of Contoso Cloud Services are already active');
    for (const b of stored) expect(again.replies[0]!.cardTexts).to.include(b.accessId);
    expect(await activationsLogged()).to.have.length(1);
  });

  it('in a group chat, Activate says it is done and where to ask for the IDs, and shows no ID anywhere', async () => {
    const [confirm] = await bot.afterHello(ana, 'activate our benefits', GROUP);
    const pressed = await bot.execute(ana, 'activation.confirm', activateData(confirm), GROUP);
    const stored = await benefitsOf(DEMO_TENANTS.contoso);
    expect(stored).to.have.length(2);
    expect(pressed.replies.map((r) => r.text)).to.deep.equal([
      'Done: the benefits of Contoso Cloud Services are active. I do not post the IDs into a shared conversation; ask me "what is our access id?" in a personal chat.',
    ]);
    const everything = seen(pressed.replies, pressed.response);
    for (const b of stored) expect(everything).to.not.contain(b.accessId).and.not.contain(b.contractId);
    // In her personal chat she gets them.
    const [ids] = await bot.afterHello(ana, 'what is our access id?');
    for (const b of stored) expect(ids!.cardTexts).to.include(b.accessId);
  });

  it("a colleague without an admin role pressing Activate is refused, nothing is activated, and the admin's confirmation still waits", async () => {
    const [confirm] = await bot.afterHello(ana, 'activate our benefits', GROUP);
    const pressed = await bot.execute(ben, 'activation.confirm', activateData(confirm), GROUP);
    expect(pressed.replies).to.have.length(1);
    expect(pressed.replies[0]!.all).to.contain('Only a Global admin or an MPN partner admin can activate').and.contain('Ana Admin');
    expect(cardActions(pressed.response.body.value).map((a) => a.title)).to.not.include('Activate');
    expect(await benefitsOf(DEMO_TENANTS.contoso)).to.deep.equal([]);
    expect(await activationsLogged()).to.deep.equal([]);
    // Ben's press answered nothing of Ana's: her "yes" still confirms.
    const [done] = await bot.say(ana, 'yes', GROUP);
    expect(done!.text).to.contain('Done: the benefits of Contoso Cloud Services are active');
  });

  it('after Activate on the card, a typed "yes" meets no confirmation left waiting', async () => {
    const [confirm] = await bot.afterHello(ana, 'activate our benefits');
    await bot.execute(ana, 'activation.confirm', activateData(confirm));
    const stored = await benefitsOf(DEMO_TENANTS.contoso);
    const [yes, ...more] = await bot.say(ana, 'yes');
    expect(more).to.deep.equal([]);
    expect(yes!.all).to.contain('Sorry, I did not understand that').and.not.contain('already active');
    expect(await benefitsOf(DEMO_TENANTS.contoso)).to.deep.equal(stored);
    expect(await activationsLogged()).to.have.length(1);
  });

  it('after "Not now" on the card, a typed "yes" activates nothing', async () => {
    const [confirm] = await bot.afterHello(ana, 'activate our benefits', GROUP);
    const notNow = confirm!.buttons.find((b) => b.title === 'Not now')!.data as Record<string, unknown>;
    const cancelled = await bot.execute(ana, 'activation.cancel', notNow, GROUP);
    expect(cancelled.replies.map((r) => r.text)).to.deep.equal(['Okay, nothing was activated.']);
    const [yes] = await bot.say(ana, 'yes', GROUP);
    expect(yes!.all).to.contain('Sorry, I did not understand that');
    expect(await benefitsOf(DEMO_TENANTS.contoso)).to.deep.equal([]);
  });

  it('a card shown on another day activates nothing; it says so and asks again, and "yes" then confirms what applies now', async () => {
    await bot.afterHello(ana, 'activate our benefits');
    const stale = { action: 'activation.confirm', start: '2026-11-23', kinds: ['ProductSupport', 'SignatureCloudSupport'] };
    const pressed = await bot.execute(ana, 'activation.confirm', stale);
    expect(pressed.replies[0]!.text).to.contain('has changed since that card was shown');
    expect(pressed.replies[1]!.cardTexts[0]).to.equal('Activate the support benefits of Contoso Cloud Services?');
    expect(pressed.replies[1]!.buttons[0]!.data).to.include({ start: TEST_TODAY });
    expect(pressed.replies).to.have.length(2);
    // The pressed card turns into the confirmation of today, too.
    expect(cardActions(pressed.response.body.value).map((a) => a.data)).to.deep.include({
      action: 'activation.confirm',
      start: TEST_TODAY,
      kinds: ['ProductSupport', 'SignatureCloudSupport'],
    });
    expect(await benefitsOf(DEMO_TENANTS.contoso)).to.deep.equal([]);
    const [done] = await bot.say(ana, 'yes');
    expect(done!.cardTexts[0]).to.equal('Done: the benefits of Contoso Cloud Services are active');
    expect((await benefitsOf(DEMO_TENANTS.contoso)).map((b) => b.start)).to.deep.equal([TEST_TODAY, TEST_TODAY]);
  });

  it("forged invoke data (another organization's card, its tenant and admin named in it) changes nothing", async () => {
    // Fourth Coffee's card (Action Pack: Product Support only), pressed by Contoso's admin.
    const [fourthCoffeeCard] = await bot.afterHello(ema, 'activate our benefits');
    const theirs = { ...activateData(fourthCoffeeCard), tenantId: DEMO_TENANTS.fourthCoffee, aadObjectId: ema.aadObjectId };
    const byAna = await bot.execute(ana, 'activation.confirm', theirs, GROUP);
    expect(byAna.replies[0]!.text).to.contain('has changed since that card was shown');
    expect(seen(byAna.replies, byAna.response)).to.contain('Contoso Cloud Services').and.not.contain('Fourth Coffee');
    // Contoso's card, naming Contoso and its admin, pressed by Fourth Coffee's admin.
    const [contosoCard] = await bot.afterHello(ana, 'activate our benefits');
    const contoso = { ...activateData(contosoCard), tenantId: DEMO_TENANTS.contoso, aadObjectId: ana.aadObjectId };
    const byEma = await bot.execute(ema, 'activation.confirm', contoso);
    expect(seen(byEma.replies, byEma.response)).to.contain('Fourth Coffee IT').and.not.contain('Contoso');
    // A colleague naming the admin in the data is still the colleague.
    const byBen = await bot.execute(ben, 'activation.confirm', contoso, GROUP);
    expect(byBen.replies[0]!.all).to.contain('Only a Global admin or an MPN partner admin can activate');
    // A press that does not say what its card showed confirms nothing either: it asks.
    const bare = await bot.execute(ana, 'activation.confirm', { action: 'activation.confirm' }, GROUP);
    expect(bare.replies.map((r) => r.cardTexts[0])).to.deep.equal(['Activate the support benefits of Contoso Cloud Services?']);

    expect(await benefitsOf(DEMO_TENANTS.contoso)).to.deep.equal([]);
    expect(await benefitsOf(DEMO_TENANTS.fourthCoffee)).to.deep.equal([]);
    expect(await activationsLogged()).to.deep.equal([]);
  });
});
