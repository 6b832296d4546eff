/**
 * The audit log on an {@link EntityTable} (Azure Table Storage with `STORE=azure`; the same code on
 * the in-memory twin in tests): the {@link AuditLog} contract of the JSON Lines log, with its
 * validation and its errors, for several bot instances appending at once.
 *
 * **Partitions follow the reads.** The audit log is read by tenant or by partner (the helpdesk's
 * `audit 4711002` shows the newest 15 entries of one partner; `npm run audit -- --tenant ...`), and
 * whole, by time (`npm run audit`, `--since`). So:
 *
 * - an entry lives in the partition of its tenant (`t=<tenantId>`), or of its partner when it names
 *   no tenant (`p=<partnerId>`), or in `-` when it names neither: one tenant's entries are one
 *   partition, read without touching any other tenant's;
 * - its row key is the time, newest first (logRows.ts), so "the newest 15" are the first 15 rows of
 *   a partition and `since` ends a read early, instead of reading the partition whole;
 * - a partner's entries are found through a small index, one row per partition that holds entries
 *   of that partner (`ip=<partnerId>` / `<partition>`), written once before the first such entry
 *   (a tenant keeps its partner id, so that is one row per partner in practice);
 * - reading the whole log (no tenant or partner) scans the table, as reading audit.jsonl reads the
 *   file.
 *
 * Entries are ordered by `at`, then by the order of the appends in one process. Every append is
 * one insert of a row of its own (no read, no lock; the backend makes a resent write count once),
 * so appends of several instances never conflict.
 */
import { PendingWrites } from '../json.js';
import { auditEntryProblems, canonicalAuditEntry, checkAuditFilter, type AuditFilter } from '../jsonl/jsonlAuditLog.js';
import { parseIsoInstant } from '../jsonl/isoInstant.js';
import { InvalidAuditEntryError, type AuditEntry, type AuditLog, type EntityTable, type StoredEntity } from '../types.js';
import { keyPart, msOfRow, RowSequence } from './logRows.js';

/** A row of the audit table: an entry, or (in an index partition) the partition of a partner's entries. */
export type AuditRow = AuditEntry | { partition: string };

const INDEX = 'ip';
const PAGE = 1000;

const tenantPartition = (tenantId: string) => `t${keyPart(tenantId)}`;
const partnerIndex = (partnerId: string) => `${INDEX}${keyPart(partnerId)}`;
/** The partition of an entry: its tenant's, else its partner's, else `-`. */
function partitionOf(entry: AuditEntry): string {
  if (entry.tenantId !== undefined) return tenantPartition(entry.tenantId);
  if (entry.partnerId !== undefined) return `p${keyPart(entry.partnerId)}`;
  return '-';
}

/** Whether a partition of the audit table holds the partner index, not entries. */
export const isAuditIndexPartition = (partition: string) => partition.startsWith(INDEX);

/**
 * Where a (canonical) entry is stored: its partition, and the partner index row that must exist
 * before it (an entry naming a partner). For writers other than {@link TableAuditLog.append},
 * such as `npm run migrate`, which copies entries under keys of its own (logRows.ts).
 */
export function auditPlacement(entry: AuditEntry): { partition: string; index?: { partition: string; row: string; value: AuditRow } } {
  const partition = partitionOf(entry);
  return { partition, ...(entry.partnerId !== undefined && { index: { partition: partnerIndex(entry.partnerId), row: partition, value: { partition } } }) };
}

export class TableAuditLog implements AuditLog {
  readonly #writes = new PendingWrites();
  readonly #rows = new RowSequence();
  /** Index rows known to be written (`<index partition>/<entry partition>`). */
  readonly #indexed = new Set<string>();

  constructor(
    private readonly table: EntityTable<AuditRow>,
    /** Where the log is, for messages (e.g. `azure tables psbaudit at ...`). */
    readonly description = 'an entity table',
  ) {}

  /**
   * Appends one entry; appends of this instance are listed in call order (same `at`).
   * @throws InvalidAuditEntryError when `at`, `actor` or `action` is missing or invalid (nothing is written).
   */
  append(entry: AuditEntry): Promise<void> {
    const problems = auditEntryProblems(entry);
    if (problems.length > 0) return Promise.reject(new InvalidAuditEntryError(problems));
    const value = canonicalAuditEntry(entry);
    const row = this.#rows.next(parseIsoInstant(value.at)!, 'newestFirst');
    return this.#writes.track(this.#write(partitionOf(value), row, value));
  }

  async #write(partition: string, row: string, entry: AuditEntry): Promise<void> {
    if (entry.partnerId !== undefined) {
      const index = partnerIndex(entry.partnerId);
      const known = `${index}/${partition}`;
      if (!this.#indexed.has(known)) {
        // Before the entry, so an entry is never written without the index row that finds it.
        // An insert that finds the row written by another instance writes nothing, as wanted.
        await this.table.insert(index, partition, { partition });
        this.#indexed.add(known);
      }
    }
    if ((await this.table.insert(partition, row, entry)) === undefined) {
      // Rows are unique per append (time, counter, random writer id): this is not a race.
      throw new Error(`The audit row ${partition}/${row} exists already; nothing was written`);
    }
  }

  /**
   * Entries at or after `since`, of `tenantId` and `partnerId` when given (exact match), oldest
   * first; with `limit`, the newest that many. Appends of this instance started before the call
   * are included.
   * @throws RangeError for a `since` that is not an ISO date/timestamp, or a bad `limit`.
   */
  async list(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const { since, limit } = checkAuditFilter(filter);
    await this.#writes.flush();
    if (limit === 0) return [];
    const wanted = (entry: AuditEntry) =>
      (filter.tenantId === undefined || entry.tenantId === filter.tenantId) &&
      (filter.partnerId === undefined || entry.partnerId === filter.partnerId) &&
      (since === undefined || parseIsoInstant(entry.at)! >= since);
    let found: StoredEntity<AuditEntry>[];
    if (filter.tenantId !== undefined) found = await this.#newest(tenantPartition(filter.tenantId), wanted, since, limit);
    else if (filter.partnerId !== undefined) {
      const partitions = (await this.#all(partnerIndex(filter.partnerId))).map((r) => r.row);
      found = (await Promise.all(partitions.map((p) => this.#newest(p, wanted, since, limit)))).flat();
    } else found = await this.#scanEntries(wanted);
    // Row keys sort newest first across partitions too.
    found.sort((a, b) => (a.row < b.row ? -1 : a.row > b.row ? 1 : 0));
    return (limit === undefined ? found : found.slice(0, limit)).reverse().map((e) => e.value);
  }

  /** Every row of a partition. */
  async #all(partition: string): Promise<StoredEntity<AuditRow>[]> {
    const rows: StoredEntity<AuditRow>[] = [];
    for (;;) {
      const page = await this.table.list(partition, { limit: PAGE, ...(rows.length > 0 && { after: rows.at(-1)!.row }) });
      rows.push(...page);
      if (page.length < PAGE) return rows;
    }
  }

  /** The newest `limit` wanted entries of a partition (all when no limit), stopping at the first row before `since`. */
  async #newest(partition: string, wanted: (e: AuditEntry) => boolean, since: number | undefined, limit: number | undefined): Promise<StoredEntity<AuditEntry>[]> {
    const found: StoredEntity<AuditEntry>[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.table.list(partition, { limit: PAGE, ...(after !== undefined && { after }) });
      for (const row of page) {
        if (since !== undefined && msOfRow(row.row, 'newestFirst') < since) return found;
        const entry = row as StoredEntity<AuditEntry>;
        if (wanted(entry.value)) found.push(entry);
        if (limit !== undefined && found.length >= limit) return found;
      }
      if (page.length < PAGE) return found;
      after = page.at(-1)!.row;
    }
  }

  /** Every wanted entry of the table (index rows skipped). */
  async #scanEntries(wanted: (e: AuditEntry) => boolean): Promise<StoredEntity<AuditEntry>[]> {
    const found: StoredEntity<AuditEntry>[] = [];
    let after: { partition: string; row: string } | undefined;
    for (;;) {
      const page = await this.table.scan({ limit: PAGE, ...(after && { after }) });
      for (const row of page) {
        if (row.partition.startsWith(INDEX)) continue;
        const entry = row as StoredEntity<AuditEntry>;
        if (wanted(entry.value)) found.push(entry);
      }
      if (page.length < PAGE) return found;
      after = { partition: page.at(-1)!.partition, row: page.at(-1)!.row };
    }
  }

  /** Waits until every append started so far is stored (or failed). */
  flush(): Promise<void> {
    return this.#writes.flush();
  }
}
