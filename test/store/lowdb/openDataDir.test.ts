import { expect } from 'chai';
import { access, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorruptDataFileError } from '../../../src/store/lowdb/lowdbDirectoryStore.js';
import { isEmptyDataDir, openDataDir } from '../../../src/store/lowdb/openDataDir.js';
import { DataDirLockedError, DataDirLockLostError } from '../../../src/store/types.js';

const CONTOSO = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';
const contoso = { tenantId: CONTOSO, name: 'Contoso', partnerId: '4711001', memberships: [], benefits: [] };

const caseInput = {
  origin: 'escalation' as const,
  category: 'azure',
  summary: 's',
  status: 'open' as const,
  createdBy: { aadObjectId: 'a1', name: 'A' },
  createdAt: '2026-11-01T00:00:00Z',
  notes: [],
  history: [],
};

const exists = (path: string) => access(path).then(
  () => true,
  () => false,
);

describe('openDataDir', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'psb-datadir-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates a missing directory (recursively), locks it, and keeps directory and state in separate files', async () => {
    const dataDir = join(root, 'nested', 'data');
    const stores = await openDataDir(dataDir);
    try {
      expect(await exists(join(dataDir, '.lock'))).to.equal(true);
      await stores.directory.applyImport([contoso], []);
      await stores.state.write({ conv: { n: 1 } });
      expect((await readdir(dataDir)).sort()).to.deep.equal(['.lock', 'directory.json', 'state.json']);
      const state = await readFile(join(dataDir, 'state.json'), 'utf8');
      expect(state).to.contain('conv').and.not.contain(CONTOSO);
    } finally {
      await stores.close();
    }
    expect(await exists(join(dataDir, '.lock'))).to.equal(false);
  });

  it('throws DataDirLockedError while another holder has the directory, and opens again after close()', async () => {
    const first = await openDataDir(root);
    const error = await openDataDir(root).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DataDirLockedError);
    expect((error as DataDirLockedError).dataDir).to.equal(root);
    expect((error as Error).message).to.contain(root).and.contain('in use by another process');
    await first.close();
    await first.close(); // idempotent
    const second = await openDataDir(root);
    await second.close();
  });

  it('takes over a stale lock left by a dead process', async () => {
    const lock = join(root, '.lock');
    await mkdir(lock);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo);
    const stores = await openDataDir(root);
    await stores.close();
  });

  it('does not lock with { lock: false }', async () => {
    const stores = await openDataDir(root, { lock: false });
    expect(await exists(join(root, '.lock'))).to.equal(false);
    await stores.close();
  });

  it('refuses a corrupt directory.json and releases the lock', async () => {
    await writeFile(join(root, 'directory.json'), '{ not json');
    const error = await openDataDir(root).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(CorruptDataFileError);
    expect((error as Error).message).to.contain(join(root, 'directory.json'));
    expect(await exists(join(root, '.lock'))).to.equal(false);
    expect(await readFile(join(root, 'directory.json'), 'utf8')).to.equal('{ not json');
  });

  it('opens the audit log, cases and conversations in files of their own, created on first write', async () => {
    const stores = await openDataDir(root);
    try {
      expect((await readdir(root)).sort()).to.deep.equal(['.lock']);
      await stores.audit.append({ at: '2026-11-01T00:00:00Z', actor: { aadObjectId: 'a1', name: 'A' }, action: 'activation' });
      const created = await stores.cases.create({
        origin: 'triage',
        category: 'azure',
        summary: 's',
        status: 'open',
        createdBy: { aadObjectId: 'a1', name: 'A' },
        createdAt: '2026-11-01T00:00:00Z',
        notes: [],
        history: [],
      });
      expect(created.value.id).to.equal('C-000001');
      await stores.conversations.upsert({ key: 'a:1', reference: {}, conversationType: 'personal', updatedAt: '2026-11-01T00:00:00Z' });
      expect((await readdir(root)).sort()).to.deep.equal(['.lock', 'audit.jsonl', 'cases.json', 'conversations.json']);
    } finally {
      await stores.close();
    }
    const reopened = await openDataDir(root);
    expect((await reopened.audit.list()).map((e) => e.action)).to.deep.equal(['activation']);
    expect((await reopened.cases.get('C-000001'))!.value.summary).to.equal('s');
    expect((await reopened.conversations.get('a:1'))!.conversationType).to.equal('personal');
    await reopened.close();
  });

  it('refuses a corrupt cases.json or conversations.json and releases the lock', async () => {
    for (const name of ['cases.json', 'conversations.json']) {
      await writeFile(join(root, name), '[]');
      const error = await openDataDir(root).catch((e: unknown) => e);
      expect(error, name).to.be.instanceOf(CorruptDataFileError);
      expect((error as Error).message).to.contain(join(root, name));
      expect(await exists(join(root, '.lock'))).to.equal(false);
      await rm(join(root, name));
    }
  });

  it('close() waits for writes still in flight', async () => {
    const stores = await openDataDir(root);
    void stores.state.write({ unawaited: { n: 42 } });
    void stores.directory.applyImport([contoso], []);
    void stores.audit.append({ at: '2026-11-01T00:00:00Z', actor: { aadObjectId: 'a1', name: 'A' }, action: 'unawaited' });
    void stores.conversations.setSetting('helpdeskChannel', '19:unawaited');
    await stores.close();
    expect(await readFile(join(root, 'audit.jsonl'), 'utf8')).to.contain('"unawaited"');
    expect(await readFile(join(root, 'conversations.json'), 'utf8')).to.contain('19:unawaited');
    expect(await readFile(join(root, 'state.json'), 'utf8')).to.contain('"n":42');
    expect(await readFile(join(root, 'directory.json'), 'utf8')).to.contain(CONTOSO);
  });

  it('prunes conversation state idle longer than stateMaxAgeMs when writing', async () => {
    let now = new Date('2026-11-01T00:00:00Z');
    const opts = { now: () => now, stateMaxAgeMs: 60_000 };
    const stores = await openDataDir(root, opts);
    await stores.state.write({ idle: { n: 1 } });
    now = new Date('2026-11-01T00:05:00Z');
    await stores.state.write({ active: { n: 1 } });
    expect(Object.keys(await stores.state.read(['idle', 'active']))).to.deep.equal(['active']);
    await stores.close();
  });
});

describe('openDataDir when the lock is lost', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'psb-lost-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Makes `.lock` look abandoned (not refreshed for a minute), as after the machine slept past `stale`. */
  const ageLock = async () => {
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(join(root, '.lock'), longAgo, longAgo);
  };

  it('refuses every write after an import took the lock over, keeps reads, and leaves the new lock alone', async function () {
    this.timeout(10_000);
    const woodgrove = { ...contoso, tenantId: 'b3c9f7a1-8d2e-4f60-9c15-7e4a2d1b0c93', name: 'Woodgrove' };
    let lostCalls = 0;
    let lockLost!: (error: Error) => void;
    const lost = new Promise<Error>((resolve) => (lockLost = resolve));
    const server = await openDataDir(root, {
      lockUpdateMs: 1_000, // proper-lockfile checks the lock on each refresh; 1 s is its minimum
      onLockLost: (error) => {
        lostCalls += 1;
        lockLost(error);
      },
    });
    await server.directory.applyImport([contoso], []);
    await server.state.write({ conv: { n: 1 } });
    const savedCase = await server.cases.create({ ...caseInput });

    // The real race: the lock looks stale, so an import process takes it over and writes.
    await ageLock();
    const importer = await openDataDir(root);
    await importer.directory.applyImport([contoso, woodgrove], []);
    await importer.close();
    const imported = await readFile(join(root, 'directory.json'), 'utf8');

    const lostWith = await lost; // the server's next lock refresh sees a lock that is no longer its own
    expect(lostCalls).to.equal(1);
    expect(lostWith).to.be.instanceOf(DataDirLockLostError);
    expect((lostWith as DataDirLockLostError).dataDir).to.equal(root);
    expect(lostWith.message).to.contain(root).and.contain('restart');

    const org = (await server.directory.getOrganization(CONTOSO))!;
    const attempts: [string, Promise<unknown>][] = [
      ['applyImport', server.directory.applyImport([contoso], [])],
      ['saveBenefits', server.directory.saveBenefits(CONTOSO, [], org.etag)],
      ['state.write', server.state.write({ conv: { n: 2 } })],
      ['state.delete', server.state.delete(['conv'])],
      ['state.prune', server.state.prune(new Date())],
      ['audit.append', server.audit.append({ at: '2026-11-01T00:00:00Z', actor: { aadObjectId: 'a', name: 'A' }, action: 'x' })],
      ['cases.create', server.cases.create({ ...caseInput })],
      ['cases.save', server.cases.save(savedCase.value, savedCase.etag)],
      ['conversations.upsert', server.conversations.upsert({ key: 'a:2', reference: {}, updatedAt: '2026-11-01T00:00:00Z' })],
      ['conversations.setSetting', server.conversations.setSetting('x', 'y')],
      ['conversations.markSent', server.conversations.markSent('k', '2026-11-01T00:00:00Z')],
    ];
    for (const [what, attempt] of attempts) {
      const error = await attempt.then(() => undefined, (e: unknown) => e);
      expect(error, what).to.equal(lostWith);
    }
    // Reads still serve what the server had; the disk keeps the import.
    expect(org.value.name).to.equal('Contoso');
    expect((await server.state.read(['conv'])).conv!.n).to.equal(1);
    expect(await server.cases.get(savedCase.value.id)).to.deep.equal(savedCase);
    expect(await server.audit.list()).to.deep.equal([]);
    expect(await exists(join(root, 'audit.jsonl'))).to.equal(false);
    expect(await readFile(join(root, 'directory.json'), 'utf8')).to.equal(imported);

    // close() resolves and does not remove a lock that is no longer ours.
    const third = await openDataDir(root);
    await server.close();
    expect(await exists(join(root, '.lock'))).to.equal(true);
    expect(await openDataDir(root).catch((e: unknown) => e)).to.be.instanceOf(DataDirLockedError);
    await third.close();
  });

  it('by default emits a DataDirLockWarning when the lock is removed by someone else', async function () {
    this.timeout(10_000);
    const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
    const stores = await openDataDir(root, { lockUpdateMs: 1_000 });
    await rm(join(root, '.lock'), { recursive: true });
    const warning = await warned;
    expect(warning.name).to.equal('DataDirLockWarning');
    expect(warning.message).to.contain(root).and.contain('restart');
    const error = await stores.state.write({ conv: { n: 1 } }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DataDirLockLostError);
    await stores.close();
    expect(await exists(join(root, 'state.json'))).to.equal(false);
  });
});

describe('isEmptyDataDir', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'psb-empty-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is true for a directory that does not exist, and does not create it', async () => {
    expect(await isEmptyDataDir(join(root, 'nope'))).to.equal(true);
    expect(await exists(join(root, 'nope'))).to.equal(false);
  });

  it('is true without directory.json, and with one that has no organizations', async () => {
    expect(await isEmptyDataDir(root)).to.equal(true);
    await writeFile(join(root, 'directory.json'), '{"schemaVersion":1,"organizations":{},"users":{}}');
    expect(await isEmptyDataDir(root)).to.equal(true);
  });

  it('is false once an organization is stored, and works while the server holds the lock', async () => {
    const stores = await openDataDir(root);
    await stores.directory.applyImport([contoso], []);
    expect(await isEmptyDataDir(root)).to.equal(false);
    await stores.close();
  });

  it('rejects for a corrupt directory.json instead of calling it empty', async () => {
    await writeFile(join(root, 'directory.json'), 'garbage');
    const error = await isEmptyDataDir(root).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(CorruptDataFileError);
  });
});
