import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benefit, DirectoryUser, Organization } from '../../../src/domain/types.js';
import { CorruptDataFileError, LowdbDirectoryStore, type DirectoryData } from '../../../src/store/lowdb/lowdbDirectoryStore.js';
import { PreconditionFailedError } from '../../../src/store/types.js';

const CONTOSO = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';
const WOODGROVE = '0b7c9e24-8d3f-4a55-b1e2-7c4d6a9f3e12';

const org = (tenantId: string, patch: Partial<Organization> = {}): Organization => ({
  tenantId,
  name: `Org ${tenantId.slice(0, 4)}`,
  partnerId: '4711001',
  memberships: [{ offer: 'Gold', competency: 'Cloud Platform', start: '2026-01-01', end: '2026-12-31' }],
  benefits: [],
  ...patch,
});
const user = (aadObjectId: string, tenantId: string, name: string): DirectoryUser => ({
  aadObjectId,
  tenantId,
  name,
  roles: [],
  accountProgram: 'MPN',
});
const benefit: Benefit = {
  kind: 'ProductSupport',
  accessId: 'a1b2c3d4-0000-4000-8000-000000000001',
  contractId: '7001234',
  start: '2026-03-15',
  end: '2027-03-14',
  incidentsUsed: 0,
  source: 'bot',
  activatedBy: { aadObjectId: 'u1', name: 'Ana Admin' },
  activatedAt: '2026-03-15T09:00:00.000Z',
};

describe('LowdbDirectoryStore', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-directory-'));
    file = join(dir, 'directory.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('treats a missing file as an empty directory and does not create it by reading', async () => {
    const store = await LowdbDirectoryStore.open(file);
    expect(await store.getOrganization(CONTOSO)).to.equal(undefined);
    expect(await store.getUser('u1')).to.equal(undefined);
    expect(await store.listUsersOfTenant(CONTOSO)).to.deep.equal([]);
    expect(await store.hasOrganizations()).to.equal(false);
    await store.ping();
    const missing = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => e.code);
    expect(missing).to.equal('ENOENT');
  });

  it('writes the keyed on-disk layout and reads it back after a reopen', async () => {
    const store = await LowdbDirectoryStore.open(file);
    await store.applyImport([org(CONTOSO)], [user('u1', CONTOSO, 'Ana')]);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as DirectoryData;
    expect(onDisk.schemaVersion).to.equal(1);
    expect(Object.keys(onDisk.organizations)).to.deep.equal([CONTOSO]);
    expect(onDisk.organizations[CONTOSO]?.value).to.deep.equal(org(CONTOSO));
    expect(onDisk.organizations[CONTOSO]?.etag).to.be.a('string').with.length.greaterThan(0);
    expect(onDisk.users.u1?.value).to.deep.equal(user('u1', CONTOSO, 'Ana'));

    const reopened = await LowdbDirectoryStore.open(file);
    const read = await reopened.getOrganization(CONTOSO);
    expect(read?.value).to.deep.equal(org(CONTOSO));
    expect(read?.etag).to.equal(onDisk.organizations[CONTOSO]?.etag);
    expect((await reopened.getUser('u1'))?.value.name).to.equal('Ana');
  });

  it('gives every write of an entity a new eTag, and leaves other entities alone', async () => {
    const store = await LowdbDirectoryStore.open(file);
    await store.applyImport([org(CONTOSO), org(WOODGROVE, { partnerId: '4711002' })], []);
    const first = (await store.getOrganization(CONTOSO))!.etag;
    const woodgrove = (await store.getOrganization(WOODGROVE))!.etag;
    expect(first).not.to.equal(woodgrove);
    await store.applyImport([org(CONTOSO, { name: 'Renamed' })], []);
    const second = (await store.getOrganization(CONTOSO))!.etag;
    expect(second).not.to.equal(first);
    expect((await store.getOrganization(WOODGROVE))!.etag).to.equal(woodgrove);
  });

  it('returns deep copies, so callers cannot change the store by mutating results or inputs', async () => {
    const store = await LowdbDirectoryStore.open(file);
    const input = org(CONTOSO);
    const ana = user('u1', CONTOSO, 'Ana');
    await store.applyImport([input], [ana]);
    input.memberships[0]!.end = '2099-12-31';
    ana.roles.push('GlobalAdmin');
    const read = await store.getOrganization(CONTOSO);
    read!.value.memberships[0]!.offer = 'ActionPack';
    read!.value.benefits.push(benefit);
    (await store.listUsersOfTenant(CONTOSO))[0]!.name = 'Mallory';
    (await store.getUser('u1'))!.value.roles.push('AdminAgent');

    const again = (await store.getOrganization(CONTOSO))!.value;
    expect(again.memberships[0]).to.deep.equal({ offer: 'Gold', competency: 'Cloud Platform', start: '2026-01-01', end: '2026-12-31' });
    expect(again.benefits).to.deep.equal([]);
    expect((await store.getUser('u1'))!.value).to.deep.equal(user('u1', CONTOSO, 'Ana'));
  });

  it('lists the users of one tenant in directory order', async () => {
    const store = await LowdbDirectoryStore.open(file);
    await store.applyImport(
      [org(CONTOSO), org(WOODGROVE, { partnerId: '4711002' })],
      [user('u3', CONTOSO, 'Cleo'), user('u1', WOODGROVE, 'Dario'), user('u2', CONTOSO, 'Ana')],
    );
    expect((await store.listUsersOfTenant(CONTOSO)).map((u) => u.name)).to.deep.equal(['Cleo', 'Ana']);
    expect((await store.listUsersOfTenant(WOODGROVE)).map((u) => u.name)).to.deep.equal(['Dario']);
    expect(await store.listUsersOfTenant('nobody')).to.deep.equal([]);
  });

  it('does not mistake inherited object keys for stored entities', async () => {
    const store = await LowdbDirectoryStore.open(file);
    await store.applyImport([org(CONTOSO)], []);
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(await store.getOrganization(key), key).to.equal(undefined);
      expect(await store.getUser(key), key).to.equal(undefined);
    }
  });

  it('lists every organization in directory order, as copies', async () => {
    const store = await LowdbDirectoryStore.open(file);
    expect(await store.listOrganizations()).to.deep.equal([]);
    await store.applyImport([org(WOODGROVE, { partnerId: '4711002' }), org(CONTOSO)], []);
    const listed = await store.listOrganizations();
    expect(listed.map((o) => o.tenantId)).to.deep.equal([WOODGROVE, CONTOSO]);
    listed[1]!.name = 'Mallory';
    expect((await store.listOrganizations())[1]).to.deep.equal(org(CONTOSO));
  });

  it('finds the tenant of a partner id', async () => {
    const store = await LowdbDirectoryStore.open(file);
    await store.applyImport([org(CONTOSO), org(WOODGROVE, { partnerId: '4711002' })], []);
    expect(await store.organizationByPartnerId('4711002')).to.equal(WOODGROVE);
    expect(await store.organizationByPartnerId('9999')).to.equal(undefined);
  });

  describe('saveBenefits', () => {
    it('replaces the benefits when the eTag matches, persists them and returns the new eTag', async () => {
      const store = await LowdbDirectoryStore.open(file);
      await store.applyImport([org(CONTOSO)], []);
      const read = (await store.getOrganization(CONTOSO))!;
      const saved = await store.saveBenefits(CONTOSO, [benefit], read.etag);
      expect(saved.value.benefits).to.deep.equal([benefit]);
      expect(saved.value.name).to.equal(read.value.name);
      expect(saved.etag).not.to.equal(read.etag);

      const reopened = await LowdbDirectoryStore.open(file);
      expect(await reopened.getOrganization(CONTOSO)).to.deep.equal(saved);
    });

    it('throws PreconditionFailedError for a stale eTag and changes nothing, on disk or in memory', async () => {
      const store = await LowdbDirectoryStore.open(file);
      await store.applyImport([org(CONTOSO)], []);
      const stale = (await store.getOrganization(CONTOSO))!.etag;
      await store.applyImport([org(CONTOSO, { name: 'Changed meanwhile' })], []);
      const before = await readFile(file, 'utf8');

      const error = await store.saveBenefits(CONTOSO, [benefit], stale).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(PreconditionFailedError);
      expect((error as PreconditionFailedError).key).to.equal(CONTOSO);
      expect(await readFile(file, 'utf8')).to.equal(before);
      expect((await store.getOrganization(CONTOSO))!.value.benefits).to.deep.equal([]);
    });

    it('lets exactly one of two concurrent saves with the same eTag win', async () => {
      const store = await LowdbDirectoryStore.open(file);
      await store.applyImport([org(CONTOSO)], []);
      const { etag } = (await store.getOrganization(CONTOSO))!;
      const other: Benefit = { ...benefit, kind: 'SignatureCloudSupport', contractId: '7001235' };
      const results = await Promise.allSettled([
        store.saveBenefits(CONTOSO, [benefit], etag),
        store.saveBenefits(CONTOSO, [other], etag),
      ]);
      expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected']);
      expect((results[1] as PromiseRejectedResult).reason).to.be.instanceOf(PreconditionFailedError);
      const reopened = await LowdbDirectoryStore.open(file);
      expect((await reopened.getOrganization(CONTOSO))!.value.benefits).to.deep.equal([benefit]);
    });

    it('throws a clear error for an unknown tenant', async () => {
      const store = await LowdbDirectoryStore.open(file);
      const error = await store.saveBenefits(WOODGROVE, [benefit], 'x').catch((e: unknown) => e);
      expect(error).to.be.instanceOf(Error).and.not.instanceOf(PreconditionFailedError);
      expect((error as Error).message).to.equal(`Cannot save benefits: organization ${WOODGROVE} is not in the directory`);
    });
  });

  it('rolls memory back when the file cannot be written', async () => {
    const store = await LowdbDirectoryStore.open(file);
    await store.applyImport([org(CONTOSO)], []);
    const before = (await store.getOrganization(CONTOSO))!;
    await rm(dir, { recursive: true });
    const error = await store.applyImport([org(CONTOSO, { name: 'Lost' }), org(WOODGROVE)], []).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect(await store.getOrganization(CONTOSO)).to.deep.equal(before);
    expect(await store.getOrganization(WOODGROVE)).to.equal(undefined);
    expect(await store.ping().then(() => 'ok', (e: NodeJS.ErrnoException) => e.code)).to.equal('ENOENT');
  });

  it('refuses writes after refuseWrites(), and still reads', async () => {
    const store = await LowdbDirectoryStore.open(file);
    await store.applyImport([org(CONTOSO)], []);
    const before = (await store.getOrganization(CONTOSO))!;
    const reason = new Error('lock lost');
    store.refuseWrites(reason);
    expect(await store.applyImport([org(WOODGROVE)], []).catch((e: unknown) => e)).to.equal(reason);
    expect(await store.saveBenefits(CONTOSO, [], before.etag).catch((e: unknown) => e)).to.equal(reason);
    expect(await store.getOrganization(CONTOSO)).to.deep.equal(before);
    expect(await store.getOrganization(WOODGROVE)).to.equal(undefined);
  });

  describe('a corrupt file', () => {
    const cases: [what: string, text: string, detail: string][] = [
      ['invalid JSON', '{"schemaVersion": 1, "organizations": {', 'it is not valid JSON'],
      ['an empty file', '', 'it is not valid JSON'],
      ['JSON null', 'null', 'it does not hold a JSON object'],
      ['a JSON array', '[]', 'it does not hold a JSON object'],
      ['another schema version', '{"schemaVersion": 2, "organizations": {}, "users": {}}', 'schemaVersion is 2, expected 1'],
      ['organizations as an array', '{"schemaVersion": 1, "organizations": [], "users": {}}', '"organizations" is not an object'],
      ['no users', '{"schemaVersion": 1, "organizations": {}}', '"users" is not an object'],
    ];
    for (const [what, text, detail] of cases) {
      it(`is an error naming the file, and the file is kept: ${what}`, async () => {
        await writeFile(file, text);
        const error = await LowdbDirectoryStore.open(file).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(CorruptDataFileError);
        expect((error as Error).message).to.contain(file).and.contain(detail);
        expect(await readFile(file, 'utf8')).to.equal(text);
      });
    }
  });
});
