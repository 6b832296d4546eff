import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/clock.js';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import type { Benefit, BenefitKind, Organization } from '../../src/domain/types.js';
import { BenefitsService } from '../../src/services/benefitsService.js';
import { LocalProvisioner, type BenefitProvisioner } from '../../src/services/provisioner.js';
import { importDirectoryData } from '../../src/store/import/directoryImport.js';
import { openDataDir } from '../../src/store/index.js';
import type { DataStores, DirectoryStore } from '../../src/store/types.js';
import { ana } from '../support/demoPeople.js';
import { TEST_TODAY } from '../support/testBot.js';

/** Counts how often IDs were issued (each call would be a real Partner Center activation). */
class CountingProvisioner implements BenefitProvisioner {
  calls = 0;
  private readonly inner = new LocalProvisioner();
  async provision(organization: Organization, kinds: readonly BenefitKind[]) {
    this.calls++;
    await new Promise((r) => setTimeout(r, 5)); // as slow as a remote call, so turns overlap
    return this.inner.provision(organization, kinds);
  }
}

describe('services/benefitsService: activation under concurrency', () => {
  let dir: string;
  let stores: DataStores;
  const clock = fixedClock(TEST_TODAY);
  const caller = { aadObjectId: ana.aadObjectId, tenantId: ana.tenantId };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-service-'));
    stores = await openDataDir(dir);
    const result = await importDirectoryData(demoDirectory(TEST_TODAY), stores.directory);
    expect(result.ok).to.equal(true);
  });
  afterEach(async () => {
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('two activations of one organization at once issue IDs once and both answer with them', async () => {
    const provisioner = new CountingProvisioner();
    const service = new BenefitsService(stores.directory, provisioner, clock);
    const [a, b] = await Promise.all([service.activate(caller), service.activate(caller)]);
    expect(provisioner.calls).to.equal(1);
    expect([a.status, b.status]).to.have.members(['activated', 'alreadyActive']);
    const ids = (r: typeof a) => ('benefits' in r ? r.benefits.map((x) => x.accessId).sort() : []);
    expect(ids(a)).to.deep.equal(ids(b)).and.have.length(2);
  });

  it('when another writer stores the contracts first, the loser re-reads and shows the winner\'s IDs', async () => {
    const winner: Benefit[] = [
      { kind: 'ProductSupport', accessId: 'winner-access-1', contractId: 'W0001', start: TEST_TODAY, end: '2027-11-23', incidentsUsed: 0, source: 'bot' },
      { kind: 'SignatureCloudSupport', accessId: 'winner-access-2', contractId: 'W0002', start: TEST_TODAY, end: '2027-11-23', incidentsUsed: 0, source: 'bot' },
    ];
    let raced = false;
    // The store as another process would leave it: the first save finds the organization changed.
    const real = stores.directory;
    const racing: DirectoryStore = {
      getOrganization: (tenantId) => real.getOrganization(tenantId),
      getUser: (aadObjectId) => real.getUser(aadObjectId),
      listUsersOfTenant: (tenantId) => real.listUsersOfTenant(tenantId),
      listOrganizations: () => real.listOrganizations(),
      applyImport: (organizations, users) => real.applyImport(organizations, users),
      ping: () => real.ping(),
      async saveBenefits(tenantId, benefits, ifMatch) {
        if (!raced) {
          raced = true;
          const current = await real.getOrganization(tenantId);
          await real.saveBenefits(tenantId, winner, current!.etag);
        }
        return real.saveBenefits(tenantId, benefits, ifMatch);
      },
    };
    const service = new BenefitsService(racing, new LocalProvisioner(), clock);
    const result = await service.activate(caller);
    expect(result.status).to.equal('alreadyActive');
    const stored = (await stores.directory.getOrganization(DEMO_TENANTS.contoso))!.value.benefits;
    expect(stored.map((b) => b.accessId)).to.deep.equal(['winner-access-1', 'winner-access-2']);
  });
});
