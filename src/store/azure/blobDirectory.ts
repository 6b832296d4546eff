/**
 * The partner directory in Azure Blob Storage (`STORE=azure`), shared by every bot instance: the
 * counterpart of `directory.json` on one machine. In the container (default `directory`):
 *
 * | blob                          | what                                                            |
 * |-------------------------------|-----------------------------------------------------------------|
 * | `snapshots/<time>-<id>.json`  | one imported directory document each, written once, never changed |
 * | `current.json`                | the pointer: which snapshot is the directory, with its SHA-256   |
 * | `import.lock`                 | empty; its lease is the import lock (blobImport.ts)             |
 *
 * The import uploads a new snapshot under a name of its own, then points `current.json` at it with
 * a conditional write; readers read the pointer, then the snapshot it names. A reader therefore
 * never sees half a document, nor a pointer to one: a snapshot is whole before anything names it.
 * The account's blob versioning (infra/main.bicep) keeps earlier pointers, and the import keeps
 * the last few snapshots, so a bad import can be rolled back by pointing `current.json` back.
 *
 * {@link AzureDirectory} is what a running bot reads: like FileDirectory it holds the newest valid
 * snapshot in memory with indexes, and notices a new import by asking for the pointer's eTag every
 * few seconds (one small request per poll and instance). A changed pointer is loaded beside the old
 * snapshot exactly as FileDirectory loads a changed file (downloaded to a temporary file first, so
 * the same loader runs: large documents are parsed, checked and indexed in a worker thread, in
 * chunks, while turns go on), and swapped in whole. A snapshot whose text is the one the import
 * checked (its SHA-256 is the pointer's) is not checked again; any other text is checked with the
 * import's rules, and a broken one is refused with their messages while the old snapshot keeps
 * serving.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { RestError, type ContainerClient } from '@azure/storage-blob';
import type { Logger } from '../../logger.js';
import { CoalescedReload } from '../directory/coalescedReload.js';
import { CorruptDataFileError, InvalidDirectoryError, verifiedFileOf } from '../directory/document.js';
import { loadSnapshot, WORKER_THRESHOLD_BYTES, type ReloadOutcome } from '../directory/fileDirectory.js';
import { snapshotOf } from '../directory/snapshot.js';
import { isPlainObject } from '../json.js';
import type { DirectorySnapshot, DirectorySource } from '../types.js';

export const POINTER_BLOB = 'current.json';
export const LOCK_BLOB = 'import.lock';
export const SNAPSHOT_PREFIX = 'snapshots/';
/** How often a running bot asks whether the pointer changed, by default. */
export const DEFAULT_POLL_MS = 5_000;

/** What `current.json` says. */
export interface DirectoryPointer {
  schemaVersion: 1;
  /** The snapshot blob, e.g. `snapshots/2026-12-03T10-00-00-000Z-3f9a1c.json`. */
  blob: string;
  /** SHA-256 (hex) of the snapshot's text as the import checked and wrote it. */
  sha256: string;
  bytes: number;
  importedAt?: string;
  organizations: number;
  users: number;
}

/** `account/container/blob`, for messages (never a key or signature). */
export const blobLabel = (container: ContainerClient, blob: string) => `${container.accountName}/${container.containerName}/${blob}`;

export const statusOf = (error: unknown) => (error instanceof RestError ? error.statusCode : undefined);
const codeOf = (error: unknown) => (error instanceof RestError ? (error.code ?? error.response?.headers.get('x-ms-error-code')) : undefined);

/** Thrown when `current.json` is not a pointer this store wrote. */
export class InvalidPointerError extends Error {
  constructor(label: string, detail: string) {
    super(`${label} is not a directory pointer: ${detail}`);
    this.name = 'InvalidPointerError';
  }
}

function parsePointer(label: string, text: string): DirectoryPointer {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidPointerError(label, `it is not valid JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(data) || data.schemaVersion !== 1) throw new InvalidPointerError(label, 'it has no schemaVersion 1');
  if (typeof data.blob !== 'string' || !data.blob.startsWith(SNAPSHOT_PREFIX)) throw new InvalidPointerError(label, `"blob" must name a blob under ${SNAPSHOT_PREFIX}`);
  if (typeof data.sha256 !== 'string') throw new InvalidPointerError(label, '"sha256" is missing');
  return data as unknown as DirectoryPointer;
}

/** The pointer and its eTag, or undefined when there is none (nothing imported yet). */
export async function readPointer(container: ContainerClient): Promise<{ pointer: DirectoryPointer; etag: string } | undefined> {
  const blob = container.getBlobClient(POINTER_BLOB);
  let buffer: Buffer;
  let etag: string;
  try {
    const response = await blob.download();
    etag = response.etag!;
    buffer = await streamToBuffer(response.readableStreamBody!);
  } catch (error) {
    if (statusOf(error) === 404 && codeOf(error) !== 'ContainerNotFound') return undefined;
    throw error;
  }
  return { pointer: parsePointer(blobLabel(container, POINTER_BLOB), buffer.toString('utf8')), etag };
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** The pointer's eTag now, or undefined when there is none. */
export async function pointerEtag(container: ContainerClient, abortSignal?: AbortSignal): Promise<string | undefined> {
  try {
    return (await container.getBlobClient(POINTER_BLOB).getProperties({ ...(abortSignal && { abortSignal }) })).etag;
  } catch (error) {
    if (statusOf(error) === 404 && codeOf(error) !== 'ContainerNotFound') return undefined;
    throw error;
  }
}

/**
 * Downloads the snapshot the pointer names into a temporary file (with the pointer's hash beside
 * it, as the import records it for directory.json) and runs `use` on it; the file is removed after.
 * Errors about the file are rewritten to name the blob.
 */
export async function withDownloadedSnapshot<T>(container: ContainerClient, pointer: DirectoryPointer, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'psb-directory-'));
  const file = join(dir, 'directory.json');
  const label = blobLabel(container, pointer.blob);
  try {
    try {
      await container.getBlobClient(pointer.blob).downloadToFile(file);
    } catch (error) {
      if (statusOf(error) === 404) throw new CorruptDataFileError(label, `${POINTER_BLOB} names it, but it does not exist`);
      throw error;
    }
    await writeFile(verifiedFileOf(file), `${pointer.sha256}\n`);
    try {
      return await use(file);
    } catch (error) {
      if (error instanceof InvalidDirectoryError) throw new InvalidDirectoryError(label, error.problems);
      if (error instanceof CorruptDataFileError) throw new CorruptDataFileError(label, error.detail);
      throw error;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface AzureDirectoryOptions {
  logger?: Logger;
  /** Poll the pointer and swap in a new snapshot (default true; tests may reload by hand). */
  watch?: boolean;
  /** How often to ask for the pointer's eTag (default {@link DEFAULT_POLL_MS}). */
  pollMs?: number;
  /** While serving, snapshots at least this large load in a worker thread (default 1 MB; 0 = always). */
  workerThresholdBytes?: number;
  /** How long {@link AzureDirectory.ping} waits for the service (default 10 s). */
  pingTimeoutMs?: number;
  /** Called after every reload attempt that found the pointer changed. */
  onReload?: (outcome: ReloadOutcome) => void;
}

/** Loads the snapshot a pointer names. */
async function loadPointed(container: ContainerClient, pointer: DirectoryPointer, useWorker: (file: string) => Promise<boolean>): Promise<DirectorySnapshot> {
  return withDownloadedSnapshot(container, pointer, async (file) => loadSnapshot(file, await useWorker(file)));
}

const EMPTY = () => snapshotOf([], []);

export class AzureDirectory implements DirectorySource {
  #snapshot: DirectorySnapshot;
  /** The eTag of the pointer whose snapshot serves (or was refused last), undefined when there was none. */
  #etag: string | undefined;
  #blob: string | undefined;
  #poll: NodeJS.Timeout | undefined;
  #closed = false;
  /** The reloads, one at a time (see CoalescedReload). */
  readonly #reloads = new CoalescedReload<ReloadOutcome>(() => this.#reloadOnce(), () => this.#closed);
  /** Whether the last poll failed (reported once per outage). */
  #unreachable = false;

  private constructor(
    readonly container: ContainerClient,
    snapshot: DirectorySnapshot,
    pointed: { etag: string; blob: string } | undefined,
    private readonly options: AzureDirectoryOptions,
  ) {
    this.#snapshot = snapshot;
    this.#etag = pointed?.etag;
    this.#blob = pointed?.blob;
  }

  /** Where the directory is, e.g. `devstoreaccount1/directory/current.json`. */
  get description(): string {
    return blobLabel(this.container, POINTER_BLOB);
  }

  /** The snapshot blob serving now (undefined: nothing imported yet). */
  get blob(): string | undefined {
    return this.#blob;
  }

  /**
   * Loads the snapshot `current.json` names (none yet: an empty directory) and, unless
   * `watch: false`, polls the pointer.
   * @throws CorruptDataFileError or InvalidDirectoryError (naming the blob), InvalidPointerError, or
   *   the service's error: a bot must not start on a directory it cannot trust or read.
   */
  static async open(container: ContainerClient, options: AzureDirectoryOptions = {}): Promise<AzureDirectory> {
    const read = await readPointer(container);
    // Nothing is served yet: loading in this thread is faster than a worker.
    const snapshot = read ? await loadPointed(container, read.pointer, async () => false) : EMPTY();
    const directory = new AzureDirectory(container, snapshot, read && { etag: read.etag, blob: read.pointer.blob }, options);
    if (options.watch !== false) directory.#startPolling();
    return directory;
  }

  current(): DirectorySnapshot {
    return this.#snapshot;
  }

  /**
   * Reads the pointer again and, if it changed, loads the snapshot it names and swaps it in when it
   * is valid. Calls made while a reload runs share it, and one more reload follows.
   */
  reload(): Promise<ReloadOutcome> {
    return this.#reloads.run();
  }

  async #reloadOnce(): Promise<ReloadOutcome> {
    const { logger } = this.options;
    let read;
    try {
      read = await readPointer(this.container);
    } catch (error) {
      if (error instanceof InvalidPointerError) return this.#refused(undefined, error);
      this.#reportUnreachable(error);
      return { status: 'unchanged' };
    }
    this.#reportReachable();
    if (read === undefined) {
      // The pointer is gone (deleted by hand?): keep serving what was imported rather than nothing.
      if (this.#etag !== undefined) {
        logger?.warn({ pointer: this.description }, 'the partner directory pointer is gone; the bot keeps serving the previous directory');
        this.#etag = undefined;
      }
      return { status: 'unchanged' };
    }
    if (read.etag === this.#etag) return { status: 'unchanged' };
    const t0 = performance.now();
    let outcome: ReloadOutcome;
    try {
      const threshold = this.options.workerThresholdBytes ?? WORKER_THRESHOLD_BYTES;
      const snapshot = await loadPointed(this.container, read.pointer, async (file) => (await stat(file)).size >= threshold);
      if (this.#closed) return { status: 'unchanged' };
      this.#snapshot = snapshot;
      this.#etag = read.etag;
      this.#blob = read.pointer.blob;
      outcome = { status: 'loaded', ...snapshot.size, ms: Math.round(performance.now() - t0) };
      logger?.info({ ...snapshot.size, ms: outcome.ms, importedAt: snapshot.importedAt, blob: read.pointer.blob }, 'partner directory reloaded');
    } catch (error) {
      return this.#refused(read.etag, error as Error);
    }
    this.options.onReload?.(outcome);
    return outcome;
  }

  #refused(etag: string | undefined, error: Error): ReloadOutcome {
    if (error instanceof RestError) {
      // The service failed (or the network), not the snapshot: try again on the next poll.
      this.#reportUnreachable(error);
      return { status: 'unchanged' };
    }
    // Remember the version refused, so it is reported once, not on every poll.
    if (etag !== undefined) this.#etag = etag;
    const outcome: ReloadOutcome = { status: 'refused', error };
    this.options.logger?.error(
      { err: { message: error.message }, problems: (error as InvalidDirectoryError).problems?.slice(0, 50) },
      'the changed partner directory was refused; the bot keeps serving the previous one',
    );
    this.options.onReload?.(outcome);
    return outcome;
  }

  #reportUnreachable(error: unknown): void {
    if (this.#unreachable) return;
    this.#unreachable = true;
    this.options.logger?.warn({ err: { message: (error as Error).message }, pointer: this.description }, 'cannot read the partner directory in Azure Storage; the bot keeps serving the directory it has');
  }

  #reportReachable(): void {
    if (!this.#unreachable) return;
    this.#unreachable = false;
    this.options.logger?.info({ pointer: this.description }, 'the partner directory in Azure Storage can be read again');
  }

  #startPolling(): void {
    const every = this.options.pollMs ?? DEFAULT_POLL_MS;
    this.#poll = setInterval(() => {
      if (this.#reloads.running || this.#closed) return;
      void pointerEtag(this.container)
        .then((etag) => {
          this.#reportReachable();
          if (etag !== undefined && etag !== this.#etag && !this.#reloads.running && !this.#closed) void this.reload();
          else if (etag === undefined && this.#etag !== undefined) void this.reload();
        })
        .catch((error: unknown) => this.#reportUnreachable(error));
    }, every);
    this.#poll.unref();
  }

  /** Resolves when the container can be read (the pointer's properties, or that there is none yet). */
  async ping(): Promise<void> {
    await pointerEtag(this.container, AbortSignal.timeout(this.options.pingTimeoutMs ?? 10_000));
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#poll);
    await this.#reloads.settled();
  }
}

/** A fresh, unique snapshot blob name for an import at `at` (sorts by time). */
export function snapshotBlobName(at: Date): string {
  return `${SNAPSHOT_PREFIX}${at.toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.json`;
}
