import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/clock.js';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { SupportService } from '../../src/services/supportService.js';
import { importDirectoryData } from '../../src/store/import/directoryImport.js';
import { openDataDir } from '../../src/store/index.js';
import type { DataStores } from '../../src/store/types.js';
import { TEST_TODAY } from '../support/testBot.js';

describe('services/supportService: recording incidents under concurrency', () => {
  let dir: string;
  let stores: DataStores;
  const clock = fixedClock(TEST_TODAY);
  const dario = { aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b04', tenantId: DEMO_TENANTS.woodgrove };
  const product = async () => (await stores.directory.getOrganization(DEMO_TENANTS.woodgrove))!.value.benefits.find((b) => b.kind === 'ProductSupport')!;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-support-'));
    stores = await openDataDir(dir);
    expect((await importDirectoryData(demoDirectory(TEST_TODAY), stores.directory)).ok).to.equal(true);
  });
  afterEach(async () => {
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  // Two service instances do not share the in-process queue, like two servers would not: the
  // store's eTag alone must prevent a lost update.
  const twoWriters = () => [new SupportService(stores.directory, clock), new SupportService(stores.directory, clock)] as const;

  it('two recordings for the same benefit at the same moment both count (no lost update)', async () => {
    const [a, b] = twoWriters();
    const results = await Promise.all([
      a.recordIncident(dario, 'ProductSupport', '2611230040000001'),
      b.recordIncident(dario, 'ProductSupport', '2611230040000002'),
    ]);
    expect(results.map((r) => r.status)).to.deep.equal(['recorded', 'recorded']);
    const stored = await product();
    expect(stored.incidentsUsed).to.equal(6);
    expect(stored.cases!.map((c) => c.caseRef).sort()).to.deep.equal(['2611230040000001', '2611230040000002']);
  });

  it('the same case reference sent twice at once counts once', async () => {
    const [a, b] = twoWriters();
    const results = await Promise.all([
      a.recordIncident(dario, 'ProductSupport', '2611230040000003'),
      b.recordIncident(dario, 'ProductSupport', '2611230040000003'),
    ]);
    expect(results.map((r) => (r.status === 'notRecorded' ? r.reason : r.status)).sort()).to.deep.equal(['duplicate', 'recorded']);
    expect((await product()).incidentsUsed).to.equal(5);
  });
});
