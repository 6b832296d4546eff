/**
 * A data directory of the previous version (everything in lowdb files) is upgraded on the first
 * start, once: nothing the bot wrote is lost, and the old files are kept aside.
 */
import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/clock.js';
import { DEMO_TENANTS, DEMO_USERS } from '../../src/demo/demoDirectory.js';
import { Organizations } from '../../src/services/organizations.js';
import { openDataDir, type UpgradeReport } from '../../src/store/index.js';
import { v1Files, writeV1DataDir } from '../support/v1DataDir.js';

const CONTOSO = DEMO_TENANTS.contoso;
const WOODGROVE = DEMO_TENANTS.woodgrove;

describe('store/migration: upgrading a data directory of the previous version', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-upgrade-'));
    await writeV1DataDir(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('moves what the bot wrote into the run-time store once, says so, and keeps the old files aside', async () => {
    const reports: UpgradeReport[] = [];
    const clock = fixedClock('2026-11-24T10:00:00.000Z');
    const stores = await openDataDir(dir, { watch: false, now: () => clock.now(), onUpgrade: (r) => reports.push(r) });
    try {
      expect(reports).to.deep.equal([{ ledgers: 2, activations: 1, incidents: 2, states: 1, conversations: 1, cases: 1, backup: join(dir, 'v1-backup') }]);
      const organizations = new Organizations(stores.directory, stores.ledgers);
      const contoso = (await organizations.load(CONTOSO))!.organization;
      expect(contoso.benefits).to.have.length(1);
      expect(contoso.benefits[0]).to.deep.include({ accessId: 'acc-bot-0001', source: 'bot', incidentsUsed: 1 });
      // The imported count already included the case recorded on it: still 5, with the case listed.
      const woodgrove = (await organizations.load(WOODGROVE))!.organization;
      expect(woodgrove.benefits[0]).to.deep.include({ accessId: 'acc-imp-0001', source: 'import', incidentsUsed: 5 });
      expect(woodgrove.benefits[0]!.cases!.map((c) => c.caseRef)).to.deep.equal(['2611230040000002']);
      expect((await stores.state.read(['msteams/conversations/a:1/']))['msteams/conversations/a:1/']).to.deep.include({ meta: { welcomed: true } });
      expect((await stores.conversations.personalOf(CONTOSO, [DEMO_USERS.ana])).map((c) => c.key)).to.deep.equal(['a:1']);
      expect(await stores.conversations.getSetting('helpdeskConversation')).to.equal('19:helpdesk');
      expect(await stores.conversations.markSent('fewLeft:x:to:y', 'now')).to.equal(false);
      expect((await stores.cases.get('C-000007'))!.value.summary).to.equal('help');
      expect((await stores.cases.create({ ...(await stores.cases.get('C-000007'))!.value })).value.id).to.equal('C-000008');
      const document = JSON.parse(await readFile(join(dir, 'directory.json'), 'utf8'));
      expect(document.schemaVersion).to.equal(2);
      expect(document.organizations.find((o: { tenantId: string }) => o.tenantId === CONTOSO).benefits).to.deep.equal([]);
      expect((await readdir(dir)).filter((f) => f.endsWith('.json'))).to.deep.equal(['directory.json']);
      expect((await readdir(join(dir, 'v1-backup'))).sort()).to.deep.equal(['cases.json', 'conversations.json', 'directory.json', 'state.json']);
    } finally {
      await stores.close();
    }
    const again: UpgradeReport[] = [];
    const reopened = await openDataDir(dir, { watch: false, onUpgrade: (r) => again.push(r) });
    await reopened.close();
    expect(again).to.deep.equal([]);
  });

  it('an upgrade cut short after the run-time store was written finishes on the next start without doing it twice', async () => {
    const first = await openDataDir(dir, { watch: false });
    // A change made after the upgrade: moving the old cases.json in again would undo it.
    const moved = (await first.cases.get('C-000007'))!;
    await first.cases.save({ ...moved.value, status: 'resolved' }, moved.etag);
    await first.close();
    // As if the process died before moving the old files: they are back, the marker says done.
    for (const name of ['state.json', 'conversations.json', 'cases.json']) await writeFile(join(dir, name), JSON.stringify(v1Files()[name as 'state.json']));
    const second = await openDataDir(dir, { watch: false });
    try {
      expect((await second.cases.list()).map((c) => [c.id, c.status])).to.deep.equal([['C-000007', 'resolved']]);
      expect((await readdir(dir)).includes('cases.json')).to.equal(false);
    } finally {
      await second.close();
    }
  });
});
