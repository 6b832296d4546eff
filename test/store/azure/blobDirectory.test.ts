/**
 * The partner directory in Azure Blob Storage, on Azurite: the import (the same checks, messages
 * and merge as into a data directory; nothing written for a bad file; one import at a time), and
 * the directory a running bot serves (a new import swapped in whole, a broken one refused while the
 * old one keeps serving, the health check).
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { ContainerClient } from '@azure/storage-blob';
import { AzureDirectory, POINTER_BLOB, readPointer, snapshotBlobName } from '../../../src/store/azure/blobDirectory.js';
import {
  ConcurrentImportError,
  importDirectoryFileToAzure,
  ImportLeasedError,
  KEPT_SNAPSHOTS,
  publishDocument,
  readAzureDocument,
} from '../../../src/store/azure/blobImport.js';
import { azureClients, AzureStorageError, openAzureStores } from '../../../src/store/azure/azureStores.js';
import { readCurrentDocument } from '../../../src/store/dataDir.js';
import { CorruptDataFileError, InvalidDirectoryError } from '../../../src/store/directory/document.js';
import type { ReloadOutcome } from '../../../src/store/directory/fileDirectory.js';
import { importDirectoryFile } from '../../../src/store/import/directoryImport.js';
import { azurite, uniquePrefix } from '../../support/azurite.js';
import { startTcpProxy, throughPorts } from '../../support/tcpProxy.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, `directory.${name}.json`);
const WOODGROVE = '0b7c9e24-8d3f-4a55-b1e2-7c4d6a9f3e12';
const AT = new Date('2026-12-03T10:00:00.000Z');

const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

/** A logger whose lines the test reads. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines, messages: () => lines.map((l) => String(l.msg)) };
}

describe('store/azure: the partner directory in Azure Blob Storage (Azurite)', function () {
  this.timeout(60_000);
  let connectionString: string;
  let container: ContainerClient;
  let tmp: string;
  const upload = (blob: string, text: string) => container.getBlockBlobClient(blob).upload(text, Buffer.byteLength(text));
  const names = async () => {
    const found: string[] = [];
    for await (const blob of container.listBlobsFlat()) found.push(blob.name);
    return found.sort();
  };

  beforeEach(async () => {
    connectionString = (await azurite()).connectionString;
    container = azureClients({ connectionString, container: `dir-${uniquePrefix().toLowerCase()}` }).container;
    tmp = await mkdtemp(join(tmpdir(), 'psb-azure-directory-'));
  });
  afterEach(async () => {
    await container.deleteIfExists();
    await rm(tmp, { recursive: true, force: true });
  });

  describe('the import', () => {
    it('imports a good file: a snapshot blob, and current.json pointing at it with its hash', async () => {
      const result = await importDirectoryFileToAzure(fixture('example'), container, { now: () => AT });
      expect(result).to.deep.include({ ok: true, summary: { organizations: 3, users: 6, benefits: 2 } });
      const read = await readPointer(container);
      expect(read!.pointer).to.deep.include({ schemaVersion: 1, blob: result.pointer!.blob, importedAt: AT.toISOString(), organizations: 3, users: 6 });
      expect(read!.pointer.blob).to.match(/^snapshots\/2026-12-03T10-00-00-000Z-[0-9a-f]{8}\.json$/);
      expect(await names()).to.deep.equal(['current.json', 'import.lock', read!.pointer.blob]);
      const directory = await AzureDirectory.open(container, { watch: false });
      expect(directory.current().size).to.deep.equal({ organizations: 3, users: 6 });
      expect(directory.current().organization(WOODGROVE)!.name).to.equal('Woodgrove Software');
      await directory.close();
    });

    it('checks and merges exactly as the import into a data directory does', async () => {
      const dataDir = join(tmp, 'data');
      for (const name of ['example', 'reimport']) {
        const local = await importDirectoryFile(fixture(name), dataDir, () => AT);
        const azure = await importDirectoryFileToAzure(fixture(name), container, { now: () => AT });
        expect(azure.ok, name).to.equal(true);
        expect({ ...azure, pointer: undefined }, name).to.deep.equal({ ...local, pointer: undefined });
      }
      expect((await readAzureDocument(container)).document).to.deep.equal(await readCurrentDocument(dataDir));
      // A file that breaks the rules only against what is stored (a partner id taken by another tenant).
      const taken = join(tmp, 'taken.json');
      await writeFile(taken, JSON.stringify({ organizations: [{ tenantId: '11111111-2222-4333-8444-555555555555', name: 'Other', partnerId: '4711002' }] }));
      const local = await importDirectoryFile(taken, dataDir, () => AT);
      expect(local.ok).to.equal(false);
      expect(await importDirectoryFileToAzure(taken, container, { now: () => AT })).to.deep.equal(local);
    });

    it('refuses a bad file with the same problems, and writes nothing', async () => {
      const local = await importDirectoryFile(fixture('invalid'), join(tmp, 'data'), () => AT);
      expect(local.ok).to.equal(false);
      expect(await importDirectoryFileToAzure(fixture('invalid'), container)).to.deep.equal(local);
      const notJson = join(tmp, 'broken.json');
      await writeFile(notJson, '{"organizations": [');
      const parsed = await importDirectoryFileToAzure(notJson, container);
      expect(parsed).to.deep.equal(await importDirectoryFile(notJson, join(tmp, 'data')));
      expect(await rejection(importDirectoryFileToAzure(join(tmp, 'missing.json'), container))).to.have.property('message', `Cannot read ${join(tmp, 'missing.json')}: no such file`);
      // Only the (empty) lease blob of the import lock: no snapshot, no pointer.
      expect(await names()).to.deep.equal(['import.lock']);
      // And after a good import, a bad one leaves the directory as it was.
      await importDirectoryFileToAzure(fixture('example'), container);
      const before = await names();
      const pointer = await readPointer(container);
      expect((await importDirectoryFileToAzure(fixture('invalid'), container)).ok).to.equal(false);
      expect(await names()).to.deep.equal(before);
      expect((await readPointer(container))!.etag).to.equal(pointer!.etag);
    });

    it('two imports at once: the second is refused while the first holds the lease, naming it; then it may import', async () => {
      let release!: () => void;
      const paused = new Promise<void>((resolve) => (release = resolve));
      let reached!: () => void;
      const inside = new Promise<void>((resolve) => (reached = resolve));
      const first = importDirectoryFileToAzure(fixture('example'), container, { beforeWrite: async () => (reached(), paused) });
      await inside;
      const second = await rejection(importDirectoryFileToAzure(fixture('reimport'), container));
      expect(second).to.be.instanceOf(ImportLeasedError);
      expect((second as Error).message).to.match(
        new RegExp(`^An import \\(process ${process.pid} on .+, since \\d{4}-.+Z\\) holds the import lease of devstoreaccount1/${container.containerName}/import\\.lock\\. Wait for it to finish .*nothing was written\\.$`),
      );
      release();
      expect(await first).to.deep.include({ ok: true });
      expect((await readAzureDocument(container)).document.organizations).to.have.length(3);
      expect(await importDirectoryFileToAzure(fixture('reimport'), container)).to.deep.include({ ok: true });
    });

    it('an import whose lease ran out while another one imported is refused at the pointer, and its snapshot removed', async () => {
      await importDirectoryFileToAzure(fixture('example'), container);
      const stalled = importDirectoryFileToAzure(fixture('reimport'), container, {
        renewMs: 3_600_000,
        beforeWrite: async () => {
          // The lease "runs out" (broken at once), and another import takes it and writes.
          await container.getBlobClient('import.lock').getBlobLeaseClient().breakLease(0);
          const other = join(tmp, 'other.json');
          await writeFile(other, JSON.stringify({ organizations: [{ tenantId: WOODGROVE, name: 'Woodgrove by the other import', partnerId: '4711002' }] }));
          expect(await importDirectoryFileToAzure(other, container)).to.deep.include({ ok: true });
        },
      });
      const error = await rejection(stalled);
      expect(error).to.be.instanceOf(ConcurrentImportError);
      expect((error as Error).message).to.equal(
        `Another import changed the partner directory in devstoreaccount1/${container.containerName} while this one ran; nothing was imported. Import again: the file is merged with the directory as it is now.`,
      );
      const { document, pointer } = await readAzureDocument(container);
      expect(document.organizations.find((o) => o.tenantId === WOODGROVE)!.name).to.equal('Woodgrove by the other import');
      expect((await names()).filter((n) => n.startsWith('snapshots/'))).to.have.length(2);
      expect(await names()).to.include(pointer!.blob);
    });

    it(`keeps the newest ${KEPT_SNAPSHOTS} snapshots besides the current one`, async () => {
      for (let i = 0; i < KEPT_SNAPSHOTS + 3; i++) await importDirectoryFileToAzure(fixture('example'), container, { now: () => new Date(AT.getTime() + i * 1000) });
      const snapshots = (await names()).filter((n) => n.startsWith('snapshots/'));
      expect(snapshots).to.have.length(KEPT_SNAPSHOTS + 1);
      expect(snapshots.at(-1)).to.equal((await readPointer(container))!.pointer.blob);
      expect(snapshots[0]).to.match(/^snapshots\/2026-12-03T10-00-02-000Z/);
    });
  });

  describe('the directory a running bot serves', () => {
    it('an empty container is an empty directory; a new import is swapped in whole on reload', async () => {
      await container.createIfNotExists();
      const directory = await AzureDirectory.open(container, { watch: false });
      expect(directory.current().size).to.deep.equal({ organizations: 0, users: 0 });
      expect(await directory.reload()).to.deep.equal({ status: 'unchanged' });
      await importDirectoryFileToAzure(fixture('example'), container);
      const before = directory.current();
      const outcome = await directory.reload();
      expect(outcome).to.deep.include({ status: 'loaded', organizations: 3, users: 6 });
      expect(before.size.organizations).to.equal(0);
      expect(directory.current().size.organizations).to.equal(3);
      expect(await directory.reload()).to.deep.equal({ status: 'unchanged' });
      await importDirectoryFileToAzure(fixture('reimport'), container);
      expect(await directory.reload()).to.deep.include({ status: 'loaded' });
      expect(directory.current().organization(WOODGROVE)!.name).to.equal((await readAzureDocument(container)).document.organizations.find((o) => o.tenantId === WOODGROVE)!.name);
      await directory.close();
    });

    it('notices a new import by polling the pointer, and loads large snapshots in a worker thread', async () => {
      const reloads: ReloadOutcome[] = [];
      await container.createIfNotExists();
      const directory = await AzureDirectory.open(container, { pollMs: 100, workerThresholdBytes: 0, onReload: (o) => reloads.push(o) });
      try {
        await importDirectoryFileToAzure(fixture('example'), container);
        const t0 = Date.now();
        while (directory.current().size.organizations === 0 && Date.now() - t0 < 5_000) await new Promise((r) => setTimeout(r, 50));
        expect(directory.current().size.organizations).to.equal(3);
        expect(reloads.map((r) => r.status)).to.deep.equal(['loaded']);
      } finally {
        await directory.close();
      }
    });

    it('refuses a broken snapshot with the import\'s messages, logged, and keeps serving the previous one', async () => {
      await importDirectoryFileToAzure(fixture('example'), container);
      const log = recordingLogger();
      const directory = await AzureDirectory.open(container, { watch: false, logger: log.logger });
      const { document, pointer: imported } = await readAzureDocument(container);
      // A snapshot that breaks the rules, written by hand (so its text is not the one the import hashed).
      const broken = structuredClone(document);
      broken.organizations[1]!.partnerId = 'MPN-1';
      broken.organizations[1]!.name = 'Broken Woodgrove';
      const pointer = { ...imported!, blob: snapshotBlobName(new Date()) };
      await upload(pointer.blob, JSON.stringify(broken));
      await upload(POINTER_BLOB, JSON.stringify(pointer));
      const outcome = await directory.reload();
      expect(outcome.status).to.equal('refused');
      const error = (outcome as { error: Error }).error;
      expect(error).to.be.instanceOf(InvalidDirectoryError);
      expect(error.message).to.contain(`devstoreaccount1/${container.containerName}/${pointer.blob} breaks 1 rule`).and.contain('$.organizations[1].partnerId');
      expect(log.messages()).to.include('the changed partner directory was refused; the bot keeps serving the previous one');
      expect(directory.current().organization(WOODGROVE)!.name).to.equal('Woodgrove Software');
      // Reported once, not on every poll.
      expect(await directory.reload()).to.deep.equal({ status: 'unchanged' });
      // Text that is not JSON, and a pointer that is not one.
      const blob = snapshotBlobName(new Date());
      await upload(blob, 'not json');
      await upload(POINTER_BLOB, JSON.stringify({ ...pointer, blob }));
      expect(((await directory.reload()) as { error: Error }).error).to.be.instanceOf(CorruptDataFileError);
      await upload(POINTER_BLOB, '{}');
      expect(((await directory.reload()) as { error: Error }).error.message).to.match(/current\.json is not a directory pointer/);
      // A pointer to a snapshot that is not there.
      await upload(POINTER_BLOB, JSON.stringify({ ...pointer, blob: 'snapshots/gone.json' }));
      expect(((await directory.reload()) as { error: Error }).error.message).to.contain('snapshots/gone.json is corrupt: current.json names it, but it does not exist');
      expect(directory.current().organization(WOODGROVE)!.name).to.equal('Woodgrove Software');
      // A good import after all that is served again.
      await publishDocument(container, document, (await readPointer(container))!.etag);
      expect(await directory.reload()).to.deep.include({ status: 'loaded' });
      // A start on a broken directory is refused: a bot must not serve a directory it cannot trust.
      await upload(POINTER_BLOB, JSON.stringify({ ...pointer, blob }));
      expect(await rejection(AzureDirectory.open(container, { watch: false }))).to.be.instanceOf(CorruptDataFileError);
      await directory.close();
    });

    it('ping rejects while the storage cannot be read, keeps serving, and recovers', async () => {
      const { blobEndpoint } = await azurite();
      const blobPort = Number(new URL(blobEndpoint).port);
      const proxy = await startTcpProxy({ host: '127.0.0.1', port: blobPort });
      const through = azureClients({
        connectionString: throughPorts(connectionString, { [blobPort]: proxy.port }),
        container: container.containerName,
        blobRetryOptions: { maxTries: 1 },
      }).container;
      await importDirectoryFileToAzure(fixture('example'), container);
      const log = recordingLogger();
      const directory = await AzureDirectory.open(through, { pollMs: 50, logger: log.logger, pingTimeoutMs: 2_000 });
      try {
        await directory.ping();
        await proxy.cut();
        expect(await rejection(directory.ping())).to.be.instanceOf(Error);
        await new Promise((r) => setTimeout(r, 300));
        expect(log.messages().filter((m) => m.startsWith('cannot read the partner directory'))).to.have.length(1);
        expect(directory.current().size.organizations).to.equal(3);
        await proxy.restore();
        await directory.ping();
        await new Promise((r) => setTimeout(r, 300));
        expect(log.messages()).to.include('the partner directory in Azure Storage can be read again');
      } finally {
        await directory.close();
        await proxy.close();
      }
    });
  });

  describe('openAzureStores', () => {
    it('opens the directory, the run-time store and the logs, with no lock: a second instance opens beside the first', async () => {
      await importDirectoryFileToAzure(fixture('example'), container);
      const location = { connectionString, tablePrefix: uniquePrefix(), container: container.containerName, watch: false };
      const one = await openAzureStores(location);
      const two = await openAzureStores(location);
      try {
        expect(one.directory.current().size.organizations).to.equal(3);
        await one.audit.append({ at: AT.toISOString(), actor: { aadObjectId: 'a1', name: 'Alice' }, tenantId: WOODGROVE, action: 'ids.reveal' });
        await one.knowledge.append({ at: AT.toISOString(), type: 'asked', entryId: 'gold', lang: 'en', via: 'text' });
        expect((await two.audit.list({ tenantId: WOODGROVE })).map((e) => e.action)).to.deep.equal(['ids.reveal']);
        expect(await two.knowledge.list()).to.have.length(1);
        await two.ping();
        expect(one.description).to.match(/^azure tables t\w+\* at http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1; directory devstoreaccount1\/dir-t\w+\/current\.json$/);
      } finally {
        await one.close();
        await two.close();
        await one.close();
      }
    });

    it('says what to fix when the account cannot be reached or refuses the key', async () => {
      const dead = connectionString.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:9');
      const quick = { tableRetryOptions: { maxRetries: 0 }, blobRetryOptions: { maxTries: 1 } };
      const unreachable = await rejection(openAzureStores({ connectionString: dead, ...quick }));
      expect(unreachable).to.be.instanceOf(AzureStorageError);
      expect((unreachable as Error).message).to.equal(
        "Cannot open the bot's data in Azure Storage (STORE=azure): nothing answers at the endpoints of the storage account devstoreaccount1: check the BlobEndpoint/TableEndpoint in AZURE_STORAGE_CONNECTION_STRING (for Azurite: is it running?) and the network between here and Azure.",
      );
      const wrongKey = connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.from('not the key').toString('base64')}`);
      const refused = await rejection(openAzureStores({ connectionString: wrongKey, ...quick }));
      expect(refused).to.be.instanceOf(AzureStorageError);
      expect((refused as Error).message).to.match(/^Cannot open the bot's data in Azure Storage \(STORE=azure\): the storage account devstoreaccount1 refused the credentials \(\w+\): check the AccountKey/);
      expect(() => azureClients({ connectionString: 'AccountName=x' })).to.throw(AzureStorageError, /AZURE_STORAGE_CONNECTION_STRING is not a usable storage account connection string/);
    });
  });
});
