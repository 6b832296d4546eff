import { expect } from 'chai';
import { access, appendFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlAuditLog, parseIsoInstant } from '../../../src/store/jsonl/jsonlAuditLog.js';
import { InvalidAuditEntryError, type AuditEntry } from '../../../src/store/types.js';
import { INVALID_AUDIT_ENTRIES } from '../logContract.js';

const CONTOSO = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';
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

  it('lists nothing, and creates nothing, when the file does not exist or an append was rejected', async () => {
    expect(await log.list()).to.deep.equal([]);
    expect(log.lastSkipped).to.equal(0);
    for (const [what, value] of INVALID_AUDIT_ENTRIES) {
      expect(await log.append(value as AuditEntry).catch((e: unknown) => e), what).to.be.instanceOf(InvalidAuditEntryError);
    }
    expect(await exists(file)).to.equal(false);
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
