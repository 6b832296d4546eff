/**
 * Teams Universal Actions on the activation card: `Action.Execute` buttons (with an `Action.Submit`
 * fallback), a refresh that shows each viewer the card as it is for them, and the pressed card
 * replaced in place so no stale button stays behind (F9, F12, F25).
 */
import { expect } from 'chai';
import { cardActions, cardTexts } from '../../src/cards/cardText.js';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, ben, stranger } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type TestBot } from '../support/testBot.js';

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
