/**
 * The knowledge-base report CLI as an operator runs it: a real child process, a real
 * knowledge.jsonl in a temp data directory, the real knowledge base (entries.json).
 */
import { expect } from 'chai';
import { access, appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { REPORT_CSV_HEADER, type KnowledgeReport } from '../../src/knowledge/report.js';
import { openDataDir } from '../../src/store/dataDir.js';
import type { KnowledgeEvent } from '../../src/store/types.js';
import { runCli } from '../support/processes.js';

const exists = (path: string) => access(path).then(
  () => true,
  () => false,
);

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

describe('npm run kb-report (src/cli/kbReport.ts)', function () {
  this.timeout(30_000);
  const kb = loadKnowledgeBase();
  // Real entries of entries.json, whatever they are called.
  const [first, second, third] = kb.entries as [(typeof kb.entries)[number], (typeof kb.entries)[number], (typeof kb.entries)[number]];

  const events: KnowledgeEvent[] = [
    { at: '2026-10-31T23:00:00.000Z', type: 'asked', entryId: third.id, lang: 'en', via: 'text' },
    { at: '2026-10-31T23:01:00.000Z', type: 'feedback', entryId: third.id, lang: 'en', helpful: false },
    { at: '2026-11-01T09:00:00.000Z', type: 'asked', entryId: first.id, lang: 'en', via: 'text' },
    { at: '2026-11-01T09:01:00.000Z', type: 'feedback', entryId: first.id, lang: 'en', helpful: true },
    { at: '2026-11-01T10:00:00.000Z', type: 'asked', entryId: first.id, lang: 'de', via: 'choice' },
    { at: '2026-11-01T10:01:00.000Z', type: 'feedback', entryId: first.id, lang: 'de', helpful: true },
    { at: '2026-11-01T11:00:00.000Z', type: 'asked', entryId: first.id, lang: 'en', via: 'followUp' },
    { at: '2026-11-01T11:01:00.000Z', type: 'feedback', entryId: first.id, lang: 'en', helpful: false },
    { at: '2026-11-02T09:00:00.000Z', type: 'asked', entryId: second.id, lang: 'en', via: 'text' },
    { at: '2026-10-30T12:00:00.000Z', type: 'unanswered', question: 'Where is my invoice?', lang: 'en', suggested: [] },
    { at: '2026-11-01T12:00:00.000Z', type: 'unanswered', question: 'How do I reset my password?', lang: 'en', suggested: [second.id] },
    { at: '2026-11-02T12:00:00.000Z', type: 'unanswered', question: 'how do I reset my password', lang: 'en', suggested: [] },
    { at: '2026-11-03T12:00:00.000Z', type: 'unanswered', question: '=HYPERLINK("http://evil.example")', lang: 'de', suggested: [] },
  ];

  let tmp: string;
  let dataDir: string;
  let file: string;
  const run = (args: string[]) => runCli('kbReport', args, { DATA_DIR: dataDir });

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'psb-cli-kb-report-'));
    dataDir = join(tmp, 'data');
    file = join(dataDir, 'knowledge.jsonl');
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  /** Appends `list` through the server's own store (lock taken and released). */
  async function seed(list: KnowledgeEvent[] = events): Promise<void> {
    const stores = await openDataDir(dataDir);
    try {
      for (const e of list) await stores.knowledge.append(e);
    } finally {
      await stores.close();
    }
  }

  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  /** The table row of an entry in the text report, as [id, ...rest split on runs of spaces]. */
  const rowOf = (stdout: string, id: string) =>
    stdout
      .split('\n')
      .find((line) => line.startsWith(`  ${id} `))
      ?.trim();

  it('prints the text report: every entry with asks and helpful %, then the unanswered questions', async () => {
    await seed();
    const result = await run([]);
    expect(result.code).to.equal(0);
    expect(result.stderr).to.equal('');
    const { stdout } = result;
    expect(stdout).to.contain(`Knowledge-base report (from ${file})`);
    expect(stdout).to.contain('5 answers shown, 4 feedback (50% helpful), 4 unanswered questions (3 distinct)');
    const lines = stdout.split('\n');
    const header = lines.findIndex((line) => /^ {2}ID +Title +Asks +Helpful +Yes +No$/.test(line));
    expect(header).to.be.greaterThan(0);
    // Every entry once, most asked first.
    const rows = lines.slice(header + 1, header + 1 + kb.entries.length);
    expect(rows.map((line) => line.trim().split(/\s+/)[0]).sort()).to.deep.equal(kb.entries.map((e) => e.id).sort());
    expect(rows[0]!.trim().split(/\s+/)[0]).to.equal(first.id);
    expect(rowOf(stdout, first.id)).to.match(new RegExp(`^${first.id} +${escape(first.title.en)} +3 +67% +2 +1$`));
    expect(rowOf(stdout, second.id)).to.match(/ 1 +- +0 +0$/);
    expect(rowOf(stdout, third.id)).to.match(/ 1 +0% +0 +1$/);
    const unanswered = stdout.slice(stdout.indexOf('Most frequent unanswered questions'));
    expect(unanswered.split('\n').slice(1, 6)).to.deep.equal([
      '  Count  Last asked        Question',
      '      2  2026-11-02 12:00  how do I reset my password',
      `                           offered: ${second.id}`,
      '      1  2026-11-03 12:00  =HYPERLINK("http(:)//evil(.)example")',
      '      1  2026-10-30 12:00  Where is my invoice?',
    ]);
  });

  it('--since counts only what happened from that day on', async () => {
    await seed();
    const result = await run(['--since', '2026-11-01']);
    expect(result.code).to.equal(0);
    expect(result.stdout).to.contain(`(from ${file}, since 2026-11-01)`);
    expect(result.stdout).to.contain('4 answers shown, 3 feedback (67% helpful), 3 unanswered questions (2 distinct)');
    expect(rowOf(result.stdout, third.id)).to.match(/ 0 +- +0 +0$/);
    expect(result.stdout).to.contain('how do I reset my password').and.not.contain('Where is my invoice?');
  });

  it('--lang de counts only German conversations and titles the entries in German; --lang en only English ones', async () => {
    await seed();
    const de = await run(['--lang', 'de']);
    expect(de.code).to.equal(0);
    expect(de.stdout).to.contain(`(from ${file}, German conversations only)`);
    expect(de.stdout).to.contain('1 answer shown, 1 feedback (100% helpful), 1 unanswered question (1 distinct)');
    expect(rowOf(de.stdout, first.id)).to.match(new RegExp(`^${first.id} +${escape(first.title.de)} +1 +100% +1 +0$`));
    expect(rowOf(de.stdout, third.id)).to.match(/ 0 +- +0 +0$/);
    expect(de.stdout).to.contain('=HYPERLINK').and.not.contain('reset my password');

    const en = await run(['--lang', 'en', '--format', 'json']);
    const report = JSON.parse(en.stdout) as KnowledgeReport;
    expect(report.totals).to.include({ language: 'en', asks: 4, helpful: 1, notHelpful: 2, unanswered: 3 });
    expect(report.entries.find((e) => e.id === first.id)).to.include({ title: first.title.en, asks: 2, helpful: 1, notHelpful: 1 });
    expect(report.unanswered.map((q) => q.question)).to.not.include('=HYPERLINK("http(:)//evil(.)example")');
  });

  it('--top n keeps the n most asked entries and the n most frequent unanswered questions, and says how many there are', async () => {
    await seed();
    const result = await run(['--top', '1']);
    expect(result.code).to.equal(0);
    // The totals still count everything.
    expect(result.stdout).to.contain('5 answers shown, 4 feedback (50% helpful), 4 unanswered questions (3 distinct)');
    const lines = result.stdout.split('\n');
    const header = lines.findIndex((line) => /^ {2}ID +Title +Asks/.test(line));
    expect(lines[header + 1]!.trim().split(/\s+/)[0]).to.equal(first.id);
    expect(lines[header + 2]).to.equal(`  (1 of ${kb.entries.length} entries shown)`);
    expect(rowOf(result.stdout, second.id)).to.equal(undefined);
    expect(result.stdout).to.contain('how do I reset my password').and.contain('(1 of 3 shown)').and.not.contain('Where is my invoice?');

    const csv = parseCsv((await run(['--top', '2', '--format', 'csv'])).stdout);
    expect(csv.filter((row) => row[0] === 'entry').map((row) => row[1])).to.have.length(2);
    expect(csv.filter((row) => row[0] === 'unanswered')).to.have.length(2);
    const json = JSON.parse((await run(['--top', '1', '--format', 'json'])).stdout) as KnowledgeReport;
    expect(json.entries.map((e) => e.id)).to.deep.equal([first.id]);
    expect(json.totals).to.include({ entriesInAll: kb.entries.length, asks: 5 });
  });

  it('prints CSV with --format csv, formula-guarded', async () => {
    await seed();
    const result = await run(['--format', 'csv']);
    expect(result.code).to.equal(0);
    const [header, ...rows] = parseCsv(result.stdout);
    expect(header).to.deep.equal([...REPORT_CSV_HEADER]);
    const entryRows = rows.filter((row) => row[0] === 'entry');
    expect(entryRows).to.have.length(kb.entries.length);
    expect(entryRows[0]).to.deep.equal(['entry', first.id, first.title.en, '3', '2', '1', '67', '', '', '', '']);
    expect(rows.filter((row) => row[0] === 'unanswered')).to.deep.equal([
      ['unanswered', '', '', '', '', '', '', 'how do I reset my password', '2', '2026-11-02T12:00:00.000Z', second.id],
      ['unanswered', '', '', '', '', '', '', `'=HYPERLINK("http(:)//evil(.)example")`, '1', '2026-11-03T12:00:00.000Z', ''],
      ['unanswered', '', '', '', '', '', '', 'Where is my invoice?', '1', '2026-10-30T12:00:00.000Z', ''],
    ]);
  });

  it('prints the report object with --format json', async () => {
    await seed();
    const result = await run(['--format', 'json', '--since', '2026-11-02T00:00:00Z']);
    expect(result.code).to.equal(0);
    const report = JSON.parse(result.stdout) as KnowledgeReport;
    expect(report.entries).to.have.length(kb.entries.length);
    expect(report.entries[0]).to.deep.equal({ id: second.id, title: second.title.en, asks: 1, helpful: 0, notHelpful: 0, helpfulPercent: null });
    expect(report.unanswered.map((q) => [q.question, q.count])).to.deep.equal([
      ['=HYPERLINK("http(:)//evil(.)example")', 1],
      ['how do I reset my password', 1],
    ]);
    expect(report.totals).to.include({ since: '2026-11-02T00:00:00Z', events: 3, asks: 1, unanswered: 2 });
  });

  it('says there is no activity yet when there is no log, and creates nothing', async () => {
    expect(await run([])).to.deep.equal({ code: 0, stdout: `No knowledge-base activity yet in ${dataDir} (no knowledge.jsonl).\n`, stderr: '' });
    const json = await run(['--format', 'json']);
    expect(json.code).to.equal(0);
    expect(json.stderr).to.contain('No knowledge-base activity yet');
    expect((JSON.parse(json.stdout) as KnowledgeReport).totals.events).to.equal(0);
    expect(await exists(dataDir)).to.equal(false);
  });

  it('reads while the server holds the data directory lock', async () => {
    const server = await openDataDir(dataDir);
    try {
      await server.knowledge.append(events[2]!);
      const result = await run(['--format', 'json']);
      expect(result.code).to.equal(0);
      expect((JSON.parse(result.stdout) as KnowledgeReport).totals.asks).to.equal(1);
      // The server can still append afterwards: the reader took no lock and changed nothing.
      await server.knowledge.append(events[3]!);
    } finally {
      await server.close();
    }
    expect((await readFile(file, 'utf8')).split('\n')).to.have.length(3);
  });

  it('skips an unreadable line, says so on stderr, and leaves the file unchanged', async () => {
    await seed(events.slice(2, 3));
    await appendFile(file, '{"at": broken\n');
    const before = await readFile(file);
    const result = await run([]);
    expect(result.code).to.equal(0);
    expect(result.stdout).to.contain('1 answer shown');
    expect(result.stderr).to.contain('Skipped 1 unreadable line').and.contain('knowledge.jsonl');
    expect(await readFile(file)).to.deep.equal(before);
  });

  const usage: [string, string[], string][] = [
    ['a --since that is not a date', ['--since', 'yesterday'], 'Invalid --since "yesterday"'],
    ['an impossible --since date', ['--since', '2026-02-30'], 'Invalid --since "2026-02-30"'],
    ['a --since without a value', ['--since'], "'--since"],
    ['an unknown --format', ['--format', 'xml'], 'Unknown --format "xml"'],
    ['an unknown --lang', ['--lang', 'fr'], 'Unknown --lang "fr"'],
    ['a --top that is not a number', ['--top', 'ten'], 'Invalid --top "ten"'],
    ['a --top of 0', ['--top', '0'], 'Invalid --top "0"'],
    ['an unknown option', ['--limit', '3'], "'--limit'"],
    ['a positional argument', ['knowledge.jsonl'], 'knowledge.jsonl'],
  ];
  for (const [what, args, message] of usage) {
    it(`exits 2 with usage for ${what}`, async () => {
      const result = await run(args);
      expect(result.code).to.equal(2);
      expect(result.stdout).to.equal('');
      expect(result.stderr).to.contain(message).and.contain('Usage: npm run kb-report --');
    });
  }

  it('prints usage and exits 0 with --help', async () => {
    const result = await run(['--help']);
    expect(result.code).to.equal(0);
    expect(result.stdout).to.contain('Usage: npm run kb-report --');
  });
});
