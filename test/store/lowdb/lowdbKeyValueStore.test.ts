import { expect } from 'chai';
import { ConversationState, TestAdapter, type TurnContext } from 'botbuilder';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorruptDataFileError } from '../../../src/store/lowdb/lowdbDirectoryStore.js';
import { LowdbKeyValueStore } from '../../../src/store/lowdb/lowdbKeyValueStore.js';
import { PreconditionFailedError } from '../../../src/store/types.js';

/** A clock the test moves by hand. */
function manualClock(iso: string) {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (next: string) => {
      now = new Date(next);
    },
  };
}

interface StateFile {
  schemaVersion: number;
  items: Record<string, { value: Record<string, unknown>; lastWrite: string }>;
}

describe('LowdbKeyValueStore', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-state-'));
    file = join(dir, 'state.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const onDisk = async () => JSON.parse(await readFile(file, 'utf8')) as StateFile;

  it('reads only the keys that are stored', async () => {
    const store = await LowdbKeyValueStore.open(file);
    await store.write({ a: { n: 1 }, b: { n: 2 } });
    const read = await store.read(['a', 'missing', 'b']);
    expect(Object.keys(read).sort()).to.deep.equal(['a', 'b']);
    expect(read.a).to.include({ n: 1 });
    expect(await store.read([])).to.deep.equal({});
    expect(await store.read(['constructor', '__proto__'])).to.deep.equal({});
  });

  it('assigns a new eTag on every write and never returns the internal lastWrite', async () => {
    const store = await LowdbKeyValueStore.open(file);
    await store.write({ a: { n: 1, eTag: 'mine' } });
    const first = (await store.read(['a'])).a!;
    expect(first.eTag).to.be.a('string').and.not.equal('mine');
    expect(first).to.deep.equal({ n: 1, eTag: first.eTag });
    await store.write({ a: { n: 2, eTag: first.eTag } });
    const second = (await store.read(['a'])).a!;
    expect(second.n).to.equal(2);
    expect(second.eTag).not.to.equal(first.eTag);
  });

  describe('optimistic concurrency (as MemoryStorage)', () => {
    const cases: [what: string, eTag: string | undefined, conflict: boolean][] = [
      ['the stored eTag', 'STORED', false],
      ['"*"', '*', false],
      ['no eTag', undefined, false],
      ['a stale eTag', 'stale', true],
    ];
    for (const [what, eTag, conflict] of cases) {
      it(`a write of a stored key with ${what} ${conflict ? 'is rejected' : 'succeeds'}`, async () => {
        const store = await LowdbKeyValueStore.open(file);
        await store.write({ a: { n: 1 } });
        const stored = (await store.read(['a'])).a!.eTag;
        const item = { n: 2, ...(eTag !== undefined && { eTag: eTag === 'STORED' ? stored : eTag }) };
        const error = await store.write({ a: item }).then(() => undefined, (e: unknown) => e);
        if (conflict) {
          expect(error).to.be.instanceOf(PreconditionFailedError);
          expect((error as PreconditionFailedError).key).to.equal('a');
        } else {
          expect(error).to.equal(undefined);
        }
        expect((await store.read(['a'])).a!.n).to.equal(conflict ? 1 : 2);
      });
    }

    it('writes a new key even when the item carries an eTag', async () => {
      const store = await LowdbKeyValueStore.open(file);
      await store.write({ fresh: { n: 1, eTag: 'from-elsewhere' } });
      expect((await store.read(['fresh'])).fresh!.n).to.equal(1);
    });

    it('writes nothing of a batch in which one key conflicts', async () => {
      const store = await LowdbKeyValueStore.open(file);
      await store.write({ a: { n: 1 }, b: { n: 1 } });
      const before = await readFile(file, 'utf8');
      const error = await store.write({ a: { n: 2 }, b: { n: 2, eTag: 'stale' } }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(PreconditionFailedError);
      const read = await store.read(['a', 'b']);
      expect([read.a!.n, read.b!.n]).to.deep.equal([1, 1]);
      expect(await readFile(file, 'utf8')).to.equal(before);
    });
  });

  it('copies items in and out', async () => {
    const store = await LowdbKeyValueStore.open(file);
    const item = { dialog: { stack: ['main'] } };
    await store.write({ a: item });
    item.dialog.stack.push('written-after');
    const read = (await store.read(['a'])).a as { dialog: { stack: string[] } };
    read.dialog.stack.push('mutated-result');
    expect(((await store.read(['a'])).a as { dialog: { stack: string[] } }).dialog.stack).to.deep.equal(['main']);
  });

  it('stores items as JSON, the same in memory as after a restart', async () => {
    const store = await LowdbKeyValueStore.open(file);
    await store.write({ a: { when: new Date('2026-11-24T10:00:00Z'), gone: undefined } });
    const inMemory = (await store.read(['a'])).a!;
    const reopened = await (await LowdbKeyValueStore.open(file)).read(['a']);
    expect(inMemory.when).to.equal('2026-11-24T10:00:00.000Z');
    expect(inMemory).not.to.have.property('gone');
    expect(reopened.a).to.deep.equal(inMemory);
  });

  it('persists to its own file, with lastWrite recorded per item', async () => {
    const clock = manualClock('2026-11-24T10:00:00Z');
    const store = await LowdbKeyValueStore.open(file, { now: clock.now });
    await store.write({ 'msteams/conversations/19:abc': { n: 1 } });
    const data = await onDisk();
    expect(data.schemaVersion).to.equal(1);
    const entry = data.items['msteams/conversations/19:abc']!;
    expect(entry.lastWrite).to.equal('2026-11-24T10:00:00.000Z');
    expect(entry.value.n).to.equal(1);
    expect(entry.value.eTag).to.be.a('string');
  });

  it('deletes keys and ignores unknown ones', async () => {
    const store = await LowdbKeyValueStore.open(file);
    await store.write({ a: { n: 1 }, b: { n: 2 } });
    await store.delete(['a', 'unknown']);
    expect(Object.keys(await store.read(['a', 'b']))).to.deep.equal(['b']);
    expect(Object.keys((await onDisk()).items)).to.deep.equal(['b']);
  });

  describe('when the file cannot be written', () => {
    it('write rejects and leaves memory as before: written keys restored, pruned keys back', async () => {
      const clock = manualClock('2026-11-01T00:00:00Z');
      const store = await LowdbKeyValueStore.open(file, { now: clock.now, maxAgeMs: 60_000 });
      await store.write({ a: { n: 1 }, idle: { n: 1 } });
      clock.set('2026-11-01T00:00:30Z');
      await store.write({ a: { n: 2 } });
      const before = await store.read(['a', 'idle', 'new']);
      clock.set('2026-11-01T00:01:10Z'); // `idle` is now past maxAgeMs and would be pruned
      await rm(dir, { recursive: true }); // the temp file cannot be created: the save fails
      const error = await store.write({ a: { n: 3 }, new: { n: 1 } }).catch((e: unknown) => e);
      expect((error as NodeJS.ErrnoException).code).to.equal('ENOENT');
      expect(await store.read(['a', 'idle', 'new'])).to.deep.equal(before);
      expect(Object.keys(before).sort()).to.deep.equal(['a', 'idle']);
    });

    it('delete rejects and keeps the keys', async () => {
      const store = await LowdbKeyValueStore.open(file);
      await store.write({ a: { n: 1 }, b: { n: 2 } });
      const before = await store.read(['a', 'b']);
      await rm(dir, { recursive: true });
      const error = await store.delete(['a', 'unknown']).catch((e: unknown) => e);
      expect((error as NodeJS.ErrnoException).code).to.equal('ENOENT');
      expect(await store.read(['a', 'b'])).to.deep.equal(before);
    });

    it('prune rejects and keeps the items', async () => {
      const clock = manualClock('2026-11-01T00:00:00Z');
      const store = await LowdbKeyValueStore.open(file, { now: clock.now });
      await store.write({ old: { n: 1 } });
      const before = await store.read(['old']);
      await rm(dir, { recursive: true });
      const error = await store.prune(new Date('2026-12-01T00:00:00Z')).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(Error);
      expect(await store.read(['old'])).to.deep.equal(before);
    });

    it('two overlapping failed writes of the same key leave the original item', async () => {
      const store = await LowdbKeyValueStore.open(file);
      await store.write({ a: { n: 1 } });
      const before = await store.read(['a']);
      await rm(dir, { recursive: true });
      const first = store.write({ a: { n: 2 }, b: { n: 2 } }).catch((e: unknown) => e);
      const second = store.write({ a: { n: 3 } }).catch((e: unknown) => e); // queued behind the first
      expect(await first).to.be.instanceOf(Error);
      expect(await second).to.be.instanceOf(Error);
      expect(await store.read(['a', 'b'])).to.deep.equal(before);
    });
  });

  it('refuses writes after refuseWrites(), and still reads', async () => {
    const store = await LowdbKeyValueStore.open(file);
    await store.write({ a: { n: 1 } });
    const reason = new Error('lock lost');
    store.refuseWrites(reason);
    expect(await store.write({ a: { n: 2 } }).catch((e: unknown) => e)).to.equal(reason);
    expect(await store.delete(['a']).catch((e: unknown) => e)).to.equal(reason);
    expect(await store.prune(new Date()).catch((e: unknown) => e)).to.equal(reason);
    expect((await store.read(['a'])).a!.n).to.equal(1);
  });

  it('prunes items last written before a date, on disk too', async () => {
    const clock = manualClock('2026-10-01T00:00:00Z');
    const store = await LowdbKeyValueStore.open(file, { now: clock.now });
    await store.write({ old: { n: 1 }, renewed: { n: 1 } });
    clock.set('2026-11-20T00:00:00Z');
    await store.write({ renewed: { n: 2 }, recent: { n: 3 } });

    expect(await store.prune(new Date('2026-11-01T00:00:00Z'))).to.equal(1);
    expect(Object.keys(await store.read(['old', 'renewed', 'recent'])).sort()).to.deep.equal(['recent', 'renewed']);
    expect(Object.keys((await onDisk()).items).sort()).to.deep.equal(['recent', 'renewed']);
    expect(await store.prune(new Date('2026-11-01T00:00:00Z'))).to.equal(0);
  });

  it('drops items idle longer than maxAgeMs on each write, keeping the file bounded', async () => {
    const day = 24 * 60 * 60 * 1000;
    const clock = manualClock('2026-11-01T00:00:00Z');
    const store = await LowdbKeyValueStore.open(file, { now: clock.now, maxAgeMs: 7 * day });
    await store.write({ idle: { n: 1 } });
    clock.set('2026-11-05T00:00:00Z');
    await store.write({ active: { n: 1 } });
    expect(Object.keys((await onDisk()).items).sort()).to.deep.equal(['active', 'idle']);
    clock.set('2026-11-09T00:00:00Z');
    await store.write({ active: { n: 2 } });
    expect(Object.keys((await onDisk()).items)).to.deep.equal(['active']);
  });

  it('refuses a corrupt state file, naming it, and keeps the file', async () => {
    await writeFile(file, '{"schemaVersion": 1, "items": ');
    const error = await LowdbKeyValueStore.open(file).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(CorruptDataFileError);
    expect((error as Error).message).to.contain(file);
    expect(await readFile(file, 'utf8')).to.equal('{"schemaVersion": 1, "items": ');
  });

  it("works as Bot Framework's Storage for ConversationState, across a reopen", async () => {
    const count = async (store: LowdbKeyValueStore, times: number): Promise<number> => {
      const state = new ConversationState(store);
      const counter = state.createProperty<number>('turns');
      let last = 0;
      const adapter = new TestAdapter(async (context: TurnContext) => {
        last = (await counter.get(context, 0)) + 1;
        await counter.set(context, last);
        await state.saveChanges(context);
      });
      for (let i = 0; i < times; i++) await adapter.send('hi');
      return last;
    };
    expect(await count(await LowdbKeyValueStore.open(file), 2)).to.equal(2);
    expect(await count(await LowdbKeyValueStore.open(file), 1)).to.equal(3);
  });
});
