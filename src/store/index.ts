/**
 * The store's public surface: the interfaces (types.ts), the lowdb data directory (with the JSON
 * Lines audit and knowledge-base logs), and the directory import. Code outside src/store/ imports from here.
 */
export * from './types.js';
export { CorruptDataFileError, LowdbDirectoryStore } from './lowdb/lowdbDirectoryStore.js';
export { LowdbKeyValueStore, type KeyValueStoreOptions } from './lowdb/lowdbKeyValueStore.js';
export { caseId, LowdbCaseStore, type CaseFilter } from './lowdb/lowdbCaseStore.js';
export { CONVERSATION_REFRESH_MS, LowdbConversationStore } from './lowdb/lowdbConversationStore.js';
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
  DATA_FILES,
  DEFAULT_STATE_MAX_AGE_MS,
  isEmptyDataDir,
  openDataDir,
  type LowdbDataStores,
  type OpenDataDirOptions,
} from './lowdb/openDataDir.js';
export {
  ImportFileError,
  importDirectoryData,
  importDirectoryFile,
  mergeImport,
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
