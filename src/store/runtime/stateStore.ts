/**
 * Conversation and user state (Bot Framework's `Storage` contract) on an {@link EntityTable}: one
 * entity per storage key, in a partition of its own (so on Azure Table Storage every conversation
 * scales on its own), holding the item and the instant it was last written. Idle state expires
 * through {@link StateStore.sweep}, a page at a time, never on the write path.
 */
import { CREATE_ONLY, PreconditionFailedError, type EntityTable, type KeyValueStore, type StoreItem } from '../types.js';

/** What one state entity holds. */
export interface StateEntity {
  item: Record<string, unknown>;
  /** ISO timestamp of the last write. */
  lastWrite: string;
}

const ROW = 'state';

export class StateStore implements KeyValueStore {
  constructor(
    private readonly table: EntityTable<StateEntity>,
    private readonly now: () => Date,
  ) {}

  /** The stored items among `keys`, each with its eTag; keys not stored are absent from the result. */
  async read(keys: string[]): Promise<Record<string, StoreItem>> {
    const found: Record<string, StoreItem> = {};
    const entries = await Promise.all(keys.map((key) => this.table.get(key, ROW)));
    keys.forEach((key, i) => {
      const entry = entries[i];
      if (entry) found[key] = { ...entry.value.item, eTag: entry.etag };
    });
    return found;
  }

  /**
   * Stores every item, each key on its own. An item whose `eTag` is set and not `*` is written only
   * if the stored item still has that eTag (and still exists); one whose `eTag` is
   * {@link CREATE_ONLY} only if nothing is stored under its key. Other keys of the same call are
   * written regardless.
   * @returns the new eTag of each key.
   * @throws PreconditionFailedError naming the first conflicting key.
   */
  async write(changes: Record<string, StoreItem>): Promise<Record<string, string>> {
    const lastWrite = this.now().toISOString();
    const results = await Promise.allSettled(
      Object.entries(changes).map(async ([key, change]): Promise<[string, string]> => {
        const { eTag, ...item } = change ?? {};
        const entity: StateEntity = { item, lastWrite };
        if (eTag === undefined || eTag === '*') return [key, await this.table.upsert(key, ROW, entity)];
        if (eTag === CREATE_ONLY) {
          const created = await this.table.insert(key, ROW, entity);
          if (created === undefined) throw new PreconditionFailedError('state', key);
          return [key, created];
        }
        try {
          return [key, await this.table.replace(key, ROW, entity, eTag)];
        } catch (error) {
          throw error instanceof PreconditionFailedError ? new PreconditionFailedError('state', key) : error;
        }
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return Object.fromEntries(results.map((r) => (r as PromiseFulfilledResult<[string, string]>).value));
  }

  /** Removes the keys; unknown keys are ignored. */
  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.table.delete(key, ROW)));
  }

  /** Removes the key only if its item still has `eTag`; false when another write changed it (or removed it) since. */
  deleteIfMatch(key: string, eTag: string): Promise<boolean> {
    return this.table.delete(key, ROW, eTag);
  }

  /**
   * Deletes state last written before `olderThan`, `pageSize` entities at a time (a later write
   * wins over the sweep: each delete is conditional on the eTag read).
   * @returns how many items were deleted.
   */
  async sweep(olderThan: Date, pageSize = 500): Promise<number> {
    const cutoff = olderThan.getTime();
    let deleted = 0;
    let after: { partition: string; row: string } | undefined;
    for (;;) {
      const page = await this.table.scan({ ...(after && { after }), limit: pageSize });
      if (page.length === 0) return deleted;
      for (const entity of page) {
        // An unreadable timestamp counts as stale: it cannot prove the item is recent.
        if (!(Date.parse(entity.value.lastWrite) >= cutoff) && (await this.table.delete(entity.partition, entity.row, entity.etag))) deleted += 1;
      }
      const last = page[page.length - 1]!;
      after = { partition: last.partition, row: last.row };
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
