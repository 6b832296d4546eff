import { expect } from 'chai';
import { fixedClock } from '../../src/clock.js';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { Organizations } from '../../src/services/organizations.js';
import { SupportService } from '../../src/services/supportService.js';
import { BenefitsService } from '../../src/services/benefitsService.js';
import { LocalProvisioner } from '../../src/services/provisioner.js';
import { createRuntimeStores, openRuntime, type TableRuntimeStores } from '../../src/store/index.js';
import { azureBackend } from '../support/azurite.js';
import { openTestDataDir, TEST_TODAY } from '../support/testBot.js';

describe('services/supportService: recording incidents under concurrency', () => {
  let data: Awaited<ReturnType<typeof openTestDataDir>>;
  let other: TableRuntimeStores;
  const clock = fixedClock(TEST_TODAY);
  const dario = { aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b04', tenantId: DEMO_TENANTS.woodgrove };
  const organizations = () => new Organizations(data.stores.directory, data.stores.ledgers);
  const product = async () => (await organizations().load(DEMO_TENANTS.woodgrove))!.organization.benefits.find((b) => b.kind === 'ProductSupport')!;

  beforeEach(async () => {
    data = await openTestDataDir(demoDirectory(TEST_TODAY));
    // A second process's handle on the same lmdb store.
    other = openRuntime(data.dataDir);
  });
  afterEach(async () => {
    await other.close();
    await data.close();
  });

  // Two service instances on two store handles share no in-process queue, like two servers: the
  // store's eTag alone must prevent a lost update.
  const twoWriters = () =>
    [new SupportService(organizations(), clock), new SupportService(new Organizations(data.stores.directory, other.ledgers), clock)] as const;

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

  it('2 x 200 recordings at once on one contract end exactly at its allowance, never below zero', async () => {
    const [a, b] = twoWriters();
    const before = await product();
    expect(before.incidentsUsed).to.equal(4); // Silver: 15 incidents, so 11 are left
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) => (i % 2 ? a : b).recordIncident(dario, 'ProductSupport', `26112300${String(40000000 + i)}`)),
    );
    const outcomes = results.map((r) => (r.status === 'notRecorded' ? r.reason : r.status));
    expect(outcomes.filter((o) => o === 'recorded')).to.have.length(11);
    expect(outcomes.filter((o) => o === 'usedUp')).to.have.length(389);
    const after = await product();
    expect(after.incidentsUsed).to.equal(15);
    expect(after.cases).to.have.length(11);
  });
});

describe('services/supportService: two instances recording at once on Azure Table Storage (Azurite)', function () {
  this.timeout(60_000);
  const clock = fixedClock(TEST_TODAY);
  const ana = { aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b01', tenantId: DEMO_TENANTS.contoso };
  let data: Awaited<ReturnType<typeof openTestDataDir>>;
  let first: Awaited<ReturnType<typeof azureBackend>>;
  let second: Awaited<ReturnType<typeof azureBackend>>;
  beforeEach(async () => {
    data = await openTestDataDir(demoDirectory(TEST_TODAY));
    first = await azureBackend();
    // The same tables, through a client of its own, as a second server would have.
    second = await azureBackend({ prefix: first.backend.prefix });
  });
  afterEach(async () => {
    await second.backend.close();
    await first.dispose();
    await data.close();
  });

  it('2 x 200 different cases at once on an unlimited contract all count, each once (the losers of a collision wait and try again)', async () => {
    const orgs = [first, second].map(({ backend }) => new Organizations(data.stores.directory, createRuntimeStores(backend).ledgers));
    expect((await new BenefitsService(orgs[0]!, new LocalProvisioner(), clock).activate(ana)).status).to.equal('activated');
    const [a, b] = orgs.map((o) => new SupportService(o, clock));
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) => (i % 2 ? a! : b!).recordIncident(ana, 'SignatureCloudSupport', `26112300${String(40000000 + i)}`)),
    );
    expect(results.filter((r) => r.status === 'recorded')).to.have.length(400);
    const cloud = (await orgs[1]!.load(DEMO_TENANTS.contoso))!.organization.benefits.find((x) => x.kind === 'SignatureCloudSupport')!;
    expect(new Set(cloud.cases!.map((c) => c.caseRef))).to.have.length(400);
  });
});
