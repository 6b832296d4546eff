/**
 * `npm run import` with `STORE=azure`: the same file checks, messages and upsert merge as the
 * import into a data directory (import/directoryImport.ts), writing the new directory document
 * into Azure Blob Storage (see blobDirectory.ts for the layout), where every bot instance reads it.
 *
 * One import at a time, like the import lock on one machine: the import holds a lease on the blob
 * `import.lock` (60 s, renewed every 20 s while it runs, so a crashed import frees it within a
 * minute), and a second import is refused at once, naming the first (host, process, since when)
 * from the lease blob's metadata. The pointer is then written only if it is still the version the
 * import read (`If-Match`, or `If-None-Match: *` for the first import): should a lease ever run out
 * under a stalled import while another one ran, the stalled one is refused rather than undo the
 * other's changes. Either way the refused import wrote nothing that anything points to.
 */
import { hostname } from 'node:os';
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BlobLeaseClient, ContainerClient } from '@azure/storage-blob';
import { emptyDocument, type DirectoryDocument } from '../directory/document.js';
import { readCheckedDocument } from '../directory/loadDocument.js';
import { CorruptDataFileError, InvalidDirectoryError } from '../directory/document.js';
import { ImportFileError, importIntoDocument, parseImportText, type ImportResult } from '../import/directoryImport.js';
import { blobLabel, LOCK_BLOB, POINTER_BLOB, readPointer, SNAPSHOT_PREFIX, snapshotBlobName, statusOf, withDownloadedSnapshot, type DirectoryPointer } from './blobDirectory.js';

/** The lease of a running import, in seconds (Azure allows 15 to 60, or infinite). */
export const IMPORT_LEASE_SECONDS = 60;
/** Snapshots kept besides the current one, so an import can be rolled back. */
export const KEPT_SNAPSHOTS = 5;

/** Who holds the import lease, from the lease blob's metadata. */
export interface ImportHolder {
  host?: string;
  pid?: string;
  since?: string;
}

/** Thrown when another import holds the lease: nothing was written. */
export class ImportLeasedError extends Error {
  constructor(
    readonly where: string,
    readonly holder: ImportHolder,
  ) {
    const who = holder.pid ? `An import (process ${holder.pid}${holder.host ? ` on ${holder.host}` : ''}${holder.since ? `, since ${holder.since}` : ''})` : 'Another import';
    super(`${who} holds the import lease of ${where}. Wait for it to finish (the lease of an import that died ends within ${IMPORT_LEASE_SECONDS} s), then import again; nothing was written.`);
    this.name = 'ImportLeasedError';
  }
}

/** Thrown when the directory changed under an import (another import wrote it): nothing was imported. */
export class ConcurrentImportError extends Error {
  constructor(readonly where: string) {
    super(`Another import changed the partner directory in ${where} while this one ran; nothing was imported. Import again: the file is merged with the directory as it is now.`);
    this.name = 'ConcurrentImportError';
  }
}

/** The directory document `current.json` points to (empty when nothing was imported), checked with the import's rules, and the pointer's eTag. */
export async function readAzureDocument(container: ContainerClient): Promise<{ document: DirectoryDocument; etag?: string; pointer?: DirectoryPointer }> {
  const read = await readPointer(container);
  if (!read) return { document: emptyDocument() };
  const label = blobLabel(container, read.pointer.blob);
  const document = await withDownloadedSnapshot(container, read.pointer, async (file) => {
    const checked = await readCheckedDocument(file);
    if (checked.status === 'ok') return checked.document;
    if (checked.status === 'missing') throw new CorruptDataFileError(label, 'it is empty');
    if (checked.reason === 'invalid') throw new InvalidDirectoryError(label, checked.problems ?? []);
    throw new CorruptDataFileError(label, checked.reason === 'v1' ? 'it is in the format of an older version' : checked.detail);
  });
  return { document, etag: read.etag, pointer: read.pointer };
}

/**
 * Writes a checked directory document as the new directory: a new snapshot blob, then the pointer
 * at it, if the pointer is still at `ifMatch` (undefined: there was none). For the import and for
 * tools that move a directory into Azure.
 * @throws ConcurrentImportError when the pointer changed meanwhile (the new snapshot is removed again).
 */
export async function publishDocument(container: ContainerClient, document: DirectoryDocument, ifMatch: string | undefined, now: Date = new Date()): Promise<DirectoryPointer> {
  const text = `${JSON.stringify(document)}\n`;
  const body = Buffer.from(text, 'utf8');
  const blob = snapshotBlobName(now);
  const pointer: DirectoryPointer = {
    schemaVersion: 1,
    blob,
    sha256: createHash('sha256').update(text).digest('hex'),
    bytes: body.length,
    ...(document.importedAt !== undefined && { importedAt: document.importedAt }),
    organizations: document.organizations.length,
    users: document.users.length,
  };
  await container.getBlockBlobClient(blob).uploadData(body, {
    blobHTTPHeaders: { blobContentType: 'application/json' },
    conditions: { ifNoneMatch: '*' },
  });
  const pointerText = `${JSON.stringify(pointer, null, 2)}\n`;
  try {
    await container.getBlockBlobClient(POINTER_BLOB).upload(pointerText, Buffer.byteLength(pointerText), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
      conditions: ifMatch === undefined ? { ifNoneMatch: '*' } : { ifMatch },
    });
  } catch (error) {
    const status = statusOf(error);
    if (status === 412 || status === 409) {
      await container.deleteBlob(blob).catch(() => undefined);
      throw new ConcurrentImportError(`${container.accountName}/${container.containerName}`);
    }
    throw error;
  }
  await pruneSnapshots(container, blob).catch(() => undefined);
  return pointer;
}

/** Removes all but the newest {@link KEPT_SNAPSHOTS} snapshots besides `current` (names sort by time). */
async function pruneSnapshots(container: ContainerClient, current: string): Promise<void> {
  const names: string[] = [];
  for await (const item of container.listBlobsFlat({ prefix: SNAPSHOT_PREFIX })) names.push(item.name);
  const old = names.filter((n) => n !== current).sort().reverse().slice(KEPT_SNAPSHOTS);
  await Promise.all(old.map((name) => container.deleteBlob(name).catch(() => undefined)));
}

export interface ImportLeaseOptions {
  /** Lease length in seconds (15-60; default {@link IMPORT_LEASE_SECONDS}). */
  leaseSeconds?: number;
  /** How often the lease is renewed (default a third of its length). */
  renewMs?: number;
}

/**
 * Runs `fn` holding the import lease of `container` (created with the lease blob if missing): one
 * import at a time.
 * @throws ImportLeasedError when another import holds it.
 */
export async function withImportLease<T>(container: ContainerClient, fn: () => Promise<T>, options: ImportLeaseOptions = {}): Promise<T> {
  await container.createIfNotExists();
  const lockBlob = container.getBlockBlobClient(LOCK_BLOB);
  try {
    await lockBlob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
  } catch (error) {
    // It exists already (maybe leased by a running import): that is the usual case.
    if (statusOf(error) !== 409 && statusOf(error) !== 412) throw error;
  }
  const seconds = options.leaseSeconds ?? IMPORT_LEASE_SECONDS;
  const lease: BlobLeaseClient = lockBlob.getBlobLeaseClient(randomUUID());
  try {
    await lease.acquireLease(seconds);
  } catch (error) {
    if (statusOf(error) !== 409) throw error;
    const metadata = await lockBlob.getProperties().then((p) => p.metadata ?? {}, () => ({}) as Record<string, string>);
    throw new ImportLeasedError(blobLabel(container, LOCK_BLOB), { host: metadata.host, pid: metadata.pid, since: metadata.since });
  }
  const renew = setInterval(() => void lease.renewLease().catch(() => undefined), options.renewMs ?? (seconds * 1000) / 3);
  renew.unref();
  try {
    await lockBlob.setMetadata({ host: hostname().replace(/[^\x20-\x7e]/g, '?'), pid: String(process.pid), since: new Date().toISOString() }, { conditions: { leaseId: lease.leaseId } });
    return await fn();
  } finally {
    clearInterval(renew);
    await lease.releaseLease().catch(() => undefined);
  }
}

export interface AzureImportOptions extends ImportLeaseOptions {
  now?: () => Date;
  /** Runs after the current directory was read, before the new one is written (tests make imports overlap here). */
  beforeWrite?: () => Promise<void>;
}

/** What an import into Azure wrote. */
export type AzureImportResult = ImportResult & { pointer?: DirectoryPointer };

/**
 * Imports a directory file into the container: reads and parses the file, takes the import lease,
 * reads the current directory, validates and merges exactly as the import into a data directory
 * does, and publishes the new document. Nothing is written when there is any problem.
 * @throws ImportFileError when the file cannot be read; ImportLeasedError when another import runs;
 *   ConcurrentImportError when another import wrote meanwhile; CorruptDataFileError or
 *   InvalidDirectoryError when the stored directory is unusable.
 */
export async function importDirectoryFileToAzure(file: string, container: ContainerClient, options: AzureImportOptions = {}): Promise<AzureImportResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const detail = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory, not a file' : (error as Error).message;
    throw new ImportFileError(file, detail);
  }
  const parsed = parseImportText(text);
  if (!parsed.ok) return parsed;
  const now = options.now ?? (() => new Date());
  return withImportLease(
    container,
    async () => {
      const current = await readAzureDocument(container);
      const result = await importIntoDocument(parsed.json, current.document, now());
      if (!result.ok) return result;
      await options.beforeWrite?.();
      const pointer = await publishDocument(container, result.document, current.etag, now());
      return { ok: true, summary: result.summary, pointer };
    },
    options,
  );
}
