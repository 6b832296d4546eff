/**
 * One data directory (`DATA_DIR`, default `./data`) on one machine:
 *
 * | path                 | what                                                        | written by          |
 * |----------------------|-------------------------------------------------------------|---------------------|
 * | `directory.json`     | the partner directory (lowdb JSON document)                 | the import only     |
 * | `runtime/`           | everything the bot writes at run time (lmdb)                | the bot             |
 * | `audit.jsonl`        | the audit log (append-only JSON Lines)                      | the bot             |
 * | `knowledge.jsonl`    | the knowledge-base usage log (append-only JSON Lines)       | the bot             |
 * | `server.lock`        | names the bot server serving this directory                 | the bot             |
 * | `import.lock`        | names the import running now                                | the import          |
 *
 * Several processes may use it at once: the import writes the directory document atomically and
 * the server picks it up; lmdb is safe with several processes; the CLIs only read. One bot server
 * at a time: a second one is refused at once, naming the first. Locks belong to live processes, so
 * after a crash or `kill -9` the next start takes over without waiting.
 */
import { access, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { emptyDocument, InvalidDirectoryError, CorruptDataFileError, layoutOf, readDocumentData, schemaVersionInHead, type DirectoryDocument } from './directory/document.js';
import { readCheckedDocument } from './directory/loadDocument.js';
import { FileDirectory } from './directory/fileDirectory.js';
import { acquireLock } from './fileLock.js';
import { JsonlAuditLog } from './jsonl/jsonlAuditLog.js';
import { JsonlKnowledgeLog } from './jsonl/jsonlKnowledgeLog.js';
import { LmdbBackend } from './lmdb/lmdbBackend.js';
import { needsUpgrade, upgradeDataDir, type UpgradeReport } from './migration.js';
import { createRuntimeStores, servedRuntime, type RuntimeOptions, type TableRuntimeStores } from './runtime/runtimeStores.js';
import type { DataStores } from './types.js';

/** Whether `path` (a file or directory) is there. */
export function pathExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** File names inside a data directory. */
export const DATA_FILES = {
  directory: 'directory.json',
  runtime: 'runtime',
  audit: 'audit.jsonl',
  knowledge: 'knowledge.jsonl',
  serverLock: 'server.lock',
  importLock: 'import.lock',
} as const;

export const directoryFileOf = (dataDir: string) => join(dataDir, DATA_FILES.directory);

/** Opens the run-time store of `dataDir` (lmdb in `runtime/`). */
export function openRuntime(dataDir: string, options: RuntimeOptions = {}): TableRuntimeStores {
  return createRuntimeStores(new LmdbBackend(join(dataDir, DATA_FILES.runtime)), options);
}

/**
 * Upgrades a data directory of the previous version (see migration.ts), if it is one. The caller
 * holds the import lock. Opens the run-time store only when there is something to move.
 */
async function upgradeIfNeeded(dataDir: string, now: Date, runtime?: TableRuntimeStores): Promise<UpgradeReport | undefined> {
  // Checked here without opening the store (an import's usual case); upgradeDataDir checks again under the lock.
  if (!runtime && !(await needsUpgrade(dataDir))) return undefined;
  const stores = runtime ?? openRuntime(dataDir);
  try {
    return await upgradeDataDir(dataDir, stores, now);
  } finally {
    if (!runtime) await stores.close();
  }
}

/**
 * Runs `fn` holding the import lock of `dataDir` (created if missing): one import at a time. A data
 * directory of the previous version is upgraded first; `fn` gets the report of that.
 * @param options.runtime the run-time store, when the caller has it open already.
 * @throws LockedError when another import holds it.
 */
export async function withImportLock<T>(
  dataDir: string,
  fn: (upgraded: UpgradeReport | undefined) => Promise<T>,
  options: { now?: Date; runtime?: TableRuntimeStores } = {},
): Promise<T> {
  await mkdir(dataDir, { recursive: true });
  const release = await acquireLock(join(dataDir, DATA_FILES.importLock), 'An import');
  try {
    return await fn(await upgradeIfNeeded(dataDir, options.now ?? new Date(), options.runtime));
  } finally {
    await release();
  }
}

/**
 * The directory document as stored (an empty one when there is no file yet), checked with the
 * import's rules, so an import never builds on a broken hand edit.
 * @throws CorruptDataFileError when the file is not a directory document; InvalidDirectoryError
 *   when it breaks the import format.
 */
export async function readCurrentDocument(dataDir: string): Promise<DirectoryDocument> {
  const file = directoryFileOf(dataDir);
  const checked = await readCheckedDocument(file);
  if (checked.status === 'missing') return emptyDocument();
  if (checked.status === 'ok') return checked.document;
  if (checked.reason === 'invalid') throw new InvalidDirectoryError(file, checked.problems ?? []);
  throw new CorruptDataFileError(file, checked.reason === 'v1' ? 'it is in the format of an older version and was not upgraded' : checked.detail);
}

/** True when `dataDir` holds no partner directory yet (`npm start` then loads the demo data). */
export async function isEmptyDataDir(dataDir: string): Promise<boolean> {
  const file = directoryFileOf(dataDir);
  // A current document with anything in it is far larger than this: no need to read it whole.
  if ((await schemaVersionInHead(file)) === 2 && (await stat(file)).size > 64 * 1024) return false;
  const data = await readDocumentData(file);
  if (data === undefined) return true;
  const layout = layoutOf(data);
  if ('problem' in layout) throw new CorruptDataFileError(directoryFileOf(dataDir), layout.problem);
  const organizations = (data as { organizations: unknown }).organizations;
  return Array.isArray(organizations) ? organizations.length === 0 : Object.keys(organizations as object).length === 0;
}

export interface OpenDataDirOptions extends RuntimeOptions {
  /** Take the server lock: this process serves the directory (default true). */
  serve?: boolean;
  /** What the server lock says about this process, e.g. "The bot server on port 3978". */
  purpose?: string;
  logger?: Logger;
  /** Watch directory.json and swap in a changed one (default true). */
  watch?: boolean;
  /** Called once when the directory was upgraded from the previous version. */
  onUpgrade?: (report: UpgradeReport) => void;
}

/** What {@link openDataDir} opens, typed with the classes for their extras. */
export interface LocalDataStores extends DataStores {
  directory: FileDirectory;
  runtime: TableRuntimeStores;
  audit: JsonlAuditLog;
  knowledge: JsonlKnowledgeLog;
  dataDir: string;
}

/**
 * Opens a data directory for the bot: takes the server lock, upgrades a directory of the previous
 * version, opens the run-time store, loads the partner directory and watches it.
 * @throws LockedError when another bot server serves it; CorruptDataFileError or
 *   InvalidDirectoryError when directory.json is unusable (the lock is released again).
 */
export async function openDataDir(dataDir: string, options: OpenDataDirOptions = {}): Promise<LocalDataStores> {
  await mkdir(dataDir, { recursive: true });
  const releaseServer =
    options.serve === false ? async () => {} : await acquireLock(join(dataDir, DATA_FILES.serverLock), options.purpose ?? 'A bot server');
  let runtime: TableRuntimeStores | undefined;
  try {
    runtime = openRuntime(dataDir, options);
    const opened = runtime;
    const now = options.now ?? (() => new Date());
    if (await needsUpgrade(dataDir)) {
      const report = await withImportLock(dataDir, async (upgraded) => upgraded, { now: now(), runtime: opened });
      if (report) options.onUpgrade?.(report);
    }
    const directory = await FileDirectory.open(directoryFileOf(dataDir), {
      ...(options.logger && { logger: options.logger }),
      watch: options.watch ?? true,
    });
    const audit = new JsonlAuditLog(join(dataDir, DATA_FILES.audit));
    const knowledge = new JsonlKnowledgeLog(join(dataDir, DATA_FILES.knowledge));
    let closing: Promise<void> | undefined;
    return {
      dataDir,
      directory,
      runtime: opened,
      ...servedRuntime(opened),
      audit,
      knowledge,
      ping: async () => {
        await directory.ping();
        await opened.ping();
      },
      // Idempotent: the server's shutdown and a failing start-up may both call it.
      close: () =>
        (closing ??= (async () => {
          await directory.close();
          await Promise.all([audit.flush(), knowledge.flush()]);
          await opened.close();
          await releaseServer();
        })()),
    };
  } catch (error) {
    await runtime?.close().catch(() => undefined);
    await releaseServer();
    throw error;
  }
}
