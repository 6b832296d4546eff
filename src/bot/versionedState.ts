/**
 * Bot state for several bot instances on one store. Bot Framework's `BotState.saveChanges` writes
 * with `eTag: '*'` (botbuilder-core 4.23: last writer wins), so when two instances run turns of one
 * conversation at once the later write silently replaces the earlier one, a dialog stack included.
 *
 * {@link VersionedState} is a `BotState` that remembers, for the turn, the eTag each key was read
 * with, and writes with it: a key read as absent is written create-only ({@link CREATE_ONLY}), so a
 * concurrent first turn conflicts too. On a conflict it reads the stored item again and lays this
 * turn's changes over it property by property: a property only this turn changed takes this turn's
 * value, one only the other turn changed keeps the other's. A property both changed, to different
 * values, is a real conflict ({@link StateConflictError}); the stored item is kept as it is (the
 * first writer wins) and the caller decides what to tell the user. Properties declared
 * `lastWriterWins` never conflict: either value is right (e.g. the bot's last answer).
 *
 * The keys are the SDK's own (`ConversationState`, `PrivateConversationState`), so state written
 * before stays readable.
 */
import { BotState, ConversationState, PrivateConversationState, type Storage, type TurnContext } from 'botbuilder';
import { CREATE_ONLY, PreconditionFailedError, type KeyValueStore, type StoreItem } from '../store/types.js';

/** Two turns changed the same property of one state item at once; the other turn's value was kept. */
export class StateConflictError extends Error {
  /**
   * @param key the storage key.
   * @param properties the properties both turns changed (empty: the item kept changing while this
   *   turn tried to merge).
   */
  constructor(
    readonly key: string,
    readonly properties: readonly string[],
  ) {
    super(`state ${key} was changed by another turn at the same time (${properties.join(', ') || 'repeatedly'}); kept that one`);
    this.name = 'StateConflictError';
  }
}

export interface VersionedStateOptions {
  /** Properties that never conflict: when two turns changed one at once, the later write wins. */
  lastWriterWins?: readonly string[];
}

/** One state item as this turn holds it. */
interface TurnCopy {
  key: string;
  /** What the turn reads and changes (the accessors' object), without the eTag. */
  state: Record<string, unknown>;
  /** Each property as JSON when it was read or last written: what the turn changed is told from it. */
  base: Map<string, string>;
  /** The eTag it was read or last written with; undefined when the key held nothing. */
  eTag: string | undefined;
}

/** How often a conflicting write is merged and tried again before it counts as a conflict. */
const MERGE_ATTEMPTS = 3;

const json = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value));

function snapshot(state: Record<string, unknown>): Map<string, string> {
  const base = new Map<string, string>();
  for (const [name, value] of Object.entries(state)) {
    const text = json(value);
    if (text !== undefined) base.set(name, text);
  }
  return base;
}

/** The properties whose value differs from what was read. */
function changedProperties(copy: TurnCopy): string[] {
  const changed: string[] = [];
  for (const [name, value] of Object.entries(copy.state)) if (json(value) !== copy.base.get(name)) changed.push(name);
  for (const name of copy.base.keys()) if (!(name in copy.state)) changed.push(name);
  return changed;
}

/** Replaces the contents of `target` (kept as the same object: accessors and callers may hold it). */
function replaceContents(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const name of Object.keys(target)) delete target[name];
  Object.assign(target, source);
}

export class VersionedState extends BotState {
  private readonly turnKey = Symbol('versioned state');
  private readonly lastWriterWins: ReadonlySet<string>;

  /** @param keyOf the storage key of the turn's item (e.g. per conversation, or per user and conversation). */
  constructor(
    private readonly store: KeyValueStore,
    private readonly keyOf: (context: TurnContext) => string,
    options: VersionedStateOptions = {},
  ) {
    // The base class's own storage calls are all overridden here; it gets a plain view of the store.
    super(storageView(store), async (context) => keyOf(context));
    this.lastWriterWins = new Set(options.lastWriterWins ?? []);
  }

  /** Reads the turn's item (once per turn, unless `force`) and remembers the eTag it was read with. */
  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = context.turnState.get(this.turnKey) as TurnCopy | undefined;
    if (cached && !force) return cached.state;
    const key = this.keyOf(context);
    const items = await this.store.read([key]);
    return this.keep(context, key, items[key]).state;
  }

  /**
   * Writes the turn's changes (all of them with `force`) with the eTag they were read with; on a
   * conflict, merges them into what is stored now (see the file comment) and writes again.
   * @throws StateConflictError when both this turn and another changed the same property; the
   *   turn's copy is then what is stored (nothing of this turn's was written).
   */
  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    let copy = context.turnState.get(this.turnKey) as TurnCopy | undefined;
    if (!copy) {
      if (!force) return;
      await this.load(context);
      copy = context.turnState.get(this.turnKey) as TurnCopy;
    }
    if (!force && changedProperties(copy).length === 0) return;
    try {
      await this.write(copy, copy.state, copy.eTag);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      await this.merge(copy);
    }
  }

  /**
   * Writes the turn's changes only if nobody wrote the item since this turn read it, with no
   * merging: for what must happen once (the welcome). On a conflict the turn's copy becomes what is
   * stored now (this turn's changes to it are dropped) and the result is false.
   */
  async saveIfUnchanged(context: TurnContext): Promise<boolean> {
    await this.load(context);
    const copy = context.turnState.get(this.turnKey) as TurnCopy;
    if (changedProperties(copy).length === 0) return true;
    try {
      await this.write(copy, copy.state, copy.eTag);
      return true;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      await this.load(context, true);
      return false;
    }
  }

  /** Empties the turn's item; the next save writes that (conditionally, like any change). */
  override async clear(context: TurnContext): Promise<void> {
    replaceContents(await this.load(context), {});
  }

  /** Removes the turn's item from the store and forgets the turn's copy. */
  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.turnKey);
    await this.store.delete([this.keyOf(context)]);
  }

  /**
   * Removes the turn's item only if it is still the one this turn read (or last wrote), and forgets
   * the turn's copy: what a failed turn resets, without removing what another instance's turn
   * stored meanwhile (a newer dialog stack, which did not fail). Nothing is removed when this turn
   * never loaded the item, or read it as absent.
   * @returns whether the item was removed.
   */
  async deleteIfUnchanged(context: TurnContext): Promise<boolean> {
    const copy = context.turnState.get(this.turnKey) as TurnCopy | undefined;
    context.turnState.delete(this.turnKey);
    if (copy?.eTag === undefined) return false;
    return this.store.deleteIfMatch(copy.key, copy.eTag);
  }

  /** The turn's copy, if it was loaded. */
  override get(context: TurnContext): Record<string, unknown> | undefined {
    return (context.turnState.get(this.turnKey) as TurnCopy | undefined)?.state;
  }

  private keep(context: TurnContext, key: string, item: StoreItem | undefined): TurnCopy {
    const { eTag, ...state } = item ?? {};
    const copy: TurnCopy = { key, state, base: snapshot(state), eTag };
    context.turnState.set(this.turnKey, copy);
    return copy;
  }

  private async write(copy: TurnCopy, state: Record<string, unknown>, eTag: string | undefined): Promise<void> {
    const written = await this.store.write({ [copy.key]: { ...state, eTag: eTag ?? CREATE_ONLY } });
    if (state !== copy.state) replaceContents(copy.state, state);
    copy.eTag = written[copy.key];
    copy.base = snapshot(copy.state);
  }

  /** This turn's changes over what another turn stored meanwhile, written with that item's eTag. */
  private async merge(copy: TurnCopy): Promise<void> {
    for (let attempt = 0; attempt < MERGE_ATTEMPTS; attempt++) {
      const { eTag, ...theirs } = (await this.store.read([copy.key]))[copy.key] ?? {};
      const merged: Record<string, unknown> = {};
      const clashes: string[] = [];
      for (const name of new Set([...copy.base.keys(), ...Object.keys(copy.state), ...Object.keys(theirs)])) {
        const base = copy.base.get(name);
        const ours = json(copy.state[name]);
        const other = json(theirs[name]);
        if (ours === base) {
          if (other !== undefined) merged[name] = theirs[name];
        } else if (other === base || other === ours || this.lastWriterWins.has(name)) {
          if (ours !== undefined) merged[name] = copy.state[name];
        } else {
          clashes.push(name);
        }
      }
      if (clashes.length > 0) {
        this.adopt(copy, theirs, eTag);
        throw new StateConflictError(copy.key, clashes);
      }
      try {
        await this.write(copy, merged, eTag);
        return;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
    const { eTag, ...stored } = (await this.store.read([copy.key]))[copy.key] ?? {};
    this.adopt(copy, stored, eTag);
    throw new StateConflictError(copy.key, []);
  }

  /** Makes what is stored the turn's copy. */
  private adopt(copy: TurnCopy, stored: Record<string, unknown>, eTag: string | undefined): void {
    replaceContents(copy.state, stored);
    copy.eTag = eTag;
    copy.base = snapshot(copy.state);
  }
}

/** The store as botbuilder's `Storage` (whose `write` resolves with nothing). */
function storageView(store: KeyValueStore): Storage {
  return {
    read: (keys) => store.read(keys),
    write: async (changes) => void (await store.write(changes)),
    delete: (keys) => store.delete(keys),
  };
}

/** The SDK's keys, taken from its own classes (only their key functions are used). */
const keys = {
  conversation: new ConversationState(storageView({ read: async () => ({}), write: async () => ({}), delete: async () => {}, deleteIfMatch: async () => false })),
  private: new PrivateConversationState(storageView({ read: async () => ({}), write: async () => ({}), delete: async () => {}, deleteIfMatch: async () => false })),
};

function keyOrThrow(key: string | undefined, what: string): string {
  if (!key) throw new Error(`${what}: the activity has no channel or conversation id`);
  return key;
}

/** Conversation state (one item per conversation) with eTag-checked writes; `ConversationState`'s keys. */
export function versionedConversationState(store: KeyValueStore, options?: VersionedStateOptions): VersionedState {
  return new VersionedState(store, (context) => keyOrThrow(keys.conversation.getStorageKey(context), 'conversation state'), options);
}

/** Per user and conversation state with eTag-checked writes; `PrivateConversationState`'s keys. */
export function versionedPrivateConversationState(store: KeyValueStore, options?: VersionedStateOptions): VersionedState {
  return new VersionedState(store, (context) => keyOrThrow(keys.private.getStorageKey(context), 'private conversation state'), options);
}
