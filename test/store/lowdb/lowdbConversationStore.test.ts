import { expect } from 'chai';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbConversationStore } from '../../../src/store/lowdb/lowdbConversationStore.js';
import { CorruptDataFileError } from '../../../src/store/lowdb/lowdbDirectoryStore.js';
import type { StoredConversation } from '../../../src/store/types.js';

const CONTOSO = '6F0E1A52-3C1D-4E7B-9A40-2B8D5C7E9F01';
const WOODGROVE = '0b7c9e24-8d3f-4a55-b1e2-7c4d6a9f3e12';
const ALICE = 'AAAA-0001';
const BOB = 'bbbb-0002';

function conversation(key: string, more: Partial<StoredConversation> = {}): StoredConversation {
  return {
    key,
    reference: { conversation: { id: key }, serviceUrl: 'https://smba.example/emea/', channelId: 'msteams' },
    aadObjectId: ALICE,
    tenantId: CONTOSO,
    conversationType: 'personal',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...more,
  };
}

describe('LowdbConversationStore', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-conversations-'));
    file = join(dir, 'conversations.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('upserts and gets a copy, with aadObjectId and tenantId lower-cased, and keeps it across reopen', async () => {
    const store = await LowdbConversationStore.open(file);
    const input = conversation('a:1');
    await store.upsert(input);
    (input.reference as { serviceUrl: string }).serviceUrl = 'changed by the caller';
    const expected = { ...conversation('a:1'), aadObjectId: ALICE.toLowerCase(), tenantId: CONTOSO.toLowerCase() };
    const got = (await store.get('a:1'))!;
    expect(got).to.deep.equal(expected);
    got.reference.serviceUrl = 'changed by the reader';
    expect(await store.get('a:1')).to.deep.equal(expected);
    expect(await store.get('a:unknown')).to.equal(undefined);

    const disk = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(disk).to.deep.equal({ schemaVersion: 1, conversations: { 'a:1': expected }, settings: {}, sent: {} });
    expect(await (await LowdbConversationStore.open(file)).get('a:1')).to.deep.equal(expected);
  });

  it('replaces a conversation on upsert', async () => {
    const store = await LowdbConversationStore.open(file);
    await store.upsert(conversation('a:1'));
    await store.upsert(conversation('a:1', { reference: { v: 2 }, updatedAt: '2026-11-01T10:01:00.000Z' }));
    expect((await store.get('a:1'))!.reference).to.deep.equal({ v: 2 });
  });

  describe('skips the file write on a repeated upsert', () => {
    const cases: [string, Partial<StoredConversation>, boolean][] = [
      ['identical', {}, false],
      ['only updatedAt, 59 minutes newer', { updatedAt: '2026-11-01T10:59:00.000Z' }, false],
      ['only updatedAt, older', { updatedAt: '2026-11-01T09:00:00.000Z' }, false],
      ['only the case of the ids', { aadObjectId: ALICE.toUpperCase(), tenantId: CONTOSO.toLowerCase() }, false],
      ['only updatedAt, 1 hour newer', { updatedAt: '2026-11-01T11:00:00.000Z' }, true],
      ['the reference', { reference: { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/amer/' } }, true],
      ['the conversation type', { conversationType: 'groupChat' }, true],
      ['the tenant', { tenantId: WOODGROVE }, true],
    ];
    for (const [what, change, writes] of cases) {
      it(`${writes ? 'writes' : 'does not write'} when the change is ${what}`, async () => {
        const store = await LowdbConversationStore.open(file);
        await store.upsert(conversation('a:1'));
        const before = await readFile(file, 'utf8');
        const mtime = (await stat(file)).mtimeMs;
        await new Promise((resolve) => setTimeout(resolve, 20));
        await store.upsert(conversation('a:1', change));
        expect((await readFile(file, 'utf8')) !== before || (await stat(file)).mtimeMs !== mtime).to.equal(writes);
      });
    }
  });

  it('finds personal conversations by user and by tenant, case-insensitively, newest first', async () => {
    const store = await LowdbConversationStore.open(file);
    await store.upsert(conversation('a:alice', { updatedAt: '2026-11-01T10:00:00Z' }));
    await store.upsert(conversation('a:bob', { aadObjectId: BOB, updatedAt: '2026-11-02T10:00:00Z' }));
    await store.upsert(conversation('19:channel', { conversationType: 'channel' }));
    await store.upsert(conversation('19:group', { conversationType: 'groupChat', aadObjectId: BOB }));
    await store.upsert(conversation('a:carol', { aadObjectId: 'cccc-3', tenantId: WOODGROVE }));
    await store.upsert(conversation('a:nobody', { aadObjectId: undefined, tenantId: undefined }));

    const keys = (list: StoredConversation[]) => list.map((c) => c.key);
    expect(keys(await store.personalOf([ALICE.toLowerCase(), BOB.toUpperCase()]))).to.deep.equal(['a:bob', 'a:alice']);
    expect(keys(await store.personalOf(['CCCC-3']))).to.deep.equal(['a:carol']);
    expect(keys(await store.personalOf([]))).to.deep.equal([]);
    expect(keys(await store.personalInTenant(CONTOSO.toLowerCase()))).to.deep.equal(['a:bob', 'a:alice']);
    expect(keys(await store.personalInTenant(WOODGROVE.toUpperCase()))).to.deep.equal(['a:carol']);
    expect(keys(await store.personalInTenant('unknown'))).to.deep.equal([]);
  });

  it('keeps settings across reopen, and does not write an unchanged one', async () => {
    const store = await LowdbConversationStore.open(file);
    expect(await store.getSetting('helpdeskChannel')).to.equal(undefined);
    await store.setSetting('helpdeskChannel', '19:abc@thread.tacv2');
    const before = await readFile(file, 'utf8');
    await store.setSetting('helpdeskChannel', '19:abc@thread.tacv2');
    expect(await readFile(file, 'utf8')).to.equal(before);
    const reopened = await LowdbConversationStore.open(file);
    expect(await reopened.getSetting('helpdeskChannel')).to.equal('19:abc@thread.tacv2');
    expect(await reopened.getSetting('constructor')).to.equal(undefined);
  });

  it('markSent is true once per key, also across reopen', async () => {
    const store = await LowdbConversationStore.open(file);
    expect(await store.markSent('expiry:tenant:30d', '2026-11-01T08:00:00Z')).to.equal(true);
    expect(await store.markSent('expiry:tenant:30d', '2026-11-02T08:00:00Z')).to.equal(false);
    expect(await store.markSent('expiry:tenant:7d', '2026-11-02T08:00:00Z')).to.equal(true);
    const reopened = await LowdbConversationStore.open(file);
    expect(await reopened.markSent('expiry:tenant:30d', '2026-11-03T08:00:00Z')).to.equal(false);
    expect(await reopened.markSent('expiry:tenant:7d', '2026-11-03T08:00:00Z')).to.equal(false);
    const disk = JSON.parse(await readFile(file, 'utf8')) as { sent: Record<string, string> };
    expect(disk.sent).to.deep.equal({ 'expiry:tenant:30d': '2026-11-01T08:00:00Z', 'expiry:tenant:7d': '2026-11-02T08:00:00Z' });
  });

  it('markSent called concurrently for one key is true exactly once', async () => {
    const store = await LowdbConversationStore.open(file);
    const results = await Promise.all(Array.from({ length: 5 }, () => store.markSent('k', '2026-11-01T08:00:00Z')));
    expect(results.filter(Boolean)).to.have.length(1);
  });

  describe('when the file cannot be written', () => {
    it('upsert rejects and memory keeps the previous conversation', async () => {
      const store = await LowdbConversationStore.open(file);
      await store.upsert(conversation('a:1'));
      await rm(dir, { recursive: true });
      const changed = conversation('a:1', { reference: { v: 2 } });
      expect(((await store.upsert(changed).catch((e: unknown) => e)) as NodeJS.ErrnoException).code).to.equal('ENOENT');
      expect(((await store.upsert(conversation('a:2')).catch((e: unknown) => e)) as NodeJS.ErrnoException).code).to.equal('ENOENT');
      expect((await store.get('a:1'))!.reference).to.deep.equal(conversation('a:1').reference);
      expect(await store.get('a:2')).to.equal(undefined);
    });

    it('markSent rejects, and a later call can still claim the key', async () => {
      const store = await LowdbConversationStore.open(file);
      await store.setSetting('x', '1');
      await rm(dir, { recursive: true });
      const error = await store.markSent('k', '2026-11-01T08:00:00Z').catch((e: unknown) => e);
      expect((error as NodeJS.ErrnoException).code).to.equal('ENOENT');
      expect(((await store.setSetting('x', '2').catch((e: unknown) => e)) as NodeJS.ErrnoException).code).to.equal('ENOENT');
      expect(await store.getSetting('x')).to.equal('1');
      await mkdir(dir);
      expect(await store.markSent('k', '2026-11-01T09:00:00Z')).to.equal(true);
    });
  });

  it('refuses writes after refuseWrites(), and still reads', async () => {
    const store = await LowdbConversationStore.open(file);
    await store.upsert(conversation('a:1'));
    const reason = new Error('lock lost');
    store.refuseWrites(reason);
    const attempts: [string, Promise<unknown>][] = [
      ['upsert', store.upsert(conversation('a:2'))],
      ['setSetting', store.setSetting('x', '1')],
      ['markSent', store.markSent('k', '2026-11-01T08:00:00Z')],
    ];
    for (const [what, attempt] of attempts) expect(await attempt.catch((e: unknown) => e), what).to.equal(reason);
    expect((await store.get('a:1'))!.key).to.equal('a:1');
  });

  const invalid: [string, Partial<StoredConversation>, string][] = [
    ['no key', { key: '' }, 'without a key'],
    ['no reference', { reference: undefined as unknown as Record<string, unknown> }, '"reference"'],
    ['an updatedAt that is no timestamp', { updatedAt: 'now' }, '"updatedAt"'],
  ];
  for (const [what, change, message] of invalid) {
    it(`rejects a conversation with ${what}`, async () => {
      const store = await LowdbConversationStore.open(file);
      const error = await store.upsert(conversation('a:1', change)).catch((e: unknown) => e);
      expect((error as Error).message).to.contain(message);
    });
  }

  it('refuses a file in an unknown layout and leaves it alone', async () => {
    const text = '{"schemaVersion":1,"conversations":{}}';
    await writeFile(file, text);
    const error = await LowdbConversationStore.open(file).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(CorruptDataFileError);
    expect((error as Error).message).to.contain('"settings"');
    expect(await readFile(file, 'utf8')).to.equal(text);
  });
});
