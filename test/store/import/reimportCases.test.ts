import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TENANTS, demoDirectory } from '../../../src/demo/demoDirectory.js';
import { importDirectoryData } from '../../../src/store/import/directoryImport.js';
import { openDataDir } from '../../../src/store/index.js';

describe('store/import: re-importing keeps the cases recorded in the bot', () => {
  it('keeps them when the file carries the same contract, drops them for a new contract', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'psb-reimport-'));
    const stores = await openDataDir(dir);
    try {
      const file = demoDirectory('2026-11-24') as { organizations: { tenantId: string; benefits?: { contractId: string; incidentsUsed?: number }[] }[] };
      expect((await importDirectoryData(file, stores.directory)).ok).to.equal(true);
      const org = (await stores.directory.getOrganization(DEMO_TENANTS.woodgrove))!;
      const withCase = org.value.benefits.map((b) =>
        b.kind === 'ProductSupport'
          ? { ...b, incidentsUsed: 5, cases: [{ caseRef: '2611230040001234', recordedBy: { aadObjectId: 'x', name: 'Dario' }, recordedAt: '2026-11-24T10:00:00Z', counted: true }] }
          : b,
      );
      await stores.directory.saveBenefits(DEMO_TENANTS.woodgrove, withCase, org.etag);

      const woodgrove = file.organizations.find((o) => o.tenantId === DEMO_TENANTS.woodgrove)!;
      woodgrove.benefits![0]!.incidentsUsed = 6; // the operator's newer count
      expect((await importDirectoryData(file, stores.directory)).ok).to.equal(true);
      let product = (await stores.directory.getOrganization(DEMO_TENANTS.woodgrove))!.value.benefits.find((b) => b.kind === 'ProductSupport')!;
      expect(product.incidentsUsed).to.equal(6);
      expect(product.cases?.map((c) => c.caseRef)).to.deep.equal(['2611230040001234']);

      woodgrove.benefits![0]!.contractId = '7009999'; // a renewed contract
      expect((await importDirectoryData(file, stores.directory)).ok).to.equal(true);
      product = (await stores.directory.getOrganization(DEMO_TENANTS.woodgrove))!.value.benefits.find((b) => b.kind === 'ProductSupport')!;
      expect(product.contractId).to.equal('7009999');
      expect(product.cases).to.equal(undefined);
    } finally {
      await stores.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
