/**
 * The log contracts (logContract.ts) against every implementation: the JSON Lines files of one
 * machine, and the logs on entity tables, on the in-memory twin and on Azure Table Storage
 * (Azurite, started once for the run by test/support/azurite.ts).
 */
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlAuditLog } from '../../src/store/jsonl/jsonlAuditLog.js';
import { JsonlKnowledgeLog } from '../../src/store/jsonl/jsonlKnowledgeLog.js';
import { TableAuditLog, type AuditRow } from '../../src/store/logs/tableAuditLog.js';
import { TableKnowledgeLog } from '../../src/store/logs/tableKnowledgeLog.js';
import { MemoryBackend } from '../../src/store/memory/memoryBackend.js';
import type { KnowledgeEvent, StoreBackend, TableName } from '../../src/store/types.js';
import { azureBackend } from '../support/azurite.js';
import { auditLogContract, knowledgeLogContract } from './logContract.js';

/** Lines of a file; 0 when it does not exist. */
async function linesOf(file: string): Promise<number> {
  const exists = await access(file).then(() => true, () => false);
  return exists ? (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '').length : 0;
}

/** Rows of a table. */
async function rowsOf(backend: StoreBackend, name: TableName): Promise<number> {
  return (await backend.table(name).scan()).length;
}

function jsonl<L>(make: (file: string) => L & { flush(): Promise<void> }) {
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'psb-log-contract-'));
    const file = join(dir, 'log.jsonl');
    return {
      log: make(file),
      another: () => make(file),
      stored: () => linesOf(file),
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  };
}

function onTables<L>(name: TableName, open: () => Promise<{ backend: StoreBackend; dispose(): Promise<void> }>, make: (backend: StoreBackend) => L & { flush(): Promise<void> }) {
  return async () => {
    const { backend, dispose } = await open();
    return { log: make(backend), another: () => make(backend), stored: () => rowsOf(backend, name), dispose };
  };
}

const memory = async () => ({ backend: new MemoryBackend() as StoreBackend, dispose: async () => {} });
const azure = () => azureBackend();
const auditOn = (backend: StoreBackend) => new TableAuditLog(backend.table<AuditRow>('audit'));
const knowledgeOn = (backend: StoreBackend) => new TableKnowledgeLog(backend.table<KnowledgeEvent>('knowledge'));

auditLogContract('JSON Lines (audit.jsonl)', jsonl((file) => new JsonlAuditLog(file)));
auditLogContract('entity table (in-memory twin)', onTables('audit', memory, auditOn));
// Every append is a request to the emulator: fewer of them, still more than a page (1,000 rows).
auditLogContract('Azure Table Storage (Azurite)', onTables('audit', azure, auditOn), { many: 1100 });

knowledgeLogContract('JSON Lines (knowledge.jsonl)', jsonl((file) => new JsonlKnowledgeLog(file)));
knowledgeLogContract('entity table (in-memory twin)', onTables('knowledge', memory, knowledgeOn));
knowledgeLogContract('Azure Table Storage (Azurite)', onTables('knowledge', azure, knowledgeOn));
