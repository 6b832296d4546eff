/**
 * The machinery every store of a data directory shares, so each store keeps only its entity logic:
 * - {@link WriteGuard}: writes in flight (for `flush()`) and the read-only switch (`refuseWrites`);
 * - {@link LowdbFile}: one lowdb JSON file, opened with a layout check and written with rollback;
 * - small helpers for the prototype-less dictionaries ({@link Dict}) the files are made of.
 */
import { randomUUID } from 'node:crypto';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';

/** Thrown when a data file exists but cannot be used (invalid JSON or an unknown layout). */
export class CorruptDataFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `${file} is corrupt: ${detail}. Nothing was changed; fix the file or move it away ` +
        '(a missing file counts as empty).',
    );
    this.name = 'CorruptDataFileError';
  }
}

/** A dictionary without a prototype, so keys such as `constructor` or `__proto__` are plain keys. */
export type Dict<T> = Record<string, T>;

/** A new, empty dictionary (see {@link Dict}). */
export function emptyDict<T>(): Dict<T> {
  return Object.create(null) as Dict<T>;
}

/** A fresh opaque eTag. Random rather than a counter, so eTags never repeat across restarts. */
export function newEtag(): string {
  return randomUUID();
}

/**
 * Copies an item the way it will be stored: through JSON, so what callers read back from memory is
 * exactly what a restart would read back from disk (no Dates, no undefined, no shared references).
 */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Stores `value` under `key` (or removes the key when `value` is undefined).
 * @returns the step that reverts this change. It only reverts this change: if a later write has
 *   replaced the key since, the step leaves it alone.
 */
export function setEntry<T>(dict: Dict<T>, key: string, value: T | undefined): () => void {
  const previous = dict[key];
  if (value === undefined) delete dict[key];
  else dict[key] = value;
  return () => {
    if (dict[key] !== value) return;
    if (previous === undefined) delete dict[key];
    else dict[key] = previous;
  };
}

/**
 * Opens a lowdb JSON file and reads it. A missing file gives `empty()`; a file that is not JSON, or
 * that `check` rejects, is a {@link CorruptDataFileError} naming the file: it is never replaced
 * silently, because the next write would destroy whatever an operator could still recover.
 * @param check returns the problem with the parsed layout, or undefined when it is usable.
 */
export async function openJsonFile<T extends object>(
  file: string,
  empty: () => T,
  check: (data: Record<string, unknown>) => string | undefined,
  indent?: number,
): Promise<Low<T>> {
  const adapter = new DataFile<T>(file, {
    parse: (text) => {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (error) {
        throw new CorruptDataFileError(file, `it is not valid JSON (${(error as Error).message})`);
      }
      // Checked here, not after read(): lowdb treats a parsed `null` as "no file" and would keep the
      // empty default, silently replacing the file on the next write.
      if (!isPlainObject(data)) throw new CorruptDataFileError(file, 'it does not hold a JSON object');
      const problem = check(data);
      if (problem !== undefined) throw new CorruptDataFileError(file, problem);
      return data as T;
    },
    stringify: (data) => `${JSON.stringify(data, null, indent)}\n`,
  });
  const db = new Low<T>(adapter, empty());
  await db.read();
  return db;
}

/**
 * Tracks writes in flight so `flush()` can wait for them (close() must not release the data
 * directory lock while a write is still renaming its temp file).
 */
export class PendingWrites {
  readonly #pending = new Set<Promise<unknown>>();

  track<T>(write: Promise<T>): Promise<T> {
    this.#pending.add(write);
    const forget = () => this.#pending.delete(write);
    write.then(forget, forget);
    return write;
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
  }
}

/**
 * The write side of a store: the writes in flight (see {@link PendingWrites}) and the switch that
 * makes the store read-only once the data directory lock is lost. Stores compose one and expose it
 * as their `flush()` and `refuseWrites(reason)`.
 */
export class WriteGuard {
  readonly #writes = new PendingWrites();
  /** Set by {@link WriteGuard.refuse}: every later write rejects with it. */
  #blocked: Error | undefined;

  /** Remembers `write` until it settles, for {@link flush}; returns it. */
  track<T>(write: Promise<T>): Promise<T> {
    return this.#writes.track(write);
  }

  /** Waits until every write tracked so far has settled. */
  flush(): Promise<void> {
    return this.#writes.flush();
  }

  /** From now on {@link assertWritable} throws `reason` (the first reason given wins). */
  refuse(reason: Error): void {
    this.#blocked ??= reason;
  }

  /** Throws the reason given to {@link refuse}, if any. Call it before changing anything. */
  assertWritable(): void {
    if (this.#blocked) throw this.#blocked;
  }
}

/** How a {@link LowdbFile} reads its JSON file. */
export interface JsonFileLayout<T> {
  /** The data of a missing file. */
  empty: () => T;
  /** Why a parsed file is not usable, or undefined when it is (see {@link openJsonFile}). */
  check: (data: Record<string, unknown>) => string | undefined;
  /** Top-level fields that hold dictionaries: copied into prototype-less {@link Dict}s once read. */
  dicts: readonly (keyof T & string)[];
  /** JSON indentation on disk; none when undefined. */
  indent?: number;
}

/**
 * One lowdb JSON file held in memory and rewritten atomically (temp file + rename, by lowdb's steno
 * writer) on every {@link save}, with the {@link WriteGuard} of the store that keeps it.
 */
export class LowdbFile<T extends object> extends WriteGuard {
  readonly #db: Low<T>;

  private constructor(
    /** The JSON file. */
    readonly file: string,
    db: Low<T>,
  ) {
    super();
    this.#db = db;
  }

  /**
   * Reads `file`; a missing file gives `layout.empty()`.
   * @throws CorruptDataFileError when the file is not valid JSON or `layout.check` rejects it.
   */
  static async open<T extends object>(file: string, layout: JsonFileLayout<T>): Promise<LowdbFile<T>> {
    const db = await openJsonFile<T>(file, layout.empty, layout.check, layout.indent);
    for (const field of layout.dicts) {
      (db.data as Record<string, unknown>)[field] = Object.assign(emptyDict(), db.data[field]);
    }
    return new LowdbFile(file, db);
  }

  /** The file's contents in memory; change them, then {@link save}. */
  get data(): T {
    return this.#db.data;
  }

  /**
   * Writes the file. If that fails, runs the `undo` steps (latest first) so memory never claims what
   * the disk does not hold, and rethrows.
   */
  async save(...undo: (() => void)[]): Promise<void> {
    try {
      await this.track(this.#db.write());
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  }
}
