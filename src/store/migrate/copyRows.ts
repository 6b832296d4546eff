/**
 * Copying rows into an {@link EntityTable} for `npm run migrate`: insert only, never overwrite. A
 * row the target holds already is kept as it is and counted as skipped, so a run that is done
 * again (after an interruption, or with `--merge` into a target that has data) completes without
 * duplicates and without replacing anything newer.
 *
 * Rows go in batches of one partition (at most {@link MAX_BATCH}, the contract's batch: one
 * request on Azure Table Storage). Into a table that held rows before, a batch's rows are looked
 * up first, with one range read, and only the missing ones are written. A batch is all or nothing,
 * so when one still fails because a row exists, its rows are inserted one by one instead (each
 * insert that finds its row writes nothing); a batch too large for one Azure transaction is split
 * in halves. A row the target cannot store at
 * all (a key too long once encoded for Azure, a value over Azure's entity size) is not written and
 * reported as failed with the reason; the copy goes on with the others.
 */
import { ValueTooLargeError } from '../azure/tableBackend.js';
import { compareKeys, MAX_BATCH } from '../entityKeys.js';
import { PreconditionFailedError, type EntityTable, type StoredEntity, type TableName } from '../types.js';

/** Rows read from a source table per page (memory stays bounded by this). */
export const PAGE = 1000;
/** Batches (or single inserts) in flight at once. */
const CONCURRENCY = 8;
/** Failures kept with their reason; further ones are only counted. */
const KEPT_FAILURES = 10;

/** One row to write. */
export interface Row<T> {
  partition: string;
  row: string;
  value: T;
}

/** What a copy did (or, in a dry run, would do). */
export interface CopyCount {
  /** Rows written (dry run: rows the target does not hold). */
  moved: number;
  /** Rows the target held already: kept, not written. */
  skipped: number;
  /** Rows the target cannot store; the first few with the reason. */
  failed: number;
  failures: string[];
}

export const emptyCount = (): CopyCount => ({ moved: 0, skipped: 0, failed: 0, failures: [] });

export function addCount(into: CopyCount, more: CopyCount): void {
  into.moved += more.moved;
  into.skipped += more.skipped;
  into.failed += more.failed;
  for (const failure of more.failures) if (into.failures.length < KEPT_FAILURES) into.failures.push(failure);
}

export interface WriteOptions {
  /** Write nothing; count what would be written. */
  dryRun: boolean;
  /** The target may hold some of the rows (it had data before): they are looked up first. */
  mayExist: boolean;
}

/** Runs `fn` on every item, at most `limit` at a time. */
export async function mapLimit<I, O>(items: readonly I[], limit: number, fn: (item: I) => Promise<O>): Promise<O[]> {
  const out: O[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A row the target refused for what it is: its key (a TypeError, from the key checks) or its size. */
const isRowProblem = (error: unknown) => error instanceof TypeError || error instanceof ValueTooLargeError;

/** Rows in groups of one partition, at most {@link MAX_BATCH} each, in the order given within each partition. */
export function chunksByPartition<T>(rows: readonly Row<T>[]): Row<T>[][] {
  const byPartition = new Map<string, Row<T>[][]>();
  for (const row of rows) {
    let chunks = byPartition.get(row.partition);
    if (!chunks) byPartition.set(row.partition, (chunks = [[]]));
    if (chunks.at(-1)!.length >= MAX_BATCH) chunks.push([]);
    chunks.at(-1)!.push(row);
  }
  return [...byPartition.values()].flat();
}

/** One row: moved, skipped (it exists), or failed (the target cannot store it). */
async function oneRow<T>(name: string, row: Row<T>, write: () => Promise<'moved' | 'skipped'>): Promise<CopyCount> {
  const count = emptyCount();
  try {
    count[await write()] = 1;
  } catch (error) {
    if (!isRowProblem(error)) throw error;
    count.failed = 1;
    count.failures.push(`${name} ${JSON.stringify(row.partition)}/${JSON.stringify(row.row)}: ${(error as Error).message}`);
  }
  return count;
}

const insertOne = <T>(table: EntityTable<T>, name: string, row: Row<T>) =>
  oneRow(name, row, async () => ((await table.insert(row.partition, row.row, row.value)) === undefined ? 'skipped' : 'moved'));

const lookUpOne = <T>(table: EntityTable<T>, name: string, row: Row<T>) =>
  oneRow(name, row, async () => ((await table.get(row.partition, row.row)) === undefined ? 'moved' : 'skipped'));

/**
 * Which rows of one partition's chunk the target holds: one range read from just before the first
 * row to the last (in key order, every backend's list order), instead of a request per row.
 */
async function heldRows<T>(table: EntityTable<T>, chunk: readonly Row<T>[]): Promise<Set<string>> {
  const rows = chunk.map((r) => r.row).sort(compareKeys);
  const wanted = new Set(rows);
  const last = rows.at(-1)!;
  const held = new Set<string>();
  // A proper prefix of the first row (whole code points) sorts before it: a lower bound to list after.
  const first = [...rows[0]!];
  let after: string | undefined = first.length > 1 ? first.slice(0, -1).join('') : undefined;
  for (;;) {
    const page = await table.list(chunk[0]!.partition, { limit: chunk.length + 10, ...(after !== undefined && { after }) });
    for (const { row } of page) {
      if (compareKeys(row, last) > 0) return held;
      if (wanted.has(row)) held.add(row);
    }
    if (page.length < chunk.length + 10) return held;
    after = page.at(-1)!.row;
  }
}

/** Inserts the rows of one partition (at most {@link MAX_BATCH}). */
async function insertChunk<T>(table: EntityTable<T>, name: string, rows: Row<T>[], options: WriteOptions): Promise<CopyCount> {
  const count = emptyCount();
  let chunk = rows;
  if (options.mayExist) {
    let held: Set<string>;
    try {
      held = await heldRows(table, chunk);
    } catch (error) {
      // A key the target cannot even look up: row by row, so that only that one fails.
      if (!isRowProblem(error)) throw error;
      return oneByOne(table, name, chunk, options);
    }
    count.skipped = held.size;
    chunk = chunk.filter((r) => !held.has(r.row));
    if (chunk.length === 0) return count;
  }
  if (options.dryRun) return { ...count, moved: chunk.length };
  try {
    await table.batch(
      chunk[0]!.partition,
      chunk.map((r) => ({ op: 'insert', row: r.row, value: r.value })),
    );
    count.moved += chunk.length;
    return count;
  } catch (error) {
    if (error instanceof ValueTooLargeError && chunk.length > 1) {
      // Too large for one transaction: two smaller ones (known to be missing a moment ago).
      const half = Math.ceil(chunk.length / 2);
      const halves = { ...options, mayExist: false };
      addCount(count, await insertChunk(table, name, chunk.slice(0, half), halves));
      addCount(count, await insertChunk(table, name, chunk.slice(half), halves));
      return count;
    }
    // A row exists already (a run done again, --merge), or a row the target cannot store: one by one.
    if (!(error instanceof PreconditionFailedError) && !isRowProblem(error)) throw error;
  }
  addCount(count, await oneByOne(table, name, chunk, options));
  return count;
}

/** Writes (or, in a dry run, looks up) the rows one by one. */
async function oneByOne<T>(table: EntityTable<T>, name: string, rows: Row<T>[], options: WriteOptions): Promise<CopyCount> {
  const count = emptyCount();
  for (const result of await mapLimit(rows, CONCURRENCY, (r) => (options.dryRun ? lookUpOne(table, name, r) : insertOne(table, name, r)))) addCount(count, result);
  return count;
}

/** Inserts rows (any partitions) into `table`, a batch per partition. */
export async function insertRows<T>(table: EntityTable<T>, name: string, rows: readonly Row<T>[], options: WriteOptions): Promise<CopyCount> {
  const count = emptyCount();
  for (const result of await mapLimit(chunksByPartition(rows), CONCURRENCY, (chunk) => insertChunk(table, name, chunk, options))) addCount(count, result);
  return count;
}

/**
 * Copies every row of `source` into `target`, a page of {@link PAGE} rows at a time (a scan with
 * `after`), keys and values as they are. `onPage` hears the count so far after each page.
 */
export async function copyTable<T>(
  name: TableName,
  source: EntityTable<T>,
  target: EntityTable<T>,
  options: WriteOptions & { onPage?: (count: CopyCount) => void },
): Promise<CopyCount> {
  const count = emptyCount();
  let after: { partition: string; row: string } | undefined;
  for (;;) {
    const page: StoredEntity<T>[] = await source.scan({ limit: PAGE, ...(after && { after }) });
    if (page.length > 0) {
      addCount(count, await insertRows(target, name, page.map(({ partition, row, value }) => ({ partition, row, value })), options));
      options.onPage?.(count);
    }
    if (page.length < PAGE) return count;
    const last = page.at(-1)!;
    after = { partition: last.partition, row: last.row };
  }
}
