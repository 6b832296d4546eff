/**
 * Helpdesk cases on lowdb, in `<dataDir>/cases.json` (a file of its own: case updates never rewrite
 * the directory or the conversation state).
 *
 * On disk:
 * ```json
 * { "schemaVersion": 1,
 *   "nextNumber": 3,
 *   "cases": { "C-000001": { "value": HelpdeskCase, "etag": "…" }, "C-000002": { … } } }
 * ```
 * Ids are `C-` and six or more digits from `nextNumber`, which only grows: an id is never reused,
 * not even after a failed write.
 */
import { PreconditionFailedError, type CaseStatus, type CaseStore, type HelpdeskCase, type Versioned } from '../types.js';
import { emptyDict, isPlainObject, jsonCopy, LowdbFile, newEtag, setEntry, type Dict } from './lowdbFile.js';

/** The layout of `cases.json`. */
interface CaseData {
  schemaVersion: 1;
  /** The number of the next case id. */
  nextNumber: number;
  cases: Dict<Versioned<HelpdeskCase>>;
}

/** The filter accepted by {@link CaseStore.list}. */
export type CaseFilter = NonNullable<Parameters<CaseStore['list']>[0]>;

/** `C-000042` for 42. */
export function caseId(n: number): string {
  return `C-${String(n).padStart(6, '0')}`;
}

/** 42 for `C-000042`; undefined when `id` is not in that form. */
function caseNumber(id: string): number | undefined {
  const match = /^C-(\d{6,})$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

function checkCaseLayout(data: Record<string, unknown>): string | undefined {
  if (data.schemaVersion !== 1) return `schemaVersion is ${JSON.stringify(data.schemaVersion)}, expected 1`;
  const { nextNumber, cases } = data;
  if (!(Number.isSafeInteger(nextNumber) && (nextNumber as number) >= 1)) return '"nextNumber" is not a whole number >= 1';
  if (!isPlainObject(cases)) return '"cases" is not an object keyed by case id';
  return undefined;
}

const lower = (value: string | undefined) => value?.toLowerCase();

/** {@link CaseStore} on lowdb. Open it with {@link LowdbCaseStore.open}. */
export class LowdbCaseStore implements CaseStore {
  readonly #db: LowdbFile<CaseData>;
  /** The JSON file this store keeps. */
  readonly file: string;

  private constructor(db: LowdbFile<CaseData>) {
    this.#db = db;
    this.file = db.file;
  }

  /**
   * Reads `file` (usually `<dataDir>/cases.json`); a missing file is an empty store.
   * @throws CorruptDataFileError when the file is not valid JSON or not in the layout above.
   */
  static async open(file: string): Promise<LowdbCaseStore> {
    const db = await LowdbFile.open<CaseData>(file, {
      empty: () => ({ schemaVersion: 1, nextNumber: 1, cases: emptyDict() }),
      check: checkCaseLayout,
      dicts: ['cases'],
      indent: 2,
    });
    // A hand-edited file could hold ids at or past nextNumber: never hand those out again.
    for (const id of Object.keys(db.data.cases)) {
      const n = caseNumber(id);
      if (n !== undefined && n >= db.data.nextNumber) db.data.nextNumber = n + 1;
    }
    return new LowdbCaseStore(db);
  }

  /** Stores a copy of `c` under the next id (any `id` on `c` is ignored). */
  async create(c: Omit<HelpdeskCase, 'id'>): Promise<Versioned<HelpdeskCase>> {
    this.#db.assertWritable();
    const { data } = this.#db;
    let n = data.nextNumber;
    while (data.cases[caseId(n)]) n += 1;
    data.nextNumber = n + 1; // not rolled back: a failed create burns its number
    const id = caseId(n);
    const record: Versioned<HelpdeskCase> = { value: { ...jsonCopy(c), id }, etag: newEtag() };
    await this.#db.save(setEntry(data.cases, id, record));
    return jsonCopy(record);
  }

  async get(id: string): Promise<Versioned<HelpdeskCase> | undefined> {
    const record = this.#db.data.cases[id];
    return record && jsonCopy(record);
  }

  /**
   * Replaces the case with a copy of `c`, if its eTag is still `ifMatch`.
   * @throws PreconditionFailedError when the case changed since it was read.
   * @throws Error when there is no case `c.id`.
   */
  async save(c: HelpdeskCase, ifMatch: string): Promise<Versioned<HelpdeskCase>> {
    // Check and change with no await in between: the event loop makes the pair atomic in-process.
    this.#db.assertWritable();
    const current = this.#db.data.cases[c.id];
    if (!current) throw new Error(`Cannot save case ${c.id}: there is no such case`);
    if (current.etag !== ifMatch) throw new PreconditionFailedError('case', c.id);
    const record: Versioned<HelpdeskCase> = { value: jsonCopy(c), etag: newEtag() };
    await this.#db.save(setEntry(this.#db.data.cases, c.id, record));
    return jsonCopy(record);
  }

  /**
   * Cases newest first (by `createdAt`, then by id). `status` keeps the cases in one of those
   * statuses (an empty array keeps none); `tenantId` and `createdBy` (the creator's aadObjectId)
   * compare case-insensitively.
   */
  async list(filter: CaseFilter = {}): Promise<HelpdeskCase[]> {
    const statuses = filter.status && new Set<CaseStatus>(filter.status);
    const tenantId = lower(filter.tenantId);
    const createdBy = lower(filter.createdBy);
    const matching = Object.values(this.#db.data.cases)
      .map((record) => record.value)
      .filter(
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
    matching.sort((a, b) => time(b) - time(a) || number(b) - number(a) || (a.id < b.id ? 1 : -1));
    return matching.map((c) => jsonCopy(c));
  }

  /** Waits until every write started so far has reached the disk (or failed). */
  flush(): Promise<void> {
    return this.#db.flush();
  }

  /**
   * Makes the store read-only: from now on `create` and `save` reject with `reason` (reads keep
   * working). `openDataDir` calls it when the data directory lock is lost. Writes in flight go on.
   */
  refuseWrites(reason: Error): void {
    this.#db.refuse(reason);
  }
}
