/**
 * Conversation and user state on lowdb, in `<dataDir>/state.json`: a file of its own, so the
 * writes that happen on every turn never rewrite the partner directory.
 *
 * On disk:
 * ```json
 * { "schemaVersion": 1,
 *   "items": { "<key>": { "value": { …item, "eTag": "…" }, "lastWrite": "2026-11-24T10:00:00.000Z" } } }
 * ```
 * The semantics follow Bot Framework's MemoryStorage, so the store can be handed to
 * `ConversationState` unchanged (without importing botbuilder here).
 */
import { PreconditionFailedError, type KeyValueStore, type StoreItem } from '../types.js';
import { emptyDict, isPlainObject, jsonCopy, LowdbFile, newEtag, setEntry, type Dict } from './lowdbFile.js';

// Moved to lowdbFile.ts; re-exported here for existing imports.
export { jsonCopy } from './lowdbFile.js';

/** One stored item; `lastWrite` is internal (never returned) and drives {@link LowdbKeyValueStore.prune}. */
interface StateEntry {
  value: StoreItem;
  /** ISO timestamp of the last write of this key. */
  lastWrite: string;
}

/** The layout of `state.json`. */
interface StateData {
  schemaVersion: 1;
  items: Dict<StateEntry>;
}

export interface KeyValueStoreOptions {
  /** The current instant; tests fix it. */
  now?: () => Date;
  /**
   * When set, every write also drops the items not written for this many milliseconds, which keeps
   * the file bounded without a timer (a conversation idle that long restarts from scratch).
   */
  maxAgeMs?: number;
}

function checkStateLayout(data: Record<string, unknown>): string | undefined {
  if (data.schemaVersion !== 1) return `schemaVersion is ${JSON.stringify(data.schemaVersion)}, expected 1`;
  if (!isPlainObject(data.items)) return '"items" is not an object keyed by storage key';
  return undefined;
}

/** {@link KeyValueStore} on lowdb. Open it with {@link LowdbKeyValueStore.open}. */
export class LowdbKeyValueStore implements KeyValueStore {
  readonly #db: LowdbFile<StateData>;
  readonly #now: () => Date;
  readonly #maxAgeMs: number | undefined;
  /** The JSON file this store keeps. */
  readonly file: string;

  private constructor(db: LowdbFile<StateData>, options: KeyValueStoreOptions) {
    this.#db = db;
    this.file = db.file;
    this.#now = options.now ?? (() => new Date());
    this.#maxAgeMs = options.maxAgeMs;
  }

  /**
   * Reads `file` (usually `<dataDir>/state.json`); a missing file is an empty store.
   * @throws CorruptDataFileError when the file is not valid JSON or not in the layout above.
   */
  static async open(file: string, options: KeyValueStoreOptions = {}): Promise<LowdbKeyValueStore> {
    const db = await LowdbFile.open<StateData>(file, {
      empty: () => ({ schemaVersion: 1, items: emptyDict() }),
      check: checkStateLayout,
      dicts: ['items'],
    });
    return new LowdbKeyValueStore(db, options);
  }

  /** The stored items among `keys`, each with its eTag; keys not stored are absent from the result. */
  async read(keys: string[]): Promise<Record<string, StoreItem>> {
    const found: Record<string, StoreItem> = {};
    for (const key of keys) {
      const entry = this.#db.data.items[key];
      if (entry) found[key] = structuredClone(entry.value);
    }
    return found;
  }

  /**
   * Stores every item with a new eTag, in one file write. An item whose `eTag` is set and not `*`
   * must match the stored item's eTag (when one is stored), else nothing at all is written. If the
   * file cannot be written, memory is rolled back too (the items written and those pruned with them).
   * @throws PreconditionFailedError naming the first conflicting key.
   */
  async write(changes: Record<string, StoreItem>): Promise<void> {
    this.#db.assertWritable();
    const { items } = this.#db.data;
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    // Check every key before changing any: unlike MemoryStorage, a conflict leaves nothing half-written.
    for (const key of keys) {
      const eTag = changes[key]?.eTag;
      const stored = items[key];
      if (stored && eTag !== undefined && eTag !== '*' && eTag !== stored.value.eTag) {
        throw new PreconditionFailedError('state', key);
      }
    }
    const lastWrite = this.#now().toISOString();
    const undo: (() => void)[] = [];
    for (const key of keys) {
      undo.push(setEntry<StateEntry>(items, key, { value: { ...jsonCopy(changes[key]), eTag: newEtag() }, lastWrite }));
    }
    if (this.#maxAgeMs !== undefined) this.#dropOlderThan(new Date(this.#now().getTime() - this.#maxAgeMs), undo);
    await this.#db.save(...undo);
  }

  /** Removes the keys; unknown keys are ignored. If the file cannot be written, memory is rolled back. */
  async delete(keys: string[]): Promise<void> {
    this.#db.assertWritable();
    const { items } = this.#db.data;
    const present = keys.filter((key) => items[key] !== undefined);
    if (present.length === 0) return;
    const undo: (() => void)[] = [];
    for (const key of present) undo.push(setEntry(items, key, undefined));
    await this.#db.save(...undo);
  }

  /**
   * Drops every item last written before `olderThan` (stale conversation state), so the file stays
   * bounded. Writes the file only if something was dropped.
   * @returns how many items were dropped.
   */
  async prune(olderThan: Date): Promise<number> {
    this.#db.assertWritable();
    const undo: (() => void)[] = [];
    const dropped = this.#dropOlderThan(olderThan, undo);
    if (dropped > 0) await this.#db.save(...undo);
    return dropped;
  }

  /** Waits until every write started so far has reached the disk (or failed). */
  flush(): Promise<void> {
    return this.#db.flush();
  }

  /**
   * Makes the store read-only: from now on `write`, `delete` and `prune` reject with `reason` (reads
   * keep working). Not part of {@link KeyValueStore}; `openDataDir` calls it when the data directory
   * lock is lost (see DataDirLockLostError). Writes already in flight are not stopped.
   */
  refuseWrites(reason: Error): void {
    this.#db.refuse(reason);
  }

  #dropOlderThan(olderThan: Date, undo: (() => void)[]): number {
    const { items } = this.#db.data;
    const cutoff = olderThan.getTime();
    let dropped = 0;
    for (const [key, entry] of Object.entries(items)) {
      // An unreadable timestamp counts as stale: it cannot prove the item is recent.
      const written = Date.parse(entry.lastWrite);
      if (!(written >= cutoff)) {
        undo.push(setEntry(items, key, undefined));
        dropped += 1;
      }
    }
    return dropped;
  }
}
