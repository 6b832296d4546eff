/**
 * The run-time store on lmdb (npm `lmdb`, prebuilt binaries): one environment in
 * `<dataDir>/runtime/`, one named database per table, keys `[partition, row]` in lmdb's ordered
 * binary encoding, values as JSON, and lmdb's own entry versions as eTags (random 52-bit numbers, so
 * they never repeat after a delete or a restart).
 *
 * Every conditional write is checked by lmdb itself, atomically, in its write transaction, which
 * makes it safe with several processes on one machine (an import, the CLIs and the server may open
 * the environment at once) and after `kill -9`: a write resolves once it is committed, and a
 * committed transaction survives the process. Writes issued in the same event-loop turn share one
 * transaction, so under load a commit carries many turns' writes.
 */
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { IF_EXISTS, open, type Database, type RootDatabase } from 'lmdb';
import { checkBatch, checkKey, toJson } from '../entityKeys.js';
import { PreconditionFailedError, type BatchOperation, type EntityTable, type StoreBackend, type StoredEntity, type TableName, type Versioned } from '../types.js';

type Key = [string, string];

/** A fresh version: random, so an eTag is never handed out twice for one key. */
const newVersion = () => randomInt(1, 2 ** 48);

function keyOf(partition: string, row: string): Key {
  checkKey('partition', partition);
  checkKey('row', row);
  return [partition, row];
}

/** lmdb versions are numbers; an eTag from anywhere else matches nothing. */
function versionOf(etag: string): number {
  const n = Number(etag);
  return Number.isSafeInteger(n) && n > 0 ? n : -1;
}

/** The highest string in lmdb's key order: ends a range over a partition or a prefix. */
const TOP = '\u{10FFFF}';

/** Values are JSON text, so `undefined` properties are dropped as with every other backend. */
// Values are stored as their JSON text (toJson: one stringify per write, one parse per read): what
// a caller gets back is always a fresh copy, never an object the caller still holds.
const parsed = <T>(text: unknown): T => JSON.parse(text as string) as T;

class LmdbTable<T> implements EntityTable<T> {
  constructor(
    private readonly name: string,
    private readonly db: Database<unknown, Key>,
  ) {}

  async get(partition: string, row: string): Promise<Versioned<T> | undefined> {
    const entry = this.db.getEntry(keyOf(partition, row));
    return entry && { value: parsed<T>(entry.value), etag: String(entry.version) };
  }

  async insert(partition: string, row: string, value: T): Promise<string | undefined> {
    const key = keyOf(partition, row);
    const version = newVersion();
    const data = toJson(value);
    const inserted = await this.db.ifNoExists(key, () => void this.db.put(key, data, version));
    return inserted ? String(version) : undefined;
  }

  async replace(partition: string, row: string, value: T, ifMatch: string): Promise<string> {
    const key = keyOf(partition, row);
    const version = newVersion();
    const data = toJson(value);
    const expected = versionOf(ifMatch);
    // Checked and written in one write transaction, as a batch is: lmdb's conditional put
    // (put with ifVersion) lost one of 600 increments of two processes on one counter in two of
    // many full test runs; the check inside the write transaction reads what is committed.
    const replaced = await this.db.transaction(() => {
      if (this.db.getEntry(key)?.version !== expected) return false;
      void this.db.put(key, data, version);
      return true;
    });
    if (!replaced) throw new PreconditionFailedError(this.name, `${partition}/${row}`);
    return String(version);
  }

  async upsert(partition: string, row: string, value: T): Promise<string> {
    const version = newVersion();
    await this.db.put(keyOf(partition, row), toJson(value), version);
    return String(version);
  }

  async delete(partition: string, row: string, ifMatch?: string): Promise<boolean> {
    const key = keyOf(partition, row);
    if (ifMatch !== undefined) return this.db.remove(key, versionOf(ifMatch));
    return this.db.ifVersion(key, IF_EXISTS, () => void this.db.remove(key));
  }

  async batch(partition: string, operations: readonly BatchOperation<T>[]): Promise<string[]> {
    checkBatch(partition, operations);
    const planned = operations.map((operation) => ({
      operation,
      key: keyOf(partition, operation.row),
      version: operation.op === 'delete' ? 0 : newVersion(),
      data: operation.op === 'delete' ? undefined : toJson(operation.value),
    }));
    // Checked and written inside one write transaction: no other writer (thread or process) in between.
    const failed = await this.db.transaction(() => {
      for (const { operation, key } of planned) {
        const entry = this.db.getEntry(key);
        const fails =
          (operation.op === 'insert' && entry !== undefined) ||
          (operation.op === 'replace' && entry?.version !== versionOf(operation.ifMatch)) ||
          (operation.op === 'delete' && operation.ifMatch !== undefined && entry?.version !== versionOf(operation.ifMatch));
        if (fails) return operation.row;
      }
      for (const { operation, key, version, data } of planned) {
        if (operation.op === 'delete') void this.db.remove(key);
        else void this.db.put(key, data, version);
      }
      return undefined;
    });
    if (failed !== undefined) throw new PreconditionFailedError(this.name, `${partition}/${failed}`);
    return planned.map(({ operation, version }) => (operation.op === 'delete' ? '' : String(version)));
  }

  async list(partition: string, options: { prefix?: string; after?: string; limit?: number } = {}): Promise<StoredEntity<T>[]> {
    checkKey('partition', partition);
    const prefix = options.prefix ?? '';
    const start: Key = [partition, options.after !== undefined && options.after > prefix ? options.after : prefix];
    const range = this.db.getRange({
      start,
      end: [partition, prefix + TOP],
      exclusiveStart: options.after !== undefined && options.after >= prefix,
      versions: true,
      ...(options.limit !== undefined && { limit: options.limit }),
    });
    return [...range].map(({ key, value, version }) => ({ partition, row: key[1], value: parsed<T>(value), etag: String(version) }));
  }

  async scan(options: { after?: { partition: string; row: string }; limit?: number } = {}): Promise<StoredEntity<T>[]> {
    const range = this.db.getRange({
      ...(options.after && { start: keyOf(options.after.partition, options.after.row), exclusiveStart: true }),
      versions: true,
      ...(options.limit !== undefined && { limit: options.limit }),
    });
    return [...range].map(({ key, value, version }) => ({ partition: key[0], row: key[1], value: parsed<T>(value), etag: String(version) }));
  }
}

/** The run-time store in an lmdb environment at `path` (created if missing). */
export class LmdbBackend implements StoreBackend {
  readonly description: string;
  readonly #env: RootDatabase;
  readonly #tables = new Map<TableName, LmdbTable<unknown>>();
  #closed = false;

  constructor(readonly path: string) {
    mkdirSync(path, { recursive: true });
    this.description = `lmdb ${path}`;
    this.#env = open({ path, maxDbs: 16 });
  }

  table<T>(name: TableName): EntityTable<T> {
    let table = this.#tables.get(name);
    if (!table) {
      const db = this.#env.openDB<unknown, Key>({ name, useVersions: true, encoding: 'string' });
      this.#tables.set(name, (table = new LmdbTable(name, db)));
    }
    return table as EntityTable<T>;
  }

  async ping(): Promise<void> {
    if (this.#closed) throw new Error(`${this.description} is closed`);
    this.#env.getStats();
  }

  /** Waits for the writes in flight to be committed, then closes the environment. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#env.committed;
    await this.#env.close();
  }
}
