/**
 * The partner directory as the running bot holds it: indexes, and a new version swapped in whole
 * (from the import or a hand edit) while a broken one is refused with the import's messages.
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TENANTS, DEMO_USERS, demoDirectory } from '../../../src/demo/demoDirectory.js';
import { CorruptDataFileError, InvalidDirectoryError, emptyDocument, type DirectoryDocument } from '../../../src/store/directory/document.js';
import { FileDirectory, type ReloadOutcome } from '../../../src/store/directory/fileDirectory.js';
import { importIntoDocument, writeDocument } from '../../../src/store/index.js';
import { benchDirectory, benchGuid } from '../../../bench/lib/directory.js';

const TODAY = '2026-11-24';

async function documentOf(directory: unknown): Promise<DirectoryDocument> {
  const result = await importIntoDocument(directory, emptyDocument(), new Date(`${TODAY}T10:00:00Z`));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.document;
}

describe('store/directory: the directory the bot serves', function () {
  this.timeout(30_000);
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-directory-'));
    file = join(dir, 'directory.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('answers every lookup from its indexes, ids in any case', async () => {
    await writeDocument(file, await documentOf(demoDirectory(TODAY)), { checked: true });
    const directory = await FileDirectory.open(file, { watch: false });
    const snapshot = directory.current();
    expect(snapshot.size).to.deep.equal({ organizations: 4, users: 8 });
    expect(snapshot.organization(DEMO_TENANTS.woodgrove.toUpperCase())!.name).to.equal('Woodgrove Software');
    expect(snapshot.organizationByPartnerId('4711002')!.tenantId).to.equal(DEMO_TENANTS.woodgrove);
    expect(snapshot.user(DEMO_USERS.ana.toUpperCase())!.name).to.equal('Ana Admin');
    expect(snapshot.usersOfTenant(DEMO_TENANTS.contoso).map((u) => u.name)).to.deep.equal(['Ana Admin', 'Ben Engineer', 'Cleo Csp']);
    expect(snapshot.usersOfTenant('00000000-0000-4000-8000-000000000000')).to.deep.equal([]);
    expect(snapshot.usersByEmail(' ANA@contoso.example')[0]!.name).to.equal('Ana Admin');
    expect(snapshot.searchOrganizations('woodgrve', 5).map((h) => h.organization.name)).to.deep.equal(['Woodgrove Software']);
    expect(snapshot.searchOrganizations('co', 5).map((h) => h.organization.name).sort()).to.deep.equal(['Contoso Cloud Services', 'Fourth Coffee IT']);
    expect(snapshot.organization(DEMO_TENANTS.woodgrove)!.contracts.map((c) => [c.kind, c.countedAt])).to.deep.equal([
      ['ProductSupport', `${TODAY}T10:00:00.000Z`],
      ['SignatureCloudSupport', `${TODAY}T10:00:00.000Z`],
    ]);
    // Shared and frozen: no caller can change what every turn reads.
    expect(Object.isFrozen(snapshot.organization(DEMO_TENANTS.woodgrove)!.memberships[0])).to.equal(true);
    await directory.close();
  });

  it('a missing file is an empty directory; an unusable one stops the start with what is wrong', async () => {
    const empty = await FileDirectory.open(file, { watch: false });
    expect(empty.current().size).to.deep.equal({ organizations: 0, users: 0 });
    await empty.close();
    await writeFile(file, '{"schemaVersion": 2, "organizations": [');
    expect(await FileDirectory.open(file, { watch: false }).catch((e: unknown) => e)).to.be.instanceOf(CorruptDataFileError);
    const broken = await documentOf(demoDirectory(TODAY));
    broken.organizations[1]!.partnerId = 'MPN';
    await writeFile(file, JSON.stringify(broken));
    const error = await FileDirectory.open(file, { watch: false }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidDirectoryError);
    expect((error as Error).message).to.contain('$.organizations[1].partnerId: must be the partner (MPN) id: 4 to 10 digits (got "MPN")');
  });

  it('trusts the text the import checked (its hash is beside it) and checks any other text, a valid hand edit included', async () => {
    // A rule the checks would catch, written as if checked: the recorded hash lets it through...
    const unchecked = await documentOf(demoDirectory(TODAY));
    unchecked.organizations[1]!.partnerId = 'MPN';
    await writeDocument(file, unchecked, { checked: true });
    await (await FileDirectory.open(file, { watch: false })).close();
    // ...and one more byte by hand makes it a text nobody checked: refused.
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"Contoso Cloud Services"', '"Contoso Cloud Service"'));
    expect(await FileDirectory.open(file, { watch: false }).catch((e: unknown) => e)).to.be.instanceOf(InvalidDirectoryError);
    // A valid hand edit (ids in upper case, a new name) is checked and served, ids lower-cased.
    const edited = await documentOf(demoDirectory(TODAY));
    edited.organizations[0]!.name = 'Contoso Edited';
    edited.organizations[0]!.tenantId = edited.organizations[0]!.tenantId.toUpperCase();
    await writeFile(file, JSON.stringify(edited));
    const directory = await FileDirectory.open(file, { watch: false });
    expect(directory.current().organization(DEMO_TENANTS.contoso)!.name).to.equal('Contoso Edited');
    await directory.close();
  });

  it('notices a new version by itself and swaps it in whole; a broken hand edit is refused and the old one keeps serving', async () => {
    await writeDocument(file, await documentOf(demoDirectory(TODAY)), { checked: true });
    const outcomes: ReloadOutcome[] = [];
    const directory = await FileDirectory.open(file, { pollMs: 100, onReload: (o) => outcomes.push(o) });
    const before = directory.current();
    const next = await documentOf(demoDirectory(TODAY));
    next.organizations[0]!.name = 'Contoso Renamed';
    await writeDocument(file, next, { checked: true });
    while (outcomes.length < 1) await new Promise((r) => setTimeout(r, 20));
    expect(outcomes[0]).to.include({ status: 'loaded', organizations: 4, users: 8 });
    expect(directory.current().organization(DEMO_TENANTS.contoso)!.name).to.equal('Contoso Renamed');
    // The old snapshot is untouched: a turn that holds it sees no mix.
    expect(before.organization(DEMO_TENANTS.contoso)!.name).to.equal('Contoso Cloud Services');

    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"Contoso Renamed"', '""').replace('"4711002"', '"47"'));
    while (outcomes.length < 2) await new Promise((r) => setTimeout(r, 20));
    expect(outcomes[1]!.status).to.equal('refused');
    const problems = ((outcomes[1] as unknown as { error: InvalidDirectoryError }).error.problems ?? []).map((p) => `${p.path}: ${p.message}`);
    expect(problems).to.deep.equal([
      '$.organizations[0].name: must not be empty',
      '$.organizations[1].partnerId: must be the partner (MPN) id: 4 to 10 digits (got "47")',
    ]);
    expect(directory.current().organization(DEMO_TENANTS.contoso)!.name).to.equal('Contoso Renamed');
    await directory.close();
  });

  it('reloads a large file in a worker thread, in chunks, to the same result', async () => {
    await writeDocument(file, await documentOf(demoDirectory(TODAY)), { checked: true });
    const directory = await FileDirectory.open(file, { watch: false, workerThresholdBytes: 0 });
    await writeDocument(file, await documentOf(benchDirectory(5_000, TODAY)), { checked: true });
    expect(await directory.reload()).to.include({ status: 'loaded', organizations: 5_000, users: 15_000 });
    const snapshot = directory.current();
    expect(snapshot.size).to.deep.equal({ organizations: 5_000, users: 15_000 });
    expect(snapshot.organization(benchGuid(1, 4_321))!.name).to.equal('Partner 4321 Systems');
    expect(snapshot.usersOfTenant(benchGuid(1, 4_999))).to.have.length(3);
    expect(snapshot.searchOrganizations('Partner 4321', 3)[0]!.organization.partnerId).to.equal('5004321');
    await directory.close();
  });
});
