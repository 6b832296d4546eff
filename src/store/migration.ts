/**
 * Upgrades a data directory of the previous version, once. That version kept everything in lowdb
 * files: the bot's activations and recorded cases inside `directory.json` (layout 1), conversation
 * state in `state.json`, conversation references in `conversations.json`, cases in `cases.json`.
 *
 * 1. Everything the bot wrote moves into the run-time store (ledgers, state, conversations,
 *    settings, reminder marks, cases with their ids), then a marker records that it is done. Every
 *    write there is an upsert or keyed by the old id, so an upgrade cut short runs again safely.
 * 2. `directory.json` is rewritten in layout 2 with only what the operator imported (atomically).
 * 3. The old files move to `<dataDir>/v1-backup/`.
 * Each step is skipped when done, so a crash anywhere leaves a directory the next start finishes.
 */
import { copyFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Activation, BenefitLedger, RecordedIncident } from '../domain/benefits.js';
import type { Benefit, BenefitKind, DirectoryUser, Organization } from '../domain/types.js';
import { CorruptDataFileError, layoutOf, readDocumentData, schemaVersionInHead, writeDocument, type DirectoryDocument, type DocumentUser } from './directory/document.js';
import { isPlainObject } from './json.js';
import type { TableRuntimeStores } from './runtime/runtimeStores.js';
import type { HelpdeskCase, StoredConversation, Versioned } from './types.js';

/** The old files, as the previous version named them. */
export const V1_FILES = ['state.json', 'conversations.json', 'cases.json'] as const;
export const V1_BACKUP_DIR = 'v1-backup';
const MARKER = 'v1-upgrade';

export interface UpgradeReport {
  ledgers: number;
  activations: number;
  incidents: number;
  states: number;
  conversations: number;
  cases: number;
  /** Where the old files went. */
  backup: string;
}

const exists = (file: string) => stat(file).then(() => true, () => false);

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const data = JSON.parse(text) as unknown;
    if (!isPlainObject(data)) throw new Error('it does not hold a JSON object');
    return data;
  } catch (error) {
    throw new CorruptDataFileError(file, (error as Error).message);
  }
}

/** Whether `dataDir` holds data of the previous version that {@link upgradeDataDir} would move. */
export async function needsUpgrade(dataDir: string): Promise<boolean> {
  for (const name of V1_FILES) if (await exists(join(dataDir, name))) return true;
  // A current document says so in its first bytes: no need to read a file of 100 MB for that.
  if ((await schemaVersionInHead(join(dataDir, 'directory.json'))) === 2) return false;
  const data = await readDocumentData(join(dataDir, 'directory.json'));
  return data !== undefined && (layoutOf(data) as { version?: number }).version === 1;
}

const values = <T>(dict: unknown): T[] => (isPlainObject(dict) ? (Object.values(dict) as T[]) : []);

/** The previous version's organization split into what was imported and what the bot wrote. */
function split(org: Organization, now: string): { imported: DirectoryDocument['organizations'][number]; ledger?: BenefitLedger; counted: Partial<Record<BenefitKind, string>> } {
  const benefits: Benefit[] = org.benefits ?? [];
  const activations: Activation[] = benefits
    .filter((b) => b.source === 'bot')
    .map((b) => ({
      kind: b.kind,
      accessId: b.accessId,
      contractId: b.contractId,
      start: b.start,
      end: b.end,
      activatedBy: b.activatedBy ?? { aadObjectId: 'unknown', name: 'unknown' },
      activatedAt: b.activatedAt ?? now,
    }));
  const incidents: RecordedIncident[] = benefits.flatMap((b) => (b.cases ?? []).map((c) => ({ ...c, kind: b.kind, contractId: b.contractId })));
  const imported = benefits.filter((b) => b.source !== 'bot');
  // The old count of an imported contract already includes the cases recorded on it.
  const counted = Object.fromEntries(imported.map((b) => [b.kind, now])) as Partial<Record<BenefitKind, string>>;
  return {
    imported: {
      tenantId: org.tenantId.toLowerCase(),
      name: org.name,
      partnerId: org.partnerId,
      memberships: org.memberships ?? [],
      benefits: imported.map((b) => ({ kind: b.kind, accessId: b.accessId, contractId: b.contractId, start: b.start, end: b.end, incidentsUsed: b.incidentsUsed })),
    },
    ...((activations.length > 0 || incidents.length > 0) && { ledger: { tenantId: org.tenantId.toLowerCase(), activations, incidents } }),
    counted,
  };
}

/**
 * Upgrades `dataDir` (see the file comment); undefined when there was nothing to do. The caller
 * holds the import lock, so no import runs meanwhile.
 */
export async function upgradeDataDir(dataDir: string, runtime: TableRuntimeStores, now: Date): Promise<UpgradeReport | undefined> {
  if (!(await needsUpgrade(dataDir))) return undefined;
  const at = now.toISOString();
  const directoryFile = join(dataDir, 'directory.json');
  const oldDirectory = await readDocumentData(directoryFile);
  const isV1 = oldDirectory !== undefined && (layoutOf(oldDirectory) as { version?: number }).version === 1;
  const organizations = isV1 ? values<Versioned<Organization>>((oldDirectory as Record<string, unknown>).organizations).map((r) => split(r.value, at)) : [];
  const report: UpgradeReport = { ledgers: 0, activations: 0, incidents: 0, states: 0, conversations: 0, cases: 0, backup: join(dataDir, V1_BACKUP_DIR) };
  for (const { ledger } of organizations) {
    if (!ledger) continue;
    report.ledgers += 1;
    report.activations += ledger.activations.length;
    report.incidents += ledger.incidents.length;
  }

  const meta = runtime.backend.table<{ at: string }>('meta');
  if (!(await meta.get('migrations', MARKER))) {
    for (const { ledger } of organizations) {
      if (!ledger) continue;
      const stored = await runtime.ledgers.get(ledger.tenantId);
      await runtime.ledgers.save(ledger, stored?.etag);
    }
    const state = await readJson(join(dataDir, 'state.json'));
    for (const [key, entry] of Object.entries(isPlainObject(state?.items) ? state.items : {})) {
      const value = (entry as { value?: Record<string, unknown> }).value;
      if (!isPlainObject(value)) continue;
      await runtime.state.write({ [key]: { ...value, eTag: '*' } });
      report.states += 1;
    }
    const conversations = await readJson(join(dataDir, 'conversations.json'));
    for (const conversation of values<StoredConversation>(conversations?.conversations)) {
      await runtime.conversations.upsert(conversation);
      report.conversations += 1;
    }
    for (const [name, value] of Object.entries(isPlainObject(conversations?.settings) ? conversations.settings : {})) {
      if (typeof value === 'string') await runtime.conversations.setSetting(name, value);
    }
    for (const [key, value] of Object.entries(isPlainObject(conversations?.sent) ? conversations.sent : {})) {
      if (typeof value === 'string') await runtime.conversations.markSent(key, value);
    }
    const cases = await readJson(join(dataDir, 'cases.json'));
    for (const record of values<Versioned<HelpdeskCase>>(cases?.cases)) {
      await runtime.cases.restore(record.value);
      report.cases += 1;
    }
    const nextNumber = cases?.nextNumber;
    if (typeof nextNumber === 'number' && nextNumber > 1) await runtime.cases.reserveUpTo(nextNumber - 1);
    await meta.upsert('migrations', MARKER, { at });
  }

  if (isV1) {
    const old = oldDirectory as Record<string, unknown>;
    const users = values<Versioned<DirectoryUser>>(old.users).map(
      (r): DocumentUser => ({
        aadObjectId: r.value.aadObjectId.toLowerCase(),
        tenantId: r.value.tenantId.toLowerCase(),
        name: r.value.name,
        ...(r.value.email !== undefined && { email: r.value.email }),
        roles: r.value.roles ?? [],
        accountProgram: r.value.accountProgram ?? 'MPN',
      }),
    );
    const countedAt = Object.fromEntries(organizations.filter((o) => Object.keys(o.counted).length > 0).map((o) => [o.imported.tenantId, o.counted]));
    await mkdir(report.backup, { recursive: true });
    // A copy first: the rewrite below replaces the file atomically, so it is never missing.
    await copyFile(directoryFile, join(report.backup, 'directory.json'));
    await writeDocument(directoryFile, {
      schemaVersion: 2,
      importedAt: at,
      organizations: organizations.map((o) => o.imported),
      users,
      ...(Object.keys(countedAt).length > 0 && { countedAt }),
    }, { checked: false });
  }
  await mkdir(report.backup, { recursive: true });
  for (const name of V1_FILES) {
    if (await exists(join(dataDir, name))) await rename(join(dataDir, name), join(report.backup, name));
  }
  return report;
}
