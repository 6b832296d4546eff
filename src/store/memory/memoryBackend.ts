/**
 * The in-memory twin of the run-time store: the same {@link EntityTable} contract as lmdb and Azure
 * Table Storage (the contract tests run against all of them), for fast tests. Values are kept as
 * JSON text, so what a caller reads is a fresh copy, exactly as from a real store. Nothing survives
 * the process.
 */
import { randomUUID } from 'node:crypto';
import { checkBatch, checkKey, compareKeys, toJson } from '../entityKeys.js';
import { PreconditionFailedError, type BatchOperation, type EntityTable, type StoreBackend, type StoredEntity, type TableName, type Versioned } from '../types.js';

interface Cell {
  json: string;
  etag: string;
}

/** Yields once, so callers see the same asynchrony as with a real store. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

class MemoryTable<T> implements EntityTable<T> {
  readonly #partitions = new Map<string, Map<string, Cell>>();

  constructor(private readonly name: string) {}

  #cell(partition: string, row: string): Cell | undefined {
    checkKey('partition', partition);
    checkKey('row', row);
    return this.#partitions.get(partition)?.get(row);
  }

  #set(partition: string, row: string, value: unknown): string {
    const etag = randomUUID();
    let rows = this.#partitions.get(partition);
    if (!rows) this.#partitions.set(partition, (rows = new Map()));
    rows.set(row, { json: toJson(value), etag });
    return etag;
  }

  #remove(partition: string, row: string): void {
    const rows = this.#partitions.get(partition);
    rows?.delete(row);
    if (rows?.size === 0) this.#partitions.delete(partition);
  }

  async get(partition: string, row: string): Promise<Versioned<T> | undefined> {
    const cell = this.#cell(partition, row);
    await tick();
    return cell && { value: JSON.parse(cell.json) as T, etag: cell.etag };
  }

  async insert(partition: string, row: string, value: T): Promise<string | undefined> {
    const exists = this.#cell(partition, row) !== undefined;
    const etag = exists ? undefined : this.#set(partition, row, value);
    await tick();
    return etag;
  }

  async replace(partition: string, row: string, value: T, ifMatch: string): Promise<string> {
    const cell = this.#cell(partition, row);
    if (!cell || cell.etag !== ifMatch) throw new PreconditionFailedError(this.name, `${partition}/${row}`);
    const etag = this.#set(partition, row, value);
    await tick();
    return etag;
  }

  async upsert(partition: string, row: string, value: T): Promise<string> {
    this.#cell(partition, row);
    const etag = this.#set(partition, row, value);
    await tick();
    return etag;
  }

  async delete(partition: string, row: string, ifMatch?: string): Promise<boolean> {
    const cell = this.#cell(partition, row);
    const removed = cell !== undefined && (ifMatch === undefined || cell.etag === ifMatch);
    if (removed) this.#remove(partition, row);
    await tick();
    return removed;
  }

  async batch(partition: string, operations: readonly BatchOperation<T>[]): Promise<string[]> {
    checkBatch(partition, operations);
    for (const operation of operations) {
      const cell = this.#partitions.get(partition)?.get(operation.row);
      const fails =
        (operation.op === 'insert' && cell !== undefined) ||
        (operation.op === 'replace' && (!cell || cell.etag !== operation.ifMatch)) ||
        (operation.op === 'delete' && operation.ifMatch !== undefined && (!cell || cell.etag !== operation.ifMatch));
      if (fails) throw new PreconditionFailedError(this.name, `${partition}/${operation.row}`);
    }
    for (const operation of operations) toJson(operation.op === 'delete' ? null : operation.value);
    const etags = operations.map((operation) => {
      if (operation.op === 'delete') {
        this.#remove(partition, operation.row);
        return '';
      }
      return this.#set(partition, operation.row, operation.value);
    });
    await tick();
    return etags;
  }

  async list(partition: string, options: { prefix?: string; after?: string; limit?: number } = {}): Promise<StoredEntity<T>[]> {
    checkKey('partition', partition);
    const rows = [...(this.#partitions.get(partition) ?? [])]
      .filter(([row]) => (options.prefix === undefined || row.startsWith(options.prefix)) && (options.after === undefined || compareKeys(row, options.after) > 0))
      .sort(([a], [b]) => compareKeys(a, b))
      .slice(0, options.limit ?? Infinity);
    await tick();
    return rows.map(([row, cell]) => ({ partition, row, value: JSON.parse(cell.json) as T, etag: cell.etag }));
  }

  async scan(options: { after?: { partition: string; row: string }; limit?: number } = {}): Promise<StoredEntity<T>[]> {
    const out: StoredEntity<T>[] = [];
    const limit = options.limit ?? Infinity;
    const after = options.after;
    for (const partition of [...this.#partitions.keys()].sort(compareKeys)) {
      if (after && compareKeys(partition, after.partition) < 0) continue;
      const rows = [...this.#partitions.get(partition)!].sort(([a], [b]) => compareKeys(a, b));
      for (const [row, cell] of rows) {
        if (after && partition === after.partition && compareKeys(row, after.row) <= 0) continue;
        if (out.length >= limit) break;
        out.push({ partition, row, value: JSON.parse(cell.json) as T, etag: cell.etag });
      }
      if (out.length >= limit) break;
    }
    await tick();
    return out;
  }
}

/** A run-time store in memory (tests, and `STORE=memory` for throwaway demos). */
export class MemoryBackend implements StoreBackend {
  readonly description = 'memory';
  readonly #tables = new Map<TableName, MemoryTable<unknown>>();

  table<T>(name: TableName): EntityTable<T> {
    let table = this.#tables.get(name);
    if (!table) this.#tables.set(name, (table = new MemoryTable(name)));
    return table as EntityTable<T>;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
