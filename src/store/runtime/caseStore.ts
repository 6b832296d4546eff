/**
 * Helpdesk cases on an {@link EntityTable}, all in one partition so that a case and its index rows
 * change together in one batch (all or nothing, also on Azure Table Storage):
 *
 * | row                               | value                     |
 * |-----------------------------------|---------------------------|
 * | `case:C-000042`                   | the case                  |
 * | `status:open:C-000042`            | `{ id }` (one per status) |
 * | `tenant:<tenantId>:C-000042`      | `{ id }`                  |
 * | `creator:<aadObjectId>:C-000042`  | `{ id }`                  |
 * | `request:<requestKey>`            | `{ id }` (idempotent create) |
 * | `counter`                         | `{ next }`                |
 *
 * Ids come from the counter, advanced with a conditional write (retried on conflict), so several
 * processes or machines never hand out one id twice; a create that fails afterwards burns its id.
 * Every list is served by an index: cost grows with the result, not with all cases ever made.
 */
import { PreconditionFailedError, type BatchOperation, type CaseFilter, type CaseStatus, type CaseStore, type EntityTable, type HelpdeskCase, type Versioned } from '../types.js';
import { jsonCopy } from '../json.js';

type CaseRow = HelpdeskCase | { id: string } | { next: number };

const PARTITION = 'cases';
const COUNTER = 'counter';
const MAX_ATTEMPTS = 50;

/** `C-000042` for 42. */
export function caseId(n: number): string {
  return `C-${String(n).padStart(6, '0')}`;
}

/** 42 for `C-000042`; undefined when `id` is not in that form. */
export function caseNumber(id: string): number | undefined {
  const match = /^C-(\d{6,})$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

const lower = (value: string | undefined) => value?.toLowerCase();

/** The index rows of a case (lower-cased ids; keys may not hold control characters). */
function indexRows(c: HelpdeskCase): string[] {
  const rows = [`status:${c.status}:${c.id}`];
  if (c.tenantId) rows.push(`tenant:${lower(c.tenantId)}:${c.id}`);
  if (c.createdBy?.aadObjectId) rows.push(`creator:${lower(c.createdBy.aadObjectId)}:${c.id}`);
  return rows;
}

/** A key part that is safe in a row key (request keys come from activity ids). */
const safe = (text: string) => encodeURIComponent(text).slice(0, 400);

export class TableCaseStore implements CaseStore {
  constructor(private readonly table: EntityTable<CaseRow>) {}

  async create(c: Omit<HelpdeskCase, 'id'>, requestKey?: string): Promise<Versioned<HelpdeskCase>> {
    const requestRow = requestKey === undefined ? undefined : `request:${safe(requestKey)}`;
    if (requestRow) {
      const earlier = await this.#byRequest(requestRow);
      if (earlier) return earlier;
    }
    const id = caseId(await this.#nextNumber());
    const value: HelpdeskCase = { ...jsonCopy(c), id };
    const operations: BatchOperation<CaseRow>[] = [
      { op: 'insert', row: `case:${id}`, value },
      ...indexRows(value).map((row): BatchOperation<CaseRow> => ({ op: 'insert', row, value: { id } })),
      ...(requestRow ? [{ op: 'insert', row: requestRow, value: { id } } as BatchOperation<CaseRow>] : []),
    ];
    try {
      const [etag] = await this.table.batch(PARTITION, operations);
      return { value, etag: etag! };
    } catch (error) {
      // The same request created its case meanwhile (a redelivery on another thread or machine).
      const earlier = error instanceof PreconditionFailedError && requestRow ? await this.#byRequest(requestRow) : undefined;
      if (earlier) return earlier;
      throw error;
    }
  }

  async get(id: string): Promise<Versioned<HelpdeskCase> | undefined> {
    if (caseNumber(id) === undefined) return undefined;
    return (await this.table.get(PARTITION, `case:${id}`)) as Versioned<HelpdeskCase> | undefined;
  }

  /**
   * Replaces the case with `c`, if its eTag is still `ifMatch`, and moves its index rows along.
   * @throws PreconditionFailedError when the case changed since it was read.
   * @throws Error when there is no case `c.id`.
   */
  async save(c: HelpdeskCase, ifMatch: string): Promise<Versioned<HelpdeskCase>> {
    const current = await this.get(c.id);
    if (!current) throw new Error(`Cannot save case ${c.id}: there is no such case`);
    if (current.etag !== ifMatch) throw new PreconditionFailedError('case', c.id);
    const value = jsonCopy(c);
    const before = new Set(indexRows(current.value));
    const after = new Set(indexRows(value));
    const operations: BatchOperation<CaseRow>[] = [
      { op: 'replace', row: `case:${c.id}`, value, ifMatch },
      ...[...before].filter((row) => !after.has(row)).map((row): BatchOperation<CaseRow> => ({ op: 'delete', row })),
      ...[...after].filter((row) => !before.has(row)).map((row): BatchOperation<CaseRow> => ({ op: 'upsert', row, value: { id: c.id } })),
    ];
    try {
      const [etag] = await this.table.batch(PARTITION, operations);
      return { value, etag: etag! };
    } catch (error) {
      if (error instanceof PreconditionFailedError) throw new PreconditionFailedError('case', c.id);
      throw error;
    }
  }

  /**
   * Cases newest first (by `createdAt`, then by id). `status` keeps the cases in one of those
   * statuses (an empty array keeps none); `tenantId` and `createdBy` compare case-insensitively.
   */
  async list(filter: CaseFilter = {}): Promise<HelpdeskCase[]> {
    if (filter.status?.length === 0) return [];
    const prefixes = filter.status
      ? filter.status.map((s: CaseStatus) => `status:${s}:`)
      : filter.tenantId !== undefined
        ? [`tenant:${lower(filter.tenantId)}:`]
        : filter.createdBy !== undefined
          ? [`creator:${lower(filter.createdBy)}:`]
          : ['case:'];
    const rows = (await Promise.all(prefixes.map((prefix) => this.table.list(PARTITION, { prefix })))).flat();
    const cases =
      prefixes[0] === 'case:'
        ? rows.map((row) => row.value as HelpdeskCase)
        : (await Promise.all(rows.map((row) => this.get((row.value as { id: string }).id)))).flatMap((c) => (c ? [c.value] : []));
    const statuses = filter.status && new Set(filter.status);
    const tenantId = lower(filter.tenantId);
    const createdBy = lower(filter.createdBy);
    const matching = cases.filter(
      (c) =>
        (!statuses || statuses.has(c.status)) &&
        (tenantId === undefined || lower(c.tenantId) === tenantId) &&
        (createdBy === undefined || lower(c.createdBy?.aadObjectId) === createdBy),
    );
    const time = (c: HelpdeskCase) => {
      const ms = Date.parse(c.createdAt);
      return Number.isNaN(ms) ? -Infinity : ms;
    };
    const number = (c: HelpdeskCase) => caseNumber(c.id) ?? -1;
    return matching.sort((a, b) => time(b) - time(a) || number(b) - number(a) || (a.id < b.id ? 1 : -1));
  }

  /**
   * Moves the counter past `n` (for cases carried over from an older data directory, whose ids are
   * taken), so no id is handed out twice.
   */
  async reserveUpTo(n: number): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const counter = await this.table.get(PARTITION, COUNTER);
      const next = (counter?.value as { next?: number } | undefined)?.next ?? 1;
      if (next > n) return;
      try {
        if (counter) await this.table.replace(PARTITION, COUNTER, { next: n + 1 }, counter.etag);
        else if ((await this.table.insert(PARTITION, COUNTER, { next: n + 1 })) === undefined) continue;
        return;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
    throw new Error('the case counter kept changing');
  }

  /** Puts a case carried over from an older data directory (its id kept) with its index rows. */
  async restore(c: HelpdeskCase): Promise<void> {
    if (await this.get(c.id)) return;
    await this.table.batch(PARTITION, [
      { op: 'insert', row: `case:${c.id}`, value: c },
      ...indexRows(c).map((row): BatchOperation<CaseRow> => ({ op: 'upsert', row, value: { id: c.id } })),
    ]);
    const n = caseNumber(c.id);
    if (n !== undefined) await this.reserveUpTo(n);
  }

  async #byRequest(row: string): Promise<Versioned<HelpdeskCase> | undefined> {
    const pointer = await this.table.get(PARTITION, row);
    return pointer ? this.get((pointer.value as { id: string }).id) : undefined;
  }

  /** The next case number, taken with a conditional write on the counter. */
  async #nextNumber(): Promise<number> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const counter = await this.table.get(PARTITION, COUNTER);
      if (!counter) {
        if ((await this.table.insert(PARTITION, COUNTER, { next: 2 })) !== undefined) return 1;
        continue;
      }
      const next = (counter.value as { next: number }).next;
      try {
        await this.table.replace(PARTITION, COUNTER, { next: next + 1 }, counter.etag);
        return next;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        // Another create took this number: take the next one.
      }
    }
    throw new Error('the case counter kept changing');
  }
}
