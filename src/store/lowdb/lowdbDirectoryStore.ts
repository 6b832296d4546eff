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
import { access, constants } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Benefit, DirectoryUser, Organization } from '../../domain/types.js';
import { PreconditionFailedError, type DirectoryStore, type Versioned } from '../types.js';
import { emptyDict, isPlainObject, LowdbFile, newEtag, setEntry, type Dict } from './lowdbFile.js';

// The shared file machinery moved to lowdbFile.ts; re-exported here for existing imports.
export { CorruptDataFileError, emptyDict, newEtag, openJsonFile, PendingWrites, type Dict } from './lowdbFile.js';

/** The layout of `directory.json`. */
export interface DirectoryData {
  schemaVersion: 1;
  organizations: Dict<Versioned<Organization>>;
  users: Dict<Versioned<DirectoryUser>>;
}

/** Why `data` is not a usable directory.json layout, or undefined. */
function checkDirectoryLayout(data: Record<string, unknown>): string | undefined {
  if (data.schemaVersion !== 1) return `schemaVersion is ${JSON.stringify(data.schemaVersion)}, expected 1`;
  if (!isPlainObject(data.organizations)) return '"organizations" is not an object keyed by tenantId';
  if (!isPlainObject(data.users)) return '"users" is not an object keyed by aadObjectId';
  return undefined;
}

/** {@link DirectoryStore} on lowdb. Open it with {@link LowdbDirectoryStore.open}. */
export class LowdbDirectoryStore implements DirectoryStore {
  readonly #db: LowdbFile<DirectoryData>;
  /** The JSON file this store keeps. */
  readonly file: string;

  private constructor(db: LowdbFile<DirectoryData>) {
    this.#db = db;
    this.file = db.file;
  }

  /**
   * Reads `file` (usually `<dataDir>/directory.json`); a missing file is an empty directory.
   * @throws CorruptDataFileError when the file is not valid JSON or not in the layout above.
   */
  static async open(file: string): Promise<LowdbDirectoryStore> {
    const db = await LowdbFile.open<DirectoryData>(file, {
      empty: () => ({ schemaVersion: 1, organizations: emptyDict(), users: emptyDict() }),
      check: checkDirectoryLayout,
      dicts: ['organizations', 'users'],
      indent: 2,
    });
    return new LowdbDirectoryStore(db);
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
    this.#db.assertWritable();
    const current = this.#db.data.organizations[tenantId];
    if (!current) throw new Error(`Cannot save benefits: organization ${tenantId} is not in the directory`);
    if (current.etag !== ifMatch) throw new PreconditionFailedError('organization', tenantId);
    const [saved] = await this.#commit([{ ...current.value, benefits }], []);
    return structuredClone(saved as Versioned<Organization>);
  }

  async applyImport(organizations: Organization[], users: DirectoryUser[]): Promise<void> {
    this.#db.assertWritable();
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
    return this.#db.flush();
  }

  /**
   * Makes the store read-only: from now on `saveBenefits` and `applyImport` reject with `reason`
   * (reads keep working). Not part of {@link DirectoryStore}; `openDataDir` calls it when the data
   * directory lock is lost (see DataDirLockLostError). Writes already in flight are not stopped.
   */
  refuseWrites(reason: Error): void {
    this.#db.refuse(reason);
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
    await this.#db.save(...undo);
    return saved;
  }
}

/** Stores a copy of `value` under `key` with a new eTag; pushes the step that reverts it onto `undo`. */
function put<T>(records: Dict<Versioned<T>>, key: string, value: T, undo: (() => void)[]): Versioned<T> {
  const next: Versioned<T> = { value: structuredClone(value), etag: newEtag() };
  undo.push(setEntry(records, key, next));
  return next;
}
