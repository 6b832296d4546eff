/**
 * What only the Azure Table backend can show, on Azurite: keys Azure refuses as they are, values
 * over a property's 64 KB, the order of encoded keys, conditional deletes in a transaction, two
 * writers, and answers lost on the way back (the SDK sends the write again).
 */
import { expect } from 'chai';
import { RestError, TableClient, TableServiceClient } from '@azure/data-tables';
import { AzureTableBackend, CHUNK_LENGTH, MAX_VALUE_LENGTH, ValueTooLargeError } from '../../../src/store/azure/tableBackend.js';
import { compareKeys } from '../../../src/store/entityKeys.js';
import { MemoryBackend } from '../../../src/store/memory/memoryBackend.js';
import { PreconditionFailedError, type EntityTable, type StoredEntity } from '../../../src/store/types.js';
import { azureBackend, azurite } from '../../support/azurite.js';

type Value = Record<string, unknown>;
type Policy = NonNullable<ConstructorParameters<typeof AzureTableBackend>[0]['additionalPolicies']>[number]['policy'];

const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

/**
 * Adds 1 to row `counter` of partition `p` `times` times, each a version-checked read-modify-write
 * that reads again after a conflict (as every counter the bot keeps does); returns the conflicts.
 */
async function increment(table: EntityTable<Value>, times: number): Promise<number> {
  let conflicts = 0;
  for (let i = 0; i < times; i++) {
    for (;;) {
      const current = (await table.get('p', 'counter'))!;
      try {
        await table.replace('p', 'counter', { n: (current.value.n as number) + 1 }, current.etag);
        break;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        conflicts += 1;
      }
    }
  }
  return conflicts;
}

/** Keys the service refuses or mishandles as they are, and keys at the length limit. */
const AWKWARD_KEYS = ['msteams/conversations/a:1/', 'a#b', 'why?', 'back\\slash', '100%', "it's", 'sp ace', 'tilde~', 'Grüße', 'emoji😀', '中文', '.', '/', 'x'.repeat(512), `${'/'.repeat(255)}x`];

describe('store/azure: the Azure Table backend on Azurite', function () {
  this.timeout(60_000);
  let opened: Awaited<ReturnType<typeof azureBackend>>;
  let table: EntityTable<Value>;
  let connectionString: string;
  beforeEach(async () => {
    connectionString = (await azurite()).connectionString;
    opened = await azureBackend();
    table = opened.backend.table<Value>('meta');
  });
  afterEach(() => opened.dispose());

  /** The entity as the service stores it. */
  const raw = (partition: string, row: string) => TableClient.fromConnectionString(connectionString, opened.backend.tableName('meta'), { allowInsecureConnection: true }).getEntity<Value>(partition, row);

  it('creates <prefix><name> tables on first use, and names no secret in its description', async () => {
    const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
    const names = async () => {
      const found: string[] = [];
      for await (const t of service.listTables()) if (t.name?.startsWith(opened.backend.prefix)) found.push(t.name);
      return found.sort();
    };
    expect(await names()).to.deep.equal([]);
    await opened.backend.ping();
    await opened.backend.table('ledgers').get('t', 'r');
    expect(await names()).to.deep.equal([`${opened.backend.prefix}ledgers`, `${opened.backend.prefix}meta`]);
    expect(opened.backend.description).to.match(/^azure tables t\w+\* at http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1$/);
    expect(opened.backend.description).to.not.include('AccountKey').and.not.include('Eby8');
    const sas = new AzureTableBackend({ connectionString: 'TableEndpoint=https://acct.table.core.windows.net/;SharedAccessSignature=sv=2024&sig=SECRET' });
    expect(sas.description).to.equal('azure tables psb* at https://acct.table.core.windows.net');
    const key = new AzureTableBackend({ connectionString: 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=SECRET;EndpointSuffix=core.windows.net', prefix: 'prod' });
    expect(key.description).to.equal('azure tables prod* at acct');
    expect(() => new AzureTableBackend({ connectionString, prefix: '1x' })).to.throw(TypeError, /prefix/);
    expect(() => new AzureTableBackend({ connectionString, prefix: 'a-b' })).to.throw(TypeError, /prefix/);
  });

  it('ping rejects when the service does not answer', async () => {
    const dead = new AzureTableBackend({ connectionString: connectionString.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:9'), retryOptions: { maxRetries: 0 } });
    expect(await rejection(dead.ping())).to.be.instanceOf(Error);
  });

  it("keys with '/', '#', '?', '\\', '%', quotes, spaces, non-ASCII and 512 characters work in every operation", async () => {
    for (const key of AWKWARD_KEYS) {
      const label = JSON.stringify(key.slice(0, 30));
      const etag = (await table.insert(key, key, { key }))!;
      expect(etag, label).to.be.a('string');
      expect(await table.get(key, key), label).to.deep.equal({ value: { key }, etag });
      const next = await table.replace(key, key, { key, n: 2 }, etag);
      expect((await table.list(key)).map((e) => [e.partition, e.row, e.etag]), label).to.deep.equal([[key, key, next]]);
      expect(await table.batch(key, [{ op: 'delete', row: key, ifMatch: next }, { op: 'insert', row: `${key.slice(0, 200)}2`, value: {} }]), label).to.have.length(2);
      expect(await table.delete(key, `${key.slice(0, 200)}2`), label).to.equal(true);
      expect(await table.list(key), label).to.deep.equal([]);
    }
    // What Azure holds: printable ASCII without the characters it refuses.
    await table.upsert('msteams/conversations/a:1/', 'Grüße 😀', { n: 1 });
    const stored = await raw('msteams.1conversations.1a:1.1', 'Gr~u00fc~u00dfe W~x01f600');
    expect(stored.v0).to.equal('{"n":1}');
  });

  it('refuses a key over 512 characters once encoded before sending anything', async () => {
    const long = `${'x'.repeat(500)}/////////`;
    expect(long).to.have.length(509);
    expect(await rejection(table.insert('p', long, {}))).to.be.instanceOf(TypeError).with.property('message').that.matches(/518 characters once encoded, at most 512/);
    expect(await rejection(table.batch(long, [{ op: 'upsert', row: 'r', value: {} }]))).to.be.instanceOf(TypeError);
    expect(await rejection(table.insert('p', 'a\ud800', {}))).to.be.instanceOf(TypeError);
    expect(await table.scan()).to.deep.equal([]);
  });

  it('lists and scans encoded keys in the order and with the prefixes of the in-memory twin', async () => {
    const memory = new MemoryBackend().table<Value>('meta');
    const rows = ['a/b', 'a.b', 'a-b', 'a0', 'a~', 'aä', 'a😀', 'a\ufffd', 'a b', 'a!', 'a#', 'a$', 'a%', 'a&', "a'", 'a(', 'a?', 'a>', 'a@', 'a[', 'a\\', 'a]', 'a{', 'a}', 'A', 'a', 'b', 'a/', 'a//', 'a/.', 'a./'];
    const partitions = ['p', 'p/', 'p.', 'p#', 'pä', 'p😀', 'p~', 'P'];
    for (const store of [table, memory]) {
      for (const partition of partitions) for (const row of rows) await store.insert(partition, row, { row });
    }
    const view = (entities: StoredEntity<Value>[]) => entities.map((e) => `${e.partition}|${e.row}`);
    for (const options of [{}, { prefix: 'a/' }, { prefix: 'a.' }, { prefix: 'a' }, { prefix: 'a', after: 'a/' }, { after: 'a~', limit: 3 }, { prefix: 'a/', after: 'a' }, { prefix: 'a\\' }, { prefix: 'zz' }, { limit: 0 }]) {
      for (const partition of partitions) {
        expect(view(await table.list(partition, options)), JSON.stringify([partition, options])).to.deep.equal(view(await memory.list(partition, options)));
      }
    }
    // Key order (code point order) throughout, and the same pages as the twin.
    const all = view(await table.scan());
    expect(all).to.have.length(rows.length * partitions.length);
    expect(all).to.deep.equal(view(await memory.scan()));
    const sorted = [...partitions].sort(compareKeys).flatMap((p) => [...rows].sort(compareKeys).map((r) => `${p}|${r}`));
    expect(all).to.deep.equal(sorted);
    for (const [after, limit] of [[{ partition: 'p/', row: 'a~' }, 7], [{ partition: 'p', row: 'a😀' }, 50], [{ partition: 'p.', row: 'a' }, 1], [{ partition: 'o', row: 'z' }, 3]] as const) {
      expect(view(await table.scan({ after, limit })), JSON.stringify(after)).to.deep.equal(view(await memory.scan({ after, limit })));
    }
  });

  it('stores a value over 64 KB in several properties and reads it back whole', async () => {
    const value = { text: `${'x'.repeat(CHUNK_LENGTH - 20)}${'Grüße 😀 '.repeat(5_000)}`, list: [1, 2, 3] };
    const etag = (await table.insert('big', 'one', value))!;
    expect(await table.get('big', 'one')).to.deep.equal({ value, etag });
    const stored = await raw('big', 'one');
    const chunks = Object.keys(stored).filter((k) => /^v\d+$/.test(k));
    expect(chunks.length).to.be.greaterThan(4);
    for (const name of chunks) expect(stored[name] as string).to.have.length.at.most(CHUNK_LENGTH).and.match(/^[\x20-\x7e]*$/);
    expect(stored.v1).to.include('Gr\\u00fc\\u00dfe \\ud83d\\ude00');
    // A smaller value replaces every property, so nothing of the large one is read back.
    await table.replace('big', 'one', { small: true }, etag);
    expect((await table.get('big', 'one'))!.value).to.deep.equal({ small: true });
    expect((await table.list('big')).map((e) => e.value)).to.deep.equal([{ small: true }]);
  });

  it('refuses a value too large for an entity, and a batch too large for a transaction, writing nothing', async () => {
    const etag = (await table.insert('big', 'r', { n: 1 }))!;
    // Characters beyond ASCII count 6: 80,000 of them do not fit.
    for (const huge of [{ text: 'x'.repeat(MAX_VALUE_LENGTH) }, { text: '€'.repeat(80_000) }]) {
      for (const write of [table.insert('big', 'new', huge), table.upsert('big', 'r', huge), table.replace('big', 'r', huge, etag), table.batch('big', [{ op: 'upsert', row: 'r', value: huge }])]) {
        const error = await rejection(write);
        expect(error).to.be.instanceOf(ValueTooLargeError).and.be.instanceOf(RangeError);
        expect((error as Error).message).to.match(/^meta big\/(new|r) is too large for Azure Table Storage: its JSON has 480011 characters .*, at most 480000 fit in an entity\. Nothing was written\.$/);
      }
    }
    expect((await table.insert('big', 'fits', { text: '€'.repeat(79_998) }))!).to.be.a('string');
    // 10 values of 450,000 characters: each fits, the transaction (4 MiB) does not.
    const many = Array.from({ length: 10 }, (_, i) => ({ op: 'insert' as const, row: `b${i}`, value: { text: 'y'.repeat(450_000) } }));
    expect(await rejection(table.batch('big', [{ op: 'replace', row: 'r', value: { n: 2 }, ifMatch: etag }, ...many])))
      .to.be.instanceOf(ValueTooLargeError)
      .with.property('message')
      .that.matches(/a transaction carries at most 4194304/);
    expect((await table.list('big')).map((e) => [e.row, e.etag === etag])).to.deep.equal([
      ['fits', false],
      ['r', true],
    ]);
  });

  it('a request the service refuses as too large is a ValueTooLargeError, and nothing is written', async () => {
    // Pads what is sent beyond Azurite's limits (1 MiB per entity, 4 MiB per transaction), as a service with smaller limits would refuse it.
    const pad: Policy = {
      name: 'testPadBody',
      sendRequest(request, next) {
        if (typeof request.body === 'string' && request.body.includes('"v0":')) {
          const padding = Array.from({ length: 40 }, (_, i) => `"pad${i}":"${'z'.repeat(30_000)}",`).join('');
          request.body = request.body.replace(/\{"PartitionKey"/g, `{${padding}"PartitionKey"`);
        }
        return next(request);
      },
    };
    const padded = new AzureTableBackend({ connectionString, prefix: opened.backend.prefix, additionalPolicies: [{ policy: pad, position: 'perCall' }] }).table<Value>('meta');
    expect(await rejection(padded.upsert('p', 'r', { n: 1 }))).to.be.instanceOf(ValueTooLargeError).with.property('message').that.matches(/the service refused it/);
    const ops = Array.from({ length: 5 }, (_, i) => ({ op: 'insert' as const, row: `r${i}`, value: { n: i } }));
    expect(await rejection(padded.batch('p', ops))).to.be.instanceOf(ValueTooLargeError);
    expect(await table.list('p')).to.deep.equal([]);
  });

  it('a conditional delete in a batch is checked against its eTag (the SDK alone would send If-Match: *)', async () => {
    const a = (await table.insert('p', 'a/1', { n: 1 }))!;
    const b = (await table.insert('p', 'b?2', { n: 1 }))!;
    const b2 = await table.replace('p', 'b?2', { n: 2 }, b);
    const failed = await rejection(table.batch('p', [{ op: 'delete', row: 'a/1', ifMatch: a }, { op: 'delete', row: 'b?2', ifMatch: b }, { op: 'insert', row: 'c', value: {} }]));
    expect(failed).to.be.instanceOf(PreconditionFailedError).with.property('key', 'p/b?2');
    expect((await table.list('p')).map((e) => e.row)).to.deep.equal(['a/1', 'b?2']);
    expect(await table.batch('p', [{ op: 'delete', row: 'a/1', ifMatch: a }, { op: 'delete', row: 'b?2', ifMatch: b2 }, { op: 'insert', row: 'c', value: {} }])).to.have.length(3);
    expect((await table.list('p')).map((e) => e.row)).to.deep.equal(['c']);
  });

  it('a batch names the first failing row; an unconditional delete of a missing row fails nothing', async () => {
    const a = (await table.insert('p', 'a', { n: 1 }))!;
    await table.insert('p', 'b', { n: 1 });
    const failed = await rejection(
      table.batch('p', [
        { op: 'upsert', row: 'x', value: {} },
        { op: 'insert', row: 'b', value: {} },
        { op: 'replace', row: 'a', value: {}, ifMatch: 'W/"stale"' },
      ]),
    );
    expect(failed).to.be.instanceOf(PreconditionFailedError).with.property('key', 'p/b');
    const etags = await table.batch('p', [
      { op: 'delete', row: 'missing' },
      { op: 'replace', row: 'a', value: { n: 2 }, ifMatch: a },
      { op: 'delete', row: 'also missing' },
      { op: 'delete', row: 'b' },
    ]);
    expect(etags[0]).to.equal('');
    expect(etags[1]).to.equal((await table.get('p', 'a'))!.etag);
    expect((await table.list('p')).map((e) => [e.row, e.value])).to.deep.equal([['a', { n: 2 }]]);
    expect(await table.batch('p', [{ op: 'delete', row: 'gone' }])).to.deep.equal(['']);
  });

  it("an eTag that is not the service's ('*', another backend's) matches nothing", async () => {
    await table.insert('p', 'r', { n: 1 });
    for (const etag of ['*', '12345', '', 'W/"datetime\'2001-01-01T00%3A00%3A00.0000000Z\'"']) {
      expect(await rejection(table.replace('p', 'r', { n: 2 }, etag)), etag).to.be.instanceOf(PreconditionFailedError);
      expect(await table.delete('p', 'r', etag), etag).to.equal(false);
      expect(await rejection(table.batch('p', [{ op: 'replace', row: 'r', value: {}, ifMatch: etag }])), etag).to.be.instanceOf(PreconditionFailedError);
    }
    expect((await table.get('p', 'r'))!.value).to.deep.equal({ n: 1 });
  });

  it('two writers doing 300 version-checked increments each through two backend instances end at exactly 600', async () => {
    const other = new AzureTableBackend({ connectionString, prefix: opened.backend.prefix });
    await table.insert('p', 'counter', { n: 0 });
    const conflicts = await Promise.all([increment(table, 300), increment(other.table<Value>('meta'), 300)]);
    expect((await table.get('p', 'counter'))!.value).to.deep.equal({ n: 600 });
    // They did race (else this shows nothing).
    expect(conflicts[0] + conflicts[1]).to.be.greaterThan(0);
  });

  describe('when an answer is lost and the SDK sends the write again', () => {
    /** Lets the service carry out the first attempt of each chosen write, then drops its answer as a reset connection would. */
    function losing(choose: (method: string, url: string) => boolean): { policy: Policy; lost: () => number } {
      const seen = new WeakSet<object>();
      let lost = 0;
      return {
        lost: () => lost,
        policy: {
          name: 'testLoseFirstAnswer',
          async sendRequest(request, next) {
            const response = await next(request);
            if (!seen.has(request) && choose(request.method, request.url)) {
              seen.add(request);
              lost += 1;
              throw new RestError('socket hang up (answer dropped by the test)', { code: 'ECONNRESET', request });
            }
            return response;
          },
        },
      };
    }
    const writes = (method: string, url: string) => method !== 'GET' && !/\/Tables(\?|$)/.test(url);

    async function flaky(choose = writes) {
      const loss = losing(choose);
      const backend = new AzureTableBackend({
        connectionString,
        prefix: opened.backend.prefix,
        retryOptions: { maxRetries: 3, retryDelayInMs: 5, maxRetryDelayInMs: 20 },
        additionalPolicies: [{ policy: loss.policy, position: 'perRetry' }],
      });
      return { table: backend.table<Value>('meta'), lost: loss.lost };
    }

    it('a write that happened is reported done, not as a conflict or as "exists"', async () => {
      const { table: t, lost } = await flaky();
      const inserted = await t.insert('p', 'r', { n: 1 });
      expect(inserted).to.be.a('string');
      const replaced = await t.replace('p', 'r', { n: 2 }, inserted!);
      expect(replaced).to.be.a('string').and.not.equal(inserted);
      expect(await table.get('p', 'r')).to.deep.equal({ value: { n: 2 }, etag: replaced });
      const etags = await t.batch('p', [{ op: 'replace', row: 'r', value: { n: 3 }, ifMatch: replaced }, { op: 'insert', row: 's', value: {} }]);
      expect(etags[0]).to.equal((await table.get('p', 'r'))!.etag);
      expect(etags[1]).to.equal((await table.get('p', 's'))!.etag);
      expect(await t.delete('p', 's')).to.equal(true);
      expect(lost()).to.equal(4);
    });

    it('a stale write is still a conflict, and an existing row still exists, after a retry', async () => {
      const first = (await table.insert('p', 'r', { n: 1 }))!;
      await table.replace('p', 'r', { n: 2 }, first);
      const { table: t, lost } = await flaky();
      expect(await rejection(t.replace('p', 'r', { n: 3 }, first))).to.be.instanceOf(PreconditionFailedError);
      expect(await t.insert('p', 'r', { n: 4 })).to.equal(undefined);
      expect(await rejection(t.batch('p', [{ op: 'replace', row: 'r', value: { n: 5 }, ifMatch: first }]))).to.be.instanceOf(PreconditionFailedError);
      expect((await table.get('p', 'r'))!.value).to.deep.equal({ n: 2 });
      expect(lost()).to.equal(3);
    });

    it('read-modify-write increments through lost answers count each increment once', async () => {
      await table.insert('p', 'counter', { n: 0 });
      let n = 0;
      const { table: t, lost } = await flaky((method, url) => writes(method, url) && n++ % 3 === 0);
      await Promise.all([increment(t, 40), increment(t, 40)]);
      expect((await table.get('p', 'counter'))!.value).to.deep.equal({ n: 80 });
      expect(lost()).to.be.greaterThan(20);
    });
  });
});
