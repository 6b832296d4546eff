/**
 * VersionedState on the real state store (the in-memory twin and lmdb): two turns of one
 * conversation, as two bot instances would run them, each with its own TurnContext and state object.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationState, PrivateConversationState, TestAdapter, TurnContext, type Activity, type Storage } from 'botbuilder';
import { StateConflictError, versionedConversationState, versionedPrivateConversationState, type VersionedState } from '../../src/bot/versionedState.js';
import { LmdbBackend, MemoryBackend, createRuntimeStores, type KeyValueStore, type StoreBackend } from '../../src/store/index.js';

const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

const activity: Partial<Activity> = {
  type: 'message',
  channelId: 'msteams',
  conversation: { id: 'a:conv-1', conversationType: 'personal', isGroup: false, name: '' },
  from: { id: '29:user-1', name: 'User' },
  recipient: { id: '28:bot', name: 'Bot' },
  text: 'hi',
};
const KEY = 'msteams/conversations/a:conv-1/users/29:user-1/';
const turn = () => new TurnContext(new TestAdapter(), { ...activity });

for (const kind of ['in-memory twin', 'lmdb'] as const) {
  describe(`bot/versionedState on ${kind}: state written with the eTag read in the turn`, () => {
    let backend: StoreBackend;
    let dir: string | undefined;
    let store: KeyValueStore;
    /** Two bot instances: each its own state object on the shared store. */
    let one: VersionedState;
    let two: VersionedState;
    beforeEach(async () => {
      if (kind === 'lmdb') dir = await mkdtemp(join(tmpdir(), 'psb-versioned-'));
      backend = dir ? new LmdbBackend(join(dir, 'runtime')) : new MemoryBackend();
      store = createRuntimeStores(backend).state;
      one = versionedPrivateConversationState(store, { lastWriterWins: ['lastTopic'] });
      two = versionedPrivateConversationState(store, { lastWriterWins: ['lastTopic'] });
    });
    afterEach(async () => {
      await backend.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const stored = async () => (await store.read([KEY]))[KEY];

    it("botbuilder's own PrivateConversationState writes with eTag '*': the later of two turns silently replaces the earlier one's dialog stack", async () => {
      const storage: Storage = { read: (k) => store.read(k), write: async (c) => void (await store.write(c)), delete: (k) => store.delete(k) };
      const sdk = [new PrivateConversationState(storage), new PrivateConversationState(storage)];
      await store.write({ [KEY]: { dialogState: { stack: ['incident.confirm'] } } });
      const [a, b] = [turn(), turn()];
      (await sdk[0]!.load(a)).dialogState = { stack: [] };
      (await sdk[1]!.load(b)).dialogState = { stack: ['escalation.ask'] };
      await sdk[1]!.saveChanges(b);
      await sdk[0]!.saveChanges(a);
      expect((await stored())!.dialogState, 'the escalation question is gone, and nobody was told').to.deep.equal({ stack: [] });
    });

    it('stores under the keys of the SDK classes, so state stored before stays readable', async () => {
      const storage = {} as Storage;
      const a = turn();
      const sdkKeys = [new ConversationState(storage).getStorageKey(a)!, new PrivateConversationState(storage).getStorageKey(a)!];
      const conversation = versionedConversationState(store);
      (await conversation.load(a)).meta = { welcomed: true };
      (await one.load(a)).dialogState = { stack: [] };
      await Promise.all([conversation.saveChanges(a), one.saveChanges(a)]);
      expect(Object.keys(await store.read(sdkKeys)).sort()).to.deep.equal([...sdkKeys].sort());
      expect(sdkKeys[1]).to.equal(KEY);
    });

    it('the later of two turns that moved the same dialog stack conflicts, and the earlier one stays stored', async () => {
      await store.write({ [KEY]: { dialogState: { stack: ['incident.confirm'] } } });
      const [a, b] = [turn(), turn()];
      (await one.load(a)).dialogState = { stack: [] };
      (await two.load(b)).dialogState = { stack: ['escalation.ask'] };
      await two.saveChanges(b);
      const conflict = await rejection(one.saveChanges(a));
      expect(conflict).to.be.instanceOf(StateConflictError).and.deep.include({ key: KEY, properties: ['dialogState'] });
      expect((await stored())!.dialogState).to.deep.equal({ stack: ['escalation.ask'] });
      expect(one.get(a), "the losing turn now holds what is stored, not its own change").to.deep.equal({ dialogState: { stack: ['escalation.ask'] } });
    });

    it('a key read as absent is created once: the second first turn conflicts instead of overwriting', async () => {
      const [a, b] = [turn(), turn()];
      (await one.load(a)).dialogState = { stack: ['activation.confirm'] };
      (await two.load(b)).dialogState = { stack: ['tiers'] };
      await one.saveChanges(a);
      expect(await rejection(two.saveChanges(b))).to.be.instanceOf(StateConflictError);
      expect((await stored())!.dialogState).to.deep.equal({ stack: ['activation.confirm'] });
    });

    it('changes of different properties are merged; a lastWriterWins property takes the later value', async () => {
      await store.write({ [KEY]: { dialogState: { stack: ['x'] }, lastTopic: { request: 'tiers' } } });
      const [a, b] = [turn(), turn()];
      (await one.load(a)).dialogState = { stack: ['x', 'y'] };
      (await two.load(b)).lastTopic = { request: 'knowledge' };
      await two.saveChanges(b);
      await one.saveChanges(a);
      expect(await stored()).to.deep.include({ dialogState: { stack: ['x', 'y'] }, lastTopic: { request: 'knowledge' } });

      const [c, d] = [turn(), turn()];
      (await one.load(c)).lastTopic = { request: 'supportPlan' };
      delete (await two.load(d)).lastTopic;
      await two.saveChanges(d);
      await one.saveChanges(c);
      expect(await stored()).to.deep.include({ dialogState: { stack: ['x', 'y'] }, lastTopic: { request: 'supportPlan' } });
    });

    it('the same change made by both turns is no conflict, and a turn that changed nothing writes nothing', async () => {
      await store.write({ [KEY]: { dialogState: { stack: ['x'] } } });
      const before = (await stored())!.eTag;
      const idle = turn();
      await one.load(idle);
      await one.saveChanges(idle);
      expect((await stored())!.eTag).to.equal(before);
      const [a, b] = [turn(), turn()];
      (await one.load(a)).dialogState = { stack: [] };
      (await two.load(b)).dialogState = { stack: [] };
      await two.saveChanges(b);
      await one.saveChanges(a);
      expect((await stored())!.dialogState).to.deep.equal({ stack: [] });
    });

    it('a turn writes its item twice with the eTag of its own first write, and a later turn reads that', async () => {
      const a = turn();
      (await one.load(a)).dialogState = { stack: ['a'] };
      await one.saveChanges(a);
      (await one.load(a)).dialogState = { stack: ['a', 'b'] };
      await one.saveChanges(a);
      const b = turn();
      expect(await two.load(b)).to.deep.equal({ dialogState: { stack: ['a', 'b'] } });
    });

    it('saveIfUnchanged writes nothing over a newer item: it says so and the turn holds what is stored', async () => {
      const conversation = [versionedConversationState(store), versionedConversationState(store)];
      const [a, b] = [turn(), turn()];
      (await conversation[0]!.load(a)).meta = { welcomed: true };
      (await conversation[1]!.load(b)).meta = { welcomed: true, lastAnswer: 'Hi' };
      expect(await conversation[1]!.saveIfUnchanged(b)).to.equal(true);
      expect(await conversation[0]!.saveIfUnchanged(a)).to.equal(false);
      expect(conversation[0]!.get(a)).to.deep.equal({ meta: { welcomed: true, lastAnswer: 'Hi' } });
      expect((await store.read(['msteams/conversations/a:conv-1/']))['msteams/conversations/a:conv-1/']).to.deep.include({ meta: { welcomed: true, lastAnswer: 'Hi' } });
    });

    it('a failed turn resets (deleteIfUnchanged) only the item it read: a newer one another turn stored stays', async () => {
      await store.write({ [KEY]: { dialogState: { stack: ['incident.confirm'] } } });
      const [failed, other] = [turn(), turn()];
      (await one.load(failed)).dialogState = { stack: ['broken'] };
      (await two.load(other)).dialogState = { stack: ['escalation.ask'] };
      await two.saveChanges(other);
      expect(await one.deleteIfUnchanged(failed)).to.equal(false);
      expect((await stored())!.dialogState).to.deep.equal({ stack: ['escalation.ask'] });
      // Nobody wrote since this turn read it: removed.
      const again = turn();
      await one.load(again);
      expect(await one.deleteIfUnchanged(again)).to.equal(true);
      expect(await stored()).to.equal(undefined);
      // A turn that never read the item, or read it as absent, removes nothing.
      await store.write({ [KEY]: { dialogState: { stack: ['new'] } } });
      expect(await one.deleteIfUnchanged(turn())).to.equal(false);
      expect((await stored())!.dialogState).to.deep.equal({ stack: ['new'] });
    });

    it('a turn whose item was deleted meanwhile (a failed turn reset it elsewhere) conflicts on what it changed', async () => {
      await store.write({ [KEY]: { dialogState: { stack: ['x'] } } });
      const a = turn();
      (await one.load(a)).dialogState = { stack: ['x', 'y'] };
      await store.delete([KEY]);
      expect(await rejection(one.saveChanges(a))).to.be.instanceOf(StateConflictError);
      expect(await stored()).to.equal(undefined);
    });
  });
}
