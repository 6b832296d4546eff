/**
 * `npm run migrate`: moves what the bot wrote at run time between the two stores, so an operator
 * can grow from one machine to Azure (or go back) without losing an activation, a recorded
 * incident or a case:
 *
 * | what                        | one machine (lmdb, `--data-dir`)     | Azure (`STORE=azure`)                 |
 * |-----------------------------|--------------------------------------|---------------------------------------|
 * | the run-time tables         | `runtime/` (lmdb)                    | tables `psbstate`, `psbledgers`, ...  |
 * | the audit log               | `audit.jsonl`                        | table `psbaudit`                      |
 * | the knowledge log           | `knowledge.jsonl`                    | table `psbknowledge`                  |
 * | the partner directory       | `directory.json`                     | blob container `directory`            |
 *
 * Every row of every run-time table moves as it is, keys and values (copyRows.ts: paged scans,
 * inserts in batches of one partition); the logs move entry by entry (logEnds.ts); the directory
 * document moves whole, and only into a target that has none (an operator who imported a
 * directory there already keeps it; `npm run import` changes it).
 *
 * **Safe to run again, never overwriting.** Writes are inserts only: whatever the target holds is
 * kept and counted as skipped. A target that holds run-time data is refused unless `merge` is
 * set, so a migration never mixes into a live store by accident; with `merge`, a run that was
 * interrupted completes (what was copied is skipped, the rest is copied). The case counter is the
 * one row that is combined rather than kept: the target's is moved past the source's, so no case
 * id is handed out twice.
 *
 * **Nobody writes meanwhile on one machine.** The data directory's server lock is held for the
 * whole run, so a bot server is refused while the migration runs, and the migration is refused
 * while a bot server runs. On Azure there is no such lock: stop the Web App first.
 */
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { connectionStringProblem } from '../../config.js';
import { azureClients, checkAzureStorage, AzureStorageError } from '../azure/azureStores.js';
import { publishDocument, readAzureDocument, withImportLease } from '../azure/blobImport.js';
import { DATA_FILES, directoryFileOf, readCurrentDocument, withImportLock } from '../dataDir.js';
import { CorruptDataFileError, InvalidDirectoryError, writeDocument, type DirectoryDocument } from '../directory/document.js';
import { acquireLock, LockedError } from '../fileLock.js';
import { LmdbBackend } from '../lmdb/lmdbBackend.js';
import { MemoryBackend } from '../memory/memoryBackend.js';
import { needsUpgrade } from '../migration.js';
import { TableCaseStore } from '../runtime/caseStore.js';
import type { AuditEntry, KnowledgeEvent, StoreBackend, TableName } from '../types.js';
import { addCount, copyTable, emptyCount, type CopyCount } from './copyRows.js';
import { AUDIT_LOG, JsonlLogEnd, KNOWLEDGE_LOG, TableLogEnd, type LogEnd } from './logEnds.js';

export type StoreKind = 'lmdb' | 'azure';

/** The run-time tables, moved row by row (`audit` and `knowledge` move as logs). */
export const RUNTIME_TABLES = ['state', 'ledgers', 'cases', 'conversations', 'settings', 'activities', 'meta'] as const satisfies readonly TableName[];
// A table added to TableName must be added above (or to the logs): this fails to compile until it is.
type Unmigrated = Exclude<TableName, (typeof RUNTIME_TABLES)[number] | 'audit' | 'knowledge'>;
const everyTableMigrated: [Unmigrated] extends [never] ? true : Unmigrated = true;
void everyTableMigrated;

/** A migration that cannot run as asked; the message says what to fix. Nothing more was written. */
export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/** The target holds run-time data and `merge` was not given. */
export class TargetHoldsDataError extends MigrationError {
  constructor(
    readonly target: string,
    readonly holding: string[],
  ) {
    super(
      `The target (${target}) already holds run-time data (${holding.join(', ')}); nothing was migrated. ` +
        'If an earlier migration into it was interrupted, run the same command with --merge to complete it: rows already there ' +
        'are kept and counted as skipped, never overwritten. To merge two stores on purpose, --merge does the same. Otherwise ' +
        'choose an empty target.',
    );
    this.name = 'TargetHoldsDataError';
  }
}

/** The partner directory document on one side. */
interface DirectoryEnd {
  readonly description: string;
  /** The document, or undefined when there is none (or it is empty). */
  read(): Promise<DirectoryDocument | undefined>;
  /** Writes `document` unless the side has a directory already; false when it kept that one. */
  writeIfNone(document: DirectoryDocument, now: Date): Promise<boolean>;
}

/** One side of a migration. */
export interface StoreEnd {
  kind: StoreKind;
  /** Where it is, for messages (never a key). */
  description: string;
  backend: StoreBackend;
  audit: LogEnd<AuditEntry>;
  knowledge: LogEnd<KnowledgeEvent>;
  directory: DirectoryEnd;
  close(): Promise<void>;
}

const exists = (path: string) => access(path).then(
  () => true,
  () => false,
);
const isEmpty = (document: DirectoryDocument) => document.organizations.length === 0 && document.users.length === 0;

/** What the server lock of a data directory says while a migration holds it. */
export const MIGRATION_PURPOSE = 'A migration (npm run migrate)';

/**
 * A data directory on this machine: takes its server lock (held until {@link StoreEnd.close}), so
 * no bot server serves it while the migration runs.
 * @throws MigrationError when a bot server holds it, a source directory does not exist, or it is
 *   of the previous version.
 */
export async function openLmdbEnd(dataDir: string, role: 'source' | 'target'): Promise<StoreEnd> {
  if (role === 'source' && !(await exists(dataDir))) {
    throw new MigrationError(`There is no data directory ${dataDir} to migrate from: check --data-dir (or DATA_DIR).`);
  }
  await mkdir(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await acquireLock(join(dataDir, DATA_FILES.serverLock), MIGRATION_PURPOSE);
  } catch (error) {
    if (!(error instanceof LockedError)) throw error;
    throw new MigrationError(
      `${error.message} Stop that bot server first: the migration needs ${dataDir} to itself, so that nothing written ` +
        'meanwhile is left behind. Nothing was migrated.',
      { cause: error },
    );
  }
  try {
    if (await needsUpgrade(dataDir)) {
      throw new MigrationError(
        `${dataDir} is a data directory of the previous version: start the bot on it once (npm run serve upgrades it and says so), stop it, then migrate.`,
      );
    }
    const runtimeDir = join(dataDir, DATA_FILES.runtime);
    // A source without a run-time store yet has empty tables: nothing is created for reading them.
    const backend: StoreBackend = role === 'source' && !(await exists(runtimeDir)) ? new MemoryBackend() : new LmdbBackend(runtimeDir);
    const directoryFile = directoryFileOf(dataDir);
    const audit = new JsonlLogEnd(AUDIT_LOG, join(dataDir, DATA_FILES.audit));
    const knowledge = new JsonlLogEnd(KNOWLEDGE_LOG, join(dataDir, DATA_FILES.knowledge));
    const read = async () => {
      let document: DirectoryDocument;
      try {
        document = await readCurrentDocument(dataDir);
      } catch (error) {
        if (!(error instanceof CorruptDataFileError || error instanceof InvalidDirectoryError)) throw error;
        throw new MigrationError(`${error.message}\nFix ${directoryFile} (or migrate with --no-directory and import it later).`, { cause: error });
      }
      return isEmpty(document) ? undefined : document;
    };
    let closing: Promise<void> | undefined;
    return {
      kind: 'lmdb',
      description: `the data directory ${dataDir} (lmdb ${runtimeDir}, ${audit.file}, ${knowledge.file})`,
      backend,
      audit,
      knowledge,
      directory: {
        description: directoryFile,
        read,
        writeIfNone: (document) =>
          withImportLock(dataDir, async () => {
            if (await read()) return false;
            await writeDocument(directoryFile, document, { checked: true });
            return true;
          }),
      },
      close: () =>
        (closing ??= (async () => {
          await Promise.all([audit.close(), knowledge.close()]);
          await backend.close();
          await release();
        })()),
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * The connection string, if it looks like one (nothing is sent anywhere).
 * @throws MigrationError saying what is wrong with it, without repeating it (it holds the key).
 */
export function checkConnectionString(connectionString: string | undefined): string {
  if (!connectionString?.trim()) {
    throw new MigrationError(
      'AZURE_STORAGE_CONNECTION_STRING is not set: export the storage account\'s connection string first ' +
        '(az storage account show-connection-string --resource-group <group> --name <account> --query connectionString --output tsv). Nothing was migrated.',
    );
  }
  const problem = connectionStringProblem(connectionString);
  if (problem) throw new MigrationError(`AZURE_STORAGE_CONNECTION_STRING ${problem}. Nothing was migrated.`);
  return connectionString;
}

export interface AzureEndOptions {
  /** AZURE_STORAGE_CONNECTION_STRING. */
  connectionString: string | undefined;
  tablePrefix?: string | undefined;
  container?: string | undefined;
  /** A directory on this machine for the audit log's sorting table while it is read. */
  scratchDir: string;
  /** How long the first request may take (default 30 s). */
  checkTimeoutMs?: number;
}

/**
 * A storage account: its tables and the directory's blob container, checked before anything else.
 * @throws MigrationError when the connection string is missing or unusable, or the account does not answer.
 */
export async function openAzureEnd(options: AzureEndOptions): Promise<StoreEnd> {
  const connectionString = checkConnectionString(options.connectionString);
  let clients: ReturnType<typeof azureClients>;
  try {
    clients = azureClients({ connectionString, ...(options.tablePrefix && { tablePrefix: options.tablePrefix }), ...(options.container && { container: options.container }) });
    await checkAzureStorage(clients, options.checkTimeoutMs);
  } catch (error) {
    if (error instanceof AzureStorageError || error instanceof TypeError) throw new MigrationError(`${error.message} Nothing was migrated.`, { cause: error });
    throw error;
  }
  const { backend, container, where } = clients;
  const audit = new TableLogEnd(AUDIT_LOG, backend.table('audit'), `the table ${backend.tableName('audit')} of ${where}`, options.scratchDir);
  const knowledge = new TableLogEnd(KNOWLEDGE_LOG, backend.table('knowledge'), `the table ${backend.tableName('knowledge')} of ${where}`, options.scratchDir);
  const read = async () => {
    let document: DirectoryDocument;
    try {
      ({ document } = await readAzureDocument(container));
    } catch (error) {
      if (!(error instanceof CorruptDataFileError || error instanceof InvalidDirectoryError)) throw error;
      throw new MigrationError(`${error.message}\nImport the directory there again (STORE=azure npm run import), or migrate with --no-directory.`, { cause: error });
    }
    return isEmpty(document) ? undefined : document;
  };
  return {
    kind: 'azure',
    description: `${backend.description} (blob container ${container.containerName})`,
    backend,
    audit,
    knowledge,
    directory: {
      description: `the blob container ${container.containerName} of ${where}`,
      read,
      writeIfNone: (document, now) =>
        withImportLease(container, async () => {
          const current = await readAzureDocument(container);
          if (!isEmpty(current.document)) return false;
          await publishDocument(container, document, current.etag, now);
          return true;
        }),
    },
    close: () => backend.close(),
  };
}

/** What one step moved. */
export interface StepReport {
  /** `state`, ..., `audit log`, `knowledge log`, `partner directory`. */
  name: string;
  count: CopyCount;
  /** Source lines or rows that are no valid entry (left where they are). */
  unreadable?: number;
  /** A remark for the operator. */
  note?: string;
}

export interface MigrationOptions {
  /** Go on into a target that holds run-time data (keeping what it holds). */
  merge: boolean;
  /** Read everything, write nothing, count what would move. */
  dryRun: boolean;
  /** Move the partner directory too (into a target without one). */
  directory: boolean;
  /** Hears that the migration starts (the target was checked). */
  onStart?: () => void;
  /** Hears each step when it is done. */
  onStep?: (step: StepReport) => void;
  /** Hears the count of a table after each page of it (for progress). */
  onProgress?: (name: string, count: CopyCount) => void;
  now?: () => Date;
}

export interface MigrationReport {
  steps: StepReport[];
  /** What the target held before (the tables and logs with data). */
  held: string[];
}

/** The run-time tables and logs of `end` that hold anything. */
export async function holdings(end: StoreEnd): Promise<string[]> {
  const tables = await Promise.all(RUNTIME_TABLES.map(async (name) => ((await end.backend.table(name).scan({ limit: 1 })).length > 0 ? [name] : [])));
  const logs = await Promise.all([end.audit, end.knowledge].map(async (log) => ((await log.hasEntries()) ? [`${log.kind.name} log`] : [])));
  return [...tables.flat(), ...logs.flat()];
}

/** Moves the next case number of the target past the source's, so no case id is given twice. */
async function combineCaseCounters(from: StoreEnd, to: StoreEnd): Promise<string | undefined> {
  const read = async (end: StoreEnd) => ((await end.backend.table<{ next?: number }>('cases').get('cases', 'counter'))?.value.next ?? 1);
  const [source, before] = await Promise.all([read(from), read(to)]);
  if (source <= before) return undefined;
  await new TableCaseStore(to.backend.table('cases')).reserveUpTo(source - 1);
  return `the next case id of the target moved from ${before} to ${source}`;
}

/**
 * Moves everything from `from` to `to` (see the file comment).
 * @throws TargetHoldsDataError when the target holds run-time data and `merge` is not set.
 */
export async function migrate(from: StoreEnd, to: StoreEnd, options: MigrationOptions): Promise<MigrationReport> {
  const held = await holdings(to);
  if (held.length > 0 && !options.merge) throw new TargetHoldsDataError(to.description, held);
  options.onStart?.();
  const write = { dryRun: options.dryRun };
  const steps: StepReport[] = [];
  const done = (step: StepReport) => {
    steps.push(step);
    options.onStep?.(step);
  };

  for (const name of RUNTIME_TABLES) {
    const count = await copyTable(name, from.backend.table(name), to.backend.table(name), {
      ...write,
      mayExist: held.includes(name),
      onPage: (c) => options.onProgress?.(name, c),
    });
    const note = name === 'cases' && held.includes('cases') && !options.dryRun ? await combineCaseCounters(from, to) : undefined;
    done({ name, count, ...(note && { note }) });
  }

  for (const [source, target] of [
    [from.audit, to.audit],
    [from.knowledge, to.knowledge],
  ] as [LogEnd<{ at: string }>, LogEnd<{ at: string }>][]) {
    const name = `${source.kind.name} log`;
    const count = emptyCount();
    for await (const window of source.read()) {
      addCount(count, await target.write(window, { ...write, mayExist: held.includes(name) }));
      options.onProgress?.(name, count);
    }
    await target.close();
    done({ name, count, ...(source.unreadable > 0 && { unreadable: source.unreadable }) });
  }

  if (options.directory) {
    const count = emptyCount();
    const document = await from.directory.read();
    let note: string;
    if (!document) note = `none in ${from.directory.description}`;
    else {
      const size = `${document.organizations.length} organizations, ${document.users.length} users`;
      const wrote = options.dryRun ? !(await to.directory.read()) : await to.directory.writeIfNone(document, (options.now ?? (() => new Date()))());
      if (wrote) {
        count.moved = 1;
        note = size;
      } else {
        count.skipped = 1;
        note = 'the target has one already: kept; npm run import changes it';
      }
    }
    done({ name: 'partner directory', count, note });
  }
  return { steps, held };
}
