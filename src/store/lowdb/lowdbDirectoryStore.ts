/**
 * The partner directory on lowdb: one JSON file, `<dataDir>/directory.json`, held in memory and
 * rewritten atomically (temp file + rename, by lowdb's steno writer) on every change.
 *
 * On disk:
 * ```json
 * { "schemaVersion": 1,
 *   "organizations": { "<tenantId>": { "value": Organization, "etag": "…" } },
 *   "users": { "<aadObjectId>": { "value": DirectoryUser, "etag": "…" } } }
 * ```
 * Records are keyed (not arrays) so every lookup by id is O(1).
 */
import { randomUUID } from 'node:crypto';
import { access, constants } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { Benefit, DirectoryUser, Organization } from '../../domain/types.js';
import { PreconditionFailedError, type DirectoryStore, type Versioned } from '../types.js';

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

/** Copies `source` into a prototype-less dictionary. */
function toDict<T>(source: object): Dict<T> {
  return Object.assign(emptyDict<T>(), source);
}

/** The layout of `directory.json`. */
export interface DirectoryData {
  schemaVersion: 1;
  organizations: Dict<Versioned<Organization>>;
  users: Dict<Versioned<DirectoryUser>>;
}

/** A fresh opaque eTag. Random rather than a counter, so eTags never repeat across restarts. */
export function newEtag(): string {
  return randomUUID();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

/** Why `data` is not a usable directory.json layout, or undefined. */
function checkDirectoryLayout(data: Record<string, unknown>): string | undefined {
  if (data.schemaVersion !== 1) return `schemaVersion is ${JSON.stringify(data.schemaVersion)}, expected 1`;
  if (!isPlainObject(data.organizations)) return '"organizations" is not an object keyed by tenantId';
  if (!isPlainObject(data.users)) return '"users" is not an object keyed by aadObjectId';
  return undefined;
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

/** {@link DirectoryStore} on lowdb. Open it with {@link LowdbDirectoryStore.open}. */
export class LowdbDirectoryStore implements DirectoryStore {
  readonly #db: Low<DirectoryData>;
  readonly #writes = new PendingWrites();
  /** Set by {@link LowdbDirectoryStore.refuseWrites}: every later write rejects with it. */
  #writeBlocked: Error | undefined;

  private constructor(
    db: Low<DirectoryData>,
    /** The JSON file this store keeps. */
    readonly file: string,
  ) {
    this.#db = db;
  }

  /**
   * Reads `file` (usually `<dataDir>/directory.json`); a missing file is an empty directory.
   * @throws CorruptDataFileError when the file is not valid JSON or not in the layout above.
   */
  static async open(file: string): Promise<LowdbDirectoryStore> {
    const db = await openJsonFile<DirectoryData>(
      file,
      () => ({ schemaVersion: 1, organizations: emptyDict(), users: emptyDict() }),
      checkDirectoryLayout,
      2,
    );
    db.data.organizations = toDict(db.data.organizations);
    db.data.users = toDict(db.data.users);
    return new LowdbDirectoryStore(db, file);
  }

  async getOrganization(tenantId: string): Promise<Versioned<Organization> | undefined> {
    const record = this.#db.data.organizations[tenantId];
    return record && structuredClone(record);
  }

  async getUser(aadObjectId: string): Promise<Versioned<DirectoryUser> | undefined> {
    const record = this.#db.data.users[aadObjectId];
    return record && structuredClone(record);
  }

  async listUsersOfTenant(tenantId: string): Promise<DirectoryUser[]> {
    return Object.values(this.#db.data.users)
      .filter((record) => record.value.tenantId === tenantId)
      .map((record) => structuredClone(record.value));
  }

  /**
   * The tenant id of the organization with this partner (MPN) id, or undefined. Not part of
   * {@link DirectoryStore}; the import uses it to refuse a partner id that two tenants would share.
   */
  async organizationByPartnerId(partnerId: string): Promise<string | undefined> {
    return Object.values(this.#db.data.organizations).find((record) => record.value.partnerId === partnerId)?.value
      .tenantId;
  }

  /**
   * Every organization, in directory order (copies). Not part of {@link DirectoryStore}; the
   * helpdesk uses it to look organizations up by name or partner id.
   */
  async listOrganizations(): Promise<Organization[]> {
    return Object.values(this.#db.data.organizations).map((record) => structuredClone(record.value));
  }

  /** True when the directory holds at least one organization. */
  async hasOrganizations(): Promise<boolean> {
    return Object.keys(this.#db.data.organizations).length > 0;
  }

  async saveBenefits(tenantId: string, benefits: Benefit[], ifMatch: string): Promise<Versioned<Organization>> {
    // Check and change with no await in between: the event loop makes the pair atomic in-process.
    this.#assertWritable();
    const current = this.#db.data.organizations[tenantId];
    if (!current) throw new Error(`Cannot save benefits: organization ${tenantId} is not in the directory`);
    if (current.etag !== ifMatch) throw new PreconditionFailedError('organization', tenantId);
    const [saved] = await this.#commit([{ ...current.value, benefits }], []);
    return structuredClone(saved as Versioned<Organization>);
  }

  async applyImport(organizations: Organization[], users: DirectoryUser[]): Promise<void> {
    this.#assertWritable();
    await this.#commit(organizations, users);
  }

  async ping(): Promise<void> {
    await access(dirname(this.file), constants.R_OK | constants.W_OK);
    try {
      await access(this.file, constants.R_OK);
    } catch (error) {
      // Not written yet is fine: the store then serves an empty directory.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /** Waits until every write started so far has reached the disk (or failed). */
  flush(): Promise<void> {
    return this.#writes.flush();
  }

  /**
   * Makes the store read-only: from now on `saveBenefits` and `applyImport` reject with `reason`
   * (reads keep working). Not part of {@link DirectoryStore}; `openDataDir` calls it when the data
   * directory lock is lost (see DataDirLockLostError). Writes already in flight are not stopped.
   */
  refuseWrites(reason: Error): void {
    this.#writeBlocked ??= reason;
  }

  #assertWritable(): void {
    if (this.#writeBlocked) throw this.#writeBlocked;
  }

  /**
   * Puts deep copies of the entities in memory with new eTags and writes the file once. If the write
   * fails, memory is rolled back so it never claims what the disk does not hold.
   * @returns the new organization records, in the order given.
   */
  async #commit(organizations: Organization[], users: DirectoryUser[]): Promise<Versioned<Organization>[]> {
    const { data } = this.#db;
    const undo: (() => void)[] = [];
    const saved = organizations.map((org) => put(data.organizations, org.tenantId, org, undo));
    for (const user of users) put(data.users, user.aadObjectId, user, undo);
    try {
      await this.#writes.track(this.#db.write());
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
    return saved;
  }
}

/** Stores a copy of `value` under `key` with a new eTag; pushes the step that reverts it onto `undo`. */
function put<T>(records: Dict<Versioned<T>>, key: string, value: T, undo: (() => void)[]): Versioned<T> {
  const previous = records[key];
  const next: Versioned<T> = { value: structuredClone(value), etag: newEtag() };
  records[key] = next;
  undo.push(() => {
    // Only revert our own change; a later write may already have replaced it.
    if (records[key] !== next) return;
    if (previous) records[key] = previous;
    else delete records[key];
  });
  return next;
}
