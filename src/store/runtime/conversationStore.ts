/**
 * Conversation references, settings and reminder marks on {@link EntityTable}s.
 *
 * - `conversations` table: partition `c:<conversation.id>` holds the reference; partition
 *   `p:<tenantId>` has one row per user (`aadObjectId`) with their latest personal conversation,
 *   so "the admins' chats" and "everyone in a tenant who talked to the bot" are O(result).
 * - `settings` table: partition `setting` (name → value) and partition `sent` (reminder key →
 *   when it was marked; insert-if-absent, so a reminder is claimed exactly once across processes).
 *
 * `aadObjectId` and `tenantId` are stored lower-case. The bot upserts the conversation on every
 * turn; an upsert that changes nothing but a less than {@link CONVERSATION_REFRESH_MS} newer
 * `updatedAt` writes nothing, and a small in-process cache of what was written last spares even
 * the read.
 */
import { isDeepStrictEqual } from 'node:util';
import { LRUCache } from 'lru-cache';
import { isPlainObject, jsonCopy } from '../json.js';
import type { ConversationStore, EntityTable, StoredConversation } from '../types.js';

/** An upsert whose only change is an `updatedAt` newer by less than this is skipped. */
export const CONVERSATION_REFRESH_MS = 60 * 60 * 1000;

const ROW = 'ref';
const lower = (value: string | undefined) => value?.toLowerCase();

/** True when `next` differs from `stored` only by an `updatedAt` less than the refresh interval newer. */
function unchanged(stored: StoredConversation, next: StoredConversation): boolean {
  const age = Date.parse(next.updatedAt) - Date.parse(stored.updatedAt);
  if (!(age >= 0 && age < CONVERSATION_REFRESH_MS)) return false;
  return isDeepStrictEqual({ ...stored, updatedAt: '' }, { ...next, updatedAt: '' });
}

export class TableConversationStore implements ConversationStore {
  /** What this process wrote or read last per conversation (saves a read on every turn). */
  readonly #recent = new LRUCache<string, StoredConversation>({ max: 20_000 });

  constructor(
    private readonly conversations: EntityTable<StoredConversation>,
    private readonly settings: EntityTable<{ value: string }>,
  ) {}

  /**
   * Stores the conversation under its `key` (ids lower-cased). Skips the write when only
   * `updatedAt` changed, by less than {@link CONVERSATION_REFRESH_MS}.
   * @throws Error when `key`, `reference` or `updatedAt` is missing or invalid.
   */
  async upsert(conversation: StoredConversation): Promise<void> {
    const { key, reference, updatedAt } = conversation;
    if (typeof key !== 'string' || key === '') throw new Error('Cannot store a conversation without a key');
    if (!isPlainObject(reference)) throw new Error(`Cannot store conversation ${key}: "reference" is not an object`);
    if (typeof updatedAt !== 'string' || Number.isNaN(Date.parse(updatedAt))) {
      throw new Error(`Cannot store conversation ${key}: "updatedAt" is not a timestamp (${JSON.stringify(updatedAt)})`);
    }
    const next = jsonCopy({ ...conversation, aadObjectId: lower(conversation.aadObjectId), tenantId: lower(conversation.tenantId) });
    const previous = this.#recent.get(key) ?? (await this.get(key));
    if (previous && unchanged(previous, next)) return;
    // The index first: should the process die in between, the next turn finds the reference
    // changed and writes both again.
    if (next.conversationType === 'personal' && next.tenantId && next.aadObjectId) {
      await this.conversations.upsert(`p:${next.tenantId}`, next.aadObjectId, next);
    }
    await this.conversations.upsert(`c:${key}`, ROW, next);
    this.#recent.set(key, next);
  }

  async get(key: string): Promise<StoredConversation | undefined> {
    const stored = (await this.conversations.get(`c:${key}`, ROW))?.value;
    if (stored) this.#recent.set(key, stored);
    return stored;
  }

  /** The latest personal conversation of each of these users (ids compared case-insensitively), newest first. */
  async personalOf(tenantId: string, aadObjectIds: string[]): Promise<StoredConversation[]> {
    const partition = `p:${tenantId.toLowerCase()}`;
    const ids = [...new Set(aadObjectIds.map((id) => id.toLowerCase()))];
    const found = await Promise.all(ids.map((id) => this.conversations.get(partition, id)));
    return found.flatMap((entry) => (entry ? [entry.value] : [])).sort(byUpdatedDesc);
  }

  /** The latest personal conversation of each user in this tenant (compared case-insensitively), newest first. */
  async personalInTenant(tenantId: string): Promise<StoredConversation[]> {
    const rows = await this.conversations.list(`p:${tenantId.toLowerCase()}`);
    return rows.map((row) => row.value).sort(byUpdatedDesc);
  }

  async getSetting(name: string): Promise<string | undefined> {
    return (await this.settings.get('setting', name))?.value.value;
  }

  async setSetting(name: string, value: string): Promise<void> {
    await this.settings.upsert('setting', name, { value });
  }

  /**
   * Records that the reminder `reminderKey` was sent at `at`: true the first time, false whenever
   * it is already recorded, across restarts and processes.
   */
  async markSent(reminderKey: string, at: string): Promise<boolean> {
    return (await this.settings.insert('sent', reminderKey, { value: at })) !== undefined;
  }

  async releaseSent(reminderKey: string, at: string): Promise<boolean> {
    const mark = await this.settings.get('sent', reminderKey);
    if (!mark || mark.value.value !== at) return false;
    return this.settings.delete('sent', reminderKey, mark.etag);
  }
}

/** Newest `updatedAt` first. */
const byUpdatedDesc = (a: StoredConversation, b: StoredConversation) => (Date.parse(b.updatedAt) || 0) - (Date.parse(a.updatedAt) || 0);
