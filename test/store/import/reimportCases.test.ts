/**
 * A re-import never undoes what the bot wrote: activations and recorded cases live in the run-time
 * store; an imported count is the operator's word as of the import that changed it, and cases the
 * bot records afterwards add to it.
 */
import { expect } from 'chai';
import { fixedClock } from '../../../src/clock.js';
import { DEMO_PEOPLE, DEMO_TENANTS, demoDirectory } from '../../../src/demo/demoDirectory.js';
import { BenefitsService } from '../../../src/services/benefitsService.js';
import { Organizations } from '../../../src/services/organizations.js';
import { LocalProvisioner } from '../../../src/services/provisioner.js';
import { SupportService } from '../../../src/services/supportService.js';
import { directoryFileOf, importIntoDocument, readCurrentDocument, writeDocument } from '../../../src/store/index.js';
import { openTestDataDir } from '../../support/testBot.js';

const TODAY = '2026-11-24';
const at = (hour: number) => fixedClock(`${TODAY}T${String(hour).padStart(2, '0')}:00:00.000Z`);

describe('store/import: re-importing keeps what the bot wrote', () => {
  let data: Awaited<ReturnType<typeof openTestDataDir>>;
  beforeEach(async () => {
    data = await openTestDataDir(demoDirectory(TODAY), at(8));
  });
  afterEach(() => data.close());

  const organizations = () => new Organizations(data.stores.directory, data.stores.ledgers);
  const product = async () => (await organizations().load(DEMO_TENANTS.woodgrove))!.organization.benefits.find((b) => b.kind === 'ProductSupport')!;
  const dario = { aadObjectId: DEMO_PEOPLE.dario.aadObjectId, tenantId: DEMO_TENANTS.woodgrove };
  const record = (hour: number, caseRef: string) => new SupportService(organizations(), at(hour)).recordIncident(dario, 'ProductSupport', caseRef);
  async function reimport(hour: number, change: (file: { organizations: { tenantId: string; benefits?: { kind: string; contractId: string; incidentsUsed?: number }[] }[] }) => void) {
    const file = demoDirectory(TODAY) as Parameters<typeof change>[0];
    change(file);
    const result = await importIntoDocument(file, await readCurrentDocument(data.dataDir), at(hour).now());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    await writeDocument(directoryFileOf(data.dataDir), result.document, { checked: true });
    expect((await data.stores.directory.reload()).status).to.equal('loaded');
  }
  const woodgroveProduct = (file: Parameters<Parameters<typeof reimport>[1]>[0]) =>
    file.organizations.find((o) => o.tenantId === DEMO_TENANTS.woodgrove)!.benefits!.find((b) => b.kind === 'ProductSupport')!;

  it('counts cases recorded after the imported count, keeps them listed, and starts afresh for a renewed contract', async () => {
    expect((await product()).incidentsUsed).to.equal(4);
    expect((await record(9, '2611230040000001')).status).to.equal('recorded');
    expect((await product()).incidentsUsed).to.equal(5);

    // The operator's newer count (it includes the case above) is the word on the number.
    await reimport(10, (file) => (woodgroveProduct(file).incidentsUsed = 6));
    expect((await product()).incidentsUsed).to.equal(6);
    expect((await product()).cases!.map((c) => c.caseRef)).to.deep.equal(['2611230040000001']);

    // A case recorded later adds to it, and the same file imported again does not lose it.
    expect((await record(11, '2611230040000002')).status).to.equal('recorded');
    await reimport(12, (file) => (woodgroveProduct(file).incidentsUsed = 6));
    expect((await product()).incidentsUsed).to.equal(7);
    // A case recorded once is never recorded again, whatever the import says.
    expect((await record(13, '2611230040000001')).status).to.equal('notRecorded');

    // A renewed contract starts from its imported count.
    await reimport(14, (file) => {
      woodgroveProduct(file).contractId = '7009999';
      woodgroveProduct(file).incidentsUsed = 0;
    });
    expect(await product()).to.deep.include({ contractId: '7009999', incidentsUsed: 0 });
    expect((await product()).cases).to.equal(undefined);
  });

  it('keeps an activation made in the bot when the file carries no benefits for that organization', async () => {
    const ana = { aadObjectId: DEMO_PEOPLE.ana.aadObjectId, tenantId: DEMO_TENANTS.contoso };
    const activated = await new BenefitsService(organizations(), new LocalProvisioner(), at(9)).activate(ana);
    expect(activated.status).to.equal('activated');
    await reimport(10, (file) => delete file.organizations.find((o) => o.tenantId === DEMO_TENANTS.contoso)!.benefits);
    const contoso = (await organizations().load(DEMO_TENANTS.contoso))!.organization;
    expect(contoso.benefits.map((b) => b.source)).to.deep.equal(['bot', 'bot']);
    expect(contoso.benefits.map((b) => b.accessId)).to.deep.equal(activated.status === 'activated' ? activated.benefits.map((b) => b.accessId) : []);
  });
});
