/**
 * The audit log as an append-only JSON Lines file, `<dataDir>/audit.jsonl`: one entry per line,
 * appended with `O_APPEND` and never rewritten (not lowdb, which rewrites its file whole).
 *
 * On disk, one JSON object per line, fields in this order (absent optional fields are omitted):
 * ```
 * {"at":"2026-11-24T10:00:00.000Z","actor":{"aadObjectId":"…","name":"…"},"tenantId":"…","partnerId":"…","action":"case.created","details":{"caseId":"C-000001"}}
 * ```
 * Appends from this process are serialized, so lines never interleave. Readers need no lock: they
 * only see whole lines plus, at worst, a last line still being written, which is skipped like any
 * unreadable line (see {@link JsonlAuditLog.lastSkipped}). A corrupt line is never repaired or
 * removed; if the file does not end with a newline (a crash mid-append), the next append starts a
 * new line first, so the bytes already there stay untouched.
 */
import { InvalidAuditEntryError, type AuditEntry, type AuditLog } from '../types.js';
import { isPlainObject } from '../json.js';
import { JsonlFile, sinceOf } from './jsonlFile.js';
import { parseIsoInstant } from './isoInstant.js';

/** The filter accepted by {@link AuditLog.list}. */
export type AuditFilter = NonNullable<Parameters<AuditLog['list']>[0]>;

/** What one pass over the file found. */
export interface AuditScan {
  /** The matching entries, oldest (first appended) first. */
  entries: AuditEntry[];
  /** Lines that are not a valid entry (corrupt, truncated); blank lines are not counted. */
  skipped: number;
}

export { parseIsoInstant } from './isoInstant.js';

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Why `value` is not a valid {@link AuditEntry} (empty when it is one). */
export function auditEntryProblems(value: unknown): string[] {
  if (!isPlainObject(value)) return ['the entry is not an object'];
  const problems: string[] = [];
  if (typeof value.at !== 'string' || parseIsoInstant(value.at) === undefined) {
    problems.push(`"at" must be an ISO timestamp (got ${JSON.stringify(value.at)})`);
  }
  const { actor } = value;
  if (!isPlainObject(actor) || !nonEmpty(actor.aadObjectId) || typeof actor.name !== 'string') {
    problems.push('"actor" must have a non-empty "aadObjectId" and a "name"');
  }
  if (!nonEmpty(value.action)) problems.push('"action" must be a non-empty string');
  for (const field of ['tenantId', 'partnerId'] as const) {
    if (value[field] !== undefined && typeof value[field] !== 'string') problems.push(`"${field}" must be a string`);
  }
  if (value.details !== undefined) {
    const ok =
      isPlainObject(value.details) &&
      Object.values(value.details).every((v) => ['string', 'number', 'boolean'].includes(typeof v));
    if (!ok) problems.push('"details" must be an object of strings, numbers and booleans');
  }
  return problems;
}

/** A copy of a valid entry with the fields in file order and nothing else (every audit log stores this). */
export function canonicalAuditEntry(entry: AuditEntry): AuditEntry {
  return {
    at: entry.at,
    actor: { aadObjectId: entry.actor.aadObjectId, name: entry.actor.name },
    ...(entry.tenantId !== undefined && { tenantId: entry.tenantId }),
    ...(entry.partnerId !== undefined && { partnerId: entry.partnerId }),
    action: entry.action,
    ...(entry.details !== undefined && { details: { ...entry.details } }),
  };
}

/**
 * Checks a filter and turns `since` into epoch milliseconds (shared by every audit log).
 * @throws RangeError for a `since` that is not an ISO date/timestamp, or a bad `limit`.
 */
export function checkAuditFilter(filter: AuditFilter): { since?: number; limit?: number } {
  const since = sinceOf(filter.since);
  const { limit } = filter;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw new RangeError(`Invalid "limit" ${limit}: expected a whole number >= 0`);
  }
  return { ...(since !== undefined && { since }), ...(limit !== undefined && { limit }) };
}

/** {@link AuditLog} on a JSON Lines file. Opening does no I/O; a missing file is an empty log. */
export class JsonlAuditLog implements AuditLog {
  readonly #lines: JsonlFile;
  #lastSkipped = 0;

  constructor(
    /** The JSON Lines file this log appends to. */
    readonly file: string,
  ) {
    this.#lines = new JsonlFile(file);
  }

  /**
   * Appends one line. Appends are written in call order, one at a time.
   * @throws InvalidAuditEntryError when `at`, `actor` or `action` is missing or invalid.
   */
  append(entry: AuditEntry): Promise<void> {
    return this.#lines.append(() => {
      const problems = auditEntryProblems(entry);
      if (problems.length > 0) throw new InvalidAuditEntryError(problems);
      return canonicalAuditEntry(entry);
    });
  }

  /** Entries, oldest first (file order); see {@link JsonlAuditLog.scan}. Sets {@link lastSkipped}. */
  async list(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const { entries, skipped } = await this.scan(filter);
    this.#lastSkipped = skipped;
    return entries;
  }

  /** How many unreadable lines the last {@link list} skipped. */
  get lastSkipped(): number {
    return this.#lastSkipped;
  }

  /**
   * Reads the file line by line (appends from this process started before the call are included):
   * entries at or after `since`, of `tenantId` and `partnerId` when given (exact match), then the
   * last `limit` of those. Unreadable lines are counted and skipped, never changed.
   * @throws RangeError for a `since` that is not an ISO date/timestamp, or a bad `limit`.
   */
  async scan(filter: AuditFilter = {}): Promise<AuditScan> {
    const { since, limit } = checkAuditFilter(filter);
    if (limit === 0) {
      await this.#lines.flush();
      return { entries: [], skipped: 0 };
    }
    let kept: AuditEntry[] = [];
    const skipped = await this.#lines.readLines((value) => {
      if (auditEntryProblems(value).length > 0) return false;
      const valid = value as AuditEntry;
      if (since !== undefined && (parseIsoInstant(valid.at) as number) < since) return true;
      if (filter.tenantId !== undefined && valid.tenantId !== filter.tenantId) return true;
      if (filter.partnerId !== undefined && valid.partnerId !== filter.partnerId) return true;
      kept.push(canonicalAuditEntry(valid));
      // Trim now and then rather than per line, so a small limit over a long file stays O(lines).
      if (limit !== undefined && kept.length >= 2 * limit + 1024) kept = kept.slice(-limit);
      return true;
    });
    return { entries: limit === undefined ? kept : kept.slice(-limit), skipped };
  }

  /** Waits until every append started so far has reached the file (or failed). */
  flush(): Promise<void> {
    return this.#lines.flush();
  }
}
