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
import type { Low } from 'lowdb';
import { PreconditionFailedError, type KeyValueStore, type StoreItem } from '../types.js';
import { emptyDict, newEtag, openJsonFile, PendingWrites, type Dict } from './lowdbDirectoryStore.js';

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

/**
 * Copies an item the way it will be stored: through JSON, so what callers read back from memory is
 * exactly what a restart would read back from disk (no Dates, no undefined, no shared references).
 */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function checkStateLayout(data: Record<string, unknown>): string | undefined {
  if (data.schemaVersion !== 1) return `schemaVersion is ${JSON.stringify(data.schemaVersion)}, expected 1`;
  const { items } = data;
  if (typeof items !== 'object' || items === null || Array.isArray(items)) return '"items" is not an object keyed by storage key';
  return undefined;
}

/** {@link KeyValueStore} on lowdb. Open it with {@link LowdbKeyValueStore.open}. */
export class LowdbKeyValueStore implements KeyValueStore {
  readonly #db: Low<StateData>;
  readonly #now: () => Date;
  readonly #maxAgeMs: number | undefined;
  readonly #writes = new PendingWrites();
  /** Set by {@link LowdbKeyValueStore.refuseWrites}: every later write rejects with it. */
  #writeBlocked: Error | undefined;

  private constructor(
    db: Low<StateData>,
    /** The JSON file this store keeps. */
    readonly file: string,
    options: KeyValueStoreOptions,
  ) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
    this.#maxAgeMs = options.maxAgeMs;
  }

  /**
   * Reads `file` (usually `<dataDir>/state.json`); a missing file is an empty store.
   * @throws CorruptDataFileError when the file is not valid JSON or not in the layout above.
   */
  static async open(file: string, options: KeyValueStoreOptions = {}): Promise<LowdbKeyValueStore> {
    const db = await openJsonFile<StateData>(file, () => ({ schemaVersion: 1, items: emptyDict() }), checkStateLayout);
    db.data.items = Object.assign(emptyDict<StateEntry>(), db.data.items);
    return new LowdbKeyValueStore(db, file, options);
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
    this.#assertWritable();
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
      this.#set(key, { value: { ...jsonCopy(changes[key]), eTag: newEtag() }, lastWrite }, undo);
    }
    if (this.#maxAgeMs !== undefined) this.#dropOlderThan(new Date(this.#now().getTime() - this.#maxAgeMs), undo);
    await this.#save(undo);
  }

  /** Removes the keys; unknown keys are ignored. If the file cannot be written, memory is rolled back. */
  async delete(keys: string[]): Promise<void> {
    this.#assertWritable();
    const { items } = this.#db.data;
    const present = keys.filter((key) => items[key] !== undefined);
    if (present.length === 0) return;
    const undo: (() => void)[] = [];
    for (const key of present) this.#set(key, undefined, undo);
    await this.#save(undo);
  }

  /**
   * Drops every item last written before `olderThan` (stale conversation state), so the file stays
   * bounded. Writes the file only if something was dropped.
   * @returns how many items were dropped.
   */
  async prune(olderThan: Date): Promise<number> {
    this.#assertWritable();
    const undo: (() => void)[] = [];
    const dropped = this.#dropOlderThan(olderThan, undo);
    if (dropped > 0) await this.#save(undo);
    return dropped;
  }

  /** Waits until every write started so far has reached the disk (or failed). */
  flush(): Promise<void> {
    return this.#writes.flush();
  }

  /**
   * Makes the store read-only: from now on `write`, `delete` and `prune` reject with `reason` (reads
   * keep working). Not part of {@link KeyValueStore}; `openDataDir` calls it when the data directory
   * lock is lost (see DataDirLockLostError). Writes already in flight are not stopped.
   */
  refuseWrites(reason: Error): void {
    this.#writeBlocked ??= reason;
  }

  #assertWritable(): void {
    if (this.#writeBlocked) throw this.#writeBlocked;
  }

  #dropOlderThan(olderThan: Date, undo: (() => void)[]): number {
    const { items } = this.#db.data;
    const cutoff = olderThan.getTime();
    let dropped = 0;
    for (const [key, entry] of Object.entries(items)) {
      // An unreadable timestamp counts as stale: it cannot prove the item is recent.
      const written = Date.parse(entry.lastWrite);
      if (!(written >= cutoff)) {
        this.#set(key, undefined, undo);
        dropped += 1;
      }
    }
    return dropped;
  }

  /**
   * Stores `entry` under `key` (or removes the key when undefined) and pushes the step that reverts
   * it onto `undo`. The step only reverts this change: a later write of the key is kept.
   */
  #set(key: string, entry: StateEntry | undefined, undo: (() => void)[]): void {
    const { items } = this.#db.data;
    const previous = items[key];
    if (entry) items[key] = entry;
    else delete items[key];
    undo.push(() => {
      if (items[key] !== entry) return;
      if (previous) items[key] = previous;
      else delete items[key];
    });
  }

  /** Writes the file; if that fails, runs `undo` (latest change first) so memory matches the disk, and rethrows. */
  async #save(undo: (() => void)[]): Promise<void> {
    try {
      await this.#writes.track(this.#db.write());
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  }
}
