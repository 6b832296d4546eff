import { expect } from 'chai';
import { fixedClock } from '../../src/clock.js';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import type { BenefitKind, Organization } from '../../src/domain/types.js';
import { BenefitsService } from '../../src/services/benefitsService.js';
import { Organizations } from '../../src/services/organizations.js';
import { LocalProvisioner, type BenefitProvisioner } from '../../src/services/provisioner.js';
import { openRuntime } from '../../src/store/index.js';
import { ana } from '../support/demoPeople.js';
import { openTestDataDir, TEST_TODAY } from '../support/testBot.js';

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
  let data: Awaited<ReturnType<typeof openTestDataDir>>;
  const clock = fixedClock(TEST_TODAY);
  const caller = { aadObjectId: ana.aadObjectId, tenantId: ana.tenantId };

  beforeEach(async () => {
    data = await openTestDataDir(demoDirectory(TEST_TODAY));
  });
  afterEach(() => data.close());

  const organizations = () => new Organizations(data.stores.directory, data.stores.ledgers);

  it('two activations of one organization at once issue IDs once and both answer with them', async () => {
    const provisioner = new CountingProvisioner();
    const service = new BenefitsService(organizations(), provisioner, clock);
    const [a, b] = await Promise.all([service.activate(caller), service.activate(caller)]);
    expect(provisioner.calls).to.equal(1);
    expect([a.status, b.status]).to.have.members(['activated', 'alreadyActive']);
    const ids = (r: typeof a) => ('benefits' in r ? r.benefits.map((x) => x.accessId).sort() : []);
    expect(ids(a)).to.deep.equal(ids(b)).and.have.length(2);
  });

  it('two processes activating at once store one set of IDs, and the loser answers with the winner\'s', async () => {
    // A second process on the same store: its own lmdb handle, its own service (no shared queue).
    const other = openRuntime(data.dataDir);
    try {
      const slow = new CountingProvisioner();
      const a = new BenefitsService(organizations(), slow, clock);
      const b = new BenefitsService(new Organizations(data.stores.directory, other.ledgers), slow, clock);
      const [ra, rb] = await Promise.all([a.activate(caller), b.activate(caller)]);
      expect([ra.status, rb.status]).to.have.members(['activated', 'alreadyActive']);
      const stored = (await organizations().load(DEMO_TENANTS.contoso))!.organization.benefits.map((x) => x.accessId).sort();
      const shown = (r: typeof ra) => ('benefits' in r ? r.benefits.map((x) => x.accessId).sort() : []);
      expect(shown(ra)).to.deep.equal(stored).and.have.length(2);
      expect(shown(rb)).to.deep.equal(stored);
    } finally {
      await other.close();
    }
  });
});
