/**
 * The partner directory document, `<dataDir>/directory.json`: a lowdb JSON document written only by
 * the import (atomically: lowdb's steno writer renames a finished temp file over it), read by the
 * bot. Its `organizations` and `users` are in the import format (contracts/directory.schema.json),
 * normalized: ids lower-case, defaults applied, every list present. So the document is itself a
 * valid import file, and a hand edit is checked with exactly the import's rules.
 *
 * ```json
 * { "schemaVersion": 2,
 *   "importedAt": "2026-12-02T10:00:00.000Z",
 *   "organizations": [ { "tenantId": "…", "name": "…", "partnerId": "…", "memberships": [], "benefits": [] } ],
 *   "users": [ { "aadObjectId": "…", "tenantId": "…", "name": "…", "roles": [], "accountProgram": "MPN" } ],
 *   "countedAt": { "<tenantId>": { "ProductSupport": "2026-12-02T10:00:00.000Z" } } }
 * ```
 * `countedAt` says when each imported contract's `incidentsUsed` was imported: cases the bot
 * records later add to it (domain/benefits.ts). The import sets it when a count (or the contract)
 * changes and keeps it otherwise.
 *
 * Version 1 (before the run-time store) kept organizations keyed by tenant with eTags and the bot's
 * activations inside them; see migration.ts.
 */
import { createHash } from 'node:crypto';
import { open as openFile, readFile, rm, writeFile } from 'node:fs/promises';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { ImportedContract } from '../../domain/benefits.js';
import type { BenefitKind, DirectoryUser, Membership } from '../../domain/types.js';
import { isPlainObject } from '../json.js';
import type { ImportedBenefit, ImportedOrganization, ImportedUser, ImportProblem } from '../import/directoryImport.js';
import type { DirectoryOrganization } from '../types.js';

/** An organization as the document holds it: the import format with every list present. */
export interface DocumentOrganization extends ImportedOrganization {
  memberships: Membership[];
  benefits: ImportedBenefit[];
}

/** A user as the document holds it: the import format with the defaults applied. */
export type DocumentUser = Required<Pick<ImportedUser, 'aadObjectId' | 'tenantId' | 'name' | 'roles' | 'accountProgram'>> &
  Pick<ImportedUser, 'email'>;

export interface DirectoryDocument {
  schemaVersion: 2;
  importedAt?: string;
  organizations: DocumentOrganization[];
  users: DocumentUser[];
  /** When each imported contract's count was imported: tenant id → benefit kind → ISO instant. */
  countedAt?: Record<string, Partial<Record<BenefitKind, string>>>;
}

/** Thrown when directory.json exists but is not a directory document (invalid JSON or an unknown layout). */
export class CorruptDataFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file} is corrupt: ${detail}. Nothing was changed; fix the file or move it away (a missing file counts as empty).`);
    this.name = 'CorruptDataFileError';
  }
}

/** Thrown when directory.json is a document but breaks the import's rules; lists every problem by path. */
export class InvalidDirectoryError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ImportProblem[],
  ) {
    const shown = problems.slice(0, 20).map((p) => `  ${p.path}: ${p.message}`);
    const more = problems.length > shown.length ? [`  ... and ${problems.length - shown.length} more`] : [];
    super([`${file} breaks ${problems.length} rule${problems.length === 1 ? '' : 's'} of the import format:`, ...shown, ...more].join('\n'));
    this.name = 'InvalidDirectoryError';
  }
}

export const emptyDocument = (): DirectoryDocument => ({ schemaVersion: 2, organizations: [], users: [] });

/** What the file holds at the top: a version 2 document, a version 1 store file, or something else (the reason). */
export function layoutOf(data: unknown): { version: 2 } | { version: 1 } | { problem: string } {
  if (!isPlainObject(data)) return { problem: 'it does not hold a JSON object' };
  if (data.schemaVersion === 1) {
    return isPlainObject(data.organizations) && isPlainObject(data.users)
      ? { version: 1 }
      : { problem: 'it says schemaVersion 1 but "organizations" and "users" are not objects keyed by id' };
  }
  if (data.schemaVersion !== 2) return { problem: `schemaVersion is ${JSON.stringify(data.schemaVersion)}, expected 2` };
  if (!Array.isArray(data.organizations)) return { problem: '"organizations" is not a list' };
  if (!Array.isArray(data.users)) return { problem: '"users" is not a list' };
  if (data.importedAt !== undefined && typeof data.importedAt !== 'string') return { problem: '"importedAt" is not a timestamp' };
  if (data.countedAt !== undefined && !isPlainObject(data.countedAt)) return { problem: '"countedAt" is not an object keyed by tenant id' };
  return { version: 2 };
}

/** Problems with `countedAt` that the import format cannot see (each value an ISO instant). */
export function countedAtProblems(countedAt: unknown): ImportProblem[] {
  if (countedAt === undefined) return [];
  const problems: ImportProblem[] = [];
  for (const [tenantId, kinds] of Object.entries(countedAt as Record<string, unknown>)) {
    if (!isPlainObject(kinds)) {
      problems.push({ path: `$.countedAt[${JSON.stringify(tenantId)}]`, message: 'must be an object of benefit kind to timestamp' });
      continue;
    }
    for (const [kind, at] of Object.entries(kinds)) {
      if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) {
        problems.push({ path: `$.countedAt[${JSON.stringify(tenantId)}].${kind}`, message: `must be an ISO timestamp (got ${JSON.stringify(at)})` });
      }
    }
  }
  return problems;
}

/**
 * Opens the document file with lowdb. The parse step only parses: callers check the layout (a v1
 * file must be migrated, not refused). A missing file reads as `undefined` data. `seen` gets the
 * file's text as read or written.
 * @throws CorruptDataFileError when the file is not JSON.
 */
export function documentFile(file: string, seen?: (text: string) => void): Low<unknown> {
  const adapter = new DataFile<unknown>(file, {
    parse: (text) => {
      seen?.(text);
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new CorruptDataFileError(file, `it is not valid JSON (${(error as Error).message})`);
      }
    },
    stringify: (data) => {
      const text = `${JSON.stringify(data, null, 2)}\n`;
      seen?.(text);
      return text;
    },
  });
  return new Low<unknown>(adapter, null);
}

/**
 * Beside the document: the SHA-256 of the text the import last wrote after checking it. A document
 * whose text still has that hash need not be checked again (at 100,000 organizations the checks
 * take seconds); a hand edit changes the hash, so it is checked.
 */
export const verifiedFileOf = (file: string) => `${file}.verified`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads the document; undefined when the file does not exist. */
export async function readDocumentData(file: string): Promise<unknown> {
  return (await readDocument(file)).data;
}

/**
 * Reads the document and tells whether its text is the one the import checked and wrote
 * ({@link verifiedFileOf}).
 */
export async function readDocument(file: string): Promise<{ data: unknown; verified: boolean }> {
  let text: string | undefined;
  const db = documentFile(file, (t) => (text = t));
  await db.read();
  if (text === undefined) return { data: undefined, verified: false };
  const recorded = await readFile(verifiedFileOf(file), 'utf8').catch(() => undefined);
  return { data: db.data ?? undefined, verified: recorded !== undefined && recorded.trim() === sha256(text) };
}

/**
 * Writes the document atomically (temp file, then rename): readers see the old or the new file whole.
 * `checked`: the caller checked it with the import's rules, so readers may skip the checks while the
 * text is unchanged.
 */
export async function writeDocument(file: string, document: DirectoryDocument, options: { checked: boolean }): Promise<void> {
  let text = '';
  const db = documentFile(file, (t) => (text = t));
  db.data = document;
  await rm(verifiedFileOf(file), { force: true });
  await db.write();
  if (options.checked) await writeFile(verifiedFileOf(file), `${sha256(text)}\n`);
}

/**
 * The schema version a document file names in its first bytes, without reading the whole file
 * (the writer puts `schemaVersion` first); undefined when the file is missing or starts otherwise.
 */
export async function schemaVersionInHead(file: string): Promise<number | undefined> {
  let handle;
  try {
    handle = await openFile(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
    const match = /^\s*\{\s*"schemaVersion"\s*:\s*(\d+)\s*,/.exec(buffer.subarray(0, bytesRead).toString('utf8'));
    return match ? Number(match[1]) : undefined;
  } finally {
    await handle.close();
  }
}

/** The snapshot's view of a document organization. */
export function toDirectoryOrganization(org: DocumentOrganization, countedAt: DirectoryDocument['countedAt']): DirectoryOrganization {
  const counted = countedAt?.[org.tenantId];
  return {
    tenantId: org.tenantId,
    name: org.name,
    partnerId: org.partnerId,
    memberships: org.memberships,
    contracts: org.benefits.map(
      (b): ImportedContract => ({
        kind: b.kind,
        accessId: b.accessId,
        contractId: b.contractId,
        start: b.start,
        end: b.end,
        incidentsUsed: b.incidentsUsed ?? 0,
        ...(counted?.[b.kind] !== undefined && { countedAt: counted[b.kind] }),
      }),
    ),
  };
}

/** The snapshot's view of a document user. */
export function toDirectoryUser(user: DocumentUser): DirectoryUser {
  return {
    aadObjectId: user.aadObjectId,
    tenantId: user.tenantId,
    name: user.name,
    ...(user.email !== undefined && { email: user.email }),
    roles: user.roles,
    accountProgram: user.accountProgram,
  };
}
