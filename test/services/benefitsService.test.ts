import { expect } from 'chai';
import { fixedClock } from '../../src/clock.js';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { emptyLedger, withActivations } from '../../src/domain/benefits.js';
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
      // The loser waited for the winner's claim instead of asking Partner Center for IDs of its own.
      expect(slow.calls).to.equal(1);
      expect(await data.stores.ledgers.activationClaim(DEMO_TENANTS.contoso), 'both claims released').to.equal(undefined);
    } finally {
      await other.close();
    }
  });

  it('waits while another instance holds the activation claim, then answers with what that one stored, asking for no IDs', async () => {
    const ledgers = data.stores.ledgers;
    const etag = (await ledgers.putActivationClaim(DEMO_TENANTS.contoso, { owner: 'other-instance', until: new Date(Date.now() + 30_000).toISOString() }))!;
    const provisioner = new CountingProvisioner();
    let settled = false;
    const activating = new BenefitsService(organizations(), provisioner, clock).activate(caller).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled, 'still waiting for the other instance').to.equal(false);
    // The other instance stores its activation and releases its claim.
    const theirs = await new LocalProvisioner().provision((await organizations().load(DEMO_TENANTS.contoso))!.organization, ['ProductSupport', 'SignatureCloudSupport']);
    const by = { aadObjectId: ana.aadObjectId, name: 'Ana Admin' };
    await ledgers.save(withActivations(emptyLedger(DEMO_TENANTS.contoso), theirs.map((ids) => ({ ...ids, start: TEST_TODAY, end: '2027-11-23', activatedBy: by, activatedAt: clock.now().toISOString() }))), undefined);
    await ledgers.releaseActivationClaim(DEMO_TENANTS.contoso, etag);
    const result = await activating;
    expect(result.status).to.equal('alreadyActive');
    expect('benefits' in result && result.benefits.map((b) => b.accessId).sort()).to.deep.equal(theirs.map((ids) => ids.accessId).sort());
    expect(provisioner.calls).to.equal(0);
  });

  it('takes over a claim whose holder died after getting IDs, and stores those IDs instead of asking again', async () => {
    const org = (await organizations().load(DEMO_TENANTS.contoso))!.organization;
    const issued = await new LocalProvisioner().provision(org, ['ProductSupport', 'SignatureCloudSupport']);
    // The holder got its IDs, noted them in its claim, and died before storing them; the claim ran out.
    await data.stores.ledgers.putActivationClaim(DEMO_TENANTS.contoso, { owner: 'crashed-instance', until: new Date(Date.now() - 1).toISOString(), issued });
    const provisioner = new CountingProvisioner();
    const result = await new BenefitsService(organizations(), provisioner, clock).activate(caller);
    expect(result.status).to.equal('activated');
    expect('benefits' in result && result.benefits.map((b) => b.accessId).sort()).to.deep.equal(issued.map((ids) => ids.accessId).sort());
    expect(provisioner.calls).to.equal(0);
    expect(await data.stores.ledgers.activationClaim(DEMO_TENANTS.contoso)).to.equal(undefined);
  });

  it('IDs the store did not take (it failed) are kept in a run-out claim, and the next attempt stores them instead of asking again', async () => {
    const provisioner = new CountingProvisioner();
    const ledgers = data.stores.ledgers;
    const save = ledgers.save.bind(ledgers);
    ledgers.save = async () => {
      throw new Error('storage unavailable');
    };
    const service = new BenefitsService(organizations(), provisioner, clock);
    try {
      expect(await service.activate(caller).then(() => 'activated', (e: Error) => e.message)).to.equal('storage unavailable');
    } finally {
      ledgers.save = save;
    }
    const left = (await ledgers.activationClaim(DEMO_TENANTS.contoso))!.value;
    expect(left.issued).to.have.length(2);
    const result = await service.activate(caller);
    expect(result.status).to.equal('activated');
    expect(provisioner.calls).to.equal(1);
    expect('benefits' in result && result.benefits.map((b) => b.accessId).sort()).to.deep.equal(left.issued!.map((ids) => ids.accessId).sort());
    expect(await ledgers.activationClaim(DEMO_TENANTS.contoso)).to.equal(undefined);
  });

  it('a ledger write that conflicts after the IDs came (an incident recorded meanwhile) stores the same IDs again, never new ones', async () => {
    const provisioner = new CountingProvisioner();
    const ledgers = data.stores.ledgers;
    // The first save of the activation meets a ledger someone else has just created.
    const save = ledgers.save.bind(ledgers);
    let raced = false;
    ledgers.save = async (ledger, ifMatch) => {
      if (!raced) {
        raced = true;
        await save(emptyLedger(DEMO_TENANTS.contoso), undefined);
      }
      return save(ledger, ifMatch);
    };
    try {
      const result = await new BenefitsService(organizations(), provisioner, clock).activate(caller);
      expect(result.status).to.equal('activated');
      expect(provisioner.calls).to.equal(1);
      const stored = (await organizations().load(DEMO_TENANTS.contoso))!.organization.benefits.map((b) => b.accessId).sort();
      expect('benefits' in result && result.benefits.map((b) => b.accessId).sort()).to.deep.equal(stored).and.have.length(2);
    } finally {
      ledgers.save = save;
    }
  });
});
