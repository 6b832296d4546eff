/**
 * Conversation references (for proactive messages), small settings and sent-reminder marks on lowdb,
 * in `<dataDir>/conversations.json`.
 *
 * On disk:
 * ```json
 * { "schemaVersion": 1,
 *   "conversations": { "<conversation.id>": StoredConversation },
 *   "settings": { "<name>": "<value>" },
 *   "sent": { "<reminderKey>": "<ISO timestamp it was marked>" } }
 * ```
 * `aadObjectId` and `tenantId` are stored lower-case. The bot upserts the conversation on every
 * turn; an upsert that changes nothing but a less than {@link CONVERSATION_REFRESH_MS} newer
 * `updatedAt` is not written, so chatting does not rewrite the file per message.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ConversationStore, StoredConversation } from '../types.js';
import { emptyDict, isPlainObject, jsonCopy, LowdbFile, setEntry, type Dict } from './lowdbFile.js';

/** An upsert whose only change is an `updatedAt` newer by less than this is skipped. */
export const CONVERSATION_REFRESH_MS = 60 * 60 * 1000;

/** The layout of `conversations.json`. */
interface ConversationData {
  schemaVersion: 1;
  conversations: Dict<StoredConversation>;
  settings: Dict<string>;
  sent: Dict<string>;
}

function checkConversationLayout(data: Record<string, unknown>): string | undefined {
  if (data.schemaVersion !== 1) return `schemaVersion is ${JSON.stringify(data.schemaVersion)}, expected 1`;
  if (!isPlainObject(data.conversations)) return '"conversations" is not an object keyed by conversation id';
  if (!isPlainObject(data.settings)) return '"settings" is not an object';
  if (!isPlainObject(data.sent)) return '"sent" is not an object keyed by reminder key';
  return undefined;
}

const lower = (value: string | undefined) => value?.toLowerCase();

/** Newest `updatedAt` first. */
const byUpdatedDesc = (a: StoredConversation, b: StoredConversation) =>
  (Date.parse(b.updatedAt) || 0) - (Date.parse(a.updatedAt) || 0);

/** {@link ConversationStore} on lowdb. Open it with {@link LowdbConversationStore.open}. */
export class LowdbConversationStore implements ConversationStore {
  readonly #db: LowdbFile<ConversationData>;
  /** markSent calls whose write is in flight, by reminder key. */
  readonly #marking = new Map<string, Promise<boolean>>();
  /** The JSON file this store keeps. */
  readonly file: string;

  private constructor(db: LowdbFile<ConversationData>) {
    this.#db = db;
    this.file = db.file;
  }

  /**
   * Reads `file` (usually `<dataDir>/conversations.json`); a missing file is an empty store.
   * @throws CorruptDataFileError when the file is not valid JSON or not in the layout above.
   */
  static async open(file: string): Promise<LowdbConversationStore> {
    const db = await LowdbFile.open<ConversationData>(file, {
      empty: () => ({ schemaVersion: 1, conversations: emptyDict(), settings: emptyDict(), sent: emptyDict() }),
      check: checkConversationLayout,
      dicts: ['conversations', 'settings', 'sent'],
    });
    return new LowdbConversationStore(db);
  }

  /**
   * Stores a copy of the conversation under its `key` (ids lower-cased). Skips the write when only
   * `updatedAt` changed, by less than {@link CONVERSATION_REFRESH_MS}.
   * @throws Error when `key`, `reference` or `updatedAt` is missing or invalid.
   */
  async upsert(conversation: StoredConversation): Promise<void> {
    this.#db.assertWritable();
    const { key, reference, updatedAt } = conversation;
    if (typeof key !== 'string' || key === '') throw new Error('Cannot store a conversation without a key');
    if (!isPlainObject(reference)) throw new Error(`Cannot store conversation ${key}: "reference" is not an object`);
    if (typeof updatedAt !== 'string' || Number.isNaN(Date.parse(updatedAt))) {
      throw new Error(`Cannot store conversation ${key}: "updatedAt" is not a timestamp (${JSON.stringify(updatedAt)})`);
    }
    const next = jsonCopy({
      ...conversation,
      aadObjectId: lower(conversation.aadObjectId),
      tenantId: lower(conversation.tenantId),
    });
    const { conversations } = this.#db.data;
    const previous = conversations[key];
    if (previous && unchanged(previous, next)) return;
    await this.#db.save(setEntry(conversations, key, next));
  }

  async get(key: string): Promise<StoredConversation | undefined> {
    const stored = this.#db.data.conversations[key];
    return stored && jsonCopy(stored);
  }

  /** Personal conversations of these users (ids compared case-insensitively), newest first. */
  async personalOf(aadObjectIds: string[]): Promise<StoredConversation[]> {
    const ids = new Set(aadObjectIds.map((id) => id.toLowerCase()));
    return this.#personal((c) => c.aadObjectId !== undefined && ids.has(c.aadObjectId));
  }

  /** Personal conversations of users in this tenant (compared case-insensitively), newest first. */
  async personalInTenant(tenantId: string): Promise<StoredConversation[]> {
    const tenant = tenantId.toLowerCase();
    return this.#personal((c) => c.tenantId === tenant);
  }

  async getSetting(name: string): Promise<string | undefined> {
    return this.#db.data.settings[name];
  }

  /** Stores the setting; writes nothing when it already has this value. */
  async setSetting(name: string, value: string): Promise<void> {
    this.#db.assertWritable();
    const { settings } = this.#db.data;
    if (settings[name] === value) return;
    await this.#db.save(setEntry(settings, name, value));
  }

  /**
   * Records that the reminder `reminderKey` was sent at `at`: true the first time (once the mark is
   * on disk), false whenever it is already recorded, across restarts. Concurrent calls for one key
   * wait for the first: if its write fails, it rejects and the next call may claim the key.
   */
  async markSent(reminderKey: string, at: string): Promise<boolean> {
    this.#db.assertWritable();
    for (let pending = this.#marking.get(reminderKey); pending; pending = this.#marking.get(reminderKey)) {
      await pending.catch(() => false);
    }
    this.#db.assertWritable();
    const { sent } = this.#db.data;
    if (sent[reminderKey] !== undefined) return false;
    const marking = this.#db.save(setEntry(sent, reminderKey, at)).then(() => true);
    this.#marking.set(reminderKey, marking);
    const forget = () => {
      if (this.#marking.get(reminderKey) === marking) this.#marking.delete(reminderKey);
    };
    marking.then(forget, forget);
    return marking;
  }

  /** Waits until every write started so far has reached the disk (or failed). */
  flush(): Promise<void> {
    return this.#db.flush();
  }

  /**
   * Makes the store read-only: from now on `upsert`, `setSetting` and `markSent` reject with
   * `reason` (reads keep working). `openDataDir` calls it when the data directory lock is lost.
   */
  refuseWrites(reason: Error): void {
    this.#db.refuse(reason);
  }

  #personal(belongs: (c: StoredConversation) => boolean): StoredConversation[] {
    return Object.values(this.#db.data.conversations)
      .filter((c) => c.conversationType === 'personal' && belongs(c))
      .sort(byUpdatedDesc)
      .map((c) => jsonCopy(c));
  }
}

/** True when `next` differs from `stored` only by an `updatedAt` less than the refresh interval newer. */
function unchanged(stored: StoredConversation, next: StoredConversation): boolean {
  const age = Date.parse(next.updatedAt) - Date.parse(stored.updatedAt);
  if (!(age < CONVERSATION_REFRESH_MS)) return false;
  return isDeepStrictEqual({ ...stored, updatedAt: '' }, { ...next, updatedAt: '' });
}
