/**
 * The partner directory as the running bot sees it: the newest valid version of
 * `<dataDir>/directory.json`, held in memory with indexes ({@link DirectorySnapshot}).
 *
 * The bot never writes the file. It watches it (file-system events, and a cheap `stat` every few
 * seconds where events are unreliable) and, when the import or a hand edit changed it, loads the new
 * version beside the old one and swaps the whole snapshot at once: a call sees the old or the new
 * directory, never a mix. Large files are parsed and checked in a worker thread and handed over in
 * chunks, so serving goes on meanwhile. A file that breaks the import's rules is refused with their
 * path-precise messages, and the old snapshot keeps serving.
 */
import { watch, type FSWatcher } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../logger.js';
import type { DirectorySnapshot, DirectorySource } from '../types.js';
import { CoalescedReload } from './coalescedReload.js';
import { CorruptDataFileError, InvalidDirectoryError } from './document.js';
import { loadDocument, type LoadMessage } from './loadDocument.js';
import { SnapshotBuilder } from './snapshot.js';

/** Files at least this large are loaded in a worker thread. */
export const WORKER_THRESHOLD_BYTES = 1_000_000;

export interface FileDirectoryOptions {
  logger?: Logger;
  /** Watch the file and reload when it changes (default true; tests may reload by hand). */
  watch?: boolean;
  /** How often to `stat` the file besides watching it (default 2 s). */
  pollMs?: number;
  /** While serving, files at least this large reload in a worker thread (default 1 MB; 0 = always). The first load, before anything is served, is always in this thread. */
  workerThresholdBytes?: number;
  /** Called after every reload attempt that found the file changed. */
  onReload?: (outcome: ReloadOutcome) => void;
}

export type ReloadOutcome =
  | { status: 'loaded'; organizations: number; users: number; ms: number }
  | { status: 'unchanged' }
  | { status: 'refused'; error: Error };

/** What identifies one version of the file. */
type Stamp = string;

async function stampOf(file: string): Promise<Stamp> {
  try {
    const s = await stat(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/**
 * Runs the loader in a worker thread, taking its messages one macrotask each: each is acknowledged
 * only after a turn of the event loop, which paces the worker (see loaderWorker.ts).
 */
function loadInWorker(file: string, emit: (message: LoadMessage) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    // Compiled (build/), the worker is plain JavaScript; run as TypeScript, a bootstrap registers tsx
    // in the worker first (workers do not inherit the loader).
    const compiled = import.meta.url.endsWith('.js');
    const worker = new Worker(new URL(compiled ? './loaderWorker.js' : './loaderWorker.mjs', import.meta.url), {
      workerData: { file, module: new URL('./loaderWorker.ts', import.meta.url).href },
    });
    let finished = false;
    worker.on('message', (message: LoadMessage) => {
      try {
        emit(message);
      } catch (error) {
        finished = true;
        void worker.terminate();
        reject(error);
        return;
      }
      if (message.type === 'end' || message.type === 'missing' || message.type === 'failed') {
        finished = true;
        void worker.terminate();
        resolve();
        return;
      }
      setImmediate(() => {
        if (!finished) worker.postMessage('next');
      });
    });
    worker.on('error', (error) => {
      finished = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!finished) reject(new Error(`the directory loader stopped (exit code ${code}) before it finished`));
    });
  });
}

/**
 * Loads `file` into a new snapshot (in a worker thread when `useWorker`); throws what makes it
 * unusable. Also used for a directory downloaded from Azure Storage (azure/blobDirectory.ts).
 */
export async function loadSnapshot(file: string, useWorker: boolean): Promise<DirectorySnapshot> {
  const builder = new SnapshotBuilder();
  let result: DirectorySnapshot | undefined;
  let failure: Error | undefined;
  const handle = (message: LoadMessage) => {
    switch (message.type) {
      case 'missing':
        result = builder.finish(undefined);
        break;
      case 'organizations':
        builder.addOrganizations(message.items);
        break;
      case 'users':
        builder.addUsers(message.items);
        break;
      case 'end':
        result = builder.finish(message.importedAt);
        break;
      case 'failed':
        failure =
          message.reason === 'invalid'
            ? new InvalidDirectoryError(file, message.problems ?? [])
            : message.reason === 'corrupt'
              ? new CorruptDataFileError(file, message.detail)
              : new Error(message.detail);
        break;
    }
  };
  if (useWorker) await loadInWorker(file, handle);
  else await loadDocument(file, handle);
  if (failure) throw failure;
  if (!result) throw new Error(`loading ${file} ended without a result`);
  return result;
}

export class FileDirectory implements DirectorySource {
  #snapshot: DirectorySnapshot;
  #stamp: Stamp;
  #watcher: FSWatcher | undefined;
  #poll: NodeJS.Timeout | undefined;
  #debounce: NodeJS.Timeout | undefined;
  #closed = false;
  /** The reloads, one at a time (see CoalescedReload). */
  readonly #reloads = new CoalescedReload<ReloadOutcome>(() => this.#reloadOnce(), () => this.#closed);

  private constructor(
    readonly file: string,
    snapshot: DirectorySnapshot,
    stamp: Stamp,
    private readonly options: FileDirectoryOptions,
  ) {
    this.#snapshot = snapshot;
    this.#stamp = stamp;
  }

  /**
   * Loads `file` (a missing file is an empty directory) and, unless `watch: false`, watches it.
   * @throws CorruptDataFileError, InvalidDirectoryError or Error (an old format) when the file is
   *   not usable: a bot must not start on a directory it cannot trust.
   */
  static async open(file: string, options: FileDirectoryOptions = {}): Promise<FileDirectory> {
    const stamp = await stampOf(file);
    // Nothing is served yet, so nothing can stall: loading here is faster than a worker (no thread
    // to start, nothing to copy across). Reloads while serving use the worker.
    const snapshot = await loadSnapshot(file, false);
    const directory = new FileDirectory(file, snapshot, stamp, options);
    if (options.watch !== false) directory.#startWatching();
    return directory;
  }

  static async #useWorker(file: string, options: FileDirectoryOptions): Promise<boolean> {
    const size = await stat(file).then((s) => s.size, () => 0);
    return size >= (options.workerThresholdBytes ?? WORKER_THRESHOLD_BYTES);
  }

  current(): DirectorySnapshot {
    return this.#snapshot;
  }

  /**
   * Loads the file again if it changed since the last load; swaps the snapshot when it is valid.
   * Calls made while a reload runs share it, and one more reload follows.
   */
  reload(): Promise<ReloadOutcome> {
    return this.#reloads.run();
  }

  async #reloadOnce(): Promise<ReloadOutcome> {
    const { logger } = this.options;
    let outcome: ReloadOutcome;
    const stamp = await stampOf(this.file).catch(() => this.#stamp);
    if (stamp === this.#stamp) return { status: 'unchanged' };
    const t0 = performance.now();
    try {
      const snapshot = await loadSnapshot(this.file, await FileDirectory.#useWorker(this.file, this.options));
      if (this.#closed) return { status: 'unchanged' };
      this.#snapshot = snapshot;
      this.#stamp = stamp;
      outcome = { status: 'loaded', ...snapshot.size, ms: Math.round(performance.now() - t0) };
      logger?.info({ ...snapshot.size, ms: outcome.ms, importedAt: snapshot.importedAt }, 'partner directory reloaded');
    } catch (error) {
      // Remember the version refused, so it is reported once, not on every poll.
      this.#stamp = stamp;
      outcome = { status: 'refused', error: error as Error };
      logger?.error(
        { err: { message: (error as Error).message }, problems: (error as InvalidDirectoryError).problems?.slice(0, 50) },
        'the changed partner directory was refused; the bot keeps serving the previous one',
      );
    }
    this.options.onReload?.(outcome);
    return outcome;
  }

  #startWatching(): void {
    const name = basename(this.file);
    // The first sign of a change starts a short wait (a write often comes as several events);
    // later signs within it add nothing. A change during a reload gets a reload of its own.
    const schedule = () => {
      if (this.#closed || this.#debounce) return;
      this.#debounce = setTimeout(() => {
        this.#debounce = undefined;
        void this.reload();
      }, 200);
      this.#debounce.unref();
    };
    try {
      this.#watcher = watch(dirname(this.file), (_event, filename) => {
        if (filename === null || filename === name) schedule();
      });
      this.#watcher.on('error', () => undefined);
      this.#watcher.unref();
    } catch {
      // No file-system events here (some network file systems): the poll below still sees changes.
    }
    this.#poll = setInterval(() => {
      void stampOf(this.file)
        .then((stamp) => {
          if (stamp !== this.#stamp && !this.#reloads.running) schedule();
        })
        .catch(() => undefined);
    }, this.options.pollMs ?? 2_000);
    this.#poll.unref();
  }

  async ping(): Promise<void> {
    await access(dirname(this.file), constants.R_OK);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#watcher?.close();
    clearInterval(this.#poll);
    clearTimeout(this.#debounce);
    await this.#reloads.settled();
  }
}
