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

/** Thrown by {@link AuditLog.append} for an entry without a valid `at`, `actor` or `action`; nothing is written. */
export class InvalidAuditEntryError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid audit entry: ${problems.join('; ')}. Nothing was written to the audit log.`);
    this.name = 'InvalidAuditEntryError';
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
  /** Every organization (the helpdesk's lookup and the daily reminders read them all). */
  listOrganizations(): Promise<Organization[]>;
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
  audit: AuditLog;
  cases: CaseStore;
  conversations: ConversationStore;
  knowledge: KnowledgeLog;
  /** Flushes pending writes and releases the directory lock. */
  close(): Promise<void>;
}

// ------------------------------------------------------------------ helpdesk (issue 4)

/** One entry of the audit log: who did what, for which tenant, when. Never rewritten. */
export interface AuditEntry {
  /** ISO timestamp. */
  at: string;
  /** The acting user's Entra object id and name (or `system` for scheduled jobs). */
  actor: { aadObjectId: string; name: string };
  /** The tenant the action concerns (the partner organization's), if any. */
  tenantId?: string;
  /** The partner id of that organization, for lookups by operators. */
  partnerId?: string;
  /** What happened, e.g. `activation`, `ids.reveal`, `incident.recorded`, `case.created`, `case.assigned`, `case.resolved`, `escalation`. */
  action: string;
  /** Short details (case id, benefit kind, case reference...). */
  details?: Record<string, string | number | boolean>;
}

/** The append-only audit log. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Entries, oldest first, optionally filtered; `limit` keeps the newest that many. */
  list(filter?: { since?: string; tenantId?: string; partnerId?: string; limit?: number }): Promise<AuditEntry[]>;
}

export type CaseStatus = 'open' | 'assigned' | 'resolved';

/** A helpdesk case: from a triage by an agent or an escalation by a partner user. */
export interface HelpdeskCase {
  /** Short, human-readable id, e.g. `C-000042`. */
  id: string;
  origin: 'triage' | 'escalation';
  tenantId?: string;
  partnerId?: string;
  partnerName?: string;
  category: string;
  summary: string;
  status: CaseStatus;
  createdBy: { aadObjectId: string; name: string };
  createdAt: string;
  assignee?: { aadObjectId: string; name: string };
  notes: { at: string; by: { aadObjectId: string; name: string }; text: string }[];
  history: { at: string; by: { aadObjectId: string; name: string }; event: string }[];
  /** Conversation context carried from the partner's chat (flow, what the bot answered). */
  context?: Record<string, string>;
  /** Where the case card was posted, so it can be updated in place. */
  card?: { conversationId: string; activityId: string };
}

/** Helpdesk cases, one entity per case, with an eTag per case. */
export interface CaseStore {
  /** Creates a case; the store assigns the id. */
  create(c: Omit<HelpdeskCase, 'id'>): Promise<Versioned<HelpdeskCase>>;
  get(id: string): Promise<Versioned<HelpdeskCase> | undefined>;
  /** Replaces the case if its eTag is still `ifMatch`; throws PreconditionFailedError otherwise. */
  save(c: HelpdeskCase, ifMatch: string): Promise<Versioned<HelpdeskCase>>;
  list(filter?: { status?: CaseStatus[]; tenantId?: string; createdBy?: string }): Promise<HelpdeskCase[]>;
}

/**
 * A stored conversation reference (as Bot Framework's ConversationReference, kept structurally so
 * the store needs no botbuilder import), with who it belongs to.
 */
export interface StoredConversation {
  /** `conversation.id`. */
  key: string;
  reference: Record<string, unknown>;
  aadObjectId?: string;
  tenantId?: string;
  conversationType?: string;
  updatedAt: string;
}

/** Conversation references for proactive messages, and small settings such as the helpdesk channel. */
export interface ConversationStore {
  upsert(conversation: StoredConversation): Promise<void>;
  get(key: string): Promise<StoredConversation | undefined>;
  /** Personal conversations of these users. */
  personalOf(aadObjectIds: string[]): Promise<StoredConversation[]>;
  /** Personal conversations of users in a tenant. */
  personalInTenant(tenantId: string): Promise<StoredConversation[]>;
  getSetting(name: string): Promise<string | undefined>;
  setSetting(name: string, value: string): Promise<void>;
  /** Records that a reminder was sent; false when it was already recorded (send it only once). */
  markSent(reminderKey: string, at: string): Promise<boolean>;
}

// ------------------------------------------------------------------ knowledge base (issue 6)

/**
 * What happened with the knowledge base, one event per line, never rewritten. Who asked is not
 * kept. The question text is kept only for questions the knowledge base could not answer with
 * confidence (so operators see what to add), cut to 300 characters; the bot removes e-mail
 * addresses, links, GUIDs and long numbers first (knowledge/redact.ts), but the rest of the wording
 * is the user's own and may still name people or companies: treat the file as personal data.
 */
export type KnowledgeEvent =
  /** An entry's answer was shown: from the user's own words, a "did you mean" button or a follow-up. */
  | { at: string; type: 'asked'; entryId: string; lang: 'en' | 'de'; via: 'text' | 'choice' | 'followUp' }
  /** No confident answer: `suggested` are the entries offered as "did you mean" (empty: none). */
  | { at: string; type: 'unanswered'; question: string; lang: 'en' | 'de'; suggested: string[] }
  /** "Did this help?" answered. */
  | { at: string; type: 'feedback'; entryId: string; lang: 'en' | 'de'; helpful: boolean };

/** Thrown by {@link KnowledgeLog.append} for a malformed event; nothing is written. */
export class InvalidKnowledgeEventError extends Error {}

/** The knowledge-base usage log (asks, unanswered questions, feedback), append-only. */
export interface KnowledgeLog {
  /** Appends one event; throws {@link InvalidKnowledgeEventError} for a malformed one. */
  append(event: KnowledgeEvent): Promise<void>;
  /** The events (oldest first), optionally only those at or after `since` (ISO date or timestamp). */
  list(filter?: { since?: string }): Promise<KnowledgeEvent[]>;
}
