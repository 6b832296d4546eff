/**
 * `npm run migrate` as an operator runs it: real child processes between a data directory (lmdb
 * and JSON Lines files in a temp directory) and Azurite (started once for the run by
 * test/support/azurite.ts), each test on tables and a blob container of its own.
 */
import { expect } from 'chai';
import { access, appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerClient } from '@azure/storage-blob';
import { azureClients, openAzureLogs } from '../../src/store/azure/azureStores.js';
import { readAzureDocument } from '../../src/store/azure/blobImport.js';
import { AzureTableBackend } from '../../src/store/azure/tableBackend.js';
import { openDataDir, readCurrentDocument } from '../../src/store/dataDir.js';
import { acquireLock } from '../../src/store/fileLock.js';
import { canonicalAuditEntry, JsonlAuditLog } from '../../src/store/jsonl/jsonlAuditLog.js';
import { JsonlKnowledgeLog } from '../../src/store/jsonl/jsonlKnowledgeLog.js';
import { LmdbBackend } from '../../src/store/lmdb/lmdbBackend.js';
import { holdings, migrate, openAzureEnd, openLmdbEnd, RUNTIME_TABLES } from '../../src/store/migrate/storeMigration.js';
import type { AuditEntry } from '../../src/store/types.js';
import { AZURITE_KEY, azureBackend, azurite, uniquePrefix } from '../support/azurite.js';
import { addRows, AUDIT_ENTRIES, CONTOSO, dumpTables, KNOWLEDGE_EVENTS, seedDataDir } from '../support/migrationData.js';
import { runCli, type RunResult } from '../support/processes.js';

const exists = (path: string) => access(path).then(
  () => true,
  () => false,
);

/** What a data directory holds: every table row, both log files' bytes, the directory document. */
async function dataDirContents(dataDir: string) {
  const backend = new LmdbBackend(join(dataDir, 'runtime'));
  try {
    return {
      tables: await dumpTables(backend),
      audit: await readFile(join(dataDir, 'audit.jsonl'), 'utf8'),
      knowledge: await readFile(join(dataDir, 'knowledge.jsonl'), 'utf8'),
      directory: await readCurrentDocument(dataDir),
    };
  } finally {
    await backend.close();
  }
}

/** The count a step line shows, e.g. `{ moved: 2, skipped: 0 }` for `  state   2 moved   0 skipped`. */
function counts(run: RunResult, step: string, dryRun = false): { moved: number; skipped: number } | undefined {
  const [moved, skipped] = dryRun ? ['to move', 'there already'] : ['moved', 'skipped'];
  const match = new RegExp(`^  ${step} +([\\d,]+) ${moved} +([\\d,]+) ${skipped}`, 'm').exec(run.stdout);
  return match ? { moved: Number(match[1]!.replace(/,/g, '')), skipped: Number(match[2]!.replace(/,/g, '')) } : undefined;
}

describe('npm run migrate (src/cli/migrate.ts), lmdb <-> Azure Storage (Azurite)', function () {
  this.timeout(120_000);
  let tmp: string;
  let source: string;
  let connectionString: string;
  let prefix: string;
  let containerName: string;
  let container: ContainerClient;
  let azure: AzureTableBackend;
  let disposeTables: () => Promise<void>;

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'psb-migrate-'));
    source = join(tmp, 'data');
    ({ connectionString } = await azurite());
    prefix = uniquePrefix();
    containerName = `mig-${prefix.toLowerCase()}`;
    container = azureClients({ connectionString, container: containerName }).container;
    const tables = await azureBackend({ prefix });
    azure = tables.backend;
    disposeTables = tables.dispose;
  });
  afterEach(async () => {
    await disposeTables();
    await container.deleteIfExists();
    await rm(tmp, { recursive: true, force: true });
  });

  /** The CLI on this test's tables and container (named through the environment, as the bot's .env would). */
  const run = (args: string[], env: Record<string, string> = {}) =>
    runCli('migrate', args, { AZURE_STORAGE_CONNECTION_STRING: connectionString, AZURE_TABLE_PREFIX: prefix, AZURE_DIRECTORY_CONTAINER: containerName, ...env });
  const toAzure = (dataDir: string, ...more: string[]) => run(['--from', 'lmdb', '--to', 'azure', '--data-dir', dataDir, ...more]);
  const toLmdb = (dataDir: string, ...more: string[]) => run(['--from', 'azure', '--to', 'lmdb', '--data-dir', dataDir, ...more]);
  const azureLogs = () => openAzureLogs({ connectionString, tablePrefix: prefix });

  it('lmdb -> azure -> lmdb keeps every row, log entry and the directory exactly, and prints what it moved per table', async () => {
    await seedDataDir(source);
    const before = await dataDirContents(source);
    const rows = (name: string) => before.tables[name]!.length;
    expect(RUNTIME_TABLES.every((name) => rows(name) > 0), JSON.stringify(before.tables)).to.equal(true);

    const up = await toAzure(source);
    expect(up.code, up.stdout + up.stderr).to.equal(0);
    expect(up.stdout).to.include(`from the data directory ${source}`).and.include(`to   azure tables ${prefix}* at `);
    for (const name of RUNTIME_TABLES) expect(counts(up, name), name).to.deep.equal({ moved: rows(name), skipped: 0 });
    expect(counts(up, 'audit log')).to.deep.equal({ moved: AUDIT_ENTRIES.length, skipped: 0 });
    expect(counts(up, 'knowledge log')).to.deep.equal({ moved: KNOWLEDGE_EVENTS.length, skipped: 0 });
    expect(counts(up, 'partner directory')).to.deep.equal({ moved: 1, skipped: 0 });
    expect(up.stdout).to.match(/\(3 organizations, 6 users\)/).and.match(/^Done in [\d.]+ s: [\d,]+ moved, 0 skipped/m);
    expect(up.stdout + up.stderr).to.not.include(AZURITE_KEY);

    // On Azure: the same rows (keys with / # ? \ % quotes, umlauts, emoji; a value over 64 KB), and
    // logs that the bot's table logs read as the files were, by tenant and by partner too.
    expect(await dumpTables(azure)).to.deep.equal(before.tables);
    const logs = azureLogs();
    expect(await logs.audit.list()).to.deep.equal(AUDIT_ENTRIES.map(canonicalAuditEntry));
    expect(await logs.audit.list({ tenantId: CONTOSO, limit: 2 })).to.deep.equal(AUDIT_ENTRIES.filter((e) => e.tenantId === CONTOSO).slice(-2));
    expect(await logs.audit.list({ partnerId: '4711002' })).to.deep.equal(AUDIT_ENTRIES.filter((e) => e.partnerId === '4711002'));
    expect(await logs.knowledge.list()).to.deep.equal(KNOWLEDGE_EVENTS);
    expect((await readAzureDocument(container)).document).to.deep.equal(before.directory);

    const back = join(tmp, 'back');
    const down = await toLmdb(back);
    expect(down.code, down.stdout + down.stderr).to.equal(0);
    for (const name of RUNTIME_TABLES) expect(counts(down, name), name).to.deep.equal({ moved: rows(name), skipped: 0 });
    expect(counts(down, 'audit log')).to.deep.equal({ moved: AUDIT_ENTRIES.length, skipped: 0 });
    expect(counts(down, 'partner directory')).to.deep.equal({ moved: 1, skipped: 0 });
    // Byte for byte the same log files, the same rows, the same directory document.
    expect(await dataDirContents(back)).to.deep.equal(before);

    // And the bot's stores read them as before.
    const [a, b] = await Promise.all([openDataDir(source, { serve: false, watch: false }), openDataDir(back, { serve: false, watch: false })]);
    try {
      expect(await b.cases.list()).to.deep.equal(await a.cases.list());
      expect((await b.ledgers.get(CONTOSO))?.value).to.deep.equal((await a.ledgers.get(CONTOSO))?.value);
      expect(await b.conversations.getSetting('helpdeskChannel')).to.equal('19:abc@thread.tacv2');
      expect(b.directory.current().size).to.deep.equal(a.directory.current().size);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a second run says the target holds data and refuses; --merge keeps every row the target has, copies the rest, and moves the case counter on', async () => {
    await seedDataDir(source);
    expect((await toAzure(source)).code).to.equal(0);
    // Newer data on Azure (the bot ran there), more on the machine, and a target case counter behind.
    const stateRow = (await azure.table('state').scan({ limit: 1 }))[0]!;
    await azure.table('state').upsert(stateRow.partition, stateRow.row, { item: { newer: true }, lastWrite: '2026-12-01T00:00:00.000Z' });
    const counter = (await azure.table<{ next: number }>('cases').get('cases', 'counter'))!;
    await azure.table('cases').replace('cases', 'counter', { next: 1 }, counter.etag);
    const local = await openDataDir(source, { serve: false, watch: false });
    await local.state.write({ 'msteams/conversations/new#1/': { fresh: 1, eTag: '*' } });
    const added: AuditEntry = { at: '2026-11-05T12:00:00.000Z', actor: { aadObjectId: 'a1', name: 'Ana Admin' }, tenantId: CONTOSO, action: 'ids.reveal' };
    await local.audit.append(added);
    await local.knowledge.append({ at: '2026-11-05T12:00:00.000Z', type: 'asked', entryId: 'who-may-activate', lang: 'de', via: 'choice' });
    await local.close();
    const onAzure = await dumpTables(azure);

    const refused = await toAzure(source);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.match(/already holds run-time data \(state, ledgers, cases, conversations, settings, activities, meta, audit log, knowledge log\); nothing was migrated/);
    expect(refused.stderr).to.include('run the same command with --merge to complete it');
    expect(refused.stdout).to.equal('');
    expect(await dumpTables(azure)).to.deep.equal(onAzure);

    const merged = await toAzure(source, '--merge');
    expect(merged.code, merged.stdout + merged.stderr).to.equal(0);
    expect(counts(merged, 'state')).to.deep.equal({ moved: 1, skipped: onAzure.state!.length });
    expect(counts(merged, 'ledgers')).to.deep.equal({ moved: 0, skipped: 1 });
    expect(counts(merged, 'audit log')).to.deep.equal({ moved: 1, skipped: AUDIT_ENTRIES.length });
    expect(counts(merged, 'knowledge log')).to.deep.equal({ moved: 1, skipped: KNOWLEDGE_EVENTS.length });
    expect(counts(merged, 'partner directory')).to.deep.equal({ moved: 0, skipped: 1 });
    expect(merged.stdout).to.include('the next case id of the target moved from 1 to 3');
    // The newer row is kept, nothing is there twice.
    expect((await azure.table('state').get(stateRow.partition, stateRow.row))?.value).to.deep.equal({ item: { newer: true }, lastWrite: '2026-12-01T00:00:00.000Z' });
    expect(await azureLogs().audit.list()).to.deep.equal([...AUDIT_ENTRIES, added].map(canonicalAuditEntry));
    expect(await azureLogs().knowledge.list()).to.have.length(KNOWLEDGE_EVENTS.length + 1);

    // Back into the machine's data directory, merging: only what it lacks (nothing), no line twice.
    const again = await toLmdb(source, '--merge');
    expect(again.code, again.stdout + again.stderr).to.equal(0);
    expect(counts(again, 'audit log')).to.deep.equal({ moved: 0, skipped: AUDIT_ENTRIES.length + 1 });
    expect(counts(again, 'state')!.moved).to.equal(0);
    expect(await new JsonlAuditLog(join(source, 'audit.jsonl')).list()).to.have.length(AUDIT_ENTRIES.length + 1);
  });

  it('an interrupted migration completes with --merge: the rest is copied, nothing twice', async () => {
    await seedDataDir(source);
    await addRows(source, 'state', 2500);
    // 6,000 more audit entries: more than one window of the log.
    const many = Array.from({ length: 6000 }, (_, i): AuditEntry => ({
      at: new Date(Date.UTC(2026, 10, 6) + Math.floor(i / 2) * 1000).toISOString(),
      actor: { aadObjectId: `u${i % 7}`, name: `Nutzer ${i % 7}` },
      ...(i % 3 !== 0 && { tenantId: `tenant-${i % 40}` }),
      ...(i % 2 === 0 && { partnerId: `47${i % 40}` }),
      action: 'ids.reveal',
    }));
    await appendFile(join(source, 'audit.jsonl'), many.map((e) => `${JSON.stringify(canonicalAuditEntry(e))}\n`).join(''));
    const before = await dataDirContents(source);

    /** The library's migration, stopped (as by Ctrl-C or a lost connection) after the first page or window of `stopAt`. */
    const interrupted = async (stopAt: string, merge: boolean) => {
      const from = await openLmdbEnd(source, 'source');
      const to = await openAzureEnd({ connectionString, tablePrefix: prefix, container: containerName, scratchDir: source });
      try {
        await migrate(from, to, {
          merge,
          dryRun: false,
          directory: true,
          onProgress: (name) => {
            if (name === stopAt) throw new Error(`interrupted in ${name}`);
          },
        });
        expect.fail('the migration was not interrupted');
      } catch (error) {
        expect((error as Error).message).to.equal(`interrupted in ${stopAt}`);
      } finally {
        await Promise.all([from.close(), to.close()]);
      }
    };
    await interrupted('state', false);
    expect((await azure.table('state').scan({ limit: 5000 })).length).to.equal(1000);
    await interrupted('audit log', true);
    expect((await azure.table('state').scan({ limit: 5000 })).length).to.equal(before.tables.state!.length);
    expect(await azureLogs().audit.list()).to.have.length(5000);
    expect(await azureLogs().knowledge.list()).to.have.length(0);

    const completed = await toAzure(source, '--merge');
    expect(completed.code, completed.stdout + completed.stderr).to.equal(0);
    expect(counts(completed, 'state')).to.deep.equal({ moved: 0, skipped: before.tables.state!.length });
    expect(counts(completed, 'audit log')).to.deep.equal({ moved: AUDIT_ENTRIES.length + many.length - 5000, skipped: 5000 });
    expect(counts(completed, 'knowledge log')).to.deep.equal({ moved: KNOWLEDGE_EVENTS.length, skipped: 0 });
    expect(await dumpTables(azure)).to.deep.equal(before.tables);
    expect(await azureLogs().audit.list()).to.deep.equal(await new JsonlAuditLog(join(source, 'audit.jsonl')).list());

    // And all of it back, byte for byte.
    const back = join(tmp, 'back');
    expect((await toLmdb(back)).code).to.equal(0);
    expect(await dataDirContents(back)).to.deep.equal(before);
  });

  it('rows Azure cannot store are named and left out (exit 1), every other row is moved, and a second run does the same', async () => {
    await seedDataDir(source);
    const backend = new LmdbBackend(join(source, 'runtime'));
    const longKey = `msteams/${'a/'.repeat(250)}`; // 508 characters: fine for lmdb, 1,000+ once encoded for Azure
    await backend.table('state').insert(longKey, 'r', { item: {}, lastWrite: '2026-11-01T00:00:00.000Z' });
    await backend.table('state').insert('huge', 'r', { item: { text: 'ü'.repeat(100_000) }, lastWrite: '2026-11-01T00:00:00.000Z' });
    await backend.close();
    const before = await dataDirContents(source);

    for (const merge of [[], ['--merge']]) {
      const partly = await toAzure(source, ...merge);
      expect(partly.code, partly.stdout + partly.stderr).to.equal(1);
      expect(partly.stdout).to.match(/^  state +\d+ (moved|skipped).*  2 not storable in the target$/m);
      expect(partly.stderr).to.include('2 rows cannot be stored in the target and were not migrated (the source still has them):');
      expect(partly.stderr).to.match(/state "msteams\/a\/a\/.*is too long for Azure Table Storage/).and.match(/state "huge"\/"r": .*too large for Azure Table Storage/);
    }
    const expected = before.tables.state!.filter(([partition]) => partition !== longKey && partition !== 'huge');
    expect((await dumpTables(azure)).state).to.deep.equal(expected);
  });

  it('--dry-run reads both sides and prints the counts, writing nothing in either direction', async () => {
    await seedDataDir(source);
    const dry = await toAzure(source, '--dry-run');
    expect(dry.code, dry.stdout + dry.stderr).to.equal(0);
    expect(dry.stdout).to.include('Migrating (dry run: nothing is written)').and.match(/^Dry run done in [\d.]+ s, nothing was written: [\d,]+ would move, 0 are there already\.$/m);
    expect(counts(dry, 'audit log', true)).to.deep.equal({ moved: AUDIT_ENTRIES.length, skipped: 0 });
    expect(counts(dry, 'partner directory', true)).to.deep.equal({ moved: 1, skipped: 0 });
    const target = await openAzureEnd({ connectionString, tablePrefix: prefix, container: containerName, scratchDir: source });
    expect(await holdings(target)).to.deep.equal([]);
    expect(await target.directory.read()).to.equal(undefined);

    expect((await toAzure(source)).code).to.equal(0);
    const back = join(tmp, 'back');
    const dryBack = await toLmdb(back, '--dry-run');
    expect(dryBack.code, dryBack.stdout + dryBack.stderr).to.equal(0);
    expect(counts(dryBack, 'knowledge log', true)).to.deep.equal({ moved: KNOWLEDGE_EVENTS.length, skipped: 0 });
    expect(await exists(join(back, 'audit.jsonl'))).to.equal(false);
    expect(await exists(join(back, 'knowledge.jsonl'))).to.equal(false);
    expect(await exists(join(back, 'directory.json'))).to.equal(false);
    const local = await openLmdbEnd(back, 'target');
    try {
      expect(await holdings(local)).to.deep.equal([]);
    } finally {
      await local.close();
    }

    // With --merge into a target that has it all: every row counted as there already.
    const dryMerge = await toAzure(source, '--dry-run', '--merge');
    expect(dryMerge.code).to.equal(0);
    expect(counts(dryMerge, 'state', true)).to.deep.equal({ moved: 0, skipped: (await dumpTables(azure)).state!.length });
    expect(counts(dryMerge, 'audit log', true)).to.deep.equal({ moved: 0, skipped: AUDIT_ENTRIES.length });
  });

  it('refuses a data directory that a bot server holds, naming it, and leaves its lock alone', async () => {
    await seedDataDir(source);
    const lock = join(source, 'server.lock');
    const release = await acquireLock(lock, 'The bot server (port 3978)');
    try {
      for (const refused of [await toAzure(source), await toLmdb(source, '--merge')]) {
        expect(refused.code).to.equal(1);
        expect(refused.stderr).to.include(`The bot server (port 3978) (process ${process.pid}, since `).and.include(`holds ${lock}`);
        expect(refused.stderr).to.include('Stop that bot server first').and.include('Nothing was migrated.');
      }
      expect(await holdings(await openAzureEnd({ connectionString, tablePrefix: prefix, container: containerName, scratchDir: source }))).to.deep.equal([]);
      expect(await exists(lock)).to.equal(true);
    } finally {
      await release();
    }
    const done = await toAzure(source);
    expect(done.code, done.stdout + done.stderr).to.equal(0);
    // The migration's own hold on the directory ends with it.
    expect(await exists(lock)).to.equal(false);
  });

  it('a missing, malformed or refused connection string, or an account that does not answer, fails with what to fix, never printing it', async () => {
    await seedDataDir(source);
    const wrongKey = Buffer.from('not the key of this account, but base64 all the same').toString('base64');
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const cases: [string, RegExp][] = [
      ['', /^AZURE_STORAGE_CONNECTION_STRING is not set: export the storage account's connection string first/],
      ['AccountKey=s3cr3tgarbage', /^AZURE_STORAGE_CONNECTION_STRING is not a storage account connection string: it needs AccountName and AccountKey/],
      [connectionString.replace(AZURITE_KEY, wrongKey), /refused the credentials \(\w+\): check the AccountKey .* in AZURE_STORAGE_CONNECTION_STRING/],
      [connectionString.replace(/TableEndpoint=http:\/\/127\.0\.0\.1:\d+/, `TableEndpoint=http://127.0.0.1:${closedPort}`).replace(/BlobEndpoint=http:\/\/127\.0\.0\.1:\d+/, `BlobEndpoint=http://127.0.0.1:${closedPort}`), /nothing answers at the endpoints of/],
    ];
    for (const [value, message] of cases) {
      const failed = await run(['--from', 'lmdb', '--to', 'azure', '--data-dir', source], { AZURE_STORAGE_CONNECTION_STRING: value });
      expect(failed.code, `${value}: ${failed.stderr}`).to.equal(1);
      expect(failed.stderr).to.match(message).and.include('Nothing was migrated.');
      for (const secret of ['s3cr3tgarbage', wrongKey, AZURITE_KEY]) expect(failed.stdout + failed.stderr).to.not.include(secret);
      expect(await exists(join(source, 'server.lock'))).to.equal(false);
    }
    expect(await holdings(await openAzureEnd({ connectionString, tablePrefix: prefix, container: containerName, scratchDir: source }))).to.deep.equal([]);
  });

  it('names what is wrong with the arguments (exit 2) or with the data directory (exit 1)', async () => {
    for (const [args, message] of [
      [['--from', 'lmdb', '--to', 'lmdb'], '--from and --to are both lmdb'],
      [['--from', 'lmdb'], '--to is missing: lmdb (the data directory on this machine) or azure'],
      [['--from', 'files', '--to', 'azure'], 'Unknown --from "files": use lmdb or azure'],
      [['--from', 'lmdb', '--to', 'azure', '--force'], "Unknown option '--force'"],
    ] as const) {
      const usage = await run([...args]);
      expect(usage.code, usage.stderr).to.equal(2);
      expect(usage.stderr).to.include(message).and.include('Usage: npm run migrate --');
    }
    const missing = await toAzure(join(tmp, 'nowhere'));
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include(`There is no data directory ${join(tmp, 'nowhere')} to migrate from: check --data-dir (or DATA_DIR).`);
    expect(await exists(join(tmp, 'nowhere'))).to.equal(false);
  });

  it('reads DATA_DIR when --data-dir is not given, and leaves the directory to npm run import with --no-directory', async () => {
    await seedDataDir(source);
    const moved = await run(['--from', 'lmdb', '--to', 'azure', '--no-directory', '--table-prefix', prefix, '--container', containerName], { DATA_DIR: source, AZURE_TABLE_PREFIX: 'elsewhere' });
    expect(moved.code, moved.stdout + moved.stderr).to.equal(0);
    expect(moved.stdout).to.include(`from the data directory ${source}`).and.not.include('partner directory');
    expect(counts(moved, 'audit log')).to.deep.equal({ moved: AUDIT_ENTRIES.length, skipped: 0 });
    expect((await readAzureDocument(container)).pointer).to.equal(undefined);
    expect(await new JsonlKnowledgeLog(join(source, 'knowledge.jsonl')).list()).to.have.length(KNOWLEDGE_EVENTS.length);
  });
});
