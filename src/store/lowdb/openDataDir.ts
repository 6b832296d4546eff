/**
 * Opens a data directory: `directory.json` (the partner directory), `state.json` (conversation
 * state), `cases.json` (helpdesk cases), `conversations.json` (conversation references, settings,
 * sent reminders), `audit.jsonl` (the append-only audit log), `knowledge.jsonl` (the append-only
 * knowledge-base usage log) and `.lock`. Files are created on
 * their first write. lowdb keeps each file in memory and rewrites it whole, so two processes on the
 * same directory would overwrite each other's changes; the lock makes the second one fail fast.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { DataDirLockedError, DataDirLockLostError, type DataStores } from '../types.js';
import { JsonlAuditLog } from '../jsonl/jsonlAuditLog.js';
import { JsonlKnowledgeLog } from '../jsonl/jsonlKnowledgeLog.js';
import { LowdbCaseStore } from './lowdbCaseStore.js';
import { LowdbConversationStore } from './lowdbConversationStore.js';
import { LowdbDirectoryStore } from './lowdbDirectoryStore.js';
import { LowdbKeyValueStore } from './lowdbKeyValueStore.js';

/** File names inside a data directory. */
export const DATA_FILES = {
  directory: 'directory.json',
  state: 'state.json',
  cases: 'cases.json',
  conversations: 'conversations.json',
  /** JSON Lines, append-only; readers need no lock (see JsonlAuditLog). */
  audit: 'audit.jsonl',
  /** JSON Lines, append-only; readers need no lock (see JsonlKnowledgeLog). */
  knowledge: 'knowledge.jsonl',
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
  /**
   * Called once if the lock is lost while open (typically the machine slept past the stale
   * threshold and another process, e.g. an import, took the directory over). By then all stores
   * already reject every write with the {@link DataDirLockLostError} passed here; reads keep
   * working. The process should be restarted. Default: a `DataDirLockWarning` process warning.
   * Runs from a timer: an exception thrown here is uncaught.
   */
  onLockLost?: (error: Error) => void;
  /**
   * @internal For tests only: how often the lock is refreshed and checked (default 5 s;
   * proper-lockfile makes it at least 1 s), so a lost lock is noticed without a long wait.
   */
  lockUpdateMs?: number;
}

/** The stores of one data directory, typed as the lowdb classes for their extra methods (e.g. `prune`). */
export interface LowdbDataStores extends DataStores {
  directory: LowdbDirectoryStore;
  state: LowdbKeyValueStore;
  audit: JsonlAuditLog;
  cases: LowdbCaseStore;
  conversations: LowdbConversationStore;
  knowledge: JsonlKnowledgeLog;
}

/**
 * Creates `dataDir` if missing, locks it for this process and opens its stores. If the lock is lost
 * later, all stores turn read-only (writes reject with DataDirLockLostError; see `onLockLost`).
 * @throws DataDirLockedError when another live process holds the directory.
 * @throws CorruptDataFileError when directory.json, state.json, cases.json or conversations.json is
 *   not usable (the lock is released).
 */
export async function openDataDir(dataDir: string, opts: OpenDataDirOptions = {}): Promise<LowdbDataStores> {
  await mkdir(dataDir, { recursive: true });
  // Set when the lock is lost; the stores opened (now or later) then refuse every write.
  let lost: DataDirLockLostError | undefined;
  const stores: { refuseWrites(reason: Error): void }[] = [];
  const onCompromised = (cause: Error) => {
    if (lost) return;
    lost = new DataDirLockLostError(dataDir, cause);
    for (const store of stores) store.refuseWrites(lost);
    (opts.onLockLost ?? warnLockLost)(lost);
  };
  const lockRelease =
    opts.lock === false ? async () => {} : await lockDataDir(dataDir, onCompromised, opts.lockUpdateMs ?? LOCK_UPDATE_MS);
  // A lost lock is no longer ours (it may be another process's by now): never remove it.
  const release = () => (lost ? Promise.resolve() : lockRelease());
  try {
    const maxAgeMs = opts.stateMaxAgeMs ?? DEFAULT_STATE_MAX_AGE_MS;
    const directory = await LowdbDirectoryStore.open(join(dataDir, DATA_FILES.directory));
    const state = await LowdbKeyValueStore.open(join(dataDir, DATA_FILES.state), {
      ...(opts.now && { now: opts.now }),
      ...(Number.isFinite(maxAgeMs) && { maxAgeMs }),
    });
    const cases = await LowdbCaseStore.open(join(dataDir, DATA_FILES.cases));
    const conversations = await LowdbConversationStore.open(join(dataDir, DATA_FILES.conversations));
    const audit = new JsonlAuditLog(join(dataDir, DATA_FILES.audit));
    const knowledge = new JsonlKnowledgeLog(join(dataDir, DATA_FILES.knowledge));
    stores.push(directory, state, cases, conversations, audit, knowledge);
    if (lost) for (const store of stores) store.refuseWrites(lost);
    let closing: Promise<void> | undefined;
    return {
      directory,
      state,
      audit,
      cases,
      conversations,
      knowledge,
      // Idempotent: the server's shutdown and a failing start-up may both call it.
      close: () =>
        (closing ??= (async () => {
          await Promise.all([directory.flush(), state.flush(), cases.flush(), conversations.flush(), audit.flush(), knowledge.flush()]);
          await release();
        })()),
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** The default {@link OpenDataDirOptions.onLockLost}. */
function warnLockLost(error: Error): void {
  process.emitWarning(error.message, 'DataDirLockWarning');
}

/**
 * Locks `dataDir` (lock file `<dataDir>/.lock`); resolves with the function that releases it.
 * @param onCompromised called (from a timer) if the lock is lost later.
 */
async function lockDataDir(
  dataDir: string,
  onCompromised: (error: Error) => void,
  updateMs: number,
): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: join(dataDir, DATA_FILES.lock),
      stale: LOCK_STALE_MS,
      update: updateMs,
      retries: 0,
      // The default throws from a timer and kills the process. A lock is typically "compromised"
      // after the machine slept past `stale`; the stores then turn read-only (see onLockLost), which
      // serves a running bot better than a crash and never overwrites another process's changes.
      onCompromised,
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
