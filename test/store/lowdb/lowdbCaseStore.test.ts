import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbCaseStore, type CaseFilter } from '../../../src/store/lowdb/lowdbCaseStore.js';
import { CorruptDataFileError } from '../../../src/store/lowdb/lowdbDirectoryStore.js';
import { PreconditionFailedError, type HelpdeskCase } from '../../../src/store/types.js';

const CONTOSO = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';
const WOODGROVE = '0b7c9e24-8d3f-4a55-b1e2-7c4d6a9f3e12';
const alice = { aadObjectId: 'aaaa-1', name: 'Alice' };
const bob = { aadObjectId: 'bbbb-2', name: 'Bob' };

function newCase(createdAt: string, more: Partial<HelpdeskCase> = {}): Omit<HelpdeskCase, 'id'> {
  return {
    origin: 'escalation',
    tenantId: CONTOSO,
    category: 'azure',
    summary: 'VM does not start',
    status: 'open',
    createdBy: alice,
    createdAt,
    notes: [],
    history: [{ at: createdAt, by: alice, event: 'created' }],
    ...more,
  };
}

interface CasesFile {
  schemaVersion: number;
  nextNumber: number;
  cases: Record<string, { value: HelpdeskCase; etag: string }>;
}

describe('LowdbCaseStore', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-cases-'));
    file = join(dir, 'cases.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const onDisk = async () => JSON.parse(await readFile(file, 'utf8')) as CasesFile;

  it('assigns C-000001, C-000002, ... and keeps counting across reopen', async () => {
    const store = await LowdbCaseStore.open(file);
    const first = await store.create(newCase('2026-11-01T10:00:00Z'));
    const second = await store.create(newCase('2026-11-01T11:00:00Z'));
    expect([first.value.id, second.value.id]).to.deep.equal(['C-000001', 'C-000002']);
    expect(first.etag).to.be.a('string').and.not.equal(second.etag);
    const disk = await onDisk();
    expect(disk.schemaVersion).to.equal(1);
    expect(disk.nextNumber).to.equal(3);
    expect(Object.keys(disk.cases)).to.deep.equal(['C-000001', 'C-000002']);
    expect(disk.cases['C-000001']).to.deep.equal(first);

    const reopened = await LowdbCaseStore.open(file);
    expect(await reopened.get('C-000002')).to.deep.equal(second);
    expect((await reopened.create(newCase('2026-11-02T00:00:00Z'))).value.id).to.equal('C-000003');
  });

  it('gives concurrent creates distinct ids and stores them all', async () => {
    const store = await LowdbCaseStore.open(file);
    const created = await Promise.all(Array.from({ length: 20 }, () => store.create(newCase('2026-11-01T10:00:00Z'))));
    const ids = created.map((c) => c.value.id);
    expect(new Set(ids).size).to.equal(20);
    expect(Object.keys((await onDisk()).cases).sort()).to.deep.equal([...ids].sort());
  });

  it('never reuses an id already in the file, even with a stale nextNumber', async () => {
    const store = await LowdbCaseStore.open(file);
    const existing = await store.create(newCase('2026-11-01T10:00:00Z'));
    const disk = await onDisk();
    disk.cases['C-000010'] = { value: { ...existing.value, id: 'C-000010' }, etag: 'e' };
    disk.nextNumber = 1;
    await writeFile(file, JSON.stringify(disk));
    const reopened = await LowdbCaseStore.open(file);
    expect((await reopened.create(newCase('2026-11-02T00:00:00Z'))).value.id).to.equal('C-000011');
  });

  it('ignores an id passed to create, and copies in and out', async () => {
    const store = await LowdbCaseStore.open(file);
    const input = { ...newCase('2026-11-01T10:00:00Z'), id: 'C-999999' };
    const created = await store.create(input);
    expect(created.value.id).to.equal('C-000001');
    input.notes.push({ at: 'x', by: bob, text: 'changed by the caller' });
    created.value.summary = 'changed by the caller';
    const stored = (await store.get('C-000001'))!;
    expect(stored.value.notes).to.deep.equal([]);
    expect(stored.value.summary).to.equal('VM does not start');
    stored.value.history.push({ at: 'x', by: bob, event: 'x' });
    expect((await store.get('C-000001'))!.value.history).to.have.length(1);
    expect(await store.get('C-000404')).to.equal(undefined);
  });

  it('saves with the current eTag, and refuses a stale one without writing', async () => {
    const store = await LowdbCaseStore.open(file);
    const created = await store.create(newCase('2026-11-01T10:00:00Z'));
    const assigned = await store.save({ ...created.value, status: 'assigned', assignee: bob }, created.etag);
    expect(assigned.etag).to.not.equal(created.etag);
    expect(assigned.value).to.include({ id: 'C-000001', status: 'assigned' });
    const before = await readFile(file, 'utf8');

    const error = await store.save({ ...created.value, status: 'resolved' }, created.etag).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PreconditionFailedError);
    expect(error).to.include({ entity: 'case', key: 'C-000001' });
    expect(await readFile(file, 'utf8')).to.equal(before);
    expect((await store.get('C-000001'))!).to.deep.equal(assigned);
  });

  it('refuses to save an unknown case with a clear error', async () => {
    const store = await LowdbCaseStore.open(file);
    const created = await store.create(newCase('2026-11-01T10:00:00Z'));
    const error = await store.save({ ...created.value, id: 'C-000042' }, created.etag).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error).and.not.be.instanceOf(PreconditionFailedError);
    expect((error as Error).message).to.equal('Cannot save case C-000042: there is no such case');
  });

  describe('list', () => {
    let store: LowdbCaseStore;
    beforeEach(async () => {
      store = await LowdbCaseStore.open(file);
      await store.create(newCase('2026-11-01T10:00:00Z', { summary: 's1' }));
      await store.create(newCase('2026-11-03T10:00:00Z', { summary: 's2', status: 'assigned', createdBy: bob }));
      await store.create(newCase('2026-11-02T10:00:00Z', { summary: 's3', tenantId: WOODGROVE, status: 'resolved' }));
      await store.create(newCase('2026-11-03T10:00:00Z', { summary: 's4', origin: 'triage', tenantId: undefined }));
    });

    const cases: [string, CaseFilter | undefined, string[]][] = [
      ['everything, newest first (ties: higher id first)', undefined, ['s4', 's2', 's3', 's1']],
      ['one status', { status: ['open'] }, ['s4', 's1']],
      ['several statuses', { status: ['assigned', 'resolved'] }, ['s2', 's3']],
      ['an empty status list', { status: [] }, []],
      ['tenantId, case-insensitively', { tenantId: CONTOSO.toUpperCase() }, ['s2', 's1']],
      ['createdBy, case-insensitively', { createdBy: 'BBBB-2' }, ['s2']],
      ['all together', { status: ['open'], tenantId: CONTOSO, createdBy: alice.aadObjectId }, ['s1']],
      ['no match', { tenantId: 'unknown' }, []],
    ];
    for (const [what, filter, expected] of cases) {
      it(what, async () => {
        expect((await store.list(filter)).map((c) => c.summary)).to.deep.equal(expected);
      });
    }

    it('returns copies', async () => {
      const [first] = await store.list();
      first!.summary = 'changed';
      expect((await store.list()).map((c) => c.summary)).to.include('s4');
    });
  });

  describe('when the file cannot be written', () => {
    it('create rejects and the case is not kept in memory', async () => {
      const store = await LowdbCaseStore.open(file);
      await store.create(newCase('2026-11-01T10:00:00Z'));
      await rm(dir, { recursive: true });
      const error = await store.create(newCase('2026-11-02T10:00:00Z')).catch((e: unknown) => e);
      expect((error as NodeJS.ErrnoException).code).to.equal('ENOENT');
      expect((await store.list()).map((c) => c.id)).to.deep.equal(['C-000001']);
    });

    it('save rejects and the previous version stays, with its eTag', async () => {
      const store = await LowdbCaseStore.open(file);
      const created = await store.create(newCase('2026-11-01T10:00:00Z'));
      await rm(dir, { recursive: true });
      const error = await store.save({ ...created.value, status: 'resolved' }, created.etag).catch((e: unknown) => e);
      expect((error as NodeJS.ErrnoException).code).to.equal('ENOENT');
      expect(await store.get('C-000001')).to.deep.equal(created);
    });
  });

  it('refuses writes after refuseWrites(), and still reads', async () => {
    const store = await LowdbCaseStore.open(file);
    const created = await store.create(newCase('2026-11-01T10:00:00Z'));
    const reason = new Error('lock lost');
    store.refuseWrites(reason);
    expect(await store.create(newCase('2026-11-02T10:00:00Z')).catch((e: unknown) => e)).to.equal(reason);
    expect(await store.save(created.value, created.etag).catch((e: unknown) => e)).to.equal(reason);
    expect(await store.get('C-000001')).to.deep.equal(created);
  });

  const corrupt: [string, string, string][] = [
    ['not JSON', '{ nope', 'not valid JSON'],
    ['an unknown schemaVersion', '{"schemaVersion":2,"nextNumber":1,"cases":{}}', 'schemaVersion is 2'],
    ['a bad nextNumber', '{"schemaVersion":1,"nextNumber":0,"cases":{}}', '"nextNumber"'],
    ['cases as an array', '{"schemaVersion":1,"nextNumber":1,"cases":[]}', '"cases"'],
  ];
  for (const [what, text, message] of corrupt) {
    it(`refuses a file with ${what} and leaves it alone`, async () => {
      await writeFile(file, text);
      const error = await LowdbCaseStore.open(file).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(CorruptDataFileError);
      expect((error as Error).message).to.contain(file).and.contain(message);
      expect(await readFile(file, 'utf8')).to.equal(text);
    });
  }
});
