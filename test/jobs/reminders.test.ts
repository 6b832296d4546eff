/**
 * The reminder job with the real stores of a temporary data directory (the demo directory), the
 * real CloudProactiveMessenger and CloudAdapter, and the recording connector over HTTP.
 */
import { expect } from 'chai';
import { pino } from 'pino';
import { createAdapter } from '../../src/adapter/adapter.js';
import { versionedPrivateConversationState } from '../../src/bot/versionedState.js';
import { CloudProactiveMessenger } from '../../src/adapter/proactive.js';
import { fixedClock, systemClock } from '../../src/clock.js';
import { DEMO_PEOPLE, DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { BOT, personalConversation } from '../../src/devtools/teamsActivities.js';
import { startConnector, type RecordingConnector } from '../../src/devtools/recordingConnector.js';
import { addDays } from '../../src/domain/dates.js';
import type { Activation } from '../../src/domain/benefits.js';
import type { Benefit } from '../../src/domain/types.js';
import { idsShownAt, recordIdsShown } from '../../src/jobs/idsShown.js';
import { reminderText, runReminders, type ReminderJobDeps } from '../../src/jobs/reminders.js';
import { Organizations } from '../../src/services/organizations.js';
import { createRuntimeStores, MemoryBackend, type LocalDataStores } from '../../src/store/index.js';
import { createTestBot, openTestDataDir } from '../support/testBot.js';

const TODAY = systemClock.today();
const NOW = `${TODAY}T08:00:00.000Z`;
const { ana, ben, cleo, dario, wanda, newcomer } = DEMO_PEOPLE;

describe('jobs/reminders: runReminders', function () {
  this.timeout(20_000);
  let data: Awaited<ReturnType<typeof openTestDataDir>>;
  let stores: LocalDataStores;
  let connector: RecordingConnector;
  const adapter = createAdapter(
    { port: 0, host: '127.0.0.1', dataDir: '.', logLevel: 'silent', remindersAtUtc: null },
    pino({ level: 'silent' }),
    versionedPrivateConversationState(createRuntimeStores(new MemoryBackend()).state),
    { activities: createRuntimeStores(new MemoryBackend()).activities, owner: 'test' },
  );
  const logger = pino({ level: 'silent' });
  const messenger = () => new CloudProactiveMessenger({ adapter, botAppId: '', logger, sleep: async () => {} });

  const deps = (patch: Partial<ReminderJobDeps> = {}): ReminderJobDeps => ({
    organizations: () => new Organizations(stores.directory, stores.ledgers).withContracts(),
    usersOf: (tenantId) => stores.directory.current().usersOfTenant(tenantId),
    conversations: stores.conversations,
    messenger: messenger(),
    clock: fixedClock(NOW),
    logger,
    audit: stores.audit,
    ...patch,
  });

  /** Stores the personal chat of a user, as the bot does when they talk to it. */
  async function talked(person: { aadObjectId: string; tenantId: string; name: string }, locale?: string) {
    const id = personalConversation(person);
    await stores.conversations.upsert({
      key: id,
      reference: {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id, conversationType: 'personal', tenantId: person.tenantId },
        bot: BOT,
        user: { id: `29:${person.aadObjectId}`, name: person.name, aadObjectId: person.aadObjectId },
        ...(locale && { locale }),
      },
      aadObjectId: person.aadObjectId,
      tenantId: person.tenantId,
      conversationType: 'personal',
      updatedAt: NOW,
    });
    return id;
  }
  const textsTo = (person: { aadObjectId: string; tenantId: string; name: string }) =>
    connector.callsFor(personalConversation(person)).map((c) => c.activity.text as string);

  /** Contoso activated in the bot today by Ana: Product Support and Signature Cloud Support. */
  async function activateContoso(patch: Partial<Activation> = {}) {
    const activation = (kind: Activation['kind'], n: number): Activation => ({
      kind,
      accessId: `acc0000${n}-0000-4000-8000-00000000000${n}`,
      contractId: `880000${n}`,
      start: TODAY,
      end: addDays(TODAY, 364),
      activatedBy: { aadObjectId: ana.aadObjectId, name: ana.name },
      activatedAt: `${TODAY}T07:30:00.000Z`,
      ...patch,
    });
    const stored = await stores.ledgers.get(DEMO_TENANTS.contoso);
    await stores.ledgers.save(
      { tenantId: DEMO_TENANTS.contoso, activations: [activation('ProductSupport', 1), activation('SignatureCloudSupport', 2)], incidents: stored?.value.incidents ?? [] },
      stored?.etag,
    );
  }

  before(async () => {
    connector = await startConnector();
  });
  after(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    connector.reset();
    data = await openTestDataDir(demoDirectory(TODAY), fixedClock(NOW));
    stores = data.stores;
  });
  afterEach(() => data.close());

  it('tells an admin (in their language) that a contract is used up, once; plain users get nothing', async () => {
    await talked(wanda, 'de-DE'); // Woodgrove's Global admin
    await talked(dario); // a Woodgrove user, not an admin
    const first = await runReminders(deps());
    expect(first).to.deep.equal({ sent: 1, skipped: 0, failed: 0, unreachable: 0, seen: 0 });
    const [text] = textsTo(wanda);
    expect(text).to.contain('Für den Vertrag Signature Cloud Support (Cloud) von Woodgrove Software sind keine Incidents mehr übrig');
    expect(textsTo(dario)).to.deep.equal([]);

    const second = await runReminders(deps());
    expect(second).to.deep.equal({ sent: 0, skipped: 1, failed: 0, unreachable: 0, seen: 0 });
    expect(textsTo(wanda)).to.have.length(1);
    const audit = await stores.audit.list({ tenantId: DEMO_TENANTS.woodgrove });
    expect(audit.map((e) => [e.action, e.actor.aadObjectId, e.details?.reminder])).to.deep.equal([['reminder.sent', 'system', 'fewLeft']]);
  });

  it('an admin who never talked to the bot is unreachable, and gets the reminder once they have', async () => {
    expect(await runReminders(deps())).to.deep.equal({ sent: 0, skipped: 0, failed: 0, unreachable: 1, seen: 0 });
    await talked(wanda);
    expect(await runReminders(deps())).to.deep.equal({ sent: 1, skipped: 0, failed: 0, unreachable: 0, seen: 0 });
    expect(textsTo(wanda)[0]).to.contain('no incidents are left on the Signature Cloud Support (cloud) contract of Woodgrove Software');
  });

  it('after an activation tells the users who talked to the bot that the IDs are available, without the IDs', async () => {
    await activateContoso();
    await talked(ana); // the activator: saw the IDs already
    await talked(ben, 'de-DE');
    await talked(newcomer); // in Contoso's tenant but not in the directory: may not see the IDs
    const summary = await runReminders(deps());
    expect(summary).to.deep.equal({ sent: 1, skipped: 0, failed: 0, unreachable: 1, seen: 0 }); // + Wanda (Woodgrove) unreachable
    expect(textsTo(ana)).to.deep.equal([]);
    expect(textsTo(newcomer)).to.deep.equal([]);
    expect(textsTo(cleo)).to.deep.equal([]);
    const [text] = textsTo(ben);
    expect(text).to.contain('Die technischen Support-Vorteile von Contoso Cloud Services sind jetzt aktiv');
    expect(text).to.contain('Microsoft Product Support (lokal installierte Produkte) und Signature Cloud Support (Cloud)');
    for (const id of ['8800001', '8800002', 'acc00001', 'acc00002']) expect(text).to.not.contain(id);
    expect((await runReminders(deps())).sent).to.equal(0);
  });

  it('does not announce the IDs to someone shown them since the activation; someone shown them before it still hears', async () => {
    await activateContoso(); // activated today at 07:30
    await talked(ben);
    await talked(cleo);
    // Ben asked for the IDs at 07:45, after the activation; Cleo only yesterday, before it.
    await recordIdsShown(stores.conversations, DEMO_TENANTS.contoso.toUpperCase(), ben.aadObjectId, new Date(`${TODAY}T07:45:00.000Z`));
    await recordIdsShown(stores.conversations, DEMO_TENANTS.contoso, cleo.aadObjectId, new Date(`${addDays(TODAY, -1)}T12:00:00.000Z`));
    const summary = await runReminders(deps());
    expect(summary).to.include({ sent: 1, seen: 1 });
    expect(textsTo(ben)).to.deep.equal([]);
    expect(textsTo(cleo)).to.have.length(1);
    expect(textsTo(cleo)[0]).to.contain('Contoso Cloud Services');
    // Later runs do not tell Ben either.
    expect(await runReminders(deps({ clock: fixedClock(`${addDays(TODAY, 1)}T08:00:00.000Z`) }))).to.include({ sent: 0, seen: 1 });
    expect(textsTo(ben)).to.deep.equal([]);
  });

  it('asking for the IDs in the chat is what notes them as seen (the real bot, in process)', async () => {
    const bot = await createTestBot(demoDirectory(TODAY), fixedClock(NOW));
    const own = stores;
    stores = bot.stores;
    try {
      await bot.afterHello(ana, 'activate our benefits');
      expect((await bot.press(ana, 'Activate')).map((r) => r.all).join('\n')).to.contain('Access ID');
      await talked(cleo); // talked to the bot, never saw the IDs
      const [ids] = await bot.afterHello(ben, 'what is our access id?');
      expect(ids!.all).to.contain('Access ID');
      await talked(ben);
      expect(await idsShownAt(stores.conversations, DEMO_TENANTS.contoso, ben.aadObjectId)).to.equal(NOW);
      expect(await runReminders(deps())).to.include({ sent: 1, seen: 1 });
      expect(textsTo(ben)).to.deep.equal([]);
      expect(textsTo(cleo)).to.have.length(1);
    } finally {
      stores = own;
      await bot.close();
    }
  });

  it('a contract ending within 30 days reaches the admins once, even across many days', async () => {
    await activateContoso({ activatedAt: `${addDays(TODAY, -200)}T07:30:00.000Z`, end: addDays(TODAY, 12) });
    await talked(ana);
    await talked(ben);
    const first = await runReminders(deps());
    expect(first.sent).to.equal(2); // both contracts end soon; Ben is no admin
    expect(textsTo(ana)).to.have.length(2);
    expect(textsTo(ana)[0]).to.contain('the Microsoft Product Support (on-premises) contract of Contoso Cloud Services ends in 12 days');
    expect(textsTo(ben)).to.deep.equal([]);
    for (const day of [1, 5, 11]) {
      const later = await runReminders(deps({ clock: fixedClock(`${addDays(TODAY, day)}T08:00:00.000Z`) }));
      expect(later.sent, `day +${day}`).to.equal(0);
    }
    expect(textsTo(ana)).to.have.length(2);
  });

  it('a failed delivery is counted and logged, the others still go out; the next run tries it again, once', async () => {
    await activateContoso({ activatedAt: `${addDays(TODAY, -200)}T07:30:00.000Z`, end: addDays(TODAY, 12) });
    await talked(ana);
    await talked(wanda);
    connector.failAlways(500, {}, { conversationId: personalConversation(wanda) });
    const lines: Record<string, any>[] = [];
    const capture = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const summary = await runReminders(deps({ logger: capture, messenger: new CloudProactiveMessenger({ adapter, botAppId: '', logger: capture, sleep: async () => {} }) }));
    expect(summary).to.deep.equal({ sent: 2, skipped: 0, failed: 1, unreachable: 0, seen: 0 });
    expect(connector.attemptsFor(personalConversation(wanda))).to.have.length(3);
    expect(lines.find((l) => l.msg === 'reminder not delivered')).to.include({ level: 50, recipient: wanda.aadObjectId, reminder: 'fewLeft' });
    expect(lines.find((l) => l.msg === 'reminder not delivered')).to.include({ retried: true });
    connector.reset();
    // The channel answered 500 three times: the reminder did not arrive, so the next run sends it.
    expect(await runReminders(deps())).to.deep.include({ sent: 1, skipped: 2, failed: 0 });
    expect(connector.attemptsFor(personalConversation(wanda))).to.have.length(1);
    connector.reset();
    expect((await runReminders(deps())).skipped).to.equal(3);
    expect(connector.attempts).to.have.length(0);
  });

  it('one organization failing does not stop the others', async () => {
    await talked(wanda);
    const summary = await runReminders(
      deps({
        usersOf: (tenantId) => {
          if (tenantId === DEMO_TENANTS.contoso) throw new Error('boom');
          return stores.directory.current().usersOfTenant(tenantId);
        },
        organizations: async function* () {
          await activateContoso();
          yield* new Organizations(stores.directory, stores.ledgers).withContracts();
        },
      }),
    );
    expect(summary).to.deep.equal({ sent: 1, skipped: 0, failed: 1, unreachable: 0, seen: 0 });
  });

  describe('reminder texts', () => {
    const org = { tenantId: 't', name: 'Contoso', partnerId: '1', memberships: [], benefits: [] };
    const benefit: Benefit = { kind: 'ProductSupport', accessId: 'A-SECRET', contractId: 'C-SECRET', start: '2026-01-01', end: '2026-12-31', incidentsUsed: 0, source: 'bot' };
    const cases = [
      { kind: 'endsSoon' as const, daysLeft: 12, en: 'ends in 12 days, on Dec 31, 2026', de: 'endet in 12 Tagen, am 31.12.2026' },
      { kind: 'endsSoon' as const, daysLeft: 1, en: 'ends tomorrow', de: 'endet morgen' },
      { kind: 'endsSoon' as const, daysLeft: 0, en: 'ends today', de: 'endet heute' },
      { kind: 'fewLeft' as const, remaining: 2, en: 'only 2 incidents are left', de: 'nur noch 2 Incidents übrig' },
      { kind: 'fewLeft' as const, remaining: 1, en: 'only 1 incident is left', de: 'nur noch 1 Incident übrig' },
      { kind: 'fewLeft' as const, remaining: 0, en: 'no incidents are left', de: 'keine Incidents mehr übrig' },
    ];
    for (const c of cases) {
      it(`${c.kind} ${c.daysLeft ?? c.remaining}: "${c.en}" / "${c.de}", never an ID`, () => {
        const condition =
          c.kind === 'endsSoon'
            ? { kind: c.kind, key: 'k', audience: 'admins' as const, tenantId: 't', benefit, daysLeft: c.daysLeft! }
            : { kind: c.kind, key: 'k', audience: 'admins' as const, tenantId: 't', benefit, remaining: c.remaining! };
        const en = reminderText('en', org, condition);
        const de = reminderText('de', org, condition);
        expect(en).to.contain(c.en);
        expect(de).to.contain(c.de);
        for (const text of [en, de]) expect(text).to.not.match(/SECRET|\{\w+\}/);
      });
    }
  });
});
