import { expect } from 'chai';
import { access, appendFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlAuditLog, parseIsoInstant, type AuditFilter } from '../../../src/store/jsonl/jsonlAuditLog.js';
import { InvalidAuditEntryError, type AuditEntry } from '../../../src/store/types.js';

const CONTOSO = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';
const WOODGROVE = '0b7c9e24-8d3f-4a55-b1e2-7c4d6a9f3e12';
const alice = { aadObjectId: 'a1', name: 'Alice' };

const exists = (path: string) => access(path).then(
  () => true,
  () => false,
);

function entry(at: string, action: string, more: Partial<AuditEntry> = {}): AuditEntry {
  return { at, actor: alice, action, ...more };
}

describe('JsonlAuditLog', () => {
  let dir: string;
  let file: string;
  let log: JsonlAuditLog;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-audit-'));
    file = join(dir, 'audit.jsonl');
    log = new JsonlAuditLog(file);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const lines = async () => (await readFile(file, 'utf8')).split('\n');

  it('appends one JSON line per entry, fields in a fixed order, unknown fields dropped', async () => {
    await log.append({
      action: 'case.created',
      details: { caseId: 'C-000001', urgent: true, minutes: 30 },
      partnerId: '4711001',
      tenantId: CONTOSO,
      actor: { name: 'Alice', aadObjectId: 'a1', extra: 'x' } as AuditEntry['actor'],
      at: '2026-11-24T10:00:00.000Z',
      secret: 'not stored',
    } as AuditEntry);
    await log.append(entry('2026-11-24T10:05:00.000Z', 'activation'));
    expect(await lines()).to.deep.equal([
      `{"at":"2026-11-24T10:00:00.000Z","actor":{"aadObjectId":"a1","name":"Alice"},"tenantId":"${CONTOSO}","partnerId":"4711001","action":"case.created","details":{"caseId":"C-000001","urgent":true,"minutes":30}}`,
      '{"at":"2026-11-24T10:05:00.000Z","actor":{"aadObjectId":"a1","name":"Alice"},"action":"activation"}',
      '',
    ]);
    expect(await log.list()).to.deep.equal([
      {
        at: '2026-11-24T10:00:00.000Z',
        actor: alice,
        tenantId: CONTOSO,
        partnerId: '4711001',
        action: 'case.created',
        details: { caseId: 'C-000001', urgent: true, minutes: 30 },
      },
      entry('2026-11-24T10:05:00.000Z', 'activation'),
    ]);
  });

  it('keeps a line break inside a value on one line', async () => {
    await log.append(entry('2026-11-24T10:00:00Z', 'note', { details: { text: 'one\ntwo\r\nthree\u2028four' } }));
    expect((await lines()).length).to.equal(2);
    expect((await log.list())[0]!.details).to.deep.equal({ text: 'one\ntwo\r\nthree\u2028four' });
  });

  const invalid: [string, unknown, string][] = [
    ['without at', { actor: alice, action: 'x' }, '"at"'],
    ['with an at that is not a timestamp', { at: 'yesterday', actor: alice, action: 'x' }, '"at"'],
    ['with an impossible date', { at: '2026-02-30T00:00:00Z', actor: alice, action: 'x' }, '"at"'],
    ['without actor', { at: '2026-11-01T00:00:00Z', action: 'x' }, '"actor"'],
    ['with an actor without aadObjectId', { at: '2026-11-01T00:00:00Z', actor: { name: 'A' }, action: 'x' }, '"actor"'],
    ['without action', { at: '2026-11-01T00:00:00Z', actor: alice }, '"action"'],
    ['with an empty action', { at: '2026-11-01T00:00:00Z', actor: alice, action: ' ' }, '"action"'],
    ['with nested details', { at: '2026-11-01T00:00:00Z', actor: alice, action: 'x', details: { a: { b: 1 } } }, '"details"'],
    ['with a numeric tenantId', { at: '2026-11-01T00:00:00Z', actor: alice, action: 'x', tenantId: 7 }, '"tenantId"'],
    ['that is not an object', null, 'not an object'],
  ];
  for (const [what, value, mentions] of invalid) {
    it(`rejects an entry ${what} and writes nothing`, async () => {
      const error = await log.append(value as AuditEntry).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(InvalidAuditEntryError);
      expect((error as Error).message).to.contain(mentions).and.contain('Nothing was written');
      expect(await exists(file)).to.equal(false);
    });
  }

  it('lists nothing, and creates nothing, when the file does not exist', async () => {
    expect(await log.list()).to.deep.equal([]);
    expect(log.lastSkipped).to.equal(0);
    expect(await exists(file)).to.equal(false);
  });

  describe('list filters', () => {
    const entries = [
      entry('2026-10-31T23:59:59.999Z', 'e1', { tenantId: CONTOSO, partnerId: 'P1' }),
      entry('2026-11-01T00:00:00.000Z', 'e2', { tenantId: WOODGROVE, partnerId: 'P2' }),
      entry('2026-11-01T12:00:00.000Z', 'e3', { tenantId: CONTOSO, partnerId: 'P1' }),
      entry('2026-11-02T00:00:00.000Z', 'e4'),
      entry('2026-11-03T00:00:00.000Z', 'e5', { tenantId: CONTOSO, partnerId: 'P1' }),
    ];
    beforeEach(async () => {
      for (const e of entries) await log.append(e);
    });

    const cases: [string, AuditFilter, string[]][] = [
      ['no filter: all, oldest first', {}, ['e1', 'e2', 'e3', 'e4', 'e5']],
      ['since a date: from its midnight UTC, inclusive', { since: '2026-11-01' }, ['e2', 'e3', 'e4', 'e5']],
      ['since a timestamp, inclusive', { since: '2026-11-01T12:00:00Z' }, ['e3', 'e4', 'e5']],
      ['since a timestamp with an offset', { since: '2026-11-01T13:00:00+01:00' }, ['e3', 'e4', 'e5']],
      ['since after everything', { since: '2027-01-01' }, []],
      ['tenantId', { tenantId: CONTOSO }, ['e1', 'e3', 'e5']],
      ['partnerId', { partnerId: 'P2' }, ['e2']],
      ['limit keeps the newest', { limit: 2 }, ['e4', 'e5']],
      ['limit larger than the log', { limit: 50 }, ['e1', 'e2', 'e3', 'e4', 'e5']],
      ['limit 0', { limit: 0 }, []],
      ['all together', { since: '2026-11-01', tenantId: CONTOSO, partnerId: 'P1', limit: 1 }, ['e5']],
    ];
    for (const [what, filter, expected] of cases) {
      it(what, async () => {
        expect((await log.list(filter)).map((e) => e.action)).to.deep.equal(expected);
      });
    }

    it('keeps the newest `limit` over many lines', async () => {
      for (let i = 0; i < 1500; i += 1) await log.append(entry('2026-12-01T00:00:00Z', `bulk${i}`));
      expect((await log.list({ limit: 3 })).map((e) => e.action)).to.deep.equal(['bulk1497', 'bulk1498', 'bulk1499']);
    });

    const badFilters: [string, AuditFilter, string][] = [
      ['a since that is not a date', { since: 'last week' }, 'Invalid "since" "last week"'],
      ['a since that is an impossible date', { since: '2026-02-30' }, 'Invalid "since"'],
      ['a negative limit', { limit: -1 }, 'Invalid "limit" -1'],
      ['a fractional limit', { limit: 1.5 }, 'Invalid "limit" 1.5'],
    ];
    for (const [what, filter, message] of badFilters) {
      it(`rejects ${what}`, async () => {
        const error = await log.list(filter).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(RangeError);
        expect((error as Error).message).to.contain(message);
      });
    }
  });

  it('writes concurrent appends as intact lines, in call order', async () => {
    const n = 300;
    const padding = 'x'.repeat(2000); // long lines: interleaving would show
    await Promise.all(
      Array.from({ length: n }, (_, i) => log.append(entry('2026-11-01T00:00:00Z', `a${i}`, { details: { i, padding } }))),
    );
    const written = (await lines()).slice(0, -1);
    expect(written).to.have.length(n);
    expect(written.map((line) => (JSON.parse(line) as AuditEntry).details!.i)).to.deep.equal(
      Array.from({ length: n }, (_, i) => i),
    );
    expect(await log.list()).to.have.length(n);
    expect(log.lastSkipped).to.equal(0);
  });

  it('lists appends started before the call, even when not awaited', async () => {
    void log.append(entry('2026-11-01T00:00:00Z', 'unawaited'));
    expect((await log.list()).map((e) => e.action)).to.deep.equal(['unawaited']);
  });

  it('skips and counts corrupt lines without rewriting the file; appends after a torn last line start a new line', async () => {
    await log.append(entry('2026-11-01T00:00:00Z', 'first'));
    await appendFile(file, 'not json at all\n{"at":"2026-11-01T00:00:01Z","action":"no actor"}\n\n');
    await log.append(entry('2026-11-01T00:00:02Z', 'second'));
    await appendFile(file, '{"at":"2026-11-01T00:00:03Z","act'); // a crash mid-append
    const before = await readFile(file);

    // A fresh instance, as after a restart, must notice the missing newline.
    const reopened = new JsonlAuditLog(file);
    await reopened.append(entry('2026-11-01T00:00:04Z', 'third'));
    await reopened.append(entry('2026-11-01T00:00:05Z', 'fourth'));

    const after = await readFile(file);
    expect(after.subarray(0, before.length).equals(before)).to.equal(true);
    expect(after.subarray(before.length).toString('utf8').startsWith('\n{"at":"2026-11-01T00:00:04Z"')).to.equal(true);
    expect((await reopened.list()).map((e) => e.action)).to.deep.equal(['first', 'second', 'third', 'fourth']);
    expect(reopened.lastSkipped).to.equal(3);
    expect((await reopened.list({ limit: 1 })).map((e) => e.action)).to.deep.equal(['fourth']);
    expect(await readFile(file)).to.deep.equal(after);
  });


  it('rejects an append the file system refuses, and appends again once it can', async () => {
    await rm(dir, { recursive: true });
    const error = await log.append(entry('2026-11-01T00:00:00Z', 'lost')).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).to.equal('ENOENT');
    await mkdir(dir);
    await log.append(entry('2026-11-01T00:00:01Z', 'kept'));
    expect((await log.list()).map((e) => e.action)).to.deep.equal(['kept']);
  });

  it('flush() waits for appends in flight', async () => {
    void log.append(entry('2026-11-01T00:00:00Z', 'a'));
    void log.append(entry('2026-11-01T00:00:00Z', 'b'));
    await log.flush();
    expect(await lines()).to.have.length(3);
  });
});

describe('parseIsoInstant', () => {
  const cases: [string, number | undefined][] = [
    ['2026-11-01', Date.UTC(2026, 10, 1)],
    ['2026-11-01T09:30:00Z', Date.UTC(2026, 10, 1, 9, 30)],
    ['2026-11-01T09:30:00.123Z', Date.UTC(2026, 10, 1, 9, 30, 0, 123)],
    ['2026-11-01T10:30:00+01:00', Date.UTC(2026, 10, 1, 9, 30)],
    ['2028-02-29', Date.UTC(2028, 1, 29)],
    ['2026-02-29', undefined],
    ['2026-13-01', undefined],
    ['2026-11-01T25:00:00Z', undefined],
    ['1', undefined],
    ['11/01/2026', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} -> ${expected}`, () => {
      expect(parseIsoInstant(text)).to.equal(expected);
    });
  }

  it('reads a timestamp without offset as local time, like Date', () => {
    expect(parseIsoInstant('2026-11-01T09:30')).to.equal(new Date(2026, 10, 1, 9, 30).getTime());
  });
});
