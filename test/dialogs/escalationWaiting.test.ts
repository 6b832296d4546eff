/**
 * Issue 14: "talk to a person" before any helpdesk conversation exists. The request is kept as a
 * case (open, unassigned, waiting for delivery), the partner is told the truth, and every waiting
 * case's card reaches the helpdesk conversation once an agent sets one: once each, also when two
 * bot instances deliver at the same time or a post fails and is tried again.
 */
import { expect } from 'chai';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { cardTexts } from '../../src/cards/cardText.js';
import { dario, ema, hal } from '../support/demoPeople.js';
import { fixedClock } from '../../src/clock.js';
import { DELIVERY_CLAIM_MS } from '../../src/services/caseService.js';
import { createTestBot, createTestInstances, TEST_TODAY, type TestBot } from '../support/testBot.js';

const CHANNEL = '19:helpdesk@thread.tacv2';
const thread = (n: number) => ({ conversationType: 'channel' as const, conversationId: `${CHANNEL};messageid=${n}` });

/** The case ids of the case cards posted into the helpdesk channel, in order. */
function postedCases(bot: Pick<TestBot, 'messenger'>): string[] {
  return bot.messenger.sent
    .filter((m) => m.conversationId === CHANNEL && m.activity.attachments?.length)
    .map((m) => /^Case (C-\d+)/.exec(cardTexts(m.activity.attachments![0]!.content)[0] ?? '')?.[1] ?? '?');
}

async function escalate(bot: TestBot, who = dario, line = 'Azure keeps refusing our Access ID', locale = 'en-US'): Promise<string> {
  await bot.say(who, 'talk to a person', { locale });
  const [reply] = await bot.say(who, line, { locale });
  return reply!.text ?? '';
}

describe('dialogs/escalationDialog: a request before the helpdesk is set up is kept and delivered (issue 14)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  it('with no helpdesk conversation: the case is stored, open and unassigned, and the partner hears the truth (en, de)', async () => {
    const en = await escalate(bot);
    expect(en).to.equal(
      'I saved your request as case C-000001. The helpdesk has not set up its conversation with me yet; your case reaches the helpdesk as soon as it is set up, and you will hear from them in your personal chat with me. If it is urgent, you can also open a support request yourself: on-premises products in Support for Business, cloud products in the Azure portal under Help + support.',
    );
    expect(en).to.not.contain('operator has been told');
    const de = await escalate(bot, ema, 'Die Zugriffs-ID wird in Azure abgelehnt', 'de-DE');
    expect(de).to.match(/^Ich habe Ihre Anfrage als Fall C-000002 gespeichert\. Das Helpdesk-Team hat seine Unterhaltung mit mir noch nicht eingerichtet; Ihr Fall erreicht es, sobald das geschehen ist/);
    const stored = (await bot.stores.cases.get('C-000001'))!.value;
    expect(stored).to.deep.include({ origin: 'escalation', status: 'open', partnerId: '4711002', summary: 'Azure keeps refusing our Access ID' });
    expect(stored.assignee).to.equal(undefined);
    expect(stored.card, 'not delivered yet').to.equal(undefined);
    expect(bot.messenger.sent).to.deep.equal([]);
  });

  it('"set helpdesk channel" posts every waiting case card there, oldest first, exactly once', async () => {
    await escalate(bot);
    await escalate(bot, ema, 'We cannot see our incidents');
    const [set] = await bot.afterHello(hal, 'set helpdesk channel', thread(1));
    expect(set!.text).to.equal('This conversation now receives escalations from partners.');
    expect(postedCases(bot)).to.deep.equal(['C-000001', 'C-000002']);
    const first = bot.messenger.sent.find((m) => m.conversationId === CHANNEL)!;
    expect(cardTexts(first.activity.attachments![0]!.content)).to.include.members(['Woodgrove Software (4711002)', 'Dario Entwickler', 'Azure keeps refusing our Access ID', 'Assign to me']);
    expect((await bot.stores.cases.get('C-000001'))!.value.card).to.deep.equal({ conversationId: `${CHANNEL};messageid=1`, activityId: first.id });

    // Set again (another thread), and a later escalation: nothing posted twice.
    await bot.say(hal, 'set helpdesk channel', thread(2));
    expect(postedCases(bot)).to.deep.equal(['C-000001', 'C-000002']);
    expect(await escalate(bot, dario, 'One more thing')).to.match(/^I passed this to the helpdesk as case C-000003\./);
    expect(postedCases(bot)).to.deep.equal(['C-000001', 'C-000002', 'C-000003']);
  });

  it('the same "set helpdesk channel" delivered twice by Teams posts the waiting cards once', async () => {
    await escalate(bot);
    await bot.say(hal, 'hi', thread(1));
    const activity = bot.message(hal, 'set helpdesk channel', { ...thread(1), id: 'redelivered-1' });
    await bot.send(activity);
    await bot.send(activity);
    expect(postedCases(bot)).to.deep.equal(['C-000001']);
  });

  it('a card whose post failed goes to the helpdesk when an agent next takes a case', async () => {
    await bot.afterHello(hal, 'set helpdesk channel', thread(1));
    await escalate(bot);
    const send = bot.messenger.send.bind(bot.messenger);
    bot.messenger.send = async () => {
      throw new Error('the connector is down');
    };
    expect(await escalate(bot, ema, 'Our balance looks wrong')).to.match(/^I saved your request as case C-000002, but I could not reach the helpdesk just now/);
    bot.messenger.send = send;
    expect(postedCases(bot)).to.deep.equal(['C-000001']);
    const [assigned] = await bot.say(hal, { value: { action: 'case.assign', caseId: 'C-000001' } }, thread(1));
    expect(assigned!.text).to.equal('Case C-000001 is assigned to you.');
    expect(postedCases(bot)).to.deep.equal(['C-000001', 'C-000002']);
  });

  it('a post that fails leaves the case waiting, the partner is told so, and the next delivery posts it once', async () => {
    await bot.afterHello(hal, 'set helpdesk channel', thread(1));
    const send = bot.messenger.send.bind(bot.messenger);
    bot.messenger.send = async () => {
      throw new Error('the connector is down');
    };
    const told = await escalate(bot);
    expect(told).to.equal('I saved your request as case C-000001, but I could not reach the helpdesk just now. I pass it on as soon as I can; you will hear from them in your personal chat with me.');
    const waiting = (await bot.stores.cases.get('C-000001'))!.value;
    expect(waiting.card).to.equal(undefined);
    expect(waiting.delivery, 'the failed claim was given back').to.equal(undefined);
    bot.messenger.send = send;
    expect(await escalate(bot, ema, 'Our balance looks wrong')).to.match(/^I passed this to the helpdesk as case C-000002\./);
    expect(postedCases(bot)).to.deep.equal(['C-000001', 'C-000002']);
  });
  it('a delivery claim left by an instance that died is taken over after a minute; a younger one is left to its instance', async () => {
    await escalate(bot);
    await escalate(bot, ema, 'Our balance looks wrong');
    const claim = async (id: string, agoMs: number) => {
      const stored = (await bot.stores.cases.get(id))!;
      await bot.stores.cases.save({ ...stored.value, delivery: { claimedAt: new Date(fixedClock(TEST_TODAY).now().getTime() - agoMs).toISOString() } }, stored.etag);
    };
    await claim('C-000001', DELIVERY_CLAIM_MS + 1_000);
    await claim('C-000002', 10_000);
    await bot.afterHello(hal, 'set helpdesk channel', thread(1));
    expect(postedCases(bot)).to.deep.equal(['C-000001']);
    expect((await bot.stores.cases.get('C-000002'))!.value.card, 'still being posted by the other instance').to.equal(undefined);
  });
});

describe('dialogs/escalationDialog: waiting cases with two bot instances on one store (issue 14)', () => {
  it('two instances that both deliver at once post each waiting case once', async () => {
    const { instances, close } = await createTestInstances(demoDirectory(TEST_TODAY), { backend: 'memory' });
    try {
      const [a, b] = instances as [TestBot, TestBot];
      for (const [i, who] of [dario, ema, dario, ema].entries()) {
        await a.say(who, 'talk to a person', { id: `ask-${i}` });
        await a.say(who, `Problem number ${i + 1}`, { id: `line-${i}` });
      }
      await a.say(hal, 'hi', thread(1));
      await b.say(hal, 'hi', thread(2));
      // An agent sets the channel in one thread while another agent's same command reaches the other instance.
      await Promise.all([a.say(hal, 'set helpdesk channel', { ...thread(1), id: 'set-a' }), b.say(hal, 'set helpdesk channel', { ...thread(2), id: 'set-b' })]);
      const posted = [...postedCases(a), ...postedCases(b)].sort();
      expect(posted).to.deep.equal(['C-000001', 'C-000002', 'C-000003', 'C-000004']);
      for (const id of posted) expect((await a.stores.cases.get(id))!.value.card, id).to.not.equal(undefined);
    } finally {
      await close();
    }
  });
});
