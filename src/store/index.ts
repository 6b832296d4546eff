/**
 * The store's public surface: the contract (types.ts), a data directory on one machine
 * (dataDir.ts: the directory document, lmdb, the JSON Lines logs), the run-time stores on any
 * backend, and the directory import. Code outside src/store/ imports from here, or, for
 * everything in Azure Storage (STORE=azure), from azure/index.ts: kept apart so that a bot on one
 * machine does not load the Azure SDKs (about 0.2 s of every start).
 */
export * from './types.js';
export {
  DATA_FILES,
  directoryFileOf,
  isEmptyDataDir,
  openDataDir,
  openRuntime,
  readCurrentDocument,
  withImportLock,
  type LocalDataStores,
  type OpenDataDirOptions,
} from './dataDir.js';
export { CorruptDataFileError, InvalidDirectoryError, writeDocument, type DirectoryDocument } from './directory/document.js';
export { FileDirectory, type ReloadOutcome } from './directory/fileDirectory.js';
export { LockedError } from './fileLock.js';
export { MemoryBackend } from './memory/memoryBackend.js';
export { LmdbBackend } from './lmdb/lmdbBackend.js';
export type { UpgradeReport } from './migration.js';
export { caseId } from './runtime/caseStore.js';
export { CONVERSATION_REFRESH_MS } from './runtime/conversationStore.js';
export { createRuntimeStores, DEFAULT_STATE_MAX_AGE_MS, type TableRuntimeStores } from './runtime/runtimeStores.js';
export {
  auditEntryProblems,
  JsonlAuditLog,
  parseIsoInstant,
  type AuditFilter,
  type AuditScan,
} from './jsonl/jsonlAuditLog.js';
export {
  cleanQuestion,
  JsonlKnowledgeLog,
  KNOWLEDGE_ENTRY_ID,
  knowledgeEventProblems,
  MAX_QUESTION_LENGTH,
  MAX_SUGGESTED,
  type KnowledgeFilter,
  type KnowledgeScan,
} from './jsonl/jsonlKnowledgeLog.js';
export {
  ImportFileError,
  importDirectoryFile,
  importIntoDocument,
  mergeIntoDocument,
  parseImportText,
  validateDirectoryFile,
  type DirectoryFile,
  type ExistingDirectory,
  type ImportedBenefit,
  type ImportedOrganization,
  type ImportedUser,
  type ImportProblem,
  type ImportResult,
  type ValidationResult,
} from './import/directoryImport.js';
