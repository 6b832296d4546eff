/**
 * Everything a bot instance reads and writes, in one Azure Storage account (`STORE=azure`): the
 * counterpart of openDataDir (dataDir.ts) for several instances at once.
 *
 * | what                                  | where                                                      |
 * |---------------------------------------|------------------------------------------------------------|
 * | the partner directory                 | blob container `directory` (blobDirectory.ts)              |
 * | run-time state, ledgers, cases, ...   | tables `psbstate`, `psbledgers`, ... (AzureTableBackend)   |
 * | the audit log, the knowledge log      | tables `psbaudit`, `psbknowledge` (logs/)                  |
 *
 * No server lock: any number of instances serve the same account (that is the point). Every
 * write is per entity and version-checked (the tables) or a new row of its own (the logs), and
 * the directory is written only by the import. What one instance keeps on its own disk is nothing
 * but temporary files (DATA_DIR still holds the notify endpoint of `npm run notify`).
 */
import { BlobServiceClient, type ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import type { Logger } from '../../logger.js';
import { TableAuditLog, type AuditRow } from '../logs/tableAuditLog.js';
import { TableKnowledgeLog } from '../logs/tableKnowledgeLog.js';
import { createRuntimeStores, servedRuntime, type RuntimeOptions, type TableRuntimeStores } from '../runtime/runtimeStores.js';
import type { DataStores, KnowledgeEvent } from '../types.js';
import { AzureDirectory, DEFAULT_POLL_MS } from './blobDirectory.js';
import { AzureTableBackend, type AzureTableBackendOptions } from './tableBackend.js';

/** The container of the partner directory, by default (infra/main.bicep's `directoryContainerName`). */
export const DEFAULT_CONTAINER = 'directory';
/** The prefix of the tables, by default (infra/main.bicep's `tablePrefix`). */
export const DEFAULT_TABLE_PREFIX = 'psb';
/** How long the start-up check waits for the account before giving up. */
const START_CHECK_MS = 30_000;
/** How long a health check waits for the tables. */
const PING_TIMEOUT_MS = 10_000;

/** Where the stores are in Azure Storage. */
export interface AzureStorageLocation {
  /** The storage account's connection string (AZURE_STORAGE_CONNECTION_STRING). */
  connectionString: string;
  /** Tables are `<tablePrefix><name>` (default `psb`). */
  tablePrefix?: string;
  /** The blob container of the partner directory (default `directory`). */
  container?: string;
  /** The SDKs' retries of transient failures (tests shorten them). */
  tableRetryOptions?: AzureTableBackendOptions['retryOptions'];
  blobRetryOptions?: StoragePipelineOptions['retryOptions'];
}

/**
 * Azure Storage could not be used with the configuration given: the message says what to fix.
 * Thrown at start-up (the bot, the CLIs) instead of failing in a conversation later.
 */
export class AzureStorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AzureStorageError';
  }
}

/** The clients of a location: the table backend and the directory's container. */
export function azureClients(location: AzureStorageLocation): { backend: AzureTableBackend; container: ContainerClient; where: string } {
  let backend: AzureTableBackend;
  let service: BlobServiceClient;
  try {
    backend = new AzureTableBackend({
      connectionString: location.connectionString,
      prefix: location.tablePrefix ?? DEFAULT_TABLE_PREFIX,
      ...(location.tableRetryOptions && { retryOptions: location.tableRetryOptions }),
    });
    service = BlobServiceClient.fromConnectionString(location.connectionString, {
      retryOptions: location.blobRetryOptions ?? { maxTries: 4, retryDelayInMs: 500, maxRetryDelayInMs: 4_000, tryTimeoutInMs: 60_000 },
    });
  } catch (error) {
    throw new AzureStorageError(
      `AZURE_STORAGE_CONNECTION_STRING is not a usable storage account connection string (${(error as Error).message}). ` +
        'Copy it from the storage account (az storage account show-connection-string --name <account> --query connectionString --output tsv).',
      { cause: error },
    );
  }
  const container = service.getContainerClient(location.container ?? DEFAULT_CONTAINER);
  return { backend, container, where: `the storage account ${container.accountName || '(from the connection string)'}` };
}

/** What a failure to reach the account means for the operator. */
export function explainStorageError(error: unknown, where: string, what: string): AzureStorageError {
  const e = error as { statusCode?: number; code?: string; message?: string; name?: string };
  const text = `${e.code ?? ''} ${e.message ?? ''}`;
  let fix: string;
  if (e.statusCode === 403) {
    fix = `${where} refused the credentials (${e.code ?? '403'}): check the AccountKey (or the SharedAccessSignature and its permissions for tables and blobs) in AZURE_STORAGE_CONNECTION_STRING`;
  } else if (e.statusCode === 404 && /ResourceNotFound|AccountNotFound|ContainerNotFound/i.test(text)) {
    fix = `${where} has no such resource (${e.code}): check the account name and endpoints in AZURE_STORAGE_CONNECTION_STRING`;
  } else if (/ENOTFOUND|EAI_AGAIN/.test(text)) {
    fix = `the address of ${where} does not resolve: check the AccountName (or the BlobEndpoint/TableEndpoint) in AZURE_STORAGE_CONNECTION_STRING, and this machine's DNS`;
  } else if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|socket hang up/i.test(text)) {
    fix = `nothing answers at the endpoints of ${where}: check the BlobEndpoint/TableEndpoint in AZURE_STORAGE_CONNECTION_STRING (for Azurite: is it running?) and the network between here and Azure`;
  } else if (e.name === 'TimeoutError' || e.name === 'AbortError' || /timed? ?out/i.test(text)) {
    fix = `${where} did not answer in time: check the endpoints in AZURE_STORAGE_CONNECTION_STRING, the account's firewall (networks allowed) and the network`;
  } else {
    fix = `${where} answered ${e.statusCode ?? ''} ${e.code ?? ''}: ${(e.message ?? String(error)).split('\n')[0]}`.replace(/\s+/g, ' ');
  }
  return new AzureStorageError(`Cannot ${what} in Azure Storage (STORE=azure): ${fix}.`, { cause: error });
}

/** Rejects after `ms` with a TimeoutError. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms / 1000} s`), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Checks that the account answers and these credentials may use it: the tables (creating `meta`
 * on first use) and the directory's container (created when missing, as the tables are).
 * @throws AzureStorageError saying what to fix.
 */
export async function checkAzureStorage(clients: ReturnType<typeof azureClients>, timeoutMs = START_CHECK_MS): Promise<void> {
  try {
    await within(Promise.all([clients.backend.ping(), clients.container.createIfNotExists()]), timeoutMs);
  } catch (error) {
    throw explainStorageError(error, clients.where, 'open the bot\'s data');
  }
}

/** The logs of a location, for the operator CLIs (no start-up check, no directory). */
export function openAzureLogs(location: AzureStorageLocation): { audit: TableAuditLog; knowledge: TableKnowledgeLog; where: string } {
  const { backend, where } = azureClients(location);
  return {
    audit: new TableAuditLog(backend.table<AuditRow>('audit'), `the table ${backend.tableName('audit')} of ${where}`),
    knowledge: new TableKnowledgeLog(backend.table<KnowledgeEvent>('knowledge'), `the table ${backend.tableName('knowledge')} of ${where}`),
    where,
  };
}

export interface OpenAzureStoresOptions extends AzureStorageLocation, RuntimeOptions {
  logger?: Logger;
  /** Poll the directory pointer and swap in new imports (default true). */
  watch?: boolean;
  /** How often the directory pointer is polled (default 5 s). */
  pollMs?: number;
  /** Directory snapshots at least this large reload in a worker thread (default 1 MB). */
  workerThresholdBytes?: number;
}

/** What {@link openAzureStores} opens, typed with the classes for their extras. */
export interface AzureDataStores extends DataStores {
  directory: AzureDirectory;
  runtime: TableRuntimeStores;
  audit: TableAuditLog;
  knowledge: TableKnowledgeLog;
  backend: AzureTableBackend;
  container: ContainerClient;
  /** Where everything is, for messages (never a key). */
  description: string;
}

/**
 * Opens the bot's data in Azure Storage: checks the account, opens the run-time store and the logs
 * on its tables, loads the partner directory from its container and polls it for new imports.
 * @throws AzureStorageError when the account cannot be reached or used (saying what to fix);
 *   CorruptDataFileError, InvalidDirectoryError or InvalidPointerError when the directory in it is unusable.
 */
export async function openAzureStores(options: OpenAzureStoresOptions): Promise<AzureDataStores> {
  const clients = azureClients(options);
  await checkAzureStorage(clients);
  const { backend, container } = clients;
  const runtime = createRuntimeStores(backend, options);
  const audit = new TableAuditLog(backend.table<AuditRow>('audit'), `the table ${backend.tableName('audit')} of ${clients.where}`);
  const knowledge = new TableKnowledgeLog(backend.table<KnowledgeEvent>('knowledge'), `the table ${backend.tableName('knowledge')} of ${clients.where}`);
  let directory: AzureDirectory;
  try {
    directory = await AzureDirectory.open(container, {
      ...(options.logger && { logger: options.logger }),
      watch: options.watch ?? true,
      pollMs: options.pollMs ?? DEFAULT_POLL_MS,
      ...(options.workerThresholdBytes !== undefined && { workerThresholdBytes: options.workerThresholdBytes }),
    });
  } catch (error) {
    await runtime.close();
    if ((error as { name?: string }).name === 'RestError') throw explainStorageError(error, clients.where, 'read the partner directory');
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    description: `${backend.description}; directory ${directory.description}`,
    backend,
    container,
    directory,
    runtime,
    ...servedRuntime(runtime),
    audit,
    knowledge,
    // For /healthz: the directory's container and the tables, each within a few seconds.
    ping: async () => {
      await Promise.all([directory.ping(), within(runtime.ping(), PING_TIMEOUT_MS)]);
    },
    // Idempotent: the server's shutdown and a failing start-up may both call it.
    close: () =>
      (closing ??= (async () => {
        await directory.close();
        await Promise.all([audit.flush(), knowledge.flush()]);
        await runtime.close();
      })()),
  };
}
