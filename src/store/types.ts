/**
 * Store interfaces. The only implementation today is on lowdb (`./lowdb/`); a second one on Azure
 * Storage (Tables, Blobs) must fit the same shapes, so every operation is async, per entity, and
 * carries an eTag for optimistic concurrency. Nothing here imports botbuilder.
 */
import type { Benefit, DirectoryUser, Organization } from '../domain/types.js';

/** A stored entity together with the eTag of the version that was read. */
export interface Versioned<T> {
  value: T;
  /** Opaque; changes on every write of the entity. */
  etag: string;
}

/** Thrown when a conditional write finds that the entity changed since it was read. */
export class PreconditionFailedError extends Error {
  constructor(readonly entity: string, readonly key: string) {
    super(`${entity} ${key} was changed by someone else; read it again and retry`);
    this.name = 'PreconditionFailedError';
  }
}

/** Thrown when the data directory is already opened by another process. */
export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The data directory ${dataDir} is in use by another process (is the bot server running on it?). ` +
        'Stop that process first, or point DATA_DIR at another directory.',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Thrown by every write after this process lost the lock on its data directory (e.g. the machine
 * slept past the stale threshold and an import took the lock over). Writing from memory then could
 * undo the other process's changes, so the stores turn read-only until the process is restarted.
 */
export class DataDirLockLostError extends Error {
  constructor(readonly dataDir: string, cause?: Error) {
    super(
      `The lock on data directory ${dataDir} was lost${cause ? ` (${cause.message})` : ''}; another process may ` +
        'have changed it since. Nothing more is written from this process: restart it to reload the data.',
      cause && { cause },
    );
    this.name = 'DataDirLockLostError';
  }
}

/** Counts reported after an import. */
export interface ImportSummary {
  organizations: number;
  users: number;
  benefits: number;
}

/** The partner directory: organizations (with their benefits) and users. */
export interface DirectoryStore {
  /** The organization with this tenant id, or undefined. */
  getOrganization(tenantId: string): Promise<Versioned<Organization> | undefined>;
  /** The user with this Entra object id, or undefined. */
  getUser(aadObjectId: string): Promise<Versioned<DirectoryUser> | undefined>;
  /** Every user whose tenant is `tenantId`, in directory order. */
  listUsersOfTenant(tenantId: string): Promise<DirectoryUser[]>;
  /**
   * Replaces the organization's benefits, if its eTag is still `ifMatch`.
   * @throws PreconditionFailedError when the organization changed since it was read.
   * @returns the organization as stored, with its new eTag.
   */
  saveBenefits(tenantId: string, benefits: Benefit[], ifMatch: string): Promise<Versioned<Organization>>;
  /**
   * Writes a whole import at once (all or nothing): each organization and user replaces the stored
   * entity with the same key or is added. Callers merge with what is stored before calling.
   */
  applyImport(organizations: Organization[], users: DirectoryUser[]): Promise<void>;
  /** Resolves when the store can be read; rejects otherwise (used by /healthz). */
  ping(): Promise<void>;
}

/** An item in the key-value store; `eTag` is set by the store on write. */
export interface StoreItem {
  eTag?: string;
  [key: string]: unknown;
}

/**
 * A key-value store for conversation and user state, with the same three-method contract as Bot
 * Framework's `Storage` (so it can be handed to `ConversationState` as is) without importing it.
 * A write whose item carries an `eTag` other than `*` fails with PreconditionFailedError when the
 * stored item's eTag differs.
 */
export interface KeyValueStore {
  read(keys: string[]): Promise<Record<string, StoreItem>>;
  write(changes: Record<string, StoreItem>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** Everything kept in one data directory. */
export interface DataStores {
  directory: DirectoryStore;
  state: KeyValueStore;
  /** Flushes pending writes and releases the directory lock. */
  close(): Promise<void>;
}
