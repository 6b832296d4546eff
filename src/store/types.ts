/**
 * The store contract. Data is split by who writes it:
 *
 * - **The partner directory** ({@link DirectorySource}): organizations, memberships, imported
 *   contracts and users, as the operator imported them. Written only by the import, never by the
 *   bot; the bot holds an immutable, indexed snapshot in memory and swaps in a new one whole when
 *   the import (or a valid hand edit) changes it.
 * - **What the bot writes at run time** ({@link RuntimeStores}): bot and dialog state, benefit
 *   ledgers (activations, recorded cases), helpdesk cases, conversation references, settings,
 *   reminder marks and the ids of processed activities. Every operation is async and touches one
 *   entity (or one partition, all or nothing), every entity carries an eTag, and every
 *   read-modify-write is conditional on it, so an implementation on a distributed store (Azure
 *   Table Storage) fits the same shapes: see {@link EntityTable}, the one primitive every backend
 *   implements, and the entity stores built on it (`runtime/`).
 * - **Append-only logs** ({@link AuditLog}, {@link KnowledgeLog}).
 *
 * Nothing here imports botbuilder. Errors only a file store can raise live in that store's folder.
 */
import type { BenefitLedger, ImportedContract } from '../domain/benefits.js';
import type { BenefitKind, DirectoryUser, Membership } from '../domain/types.js';

/** A stored entity together with the eTag of the version that was read. */
export interface Versioned<T> {
  value: T;
  /** Opaque; changes on every write of the entity. */
  etag: string;
}

/** Thrown when a conditional write finds that the entity changed (or appeared, or vanished) since it was read. */
export class PreconditionFailedError extends Error {
  constructor(readonly entity: string, readonly key: string) {
    super(`${entity} ${key} was changed by someone else; read it again and retry`);
    this.name = 'PreconditionFailedError';
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

// ------------------------------------------------------------------ the partner directory

/** An organization as the directory holds it: what the operator imported, nothing the bot wrote. */
export interface DirectoryOrganization {
  tenantId: string;
  name: string;
  partnerId: string;
  memberships: Membership[];
  /** Contracts carried over by the import (the bot's own activations are in its ledger). */
  contracts: ImportedContract[];
}

/**
 * One immutable version of the partner directory, held in memory with indexes: every lookup is
 * O(1) or O(result). Entities are frozen and shared; never change them.
 */
export interface DirectorySnapshot {
  /** When the document was written by the import (ISO), if known. */
  readonly importedAt?: string;
  readonly size: { organizations: number; users: number };
  /** The organization of this tenant (id in any case), or undefined. */
  organization(tenantId: string): DirectoryOrganization | undefined;
  /** The user with this Entra object id (any case), or undefined. */
  user(aadObjectId: string): DirectoryUser | undefined;
  /** The organization with this partner (MPN) id, or undefined. */
  organizationByPartnerId(partnerId: string): DirectoryOrganization | undefined;
  /** The users of this tenant, in directory order. */
  usersOfTenant(tenantId: string): readonly DirectoryUser[];
  /** Users with this e-mail address (compared case-insensitively). */
  usersByEmail(email: string): readonly DirectoryUser[];
  /**
   * Organizations whose name matches `query` (whole words, prefixes, small typos), best first, at
   * most `limit`; each with a score (higher is better; 100 = the whole name).
   */
  searchOrganizations(query: string, limit: number): { organization: DirectoryOrganization; score: number }[];
  /** Every organization, in directory order (for jobs that visit all of them in the background). */
  organizations(): Iterable<DirectoryOrganization>;
}

/**
 * Where the bot reads the directory: always the newest valid snapshot. A turn takes it once per
 * service call (`current()`), so a decision never mixes an old and a new directory.
 */
export interface DirectorySource {
  current(): DirectorySnapshot;
  /** Resolves when the directory can be read; rejects otherwise (used by /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// ------------------------------------------------------------------ the run-time primitive

/** One entity as a table lists it. */
export interface StoredEntity<T> {
  partition: string;
  row: string;
  value: T;
  etag: string;
}

/** One write of an {@link EntityTable.batch}; all of a batch's writes go to one partition. */
export type BatchOperation<T> =
  | { op: 'insert'; row: string; value: T }
  | { op: 'replace'; row: string; value: T; ifMatch: string }
  | { op: 'upsert'; row: string; value: T }
  | { op: 'delete'; row: string; ifMatch?: string };

/**
 * A table of versioned entities, keyed by a partition key and a row key (the shape of Azure Table
 * Storage; lmdb and the in-memory twin implement the same). Values are JSON data: what is read back
 * is a fresh copy, with `undefined` properties dropped. Keys are non-empty strings of at most 512
 * characters without control characters (backends may encode them further).
 *
 * Within one partition, {@link batch} writes several entities all or nothing; nothing spans
 * partitions atomically.
 */
export interface EntityTable<T> {
  get(partition: string, row: string): Promise<Versioned<T> | undefined>;
  /** Adds the entity; resolves with its eTag, or with undefined (writing nothing) when it exists already. */
  insert(partition: string, row: string, value: T): Promise<string | undefined>;
  /**
   * Replaces the entity if its eTag is still `ifMatch`.
   * @throws PreconditionFailedError when it changed or is gone.
   */
  replace(partition: string, row: string, value: T, ifMatch: string): Promise<string>;
  /** Writes the entity whatever is stored (last writer wins). */
  upsert(partition: string, row: string, value: T): Promise<string>;
  /** Removes the entity (only if its eTag is still `ifMatch`, when given); false when nothing was removed. */
  delete(partition: string, row: string, ifMatch?: string): Promise<boolean>;
  /**
   * Applies every operation or none (an insert of an existing row, or a replace or delete whose
   * eTag no longer matches, fails the whole batch). At most 100 operations, each row once.
   * @returns the new eTags, in order ('' for deletes).
   * @throws PreconditionFailedError naming the first failing row.
   */
  batch(partition: string, operations: readonly BatchOperation<T>[]): Promise<string[]>;
  /** The entities of one partition in row order (rows starting with `prefix`, after `after`), at most `limit`. */
  list(partition: string, options?: { prefix?: string; after?: string; limit?: number }): Promise<StoredEntity<T>[]>;
  /** Every entity of the table in key order, one page at a time: pass the last one as `after` to go on. */
  scan(options?: { after?: { partition: string; row: string }; limit?: number }): Promise<StoredEntity<T>[]>;
}

/**
 * The names of the run-time tables; `audit` and `knowledge` hold the logs where they are tables
 * (`STORE=azure`, logs/), not JSON Lines files.
 */
export type TableName = 'state' | 'ledgers' | 'cases' | 'conversations' | 'settings' | 'activities' | 'meta' | 'audit' | 'knowledge';

/** A run-time store implementation: one {@link EntityTable} per name. */
export interface StoreBackend {
  /** A short name for messages and health checks, e.g. `lmdb ./data/runtime`. */
  readonly description: string;
  table<T>(name: TableName): EntityTable<T>;
  /** Resolves when the store answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// ------------------------------------------------------------------ run-time entity stores

/** An item in the key-value store; `eTag` is set by the store on write. */
export interface StoreItem {
  eTag?: string;
  [key: string]: unknown;
}

/**
 * The `eTag` of an item that may only be created: its write fails with
 * {@link PreconditionFailedError} when the key holds an item already (read as absent, and someone
 * else created it since). Never an eTag a store hands out.
 */
export const CREATE_ONLY = '(create-only)';

/**
 * A key-value store for conversation and user state, with the three methods of Bot Framework's
 * `Storage` without importing it (src/bot/versionedState.ts hands it to the bot's state).
 * Each key is written on its own. A write whose item carries an `eTag` other than `*` fails with
 * {@link PreconditionFailedError} when the stored item's eTag differs (or it was deleted since); an
 * item with the eTag {@link CREATE_ONLY} is written only when the key holds nothing. Without an
 * eTag, or with `*`, the last writer wins.
 */
export interface KeyValueStore {
  read(keys: string[]): Promise<Record<string, StoreItem>>;
  /**
   * Resolves with the new eTag of every key written (Bot Framework's `Storage` resolves with
   * nothing; its callers ignore the value), so a turn can write the same key again conditionally.
   */
  write(changes: Record<string, StoreItem>): Promise<Record<string, string>>;
  delete(keys: string[]): Promise<void>;
  /** Removes the key only if its item still has `eTag`; false when it changed, or is gone, since. */
  deleteIfMatch(key: string, eTag: string): Promise<boolean>;
}

/**
 * A bot instance's claim on an organization's activation, held while it gets IDs from the
 * provisioner (Partner Center) and stores them, so that no other instance asks for IDs it would
 * then throw away (Partner Center would keep them issued).
 */
export interface ActivationClaim {
  /** Who holds it: a random id per activation attempt. */
  owner: string;
  /** ISO timestamp after which the claim counts as abandoned (its holder died) and may be taken over. */
  until: string;
  /** The IDs the holder got, once it has them: whoever takes the claim over stores these instead of asking again. */
  issued?: { kind: BenefitKind; accessId: string; contractId: string }[];
}

/** The benefit ledgers: what the bot wrote about each organization's contracts (domain/benefits.ts). */
export interface LedgerStore {
  get(tenantId: string): Promise<Versioned<BenefitLedger> | undefined>;
  /**
   * Stores the ledger: replaces it if its eTag is still `ifMatch`, or creates it when `ifMatch` is
   * undefined (the ledger did not exist when read).
   * @throws PreconditionFailedError when it changed (or was created) meanwhile.
   */
  save(ledger: BenefitLedger, ifMatch: string | undefined): Promise<Versioned<BenefitLedger>>;
  /** Every ledger (for the daily reminders), a page at a time, by tenant id after `after`. */
  page(after?: string, limit?: number): Promise<BenefitLedger[]>;
  /** The claim on the organization's activation, if one is stored (live or abandoned). */
  activationClaim(tenantId: string): Promise<Versioned<ActivationClaim> | undefined>;
  /**
   * Stores the claim: creates it when `ifMatch` is undefined, else replaces the stored one if its
   * eTag is still `ifMatch`.
   * @returns the new eTag, or undefined (nothing written) when a claim exists already, or changed or vanished since it was read.
   */
  putActivationClaim(tenantId: string, claim: ActivationClaim, ifMatch?: string): Promise<string | undefined>;
  /** Removes the claim if its eTag is still `ifMatch`; false when it changed or is gone. */
  releaseActivationClaim(tenantId: string, ifMatch: string): Promise<boolean>;
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
  /**
   * An escalation whose card is being posted to the helpdesk conversation: claimed with the case's
   * eTag, so that of several bot instances only one posts it (cleared with the card's `card`).
   */
  delivery?: { claimedAt: string };
}

/** The filter accepted by {@link CaseStore.list}. */
export interface CaseFilter {
  /** Cases in one of these statuses (an empty array keeps none). */
  status?: CaseStatus[];
  /** Cases of this tenant (case-insensitive). */
  tenantId?: string;
  /** Cases created by this user (Entra object id, case-insensitive). */
  createdBy?: string;
}

/** Helpdesk cases, one entity per case, with an eTag per case. */
export interface CaseStore {
  /**
   * Creates a case; the store assigns the id (`C-` and six or more digits, never reused).
   * @param requestKey identifies the request that creates it (e.g. the activity): a second create
   *   with the same key creates nothing and returns the case the first one created.
   */
  create(c: Omit<HelpdeskCase, 'id'>, requestKey?: string): Promise<Versioned<HelpdeskCase>>;
  get(id: string): Promise<Versioned<HelpdeskCase> | undefined>;
  /** Replaces the case if its eTag is still `ifMatch`; throws PreconditionFailedError otherwise. */
  save(c: HelpdeskCase, ifMatch: string): Promise<Versioned<HelpdeskCase>>;
  /** Cases newest first; each filter is served by an index, never a scan of every case. */
  list(filter?: CaseFilter): Promise<HelpdeskCase[]>;
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
  /** The latest personal conversation of each of these users of `tenantId`. */
  personalOf(tenantId: string, aadObjectIds: string[]): Promise<StoredConversation[]>;
  /** The latest personal conversation of each user in a tenant who talked to the bot. */
  personalInTenant(tenantId: string): Promise<StoredConversation[]>;
  getSetting(name: string): Promise<string | undefined>;
  setSetting(name: string, value: string): Promise<void>;
  /** Records that a reminder was sent; false when it was already recorded (send it only once). */
  markSent(reminderKey: string, at: string): Promise<boolean>;
  /**
   * Takes back the mark `markSent(reminderKey, at)` made, when that send surely failed, so a later
   * run sends it; false (nothing changed) when the mark is another run's or gone.
   */
  releaseSent(reminderKey: string, at: string): Promise<boolean>;
}

/** What the store knows about an activity the bot received. */
export interface ProcessedActivity {
  /** `started` while a turn runs it (or if that turn died); `done` once answered; `failed` if the turn threw. */
  status: 'started' | 'done' | 'failed';
  /** Which process took it (a random id per process start). */
  owner: string;
  /** ISO timestamp of the claim (or of the outcome). */
  at: string;
  /**
   * While `started`: until when the owner is known to be alive (ISO). The owner renews it while its
   * turn runs, so another instance that gets the same activity waits for the turn instead of running
   * it again, and takes it over only once the lease ran out (the owner died). Absent on claims of an
   * older version, which count as expired.
   */
  leaseUntil?: string;
  /** For an invoke: the answer that was given (status and body), so a redelivery gets the same. */
  invokeResponse?: { status: number; body?: unknown };
}

/** A claim on an activity, as {@link ActivityStore.claim} returns it. */
export interface ActivityClaim {
  /** True when this call claimed it: it was new. */
  claimed: boolean;
  /** What is stored now (for a new claim: the `started` record just written). */
  record: ProcessedActivity;
  /** Where it is stored and its eTag, for {@link ActivityStore.takeOver} and {@link ActivityStore.finish}. */
  handle: { day: string; etag: string };
}

/**
 * The ids of the activities the bot processed, for about two days: a redelivered activity (the
 * channel resends when the answer was slow or the bot crashed) is recognized and acts once.
 */
export interface ActivityStore {
  /** Claims the activity for `owner` (when it is new, with a lease until `leaseUntil`), or tells what is stored about it. */
  claim(conversationId: string, activityId: string, owner: string, at: Date, leaseUntil?: Date): Promise<ActivityClaim>;
  /** Takes over a claim whose owner died or whose turn failed; false when someone else was faster. */
  takeOver(conversationId: string, activityId: string, claim: ActivityClaim, owner: string, at: Date, leaseUntil?: Date): Promise<ActivityClaim | undefined>;
  /** Extends the lease of a `started` claim this owner holds; undefined when the claim changed meanwhile (taken over, finished). */
  renew(conversationId: string, activityId: string, claim: ActivityClaim, leaseUntil: Date): Promise<ActivityClaim | undefined>;
  /** What is stored about a claimed activity now (e.g. while its owner runs it elsewhere); undefined when it is gone. */
  reread(conversationId: string, activityId: string, claim: ActivityClaim): Promise<ActivityClaim | undefined>;
  /** Records how the activity ended. */
  finish(conversationId: string, activityId: string, claim: ActivityClaim, outcome: ProcessedActivity): Promise<void>;
  /** Removes what is older than the day before `now`, a page at a time. @returns how many were removed. */
  sweep(now: Date): Promise<number>;
}

/** Everything the bot writes at run time. */
export interface RuntimeStores {
  state: KeyValueStore;
  ledgers: LedgerStore;
  cases: CaseStore;
  conversations: ConversationStore;
  activities: ActivityStore;
  /**
   * Removes what has expired (conversation state idle for longer than its limit, processed
   * activities older than two days), a page at a time so serving never waits long.
   * @returns how many entities were removed.
   */
  sweep(now: Date): Promise<{ state: number; activities: number }>;
  /** Resolves when the store answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// ------------------------------------------------------------------ logs

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
  /** Appends one event; throws {@link InvalidKnowledgeEventError} for a malformed event. */
  append(event: KnowledgeEvent): Promise<void>;
  /** The events (oldest first), optionally only those at or after `since` (ISO date or timestamp). */
  list(filter?: { since?: string }): Promise<KnowledgeEvent[]>;
}

// ------------------------------------------------------------------ everything

/** Everything a running bot reads and writes. */
export interface DataStores extends Omit<RuntimeStores, 'close' | 'ping'> {
  directory: DirectorySource;
  audit: AuditLog;
  knowledge: KnowledgeLog;
  /** Resolves when the directory and the run-time store can be read (for /healthz). */
  ping(): Promise<void>;
  /** Waits for pending writes, closes everything and releases what this process holds. */
  close(): Promise<void>;
}
