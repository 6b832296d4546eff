/**
 * The audit CLI as an operator runs it: a real child process, real files in a temp directory.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { access, appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JsonlAuditLog } from '../../src/store/jsonl/jsonlAuditLog.js';
import { openDataDir } from '../../src/store/dataDir.js';
import type { AuditEntry } from '../../src/store/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONTOSO = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';
const WOODGROVE = '0b7c9e24-8d3f-4a55-b1e2-7c4d6a9f3e12';
const HEADER = 'at,actor_id,actor_name,tenant_id,partner_id,action,details\n';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx src/cli/audit.ts ...args` in the repo with DATA_DIR set. */
function runAudit(args: string[], dataDir: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/audit.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const entries: AuditEntry[] = [
  {
    at: '2026-10-31T23:00:00.000Z',
    actor: { aadObjectId: 'a1', name: 'Alice' },
    tenantId: CONTOSO,
    partnerId: '4711001',
    action: 'activation',
  },
  {
    at: '2026-11-01T00:00:00.000Z',
    actor: { aadObjectId: 'a2', name: 'Smith, "Bob"' },
    tenantId: CONTOSO,
    partnerId: '4711001',
    action: 'case.created',
    details: { caseId: 'C-000001', note: 'line one\nline two', urgent: true },
  },
  {
    at: '2026-11-02T00:00:00.000Z',
    actor: { aadObjectId: 'a3', name: '=HYPERLINK("http://evil.example")' },
    tenantId: WOODGROVE,
    partnerId: '4711002',
    action: '@SUM(A1:A2)',
    details: { n: -5 },
  },
  {
    at: '2026-11-03T00:00:00.000Z',
    actor: { aadObjectId: 'system', name: 'system' },
    action: '-2+3',
  },
];

/** A minimal RFC 4180 reader (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

describe('npm run audit (src/cli/audit.ts)', function () {
  this.timeout(30_000);
  let tmp: string;
  let dataDir: string;

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'psb-cli-audit-'));
    dataDir = join(tmp, 'data');
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  /** Appends `entries` through the server's own store (lock taken and released). */
  async function seed(list: AuditEntry[] = entries): Promise<void> {
    const stores = await openDataDir(dataDir);
    try {
      for (const e of list) await stores.audit.append(e);
    } finally {
      await stores.close();
    }
  }

  it('prints CSV by default with RFC 4180 quoting and the formula-injection guard', async () => {
    await seed();
    const run = await runAudit([], dataDir);
    expect(run).to.deep.equal({
      code: 0,
      stderr: '',
      stdout:
        HEADER +
        `2026-10-31T23:00:00.000Z,a1,Alice,${CONTOSO},4711001,activation,\n` +
        `2026-11-01T00:00:00.000Z,a2,"Smith, ""Bob""",${CONTOSO},4711001,case.created,"{""caseId"":""C-000001"",""note"":""line one\\nline two"",""urgent"":true}"\n` +
        `2026-11-02T00:00:00.000Z,a3,"'=HYPERLINK(""http://evil.example"")",${WOODGROVE},4711002,'@SUM(A1:A2),"{""n"":-5}"\n` +
        `2026-11-03T00:00:00.000Z,system,system,,,'-2+3,\n`,
    });
  });

  const filters: [string, string[], string[]][] = [
    ['--since a date, inclusive from midnight UTC', ['--since', '2026-11-01'], ['case.created', "'@SUM(A1:A2)", "'-2+3"]],
    ['--since=a timestamp', ['--since=2026-11-02T00:00:00Z'], ["'@SUM(A1:A2)", "'-2+3"]],
    ['--tenant', ['--tenant', CONTOSO], ['activation', 'case.created']],
    ['--partner', ['--partner', '4711002'], ["'@SUM(A1:A2)"]],
    ['--since with --tenant', ['--since', '2026-11-01', '--tenant', CONTOSO, '--format', 'csv'], ['case.created']],
  ];
  for (const [what, args, actions] of filters) {
    it(`filters by ${what}`, async () => {
      await seed();
      const run = await runAudit(args, dataDir);
      expect(run.code).to.equal(0);
      const [header, ...rows] = parseCsv(run.stdout);
      expect(header).to.deep.equal(HEADER.trimEnd().split(','));
      expect(rows.map((row) => row[5])).to.deep.equal(actions);
    });
  }

  it('quotes a field with a line break, keeping the row intact for a CSV reader', async () => {
    await seed([{ at: '2026-11-01T00:00:00Z', actor: { aadObjectId: 'a9', name: 'Ann\r\nLee' }, action: '+1' }]);
    const run = await runAudit([], dataDir);
    expect(run.stdout).to.equal(`${HEADER}2026-11-01T00:00:00Z,a9,"Ann\r\nLee",,,'+1,\n`);
    expect(parseCsv(run.stdout)).to.deep.equal([
      HEADER.trimEnd().split(','),
      ['2026-11-01T00:00:00Z', 'a9', 'Ann\r\nLee', '', '', "'+1", ''],
    ]);
  });

  it('prints JSON with --format json', async () => {
    await seed();
    const run = await runAudit(['--format', 'json', '--since', '2026-11-03'], dataDir);
    expect(run.code).to.equal(0);
    expect(JSON.parse(run.stdout)).to.deep.equal([entries[3]]);
  });

  it('prints only the header (or []) for an empty or missing log, and creates nothing', async () => {
    expect(await runAudit([], dataDir)).to.deep.equal({ code: 0, stdout: HEADER, stderr: '' });
    expect(await runAudit(['--format', 'json'], dataDir)).to.deep.equal({ code: 0, stdout: '[]\n', stderr: '' });
    expect(await access(dataDir).then(() => true, () => false)).to.equal(false);
    await seed();
    expect((await runAudit(['--since', '2030-01-01'], dataDir)).stdout).to.equal(HEADER);
  });

  it('reads while the server holds the data directory lock', async () => {
    const server = await openDataDir(dataDir);
    try {
      await server.audit.append(entries[0]!);
      const run = await runAudit(['--format', 'json'], dataDir);
      expect(run.code).to.equal(0);
      expect(JSON.parse(run.stdout)).to.deep.equal([entries[0]]);
      // The server can still append afterwards: the reader took no lock and changed nothing.
      await server.audit.append(entries[1]!);
    } finally {
      await server.close();
    }
    expect(await new JsonlAuditLog(join(dataDir, 'audit.jsonl')).list()).to.have.length(2);
  });

  it('skips an unreadable line, says so on stderr, and leaves the file unchanged', async () => {
    await seed(entries.slice(0, 1));
    await appendFile(join(dataDir, 'audit.jsonl'), '{"at": broken\n');
    const before = await readFile(join(dataDir, 'audit.jsonl'));
    const run = await runAudit([], dataDir);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.equal(`${HEADER}2026-10-31T23:00:00.000Z,a1,Alice,${CONTOSO},4711001,activation,\n`);
    expect(run.stderr).to.contain('Skipped 1 unreadable line').and.contain('audit.jsonl');
    expect(await readFile(join(dataDir, 'audit.jsonl'))).to.deep.equal(before);
  });

  const usage: [string, string[], string][] = [
    ['a --since that is not a date', ['--since', 'yesterday'], 'Invalid --since "yesterday"'],
    ['an impossible --since date', ['--since', '2026-02-30'], 'Invalid --since "2026-02-30"'],
    ['a --since without a value', ['--since'], "'--since"],
    ['an unknown --format', ['--format', 'xml'], 'Unknown --format "xml"'],
    ['an unknown option', ['--limit', '3'], "'--limit'"],
    ['a positional argument', ['audit.jsonl'], 'audit.jsonl'],
    ['an empty --tenant', ['--tenant', ''], '--tenant needs a value'],
  ];
  for (const [what, args, message] of usage) {
    it(`exits 2 with usage for ${what}`, async () => {
      const run = await runAudit(args, dataDir);
      expect(run.code).to.equal(2);
      expect(run.stdout).to.equal('');
      expect(run.stderr).to.contain(message).and.contain('Usage: npm run audit --');
    });
  }

  it('prints usage and exits 0 with --help', async () => {
    const run = await runAudit(['--help'], dataDir);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain('Usage: npm run audit --');
  });
});
