/**
 * Two bot instances behind a load balancer, sharing one run-time store (the in-memory twin and lmdb),
 * as a user notices them: turns of one conversation reach both at once. The interleavings are forced
 * by holding one turn's state write until the other turn has finished (no timers).
 */
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { demoDirectory, DEMO_TENANTS } from '../../src/demo/demoDirectory.js';
import { t } from '../../src/i18n/index.js';
import { ana, dario, hal, wanda } from '../support/demoPeople.js';
import { HeldWrites } from '../support/heldWrites.js';
import { createTestInstances, TEST_TODAY, type Reply, type TestBot, type TestInstances, type Who } from '../support/testBot.js';

const WELCOME = 'Hi, I help you use your partner technical-support benefits';
const HELPDESK = { conversationType: 'channel' as const, conversationId: '19:helpdesk@thread.tacv2' };
const conversationKey = (conversationId: string) => `msteams/conversations/${conversationId}/`;
const personalKey = (who: Who) => `msteams/conversations/a:${who.aadObjectId}/users/29:${who.aadObjectId}/`;
const texts = (replies: Reply[]) => replies.map((r) => r.text ?? r.cardTexts[0]);
const welcomes = (replies: Reply[]) => replies.filter((r) => r.cardTexts[0] === WELCOME).length;

for (const backend of ['memory', 'lmdb'] as const) {
  describe(`bot: two bot instances on one ${backend === 'memory' ? 'in-memory' : 'lmdb'} store (issue 12)`, () => {
    let held: HeldWrites;
    let shared: TestInstances;
    let one: TestBot;
    let two: TestBot;
    beforeEach(async () => {
      held = new HeldWrites(['state', 'ledgers', 'settings']);
      shared = await createTestInstances(demoDirectory(TEST_TODAY), { backend, wrap: (b) => held.wrap(b) });
      [one, two] = shared.instances as [TestBot, TestBot];
    });
    afterEach(() => shared.close());

    /** Runs `first` until its write to `key` reaches the store, runs `second` to its end, then lets `first` finish. */
    async function interleave(key: string, first: () => Promise<Reply[]>, second: () => Promise<Reply[]>, op?: string) {
      const hold = held.hold((w) => w.partition === key && (op === undefined || w.op === op));
      const firstDone = first();
      await hold.reached;
      const secondReplies = await second();
      hold.release();
      return { first: await firstDone, second: secondReplies };
    }

    const woodgroveProduct = async () => (await one.organization(dario.tenantId!)).benefits.find((b) => b.kind === 'ProductSupport')!;

    it('turns of one conversation that alternate between the instances carry the flow on: each reads what the other wrote', async () => {
      await one.say(dario, 'hi');
      const [confirm] = await two.say(dario, 'we used an incident on product support, case 2611230040001234');
      expect(confirm!.cardTexts[0]).to.equal('Record a used incident?');
      const [done, ...rest] = await one.press(dario, 'yes');
      expect(done!.text).to.equal('Recorded: case 2611230040001234 on Microsoft Product Support (on-premises). 10 incidents left.');
      expect(rest).to.deep.equal([]);
      expect(held.log.filter((w) => w.outcome === 'refused')).to.deep.equal([]);
    });

    it('"yes" to an incident on one instance while "talk to a person" runs on the other: the incident is recorded, the question kept, and the user told', async () => {
      await one.afterHello(hal, 'set helpdesk channel', HELPDESK);
      await one.afterHello(dario, 'we used an incident on product support, case 2611230040001234');
      // The confirmation's turn has recorded the incident and answered when the other turn starts,
      // reads the same dialog stack (the confirmation waiting) and stores its own question first.
      const { first: confirmed, second: asked } = await interleave(
        personalKey(dario),
        () => one.press(dario, 'yes'),
        () => two.say(dario, 'talk to a person'),
      );
      expect(texts(asked)).to.have.length(1);
      expect(asked[0]!.text).to.contain('In one line: what do you need help with?');
      expect(texts(confirmed)).to.deep.equal([
        'Recorded: case 2611230040001234 on Microsoft Product Support (on-premises). 10 incidents left.',
        t('en', 'state.crossed'),
      ]);
      expect(held.writesTo(personalKey(dario)).slice(-2).map((w) => w.outcome), 'the stale write was refused, not applied').to.deep.equal(['written', 'refused']);

      const product = await woodgroveProduct();
      expect(product.cases!.map((c) => c.caseRef)).to.deep.equal(['2611230040001234']);
      // The question the other instance asked still waits, whichever instance gets the answer.
      const [created] = await one.say(dario, 'Azure says the Access ID is already associated and I am stuck');
      expect(created!.text).to.equal('I passed this to the helpdesk as case C-000001. You will hear from them in your personal chat with me.');
    });

    it('the other way round, in German: the question\'s turn loses, says so in German, and asking again works; the incident counts once', async () => {
      const de = { locale: 'de-DE' };
      await one.afterHello(hal, 'set helpdesk channel', HELPDESK);
      await one.afterHello(dario, 'Incident erfassen', de);
      await two.say(dario, 'lokal', de);
      const [confirm] = await one.say(dario, '2611230040009999', de);
      expect(confirm!.cardTexts[0]).to.equal('Verbrauchten Incident erfassen?');
      const { first: asked, second: confirmed } = await interleave(
        personalKey(dario),
        () => two.say(dario, 'ich brauche Hilfe von einem Menschen', de),
        () => one.press(dario, 'yes', de),
      );
      expect(texts(confirmed)).to.have.length(1);
      expect(confirmed[0]!.text).to.contain('Erfasst: Fall 2611230040009999');
      expect(texts(asked)).to.have.length(2);
      expect(asked[1]!.text).to.equal(t('de', 'state.crossed'));
      expect(asked[1]!.text).to.contain('wiederholen Sie bitte Ihren letzten Schritt');

      // Repeating the last step, as the bot asked.
      const [again] = await two.say(dario, 'ich brauche Hilfe von einem Menschen', de);
      expect(again!.text).to.equal(asked[0]!.text);
      const [created] = await one.say(dario, 'Wir kommen mit dem Azure-Fehler nicht weiter', de);
      expect(created!.text).to.contain('C-000001');
      const product = await woodgroveProduct();
      expect(product.cases!.map((c) => c.caseRef)).to.deep.equal(['2611230040009999']);
      expect(await one.stores.cases.list()).to.have.length(1);
    });

    it('a double click on "Activate" whose clicks reach both instances activates once: the later one waits for the first and shows the same IDs', async () => {
      await one.afterHello(ana, 'activate our benefits');
      const click = (id: string) => one.message(ana, { value: { action: 'activation.confirm' } }, { id });
      // The first click has its IDs and is about to store them when the second click, on the other
      // instance, tries to claim the activation: it finds the claim held and waits for it.
      const storing = held.hold((w) => w.table === 'ledgers' && w.partition === DEMO_TENANTS.contoso.toLowerCase());
      const firstDone = one.send(click('click-1'));
      await storing.reached;
      const claiming = held.hold((w) => w.table === 'settings' && w.partition === 'activation' && w.op === 'insert');
      const secondDone = two.send(click('click-2'));
      await claiming.reached;
      claiming.release();
      storing.release();
      const [first, second] = await Promise.all([firstDone, secondDone]);
      expect(texts(first)).to.deep.equal(['Done: the benefits of Contoso Cloud Services are active']);
      expect(texts(second)).to.deep.equal(['The benefits of Contoso Cloud Services are already active']);
      const org = await one.organization(DEMO_TENANTS.contoso);
      expect(org.benefits).to.have.length(2);
      for (const reply of [...first, ...second]) for (const b of org.benefits) expect(reply.cardTexts).to.include(b.accessId);
      // The second claim was refused while the first was held; IDs were noted in a claim once
      // (issued once), and each activation released its claim.
      const claims = held.log.filter((w) => w.table === 'settings' && w.partition === 'activation').map((w) => `${w.op} ${w.outcome}`);
      expect(claims.slice(0, 3)).to.deep.equal(['insert written', 'replace written', 'insert refused']);
      expect(claims.filter((c) => c !== 'insert refused')).to.deep.equal(['insert written', 'replace written', 'delete written', 'insert written', 'delete written']);
      expect(held.log.filter((w) => w.table === 'ledgers').map((w) => `${w.op} ${w.outcome}`)).to.deep.equal(['insert written']);
      expect(await one.say(ana, 'what is our access id?')).to.have.length(1);
    });

    it('a redelivered message that reaches the other instance while the first still runs it waits for it: answered once, counted once', async () => {
      await one.afterHello(dario, 'we used an incident on product support, case 2611230040001234');
      const yes = one.message(dario, 'yes', { id: 'teams-yes-1' });
      // The first delivery has recorded the incident and is about to store where the dialog is.
      const storing = held.hold((w) => w.partition === personalKey(dario));
      const firstDone = one.send(yes);
      await storing.reached;
      const secondDone = two.send({ ...yes });
      // Long enough for the redelivery to find the first one's claim and look again a few times.
      await new Promise((r) => setTimeout(r, 300));
      storing.release();
      const [first, second] = await Promise.all([firstDone, secondDone]);
      expect(texts(first)).to.deep.equal(['Recorded: case 2611230040001234 on Microsoft Product Support (on-premises). 10 incidents left.']);
      expect(texts(second), 'the redelivery is not answered again').to.deep.equal([]);
      expect((await woodgroveProduct()).cases!.map((c) => c.caseRef)).to.deep.equal(['2611230040001234']);
    });

    it('a redelivered card press (invoke) on the other instance gets the first delivery\'s answer once it is done', async () => {
      const group = { conversationType: 'groupChat' as const, conversationId: '19:contoso-group@thread.v2' };
      const [card] = await one.afterHello(ana, 'activate our benefits', group);
      const confirm = (card!.activity.attachments![0]!.content as { actions: { verb?: string; data?: Record<string, unknown> }[] }).actions.find((a) => a.verb === 'activation.confirm')!;
      const press: Partial<Activity> = {
        ...one.message(ana, '', { ...group, id: 'teams-press-1' }),
        type: 'invoke',
        name: 'adaptiveCard/action',
        text: undefined,
        value: { action: { type: 'Action.Execute', verb: 'activation.confirm', data: confirm.data }, trigger: 'manual' },
      };
      const storing = held.hold((w) => w.table === 'ledgers');
      const firstDone = one.send(press);
      await storing.reached;
      const secondDone = two.send({ ...press });
      await new Promise((r) => setTimeout(r, 300));
      storing.release();
      const [first, second] = await Promise.all([firstDone, secondDone]);
      const answer = (replies: Reply[]) => replies.find((r) => r.activity.type === 'invokeResponse')?.activity.value;
      expect(second.map((r) => r.activity.type), 'only the answer, no chat message').to.deep.equal(['invokeResponse']);
      expect(answer(second)).to.deep.equal(answer(first)).and.deep.include({ status: 200 });
      expect((await one.organization(DEMO_TENANTS.contoso)).benefits).to.have.length(2);
    });

    it('a redelivery of a turn whose instance died (its lease ran out) runs again on the other instance', async () => {
      await one.afterHello(dario, 'how many incidents do we have left?');
      const asked = one.message(dario, 'what support do partners get?', { id: 'teams-dead-1' });
      const at = new Date(TEST_TODAY + 'T10:00:00.000Z');
      await one.stores.activities.claim(asked.conversation!.id, asked.id!, 'crashed-instance', at, new Date(at.getTime() - 1));
      expect(texts(await two.send(asked))).to.have.length(1);
    });

    it('an install and a "hi" at once on the two instances: one welcome card, and the state is created once', async () => {
      const install = (bot: TestBot): Partial<Activity> => {
        const message = bot.message(dario, '');
        return { ...message, type: 'conversationUpdate', text: undefined, membersAdded: [message.recipient!, message.from!] };
      };
      const key = conversationKey(`a:${dario.aadObjectId}`);
      const { first: installed, second: greeted } = await interleave(key, () => one.send(install(one)), () => two.say(dario, 'hi'));
      expect(welcomes(greeted) + welcomes(installed)).to.equal(1);
      expect(texts(installed)).to.deep.equal([]);
      expect(held.writesTo(key).map((w) => `${w.op} ${w.outcome}`)).to.deep.equal(['insert written', 'insert refused']);
      const [stored] = Object.values(await one.stores.state.read([key]));
      expect(stored).to.deep.include({ meta: { welcomed: true } });
      // Later turns, on either instance, do not welcome again.
      expect(welcomes(await one.say(dario, 'hi'))).to.equal(1);
      expect(texts(await two.say(dario, 'what is our contract id?'))).to.deep.equal(['Access ID and Contract ID of Woodgrove Software']);
    });

    it('a first question that loses the welcome to an install elsewhere is answered without a second welcome', async () => {
      const key = conversationKey(`a:${dario.aadObjectId}`);
      const message = one.message(dario, '');
      const install: Partial<Activity> = { ...message, type: 'conversationUpdate', text: undefined, membersAdded: [message.recipient!, message.from!] };
      const { first: answered, second: installed } = await interleave(key, () => one.say(dario, 'contract id?'), () => two.send(install));
      expect(texts(installed)).to.deep.equal([WELCOME]);
      expect(texts(answered)).to.deep.equal(['Access ID and Contract ID of Woodgrove Software']);
    });

    it('two people of a group chat at once on the two instances: their turns merge, nobody is told of a conflict, and each one\'s question still waits', async () => {
      const group = { conversationType: 'groupChat' as const, conversationId: '19:woodgrove@thread.v2' };
      await one.say(dario, 'hi', group);
      const sharedWrites = held.writesTo(conversationKey(group.conversationId)).length;
      // Dario's turn is held at its state write while Wanda's runs on the other instance. Each turn
      // writes only its own person's state in the chat (issue 14: the conversation's item holds the
      // welcome alone, no longer the bot's last answer), so there is nothing to merge or refuse.
      const { first: confirm, second: balance } = await interleave(
        `msteams/conversations/${group.conversationId}/users/29:${dario.aadObjectId}/`,
        () => one.say(dario, 'we used an incident on product support, case 2611230040001234', group),
        () => two.say(wanda, 'how many incidents do we have left?', group),
      );
      expect(texts(confirm)).to.deep.equal(['Record a used incident?']);
      expect(texts(balance)).to.deep.equal(['Incident balance of Woodgrove Software']);
      expect(held.writesTo(conversationKey(group.conversationId)).length, 'the shared item is not written by either turn').to.equal(sharedWrites);
      const [done] = await two.press(dario, 'yes', group);
      expect(done!.text).to.equal('Recorded: case 2611230040001234 on Microsoft Product Support (on-premises). 10 incidents left.');
    });
  });
}
