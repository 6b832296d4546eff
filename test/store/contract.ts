/**
 * The run-time store contract, as one suite every backend must pass: the {@link EntityTable}
 * primitive and the entity stores built on it (state, ledgers, cases, conversations, activities).
 * Registered for the in-memory twin and lmdb in contract.test.ts (and for any later backend).
 */
import { expect } from 'chai';
import type { BenefitLedger } from '../../src/domain/benefits.js';
import { createRuntimeStores, type TableRuntimeStores } from '../../src/store/runtime/runtimeStores.js';
import { CREATE_ONLY, PreconditionFailedError, type HelpdeskCase, type StoreBackend, type StoredConversation } from '../../src/store/types.js';

export interface BackendUnderTest {
  backend: StoreBackend;
  /** Closes the backend and removes what it wrote. */
  dispose(): Promise<void>;
}

const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

export function storeContract(name: string, open: () => Promise<BackendUnderTest>): void {
  describe(`store contract: ${name}`, function () {
    this.timeout(30_000);
    let opened: BackendUnderTest;
    let stores: TableRuntimeStores;
    let now = new Date('2026-11-24T10:00:00.000Z');
    beforeEach(async () => {
      opened = await open();
      now = new Date('2026-11-24T10:00:00.000Z');
      stores = createRuntimeStores(opened.backend, { now: () => now });
    });
    afterEach(() => opened.dispose());

    describe('EntityTable', () => {
      const table = () => opened.backend.table<Record<string, unknown>>('meta');

      it('inserts once: a second insert writes nothing and says so', async () => {
        expect(await table().get('p', 'r')).to.equal(undefined);
        const etag = await table().insert('p', 'r', { n: 1 });
        expect(etag).to.be.a('string');
        expect(await table().insert('p', 'r', { n: 2 })).to.equal(undefined);
        expect(await table().get('p', 'r')).to.deep.equal({ value: { n: 1 }, etag });
      });

      it('replaces only with the eTag that was read, and a new eTag each time', async () => {
        const first = (await table().insert('p', 'r', { n: 1 }))!;
        const second = await table().replace('p', 'r', { n: 2 }, first);
        expect(second).to.not.equal(first);
        const stale = await rejection(table().replace('p', 'r', { n: 3 }, first));
        expect(stale).to.be.instanceOf(PreconditionFailedError);
        expect((await table().get('p', 'r'))!.value).to.deep.equal({ n: 2 });
        expect(await rejection(table().replace('p', 'gone', { n: 1 }, second))).to.be.instanceOf(PreconditionFailedError);
        expect(await table().get('p', 'gone')).to.equal(undefined);
      });

      it('an eTag is never handed out again, not after a delete and a new insert', async () => {
        const first = (await table().insert('p', 'r', { n: 1 }))!;
        await table().delete('p', 'r');
        await table().insert('p', 'r', { n: 1 });
        expect(await rejection(table().replace('p', 'r', { n: 2 }, first))).to.be.instanceOf(PreconditionFailedError);
      });

      it('stores JSON: a read is a fresh copy, undefined properties are dropped', async () => {
        const value = { list: [1, 2], nested: { a: 'x' }, missing: undefined };
        await table().upsert('p', 'r', value);
        const read = (await table().get('p', 'r'))!.value;
        expect(read).to.deep.equal({ list: [1, 2], nested: { a: 'x' } });
        (read.list as number[]).push(3);
        value.list.push(4);
        expect((await table().get('p', 'r'))!.value).to.deep.equal({ list: [1, 2], nested: { a: 'x' } });
      });

      it('deletes (conditionally when asked) and tells whether it removed something', async () => {
        const etag = (await table().insert('p', 'r', { n: 1 }))!;
        await table().replace('p', 'r', { n: 2 }, etag);
        expect(await table().delete('p', 'r', etag)).to.equal(false);
        expect(await table().get('p', 'r')).to.not.equal(undefined);
        expect(await table().delete('p', 'r')).to.equal(true);
        expect(await table().delete('p', 'r')).to.equal(false);
      });

      it('a batch writes all or nothing within a partition', async () => {
        const a = (await table().insert('p', 'a', { n: 1 }))!;
        await table().insert('p', 'b', { n: 1 });
        const failed = await rejection(
          table().batch('p', [
            { op: 'replace', row: 'a', value: { n: 2 }, ifMatch: a },
            { op: 'insert', row: 'c', value: { n: 1 } },
            { op: 'insert', row: 'b', value: { n: 2 } },
          ]),
        );
        expect(failed).to.be.instanceOf(PreconditionFailedError);
        expect((await table().get('p', 'a'))!.value).to.deep.equal({ n: 1 });
        expect(await table().get('p', 'c')).to.equal(undefined);
        const etags = await table().batch('p', [
          { op: 'replace', row: 'a', value: { n: 2 }, ifMatch: a },
          { op: 'delete', row: 'b' },
          { op: 'upsert', row: 'c', value: { n: 3 } },
        ]);
        expect(etags).to.have.length(3);
        expect(etags[1]).to.equal('');
        expect((await table().list('p')).map((e) => [e.row, e.value.n])).to.deep.equal([
          ['a', 2],
          ['c', 3],
        ]);
        expect((await table().get('p', 'a'))!.etag).to.equal(etags[0]);
      });

      it('refuses a malformed batch or key before writing anything', async () => {
        const ops = Array.from({ length: 101 }, (_, i) => ({ op: 'insert' as const, row: `r${i}`, value: {} }));
        expect(await rejection(table().batch('p', ops))).to.be.instanceOf(TypeError);
        expect(await rejection(table().batch('p', [{ op: 'insert', row: 'x', value: {} }, { op: 'delete', row: 'x' }]))).to.be.instanceOf(TypeError);
        expect(await rejection(table().batch('p', []))).to.be.instanceOf(TypeError);
        for (const key of ['', 'a\nb', 'x'.repeat(513)]) {
          expect(await rejection(table().insert(key, 'r', {})), JSON.stringify(key)).to.be.instanceOf(TypeError);
          expect(await rejection(table().insert('p', key, {})), JSON.stringify(key)).to.be.instanceOf(TypeError);
        }
        expect(await table().list('p')).to.deep.equal([]);
      });

      it('lists one partition in row order, by prefix, after a row, up to a limit', async () => {
        for (const row of ['b:2', 'a:1', 'b:1', 'c', 'b:3']) await table().insert('p', row, { row });
        await table().insert('q', 'b:0', {});
        await table().insert('o', 'b:9', {});
        const rows = async (options?: Parameters<ReturnType<typeof table>['list']>[1]) => (await table().list('p', options)).map((e) => e.row);
        expect(await rows()).to.deep.equal(['a:1', 'b:1', 'b:2', 'b:3', 'c']);
        expect(await rows({ prefix: 'b:' })).to.deep.equal(['b:1', 'b:2', 'b:3']);
        expect(await rows({ prefix: 'b:', after: 'b:1' })).to.deep.equal(['b:2', 'b:3']);
        expect(await rows({ after: 'b:2', limit: 2 })).to.deep.equal(['b:3', 'c']);
        expect(await rows({ prefix: 'b:', after: 'a' })).to.deep.equal(['b:1', 'b:2', 'b:3']);
        expect((await table().list('p'))[0]).to.deep.include({ partition: 'p', row: 'a:1', value: { row: 'a:1' } });
      });

      it('scans every entity in key order, a page at a time', async () => {
        for (const [p, r] of [['b', '1'], ['a', '2'], ['a', '1'], ['c', '1'], ['b', '0']] as const) await table().insert(p, r, {});
        const seen: string[] = [];
        let after: { partition: string; row: string } | undefined;
        for (;;) {
          const page = await table().scan({ ...(after && { after }), limit: 2 });
          if (page.length === 0) break;
          expect(page.length).to.be.at.most(2);
          seen.push(...page.map((e) => `${e.partition}/${e.row}`));
          after = page[page.length - 1]!;
        }
        expect(seen).to.deep.equal(['a/1', 'a/2', 'b/0', 'b/1', 'c/1']);
      });

      it('50 concurrent read-modify-write increments with retry lose nothing', async () => {
        await table().insert('p', 'counter', { n: 0 });
        await Promise.all(
          Array.from({ length: 50 }, async () => {
            for (;;) {
              const current = (await table().get('p', 'counter'))!;
              try {
                await table().replace('p', 'counter', { n: (current.value.n as number) + 1 }, current.etag);
                return;
              } catch (error) {
                if (!(error instanceof PreconditionFailedError)) throw error;
              }
            }
          }),
        );
        expect((await table().get('p', 'counter'))!.value).to.deep.equal({ n: 50 });
      });
    });

    describe('state (Bot Framework Storage)', () => {
      const key = 'msteams/conversations/a:1/';

      it('reads what was written with its eTag, and refuses a write with a stale one', async () => {
        await stores.state.write({ [key]: { dialog: { step: 1 } } });
        const read = (await stores.state.read([key, 'other']))[key]!;
        expect(read).to.deep.include({ dialog: { step: 1 } }).and.have.property('eTag');
        expect(Object.keys(await stores.state.read([key, 'other']))).to.deep.equal([key]);
        await stores.state.write({ [key]: { ...read, dialog: { step: 2 } } });
        const stale = await rejection(stores.state.write({ [key]: { ...read, dialog: { step: 3 } } }));
        expect(stale).to.be.instanceOf(PreconditionFailedError).and.include({ key });
        await stores.state.write({ [key]: { dialog: { step: 4 }, eTag: '*' } });
        expect((await stores.state.read([key]))[key]!.dialog).to.deep.equal({ step: 4 });
        await stores.state.delete([key, 'never-written']);
        expect(await stores.state.read([key])).to.deep.equal({});
      });

      it('a write resolves with each key\'s new eTag, which the next conditional write of the key can use', async () => {
        const first = await stores.state.write({ [key]: { n: 1 }, other: { n: 1 } });
        expect(Object.keys(first).sort()).to.deep.equal([key, 'other'].sort());
        expect((await stores.state.read([key]))[key]!.eTag).to.equal(first[key]);
        const second = await stores.state.write({ [key]: { n: 2, eTag: first[key] } });
        expect(second[key]).to.be.a('string').and.not.equal(first[key]);
        expect(await rejection(stores.state.write({ [key]: { n: 3, eTag: first[key] } }))).to.be.instanceOf(PreconditionFailedError);
        await stores.state.write({ [key]: { n: 3, eTag: second[key] } });
        expect((await stores.state.read([key]))[key]).to.deep.include({ n: 3 });
      });

      it('an item with the eTag CREATE_ONLY is written only when nothing is stored, so of two creates at once one wins', async () => {
        const created = await Promise.allSettled([
          stores.state.write({ [key]: { by: 'a', eTag: CREATE_ONLY } }),
          stores.state.write({ [key]: { by: 'b', eTag: CREATE_ONLY } }),
        ]);
        const won = created.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
        expect(won).to.have.length(1);
        const lost = created.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
        expect(lost.reason).to.be.instanceOf(PreconditionFailedError).and.include({ key });
        expect((await stores.state.read([key]))[key]).to.deep.include({ by: won[0] === 0 ? 'a' : 'b' });
        // Also after the item was deleted, and never over a stored one written later.
        await stores.state.delete([key]);
        const again = await stores.state.write({ [key]: { by: 'c', eTag: CREATE_ONLY } });
        expect((await stores.state.read([key]))[key]).to.deep.include({ by: 'c', eTag: again[key] });
        expect(await rejection(stores.state.write({ [key]: { by: 'd', eTag: CREATE_ONLY } }))).to.be.instanceOf(PreconditionFailedError);
        expect((await stores.state.read([key]))[key]).to.deep.include({ by: 'c' });
      });

      it('deletes a key only while it holds the eTag given (a failed turn resets only what it read)', async () => {
        const first = await stores.state.write({ [key]: { n: 1 } });
        const second = await stores.state.write({ [key]: { n: 2, eTag: first[key] } });
        expect(await stores.state.deleteIfMatch(key, first[key]!)).to.equal(false);
        expect((await stores.state.read([key]))[key]).to.deep.include({ n: 2 });
        expect(await stores.state.deleteIfMatch(key, second[key]!)).to.equal(true);
        expect(await stores.state.read([key])).to.deep.equal({});
        expect(await stores.state.deleteIfMatch(key, second[key]!)).to.equal(false);
      });

      it('the sweep removes state idle for longer than the limit and keeps the rest', async () => {
        await stores.state.write({ old: { n: 1 } });
        now = new Date('2026-12-30T10:00:00.000Z');
        await stores.state.write({ recent: { n: 2 } });
        now = new Date('2026-12-31T10:00:00.000Z');
        expect(await stores.sweep(now)).to.deep.equal({ state: 1, activities: 0 });
        expect(Object.keys(await stores.state.read(['old', 'recent']))).to.deep.equal(['recent']);
      });
    });

    describe('ledgers', () => {
      const ledger = (tenantId: string, n: number): BenefitLedger => ({ tenantId, activations: [], incidents: Array(n).fill(0).map((_, i) => ({ caseRef: `C${i}`, recordedBy: { aadObjectId: 'u', name: 'U' }, recordedAt: '', counted: true, kind: 'ProductSupport', contractId: 'K' })) });

      it('creates once and replaces only with the eTag read', async () => {
        const created = await stores.ledgers.save(ledger('T-1', 0), undefined);
        expect(await rejection(stores.ledgers.save(ledger('t-1', 1), undefined))).to.be.instanceOf(PreconditionFailedError);
        const next = await stores.ledgers.save(ledger('t-1', 1), created.etag);
        expect(await rejection(stores.ledgers.save(ledger('t-1', 2), created.etag))).to.be.instanceOf(PreconditionFailedError);
        expect(await stores.ledgers.get('T-1')).to.deep.equal(next);
      });

      it('lists the tenants with a ledger, in pages', async () => {
        for (const t of ['c', 'a', 'b']) await stores.ledgers.save(ledger(t, 0), undefined);
        expect((await stores.ledgers.page(undefined, 2)).map((l) => l.tenantId)).to.deep.equal(['a', 'b']);
        expect((await stores.ledgers.page('b', 2)).map((l) => l.tenantId)).to.deep.equal(['c']);
      });

      it('an activation claim is created once (of ten at once, one wins), replaced with its eTag, released with it, and lists as no ledger', async () => {
        const claim = (owner: string) => ({ owner, until: '2026-11-24T10:00:30.000Z' });
        const tries = await Promise.all(Array.from({ length: 10 }, (_, i) => stores.ledgers.putActivationClaim('T-1', claim(`o${i}`))));
        const won = tries.flatMap((etag, i) => (etag === undefined ? [] : [i]));
        expect(won).to.have.length(1);
        const held = (await stores.ledgers.activationClaim('t-1'))!;
        expect(held).to.deep.equal({ value: claim(`o${won[0]}`), etag: tries[won[0]!] });
        const issued = [{ kind: 'ProductSupport' as const, accessId: 'a', contractId: '1' }];
        const noted = (await stores.ledgers.putActivationClaim('t-1', { ...held.value, issued }, held.etag))!;
        expect(noted).to.be.a('string');
        expect(await stores.ledgers.putActivationClaim('t-1', claim('late'), held.etag), 'a stale takeover').to.equal(undefined);
        expect((await stores.ledgers.activationClaim('T-1'))!.value.issued).to.deep.equal(issued);
        expect(await stores.ledgers.page()).to.deep.equal([]);
        expect(await stores.ledgers.releaseActivationClaim('t-1', held.etag)).to.equal(false);
        expect(await stores.ledgers.releaseActivationClaim('t-1', noted)).to.equal(true);
        expect(await stores.ledgers.activationClaim('t-1')).to.equal(undefined);
        expect(await stores.ledgers.putActivationClaim('t-1', claim('next'))).to.be.a('string');
      });
    });

    describe('cases', () => {
      const draft = (over: Partial<HelpdeskCase> = {}): Omit<HelpdeskCase, 'id'> => ({
        origin: 'escalation',
        tenantId: 'TENANT-A',
        category: 'other',
        summary: 's',
        status: 'open',
        createdBy: { aadObjectId: 'USER-1', name: 'U' },
        createdAt: '2026-11-24T10:00:00.000Z',
        notes: [],
        history: [],
        ...over,
      });

      it('hands out ids C-000001, C-000002, ... and never one twice, also when created at once', async () => {
        const created = await Promise.all(Array.from({ length: 20 }, () => stores.cases.create(draft())));
        expect(created.map((c) => c.value.id).sort()).to.deep.equal(Array.from({ length: 20 }, (_, i) => `C-${String(i + 1).padStart(6, '0')}`));
      });

      it('a request creates one case however often it is repeated, at once or later', async () => {
        const [a, b] = await Promise.all([stores.cases.create(draft(), 'conv|act-1'), stores.cases.create(draft(), 'conv|act-1')]);
        expect(a.value.id).to.equal(b.value.id);
        expect((await stores.cases.create(draft(), 'conv|act-1')).value.id).to.equal(a.value.id);
        expect(await stores.cases.list()).to.have.length(1);
      });

      it('saves with the eTag read, and every list follows the case through its index', async () => {
        const one = await stores.cases.create(draft());
        await stores.cases.create(draft({ tenantId: 'tenant-b', createdAt: '2026-11-25T10:00:00.000Z' }));
        const saved = await stores.cases.save({ ...one.value, status: 'assigned', assignee: { aadObjectId: 'a', name: 'A' } }, one.etag);
        expect(await rejection(stores.cases.save({ ...one.value, status: 'resolved' }, one.etag))).to.be.instanceOf(PreconditionFailedError);
        const ids = async (filter: Parameters<typeof stores.cases.list>[0]) => (await stores.cases.list(filter)).map((c) => c.id);
        expect(await ids({})).to.deep.equal(['C-000002', 'C-000001']);
        expect(await ids({ status: ['open'] })).to.deep.equal(['C-000002']);
        expect(await ids({ status: ['open', 'assigned'] })).to.deep.equal(['C-000002', 'C-000001']);
        expect(await ids({ status: [] })).to.deep.equal([]);
        expect(await ids({ tenantId: 'tenant-a' })).to.deep.equal(['C-000001']);
        expect(await ids({ createdBy: 'user-1' })).to.deep.equal(['C-000002', 'C-000001']);
        expect(await ids({ tenantId: 'TENANT-B', status: ['assigned'] })).to.deep.equal([]);
        await stores.cases.save({ ...saved.value, status: 'resolved' }, saved.etag);
        expect(await ids({ status: ['assigned'] })).to.deep.equal([]);
        expect(await ids({ status: ['resolved'] })).to.deep.equal(['C-000001']);
        expect(await stores.cases.get('C-999999')).to.equal(undefined);
        expect(await stores.cases.get('not an id')).to.equal(undefined);
      });

      it('cases carried over keep their ids, and new ones come after them', async () => {
        await stores.cases.restore({ ...draft(), id: 'C-000041' });
        expect((await stores.cases.create(draft())).value.id).to.equal('C-000042');
      });
    });

    describe('conversations, settings and reminder marks', () => {
      const conversation = (key: string, user: string, type = 'personal'): StoredConversation => ({
        key,
        reference: { conversation: { id: key } },
        aadObjectId: user,
        tenantId: 'TENANT-A',
        conversationType: type,
        updatedAt: '2026-11-24T10:00:00.000Z',
      });

      it('finds the personal chats of given users and of a whole tenant, ids in any case', async () => {
        await stores.conversations.upsert(conversation('a:1', 'USER-1'));
        await stores.conversations.upsert(conversation('a:2', 'user-2'));
        await stores.conversations.upsert(conversation('19:group', 'user-3', 'groupChat'));
        expect((await stores.conversations.get('a:1'))!.aadObjectId).to.equal('user-1');
        expect((await stores.conversations.personalOf('tenant-a', ['user-1', 'USER-9'])).map((c) => c.key)).to.deep.equal(['a:1']);
        expect((await stores.conversations.personalInTenant('Tenant-A')).map((c) => c.key).sort()).to.deep.equal(['a:1', 'a:2']);
        expect(await stores.conversations.personalInTenant('tenant-b')).to.deep.equal([]);
      });

      it('refuses a conversation without key, reference or timestamp', async () => {
        for (const bad of [{ key: '' }, { reference: 'x' }, { updatedAt: 'yesterday' }]) {
          expect(await rejection(stores.conversations.upsert({ ...conversation('a:1', 'u'), ...bad } as StoredConversation))).to.be.instanceOf(Error);
        }
        expect(await stores.conversations.get('a:1')).to.equal(undefined);
      });

      it('keeps settings, and marks a reminder as sent exactly once even when asked at once', async () => {
        expect(await stores.conversations.getSetting('helpdesk')).to.equal(undefined);
        await stores.conversations.setSetting('helpdesk', '19:x');
        expect(await stores.conversations.getSetting('helpdesk')).to.equal('19:x');
        const marks = await Promise.all(Array.from({ length: 10 }, () => stores.conversations.markSent('r:1', 'now')));
        expect(marks.filter(Boolean)).to.have.length(1);
        expect(await stores.conversations.markSent('r:1', 'later')).to.equal(false);
      });

      it('takes a reminder mark back only for the send that made it, so a failed send is tried again', async () => {
        expect(await stores.conversations.markSent('r:2', 't1')).to.equal(true);
        expect(await stores.conversations.releaseSent('r:2', 'other run')).to.equal(false);
        expect(await stores.conversations.markSent('r:2', 't2'), 'still marked').to.equal(false);
        expect(await stores.conversations.releaseSent('r:2', 't1')).to.equal(true);
        expect(await stores.conversations.releaseSent('r:2', 't1'), 'released once').to.equal(false);
        expect(await stores.conversations.markSent('r:2', 't3'), 'can be sent again').to.equal(true);
      });
    });

    describe('processed activities', () => {
      it('claims an activity once, keeps how it ended, and lets a dead owner\'s claim be taken over', async () => {
        const first = await stores.activities.claim('conv', 'act', 'p1', now);
        expect(first).to.deep.include({ claimed: true });
        const again = await stores.activities.claim('conv', 'act', 'p2', now);
        expect(again).to.deep.include({ claimed: false });
        expect(again.record).to.include({ status: 'started', owner: 'p1' });
        const taken = await stores.activities.takeOver('conv', 'act', again, 'p2', now);
        expect(taken?.record.owner).to.equal('p2');
        expect(await stores.activities.takeOver('conv', 'act', again, 'p3', now)).to.equal(undefined);
        await stores.activities.finish('conv', 'act', taken!, { status: 'done', owner: 'p2', at: now.toISOString(), invokeResponse: { status: 200, body: { card: 1 } } });
        const done = await stores.activities.claim('conv', 'act', 'p4', now);
        expect(done.record).to.deep.include({ status: 'done', invokeResponse: { status: 200, body: { card: 1 } } });
        // Other conversations may reuse an activity id.
        expect((await stores.activities.claim('other', 'act', 'p1', now)).claimed).to.equal(true);
      });

      it('a claim carries a lease its owner renews; another instance reads it again to see the turn end', async () => {
        const lease = (s: number) => new Date(now.getTime() + s * 1000);
        const first = await stores.activities.claim('conv', 'act', 'p1', now, lease(10));
        expect(first.record).to.deep.equal({ status: 'started', owner: 'p1', at: now.toISOString(), leaseUntil: lease(10).toISOString() });
        const seen = await stores.activities.claim('conv', 'act', 'p2', now, lease(10));
        expect(seen.record).to.deep.include({ owner: 'p1', leaseUntil: lease(10).toISOString() });
        const renewed = (await stores.activities.renew('conv', 'act', first, lease(20)))!;
        expect(renewed.record).to.deep.include({ status: 'started', owner: 'p1', leaseUntil: lease(20).toISOString() });
        expect(await stores.activities.renew('conv', 'act', first, lease(30)), 'renewal with a stale handle').to.equal(undefined);
        expect((await stores.activities.reread('conv', 'act', seen))!.record.leaseUntil).to.equal(lease(20).toISOString());
        // A takeover with the stale handle the other instance saw fails; after a fresh read it works.
        expect(await stores.activities.takeOver('conv', 'act', seen, 'p2', now, lease(10))).to.equal(undefined);
        await stores.activities.finish('conv', 'act', renewed, { status: 'done', owner: 'p1', at: now.toISOString() });
        expect((await stores.activities.reread('conv', 'act', seen))!.record).to.deep.equal({ status: 'done', owner: 'p1', at: now.toISOString() });
        expect(await stores.activities.renew('conv', 'act', renewed, lease(40)), 'no renewal after the end').to.equal(undefined);
        expect(await stores.activities.reread('never', 'act', seen)).to.equal(undefined);
      });

      it('recognizes a redelivery across midnight, and the sweep forgets what is two days old', async () => {
        await stores.activities.claim('conv', 'late', 'p1', new Date('2026-11-24T23:59:59.000Z'));
        expect((await stores.activities.claim('conv', 'late', 'p1', new Date('2026-11-25T00:00:01.000Z'))).claimed).to.equal(false);
        await stores.activities.claim('conv', 'x', 'p1', new Date('2026-11-25T12:00:00.000Z'));
        expect((await stores.sweep(new Date('2026-11-26T12:00:00.000Z'))).activities).to.equal(1);
        expect((await stores.activities.claim('conv', 'x', 'p1', new Date('2026-11-26T12:00:00.000Z'))).claimed).to.equal(false);
        expect((await stores.activities.claim('conv', 'late', 'p1', new Date('2026-11-26T12:00:00.000Z'))).claimed).to.equal(true);
      });
    });
  });
}
