/**
 * `npm run import`, `npm run audit` and `npm run kb-report` with STORE=azure, as an operator runs
 * them: real child processes against Azurite (started once for the run by test/support/azurite.ts),
 * each compared with the same command on a data directory, which is what "the same as on one
 * machine" means.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContainerClient } from '@azure/storage-blob';
import { azureClients, openAzureLogs } from '../../src/store/azure/azureStores.js';
import { readAzureDocument } from '../../src/store/azure/blobImport.js';
import { openDataDir, readCurrentDocument } from '../../src/store/dataDir.js';
import type { AuditEntry, KnowledgeEvent } from '../../src/store/types.js';
import { azurite, uniquePrefix } from '../support/azurite.js';
import { runCli, type RunResult } from '../support/processes.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, `directory.${name}.json`);
const CONTOSO = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';

describe('the CLIs with STORE=azure (Azurite)', function () {
  this.timeout(60_000);
  let tmp: string;
  let env: Record<string, string>;
  let container: ContainerClient;
  let location: { connectionString: string; tablePrefix: string; container: string };

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'psb-cli-azure-'));
    const { connectionString } = await azurite();
    location = { connectionString, tablePrefix: uniquePrefix(), container: `dir-${uniquePrefix().toLowerCase()}` };
    container = azureClients(location).container;
    env = {
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      AZURE_TABLE_PREFIX: location.tablePrefix,
      AZURE_DIRECTORY_CONTAINER: location.container,
      DATA_DIR: join(tmp, 'unused'),
    };
  });
  afterEach(async () => {
    await container.deleteIfExists();
    await rm(tmp, { recursive: true, force: true });
  });

  const local = (script: string, args: string[]) => runCli(script, args, { DATA_DIR: join(tmp, 'data') });
  const azure = (script: string, args: string[], more: Record<string, string> = {}) => runCli(script, args, { ...env, ...more });
  /** The local run's output with the data directory's file name where the Azure run names its blob. */
  const sameBut = (run: RunResult, into: string) => ({ ...run, stdout: run.stdout.replace(/ into \S+directory\.json\n$/, ` into ${into}\n`) });

  it('import: a good file prints the one line, naming the snapshot blob; a bad one the same problems as on one machine, writing nothing', async () => {
    // (One after the other: two imports at once into one container, one would be refused.)
    const [good, goodLocal] = await Promise.all([azure('import', [fixture('example')]), local('import', [fixture('example')])]);
    const [bad, badLocal] = await Promise.all([azure('import', [fixture('invalid')]), local('import', [fixture('invalid')])]);
    const into = /into (devstoreaccount1\/dir-\S+\/snapshots\/\S+\.json) \(Azure Storage; current\.json points to it\)\n$/.exec(good.stdout);
    expect(into, good.stdout + good.stderr).to.not.equal(null);
    expect(good).to.deep.equal(sameBut(goodLocal, `${into![1]} (Azure Storage; current.json points to it)`));
    expect(good.stdout).to.match(/^Imported 3 organizations, 6 users, 2 benefits into /);
    expect(bad.code).to.equal(1);
    expect(bad).to.deep.equal(badLocal);
    expect(bad.stderr).to.match(/^Import failed: \d+ problems in .*directory\.invalid\.json; nothing was written\.\n {2}\$\./);
    // The good import is the directory; the bad one changed nothing.
    const undated = ({ importedAt: _at, countedAt: _counted, ...rest }: Awaited<ReturnType<typeof readCurrentDocument>>) => rest;
    expect(undated((await readAzureDocument(container)).document)).to.deep.equal(undated(await readCurrentDocument(join(tmp, 'data'))));
  });

  it('import: refused while another import holds the lease, naming it, and nothing written', async () => {
    await container.createIfNotExists();
    const lock = container.getBlockBlobClient('import.lock');
    await lock.upload('', 0);
    const lease = lock.getBlobLeaseClient();
    await lease.acquireLease(15);
    await lock.setMetadata({ host: 'ops-laptop', pid: '4242', since: '2026-12-03T09:00:00.000Z' }, { conditions: { leaseId: lease.leaseId } });
    try {
      const run = await azure('import', [fixture('example')]);
      expect(run).to.deep.equal({
        code: 1,
        stdout: '',
        stderr:
          `An import (process 4242 on ops-laptop, since 2026-12-03T09:00:00.000Z) holds the import lease of devstoreaccount1/${location.container}/import.lock. ` +
          'Wait for it to finish (the lease of an import that died ends within 60 s), then import again; nothing was written.\n',
      });
      expect((await readAzureDocument(container)).pointer).to.equal(undefined);
    } finally {
      await lease.releaseLease();
    }
  });

  it('import, audit and kb-report say what to fix when the configuration or the account is unusable', async () => {
    const dead = location.connectionString.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:9');
    const [missing, notOne, unreachable, auditMissing, reportUnreachable] = await Promise.all([
      azure('import', [fixture('example')], { AZURE_STORAGE_CONNECTION_STRING: '' }),
      azure('import', [fixture('example')], { AZURE_STORAGE_CONNECTION_STRING: 'my-storage-account' }),
      azure('import', [fixture('example')], { AZURE_STORAGE_CONNECTION_STRING: dead }),
      azure('audit', [], { AZURE_STORAGE_CONNECTION_STRING: '' }),
      azure('kbReport', [], { AZURE_STORAGE_CONNECTION_STRING: dead }),
    ]);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.equal(
      'Invalid configuration:\n' +
        "  AZURE_STORAGE_CONNECTION_STRING: is required when STORE=azure: the storage account's connection string (az storage account show-connection-string --name <account> --query connectionString --output tsv)\n" +
        'See .env.example.\nNothing was written.\n',
    );
    expect(notOne.stderr).to.contain('AZURE_STORAGE_CONNECTION_STRING: is not a storage account connection string').and.not.contain('my-storage-account');
    expect(unreachable.code).to.equal(1);
    expect(unreachable.stderr).to.equal(
      'Cannot import the partner directory in Azure Storage (STORE=azure): nothing answers at the endpoints of the storage account devstoreaccount1: ' +
        'check the BlobEndpoint/TableEndpoint in AZURE_STORAGE_CONNECTION_STRING (for Azurite: is it running?) and the network between here and Azure.\n',
    );
    expect(auditMissing.code).to.equal(1);
    expect(auditMissing.stderr).to.contain('AZURE_STORAGE_CONNECTION_STRING: is required when STORE=azure');
    expect(reportUnreachable.code).to.equal(1);
    expect(reportUnreachable.stderr).to.match(/^Cannot read the knowledge-base log in Azure Storage \(STORE=azure\): nothing answers at the endpoints/);
  });

  it('audit and kb-report print from the tables exactly what they print from the data directory', async () => {
    const entries: AuditEntry[] = [
      { at: '2026-10-31T23:00:00.000Z', actor: { aadObjectId: 'a1', name: 'Alice' }, tenantId: CONTOSO, partnerId: '4711001', action: 'activation' },
      { at: '2026-11-01T00:00:00.000Z', actor: { aadObjectId: 'a2', name: 'Smith, "Bob"' }, tenantId: CONTOSO, partnerId: '4711001', action: 'case.created', details: { caseId: 'C-000001', note: 'line one\nline two' } },
      { at: '2026-11-02T00:00:00.000Z', actor: { aadObjectId: 'a3', name: '=HYPERLINK("x")' }, partnerId: '4711002', action: 'ids.reveal' },
      { at: '2026-11-03T00:00:00.000Z', actor: { aadObjectId: 'system', name: 'system' }, action: 'reminder' },
    ];
    const events: KnowledgeEvent[] = [
      { at: '2026-11-01T10:00:00.000Z', type: 'asked', entryId: 'who-may-activate', lang: 'en', via: 'text' },
      { at: '2026-11-01T10:01:00.000Z', type: 'feedback', entryId: 'who-may-activate', lang: 'en', helpful: true },
      { at: '2026-11-02T10:00:00.000Z', type: 'unanswered', question: 'Wo finde ich die Rechnung?', lang: 'de', suggested: [] },
      { at: '2026-11-03T10:00:00.000Z', type: 'unanswered', question: 'Wo finde ich die Rechnung?', lang: 'de', suggested: ['who-may-activate'] },
    ];
    const stores = await openDataDir(join(tmp, 'data'), { serve: false });
    const tables = openAzureLogs(location);
    for (const e of entries) await Promise.all([stores.audit.append(e), tables.audit.append(e)]);
    for (const e of events) await Promise.all([stores.knowledge.append(e), tables.knowledge.append(e)]);
    await stores.close();

    // (A few runs: each is a process; the filters themselves are the log contract's cases.)
    const runs: [string, string[]][] = [
      ['audit', []],
      ['audit', ['--format', 'json', '--partner', '4711001', '--since', '2026-11-01']],
      ['kbReport', ['--format', 'json', '--since', '2026-11-01T10:01:00Z']],
    ];
    const results = await Promise.all(runs.map(([script, args]) => Promise.all([azure(script, args), local(script, args)])));
    for (const [i, [onAzure, onDisk]] of results.entries()) {
      expect(onAzure.code, runs[i]!.join(' ')).to.equal(0);
      expect(onAzure, runs[i]!.join(' ')).to.deep.equal(onDisk);
    }
    expect(results[0]![0].stdout.split('\n')).to.have.length(entries.length + 2);
    expect(JSON.parse(results[1]![0].stdout)).to.deep.equal([entries[1]]);
  });

  it('kb-report says there is no activity yet in an empty table', async () => {
    const run = await azure('kbReport', []);
    expect(run).to.deep.equal({ code: 0, stdout: `No knowledge-base activity yet in the table ${location.tablePrefix}knowledge of the storage account devstoreaccount1.\n`, stderr: '' });
  });
});
