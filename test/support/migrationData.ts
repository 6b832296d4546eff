/**
 * Data for the migration tests (test/cli/migrate.test.ts): a data directory with something in
 * every run-time table, both logs and the partner directory, written through the real stores, with
 * keys and values that are hard to carry (`/`, `#`, `?`, `\`, `%`, quotes, non-ASCII, emoji); and
 * dumps of what a store holds, to compare two stores exactly.
 */
import { fileURLToPath } from 'node:url';
import { compareKeys } from '../../src/store/entityKeys.js';
import { openDataDir } from '../../src/store/dataDir.js';
import { importDirectoryFile } from '../../src/store/import/directoryImport.js';
import { LmdbBackend } from '../../src/store/lmdb/lmdbBackend.js';
import { RUNTIME_TABLES } from '../../src/store/migrate/storeMigration.js';
import type { AuditEntry, KnowledgeEvent, StoreBackend } from '../../src/store/types.js';

export const EXAMPLE_DIRECTORY = fileURLToPath(new URL('../fixtures/directory.example.json', import.meta.url));
export const CONTOSO = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';
export const WOODGROVE = '0b7c9e24-8d3f-4a55-b1e2-7c4d6a9f3e12';

/** A key with everything Azure Table Storage refuses or mangles in a key. */
export const HARD_KEY = `a/b#c?d\\e%f'g"h~i ü 😀 Größe`;

export const AUDIT_ENTRIES: AuditEntry[] = [
  { at: '2026-11-01T08:00:00.000Z', actor: { aadObjectId: 'a1', name: 'Ana Admin' }, tenantId: CONTOSO, partnerId: '4711001', action: 'activation', details: { kind: 'ProductSupport' } },
  { at: '2026-11-01T08:00:00.000Z', actor: { aadObjectId: 'a1', name: 'Ana Admin' }, tenantId: CONTOSO, partnerId: '4711001', action: 'ids.reveal' },
  { at: '2026-11-01T08:00:00.000Z', actor: { aadObjectId: 'a1', name: 'Ana Admin' }, tenantId: CONTOSO, partnerId: '4711001', action: 'ids.reveal' },
  { at: '2026-11-02T09:30:00.000Z', actor: { aadObjectId: 'h1', name: 'Hal Helpdésk 😀' }, partnerId: '4711002', action: 'case.created', details: { caseId: 'C-000001', note: 'line one\nline "two"', urgent: true, n: -5 } },
  { at: '2026-11-03T10:00:00.000Z', actor: { aadObjectId: 'system', name: 'system' }, action: 'reminder.sent' },
  { at: '2026-11-04T11:00:00.000Z', actor: { aadObjectId: 'w1', name: 'Wanda Weber' }, tenantId: WOODGROVE, partnerId: '4711002', action: 'incident.recorded', details: { case: HARD_KEY } },
];

export const KNOWLEDGE_EVENTS: KnowledgeEvent[] = [
  { at: '2026-11-01T08:00:00.000Z', type: 'asked', entryId: 'who-may-activate', lang: 'en', via: 'text' },
  { at: '2026-11-01T08:00:00.000Z', type: 'asked', entryId: 'who-may-activate', lang: 'en', via: 'text' },
  { at: '2026-11-01T23:59:59.999Z', type: 'unanswered', question: 'Wie setze ich mein Passwort zurück? 😀', lang: 'de', suggested: ['who-may-activate'] },
  { at: '2026-11-02T00:00:00.000Z', type: 'feedback', entryId: 'who-may-activate', lang: 'de', helpful: false },
];

/** Fills `dataDir` through the real stores: the example directory, every run-time table, both logs. */
export async function seedDataDir(dataDir: string): Promise<void> {
  const imported = await importDirectoryFile(EXAMPLE_DIRECTORY, dataDir);
  if (!imported.ok) throw new Error(`the example directory did not import: ${JSON.stringify(imported.problems)}`);
  const stores = await openDataDir(dataDir, { serve: false, watch: false });
  try {
    await stores.state.write({
      'msteams/conversations/a:1Xy#z/': { dialogState: { dialogStack: [{ id: 'activation', state: { step: 1 } }] }, eTag: '*' },
      [`msteams/users/${HARD_KEY}/`]: { lastTopic: { text: 'Größe?', at: '2026-11-01T08:00:00.000Z' }, eTag: '*' },
    });
    await stores.ledgers.save(
      {
        tenantId: CONTOSO,
        activations: [
          { kind: 'ProductSupport', accessId: 'c86eb9c1-9a0d-49c3-b377-3ec066545589', contractId: '1234567890', start: '2026-11-01', end: '2027-10-31', activatedBy: { aadObjectId: 'a1', name: 'Ana Admin' }, activatedAt: '2026-11-01T08:00:00.000Z' },
        ],
        incidents: [{ kind: 'ProductSupport', contractId: '1234567890', caseRef: '2611230040001234', recordedBy: { aadObjectId: 'a1', name: 'Ana Admin' }, recordedAt: '2026-11-02T08:00:00.000Z', counted: true }],
      },
      undefined,
    );
    for (const summary of ['SQL Server läuft nicht', 'Teams calling 😀']) {
      await stores.cases.create(
        { origin: 'escalation', tenantId: CONTOSO, partnerId: '4711001', category: 'other', summary, status: 'open', createdBy: { aadObjectId: 'a1', name: 'Ana Admin' }, createdAt: '2026-11-02T08:00:00.000Z', notes: [], history: [] },
        `activity/${summary}`,
      );
    }
    await stores.conversations.upsert({ key: 'a:1Xy#z', reference: { conversation: { id: 'a:1Xy#z' }, serviceUrl: 'https://smba.example/' }, aadObjectId: 'a1', tenantId: CONTOSO, conversationType: 'personal', updatedAt: '2026-11-01T08:00:00.000Z' });
    await stores.conversations.setSetting('helpdeskChannel', '19:abc@thread.tacv2');
    await stores.conversations.markSent(`expiry/${CONTOSO}/productSupport#2027-10-31`, '2026-11-01T07:00:00.000Z');
    await stores.activities.claim('a:1Xy#z', 'f:activity/1?x', 'owner-1', new Date('2026-11-01T08:00:00.000Z'));
    await stores.runtime.backend.table('meta').insert('migrations', 'v1-upgrade', { at: '2026-10-01T00:00:00.000Z' });
    await stores.runtime.backend.table('settings').insert(HARD_KEY, HARD_KEY, { value: `ünïcödé 😀 "quoted" \\ back ${'x'.repeat(70_000)}` });
    for (const entry of AUDIT_ENTRIES) await stores.audit.append(entry);
    for (const event of KNOWLEDGE_EVENTS) await stores.knowledge.append(event);
  } finally {
    await stores.close();
  }
}

/** Adds `n` rows (from `start`, a multiple of 50) to a table of the data directory's run-time store, in partitions of 250. */
export async function addRows(dataDir: string, table: 'state' | 'activities', n: number, start = 0): Promise<void> {
  const backend = new LmdbBackend(`${dataDir}/runtime`);
  try {
    const t = backend.table(table);
    // Batches of 50, so that none spans two partitions of 250.
    for (let i = start; i < start + n; i += 50) {
      const rows = Array.from({ length: Math.min(50, start + n - i) }, (_, j) => i + j);
      await t.batch(`bulk/${Math.floor(i / 250)}`, rows.map((k) => ({ op: 'insert', row: `row#${String(k).padStart(6, '0')}`, value: { n: k, text: `Zeile ${k} ü` } })));
    }
  } finally {
    await backend.close();
  }
}

/** Every row of every run-time table of `backend`, as `[partition, row, value]`, in key order. */
export async function dumpTables(backend: StoreBackend): Promise<Record<string, [string, string, unknown][]>> {
  const out: Record<string, [string, string, unknown][]> = {};
  for (const name of RUNTIME_TABLES) {
    const rows: [string, string, unknown][] = [];
    let after: { partition: string; row: string } | undefined;
    for (;;) {
      const page = await backend.table(name).scan({ limit: 1000, ...(after && { after }) });
      rows.push(...page.map((e): [string, string, unknown] => [e.partition, e.row, e.value]));
      if (page.length < 1000) break;
      after = { partition: page.at(-1)!.partition, row: page.at(-1)!.row };
    }
    out[name] = rows.sort((a, b) => compareKeys(a[0], b[0]) || compareKeys(a[1], b[1]));
  }
  return out;
}
