/**
 * Opens a data directory: `directory.json` (the partner directory), `state.json` (conversation
 * state) and `.lock`. lowdb keeps each file in memory and rewrites it whole, so two processes on the
 * same directory would overwrite each other's changes; the lock makes the second one fail fast.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { DataDirLockedError, type DataStores } from '../types.js';
import { LowdbDirectoryStore } from './lowdbDirectoryStore.js';
import { LowdbKeyValueStore } from './lowdbKeyValueStore.js';

/** File names inside a data directory. */
export const DATA_FILES = {
  directory: 'directory.json',
  state: 'state.json',
  lock: '.lock',
} as const;

/** Conversation state not written for this long is dropped (see {@link OpenDataDirOptions.stateMaxAgeMs}). */
export const DEFAULT_STATE_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** A lock not refreshed for this long belongs to a dead process and may be taken over. */
const LOCK_STALE_MS = 10_000;
/** How often the holder refreshes the lock; well inside LOCK_STALE_MS. */
const LOCK_UPDATE_MS = 5_000;

export interface OpenDataDirOptions {
  /** Take the inter-process lock (default true). Only for read-only tools that never write. */
  lock?: boolean;
  /** Drop conversation state idle for longer than this (default 30 days); `Infinity` keeps all. */
  stateMaxAgeMs?: number;
  /** The current instant, for state timestamps; tests fix it. */
  now?: () => Date;
}

/** The stores of one data directory, typed as the lowdb classes for their extra methods (e.g. `prune`). */
export interface LowdbDataStores extends DataStores {
  directory: LowdbDirectoryStore;
  state: LowdbKeyValueStore;
}

/**
 * Creates `dataDir` if missing, locks it for this process and opens its stores.
 * @throws DataDirLockedError when another live process holds the directory.
 * @throws CorruptDataFileError when directory.json or state.json is not usable (the lock is released).
 */
export async function openDataDir(dataDir: string, opts: OpenDataDirOptions = {}): Promise<LowdbDataStores> {
  await mkdir(dataDir, { recursive: true });
  const release = opts.lock === false ? async () => {} : await lockDataDir(dataDir);
  try {
    const maxAgeMs = opts.stateMaxAgeMs ?? DEFAULT_STATE_MAX_AGE_MS;
    const directory = await LowdbDirectoryStore.open(join(dataDir, DATA_FILES.directory));
    const state = await LowdbKeyValueStore.open(join(dataDir, DATA_FILES.state), {
      ...(opts.now && { now: opts.now }),
      ...(Number.isFinite(maxAgeMs) && { maxAgeMs }),
    });
    let closing: Promise<void> | undefined;
    return {
      directory,
      state,
      // Idempotent: the server's shutdown and a failing start-up may both call it.
      close: () =>
        (closing ??= (async () => {
          await Promise.all([directory.flush(), state.flush()]);
          await release();
        })()),
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Locks `dataDir` (lock file `<dataDir>/.lock`); resolves with the function that releases it. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: join(dataDir, DATA_FILES.lock),
      stale: LOCK_STALE_MS,
      update: LOCK_UPDATE_MS,
      retries: 0,
      // The default throws from a timer and kills the process. A lock is typically "compromised"
      // after the machine slept past `stale`; a warning serves a running bot better than a crash.
      onCompromised: (error) =>
        process.emitWarning(`The lock on data directory ${dataDir} was lost: ${error.message}`, 'DataDirLockWarning'),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw error;
  }
}

/**
 * True when `dataDir` holds no directory yet: no directory.json, or one without organizations.
 * `npm start` uses it to decide whether to load the demo data. Reads without locking.
 * @throws CorruptDataFileError when directory.json exists but is not usable (never "empty").
 */
export async function isEmptyDataDir(dataDir: string): Promise<boolean> {
  const directory = await LowdbDirectoryStore.open(join(dataDir, DATA_FILES.directory));
  return !(await directory.hasOrganizations());
}
