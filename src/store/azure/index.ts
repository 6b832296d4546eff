/**
 * The public surface of the Azure store (STORE=azure): everything in one storage account, shared
 * by any number of bot instances. {@link openAzureStores} is openDataDir's counterpart; the import
 * into the container, the directory a bot serves, and the logs on tables are here too. Separate
 * from ../index.ts so that only STORE=azure loads the Azure SDKs.
 */
export {
  azureClients,
  AzureStorageError,
  checkAzureStorage,
  DEFAULT_CONTAINER,
  DEFAULT_TABLE_PREFIX,
  explainStorageError,
  openAzureLogs,
  openAzureStores,
  type AzureDataStores,
  type AzureStorageLocation,
  type OpenAzureStoresOptions,
} from './azureStores.js';
export { AzureDirectory, blobLabel, DEFAULT_POLL_MS, InvalidPointerError, POINTER_BLOB, readPointer, type AzureDirectoryOptions, type DirectoryPointer } from './blobDirectory.js';
export {
  ConcurrentImportError,
  importDirectoryFileToAzure,
  ImportLeasedError,
  publishDocument,
  readAzureDocument,
  withImportLease,
  type AzureImportOptions,
  type AzureImportResult,
} from './blobImport.js';
export { AzureTableBackend, ValueTooLargeError, type AzureTableBackendOptions } from './tableBackend.js';
export { TableAuditLog, type AuditRow } from '../logs/tableAuditLog.js';
export { TableKnowledgeLog } from '../logs/tableKnowledgeLog.js';
