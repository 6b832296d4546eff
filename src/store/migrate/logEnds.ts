/**
 * The audit and knowledge logs as `npm run migrate` reads and writes them: JSON Lines files on one
 * machine (`audit.jsonl`, `knowledge.jsonl`), tables on Azure (logs/tableAuditLog.ts,
 * logs/tableKnowledgeLog.ts). Entries move oldest first, in windows of {@link WINDOW}, so a log of
 * any length moves in bounded memory, and each entry keeps its exact content (the canonical form
 * every log stores).
 *
 * **No duplicates, whichever way and however often.** An entry the target log holds already is
 * skipped, recognized by what it is, not by where it came from: a JSON Lines target compares the
 * entries of the file (a hash of each, about 50 bytes an entry); a table target compares the
 * entries of the same partition and millisecond, read a window at a time. Entries are written into
 * a table under keys fixed by their content (logRows.ts `copiedRowKey`), so entries of one
 * millisecond keep their order and a copied entry is found again by key as well. Both checks run
 * only when the target log held entries before the run (`mayExist`): a fresh target is written
 * straight away, a batch of 100 per request.
 *
 * **Order.** A JSON Lines log is in append order, a table log in time order (the audit table
 * newest first per tenant, the knowledge table oldest first per day). Moving to a table orders the
 * entries by time (as the table log would list them anyway); moving to a file writes them oldest
 * first, the audit log's partitions merged through a sorting table in a scratch lmdb environment
 * on disk (not in memory), removed afterwards. Entries appended to a file that held entries come
 * after those.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseIsoInstant } from '../jsonl/isoInstant.js';
import { auditEntryProblems, canonicalAuditEntry, JsonlAuditLog } from '../jsonl/jsonlAuditLog.js';
import { canonicalKnowledgeEvent, JsonlKnowledgeLog, knowledgeEventProblems } from '../jsonl/jsonlKnowledgeLog.js';
import { LmdbBackend } from '../lmdb/lmdbBackend.js';
import { copiedRowKey, dayOf, msOfRow, reversedRow } from '../logs/logRows.js';
import { auditPlacement, isAuditIndexPartition } from '../logs/tableAuditLog.js';
import type { AuditEntry, EntityTable, KnowledgeEvent, StoredEntity } from '../types.js';
import { addCount, emptyCount, insertRows, PAGE, type CopyCount, type Row, type WriteOptions } from './copyRows.js';

/** The scratch directory of the audit log's sorting table, inside {@link TableLogEnd}'s `scratchDir`. */
const SORT_PREFIX = 'migrate-sort-';

/** Entries moved per step. */
export const WINDOW = 5000;

/** What tells the two logs apart. */
export interface LogKind<E extends { at: string }> {
  name: 'audit' | 'knowledge';
  /** Why a value is not a valid entry (empty when it is one). */
  problems(value: unknown): string[];
  /** The entry as every log stores it. */
  canonical(entry: E): E;
  /** The JSON Lines log on `file`. */
  openFile(file: string): { append(entry: E): Promise<void>; flush(): Promise<void> };
  /** Where an entry goes in a table: its partition, the index row it needs first, and the order of its row keys. */
  place(entry: E, ms: number): { partition: string; index?: Row<unknown> };
  order: 'forward' | 'newestFirst';
}

export const AUDIT_LOG: LogKind<AuditEntry> = {
  name: 'audit',
  problems: auditEntryProblems,
  canonical: canonicalAuditEntry,
  openFile: (file) => new JsonlAuditLog(file),
  place: (entry) => auditPlacement(entry),
  order: 'newestFirst',
};

export const KNOWLEDGE_LOG: LogKind<KnowledgeEvent> = {
  name: 'knowledge',
  problems: knowledgeEventProblems,
  canonical: canonicalKnowledgeEvent,
  openFile: (file) => new JsonlKnowledgeLog(file),
  place: (_entry, ms) => ({ partition: dayOf(ms) }),
  order: 'forward',
};

/** One side of a log's move. */
export interface LogEnd<E extends { at: string }> {
  readonly kind: LogKind<E>;
  /** Where the log is, for messages (a file, or a table of an account; never a key). */
  readonly description: string;
  /** Whether the log holds any entry. */
  hasEntries(): Promise<boolean>;
  /** The entries, oldest first, in windows of at most {@link WINDOW}. Counts {@link unreadable}. */
  read(): AsyncGenerator<E[]>;
  /** Lines or rows the last {@link read} found that are no valid entry (they are not moved). */
  readonly unreadable: number;
  /** Adds entries (in the source's order) that the log does not hold yet. */
  write(entries: readonly E[], options: WriteOptions): Promise<CopyCount>;
  /** Waits for the writes in flight. */
  close(): Promise<void>;
}

/** A short hash of an entry's canonical JSON. */
const hashOf = (json: string) => createHash('sha256').update(json).digest('base64url').slice(0, 22);

/** A multiset of strings, for telling which entries a target holds already. */
class Held {
  readonly #counts = new Map<string, number>();
  add(key: string): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }
  /** Takes one `key` if there is one. */
  take(key: string): boolean {
    const n = this.#counts.get(key) ?? 0;
    if (n === 0) return false;
    if (n === 1) this.#counts.delete(key);
    else this.#counts.set(key, n - 1);
    return true;
  }
}

// ------------------------------------------------------------------ JSON Lines files

/** The lines of `file` (none when it does not exist), read as a stream. */
async function* linesOf(file: string): AsyncGenerator<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const input = handle.createReadStream({ encoding: 'utf8', autoClose: false });
    yield* createInterface({ input, crlfDelay: Infinity });
  } finally {
    await handle.close();
  }
}

/** A log in a JSON Lines file (`DATA_DIR/audit.jsonl`, `knowledge.jsonl`). */
export class JsonlLogEnd<E extends { at: string }> implements LogEnd<E> {
  readonly description: string;
  #unreadable = 0;
  readonly #log: { append(entry: E): Promise<void>; flush(): Promise<void> };
  /** The entries the file held before this run wrote to it (for `mayExist`), by hash. */
  #held: Held | undefined;

  constructor(
    readonly kind: LogKind<E>,
    readonly file: string,
  ) {
    this.description = file;
    this.#log = kind.openFile(file);
  }

  get unreadable(): number {
    return this.#unreadable;
  }

  /** The valid entries of the file, canonical, one at a time; `onUnreadable` for every other non-blank line. */
  async *#entries(onUnreadable: () => void): AsyncGenerator<E> {
    for await (const line of linesOf(this.file)) {
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        onUnreadable();
        continue;
      }
      if (this.kind.problems(value).length > 0) onUnreadable();
      else yield this.kind.canonical(value as E);
    }
  }

  async hasEntries(): Promise<boolean> {
    for await (const _ of this.#entries(() => {})) return true;
    return false;
  }

  async *read(): AsyncGenerator<E[]> {
    this.#unreadable = 0;
    let window: E[] = [];
    for await (const entry of this.#entries(() => (this.#unreadable += 1))) {
      window.push(entry);
      if (window.length >= WINDOW) {
        yield window;
        window = [];
      }
    }
    if (window.length > 0) yield window;
  }

  async write(entries: readonly E[], options: WriteOptions): Promise<CopyCount> {
    if (options.mayExist && !this.#held) {
      const held = new Held();
      for await (const entry of this.#entries(() => {})) held.add(hashOf(JSON.stringify(entry)));
      this.#held = held;
    }
    const count = emptyCount();
    const appends: Promise<void>[] = [];
    for (const entry of entries) {
      const canonical = this.kind.canonical(entry);
      if (this.#held?.take(hashOf(JSON.stringify(canonical)))) {
        count.skipped += 1;
        continue;
      }
      count.moved += 1;
      // Appends queue in call order; those queued behind one in flight go to the file together.
      if (!options.dryRun) appends.push(this.#log.append(canonical));
    }
    await Promise.all(appends);
    return count;
  }

  close(): Promise<void> {
    return this.#log.flush();
  }
}

// ------------------------------------------------------------------ tables

/** A log in an entity table (`psbaudit`, `psbknowledge` on Azure). */
export class TableLogEnd<E extends { at: string }> implements LogEnd<E> {
  #unreadable = 0;
  /** Entries written per millisecond so far, for their keys' sequence numbers. */
  readonly #occurrences = new Map<number, number>();
  /** Index rows known to exist. */
  readonly #indexed = new Set<string>();

  constructor(
    readonly kind: LogKind<E>,
    private readonly table: EntityTable<unknown>,
    readonly description: string,
    /** Where the audit log's sorting table may be put while it is read: a data directory this process holds the lock of. */
    private readonly scratchDir: string,
  ) {}

  get unreadable(): number {
    return this.#unreadable;
  }

  async hasEntries(): Promise<boolean> {
    return (await this.table.scan({ limit: 1 })).length > 0;
  }

  /** Every row of the table, a page at a time. */
  async *#pages(): AsyncGenerator<StoredEntity<unknown>[]> {
    let after: { partition: string; row: string } | undefined;
    for (;;) {
      const page = await this.table.scan({ limit: PAGE, ...(after && { after }) });
      if (page.length > 0) yield page;
      if (page.length < PAGE) return;
      after = { partition: page.at(-1)!.partition, row: page.at(-1)!.row };
    }
  }

  /** The entry a row holds, canonical, or undefined (counted) when it holds none. */
  #entryOf(row: StoredEntity<unknown>): E | undefined {
    if (this.kind.problems(row.value).length === 0) return this.kind.canonical(row.value as E);
    this.#unreadable += 1;
    return undefined;
  }

  async *read(): AsyncGenerator<E[]> {
    this.#unreadable = 0;
    if (this.kind.order === 'forward') {
      // Partitions are days and rows oldest first: the table's key order is time order.
      for await (const page of this.#pages()) {
        const entries = page.flatMap((row) => this.#entryOf(row) ?? []);
        if (entries.length > 0) yield entries;
      }
      return;
    }
    yield* this.#readOldestFirst();
  }

  /**
   * The audit table's entries oldest first: its partitions (tenants) are newest first each, so
   * the rows go through a sorting table on disk, keyed by the reversed row key (and the partition,
   * as row keys are unique only per partition), and come back from it in ascending order.
   */
  async *#readOldestFirst(): AsyncGenerator<E[]> {
    // Left by a run that was killed while sorting (no other run can be sorting here: the
    // migration holds the server lock of the data directory the scratch directory is).
    for (const name of await readdir(this.scratchDir)) {
      if (name.startsWith(SORT_PREFIX)) await rm(join(this.scratchDir, name), { recursive: true, force: true });
    }
    const dir = await mkdtemp(join(this.scratchDir, SORT_PREFIX));
    const sorter = new LmdbBackend(dir);
    try {
      const sorted = sorter.table<E>('audit');
      for await (const page of this.#pages()) {
        const rows = page.flatMap((row): Row<E>[] => {
          if (isAuditIndexPartition(row.partition)) return [];
          const entry = this.#entryOf(row);
          return entry ? [{ partition: 'sorted', row: `${reversedRow(row.row)} ${row.partition}`, value: entry }] : [];
        });
        await insertRows(sorted, 'audit (sorting)', rows, { dryRun: false, mayExist: false });
      }
      let after: string | undefined;
      for (;;) {
        const page = await sorted.list('sorted', { limit: WINDOW, ...(after !== undefined && { after }) });
        if (page.length > 0) yield page.map((row) => row.value);
        if (page.length < WINDOW) return;
        after = page.at(-1)!.row;
      }
    } finally {
      await sorter.close();
      await rm(dir, { recursive: true, force: true });
    }
  }

  async write(entries: readonly E[], options: WriteOptions): Promise<CopyCount> {
    const planned = entries.map((entry) => {
      const canonical = this.kind.canonical(entry);
      const json = JSON.stringify(canonical);
      const ms = parseIsoInstant(canonical.at)!;
      const occurrence = this.#occurrences.get(ms) ?? 0;
      this.#occurrences.set(ms, occurrence + 1);
      const { partition, index } = this.kind.place(canonical, ms);
      return { row: { partition, row: copiedRowKey(ms, occurrence, json, this.kind.order), value: canonical } as Row<unknown>, ms, json, index };
    });
    const count = emptyCount();
    let toWrite = planned;
    if (options.mayExist) {
      const held = await this.#heldAround(planned);
      toWrite = planned.filter((p) => !held.take(`${p.row.partition} ${p.ms} ${hashOf(p.json)}`));
      count.skipped = planned.length - toWrite.length;
    }
    if (!options.dryRun) {
      // An index row before the entries it finds (as TableAuditLog.append does).
      const indexes = new Map(toWrite.flatMap(({ index }) => (index && !this.#indexed.has(`${index.partition} ${index.row}`) ? [[`${index.partition} ${index.row}`, index] as const] : [])));
      await Promise.all([...indexes].map(async ([key, index]) => {
        await this.table.insert(index.partition, index.row, index.value);
        this.#indexed.add(key);
      }));
    }
    addCount(count, await insertRows(this.table, `${this.kind.name} log`, toWrite.map((p) => p.row), options));
    return count;
  }

  /**
   * The entries the table holds in the partitions and milliseconds of `planned` (each as
   * `<partition> <ms> <hash>`): per partition, the rows from the earliest to the latest
   * millisecond of the window, read by key range.
   */
  async #heldAround(planned: { row: Row<unknown>; ms: number }[]): Promise<Held> {
    const held = new Held();
    const spans = new Map<string, { lo: number; hi: number; times: Set<number> }>();
    for (const { row, ms } of planned) {
      const span = spans.get(row.partition);
      if (!span) spans.set(row.partition, { lo: ms, hi: ms, times: new Set([ms]) });
      else {
        span.lo = Math.min(span.lo, ms);
        span.hi = Math.max(span.hi, ms);
        span.times.add(ms);
      }
    }
    const forward = this.kind.order === 'forward';
    await Promise.all([...spans].map(async ([partition, { lo, hi, times }]) => {
      // A row key starts with its time (15 digits); every key of an instant sorts after that prefix alone.
      let after = copiedRowKey(forward ? lo : hi, 0, '', this.kind.order).slice(0, 15);
      for (;;) {
        const page = await this.table.list(partition, { after, limit: PAGE });
        for (const row of page) {
          const ms = msOfRow(row.row, this.kind.order);
          if (forward ? ms > hi : ms < lo) return;
          if (!times.has(ms) || this.kind.problems(row.value).length > 0) continue;
          held.add(`${partition} ${ms} ${hashOf(JSON.stringify(this.kind.canonical(row.value as E)))}`);
        }
        if (page.length < PAGE) return;
        after = page.at(-1)!.row;
      }
    }));
    return held;
  }

  async close(): Promise<void> {}
}
