/**
 * The helpdesk report (npm run report) from a real data directory: cases written through the real
 * lmdb run-time store, a real knowledge.jsonl, the real knowledge base; the CLI's code run with a
 * fixed clock, and once as the child process an operator starts. The HTML is parsed and read as a
 * person reads it: the figures in the tables, the summary tiles, the titles.
 */
import { expect } from 'chai';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { fixedClock } from '../../src/clock.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { lastWeeks } from '../../src/report/helpdeskReport.js';
import { reportMain } from '../../src/report/reportCli.js';
import { openRuntime } from '../../src/store/dataDir.js';
import { neutralise } from '../../src/text/neutralise.js';
import type { HelpdeskCase, KnowledgeEvent } from '../../src/store/types.js';
import { runCli } from '../support/processes.js';

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);
/** The elements of an SVG (self-closed in the markup) are no HTML void elements, but close themselves. */
const SELF_CLOSING = new Set(['line', 'rect']);

interface Page {
  /** Text of each table row by table class: cells trimmed. */
  tables: Map<string, string[][]>;
  /** id -> text of the element with that id (tiles). */
  byId: Map<string, string>;
  title: string;
  h2: string[];
  lang: string;
  svgs: number;
  text: string;
}

/** Parses `html`, failing on any element that is not closed in order (a well-formed page). */
function parsePage(html: string): Page {
  const stack: string[] = [];
  const problems: string[] = [];
  const page: Page = { tables: new Map(), byId: new Map(), title: '', h2: [], lang: '', svgs: 0, text: '' };
  let table: string[][] | undefined;
  let row: string[] | undefined;
  let cell: string | undefined;
  const ids: { id: string; depth: number; text: string }[] = [];
  let capture: 'title' | 'h2' | undefined;
  let captured = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'html') page.lang = attrs.lang ?? '';
        if (name === 'svg') page.svgs++;
        if (!VOID.has(name)) stack.push(name);
        if (attrs.id) ids.push({ id: attrs.id, depth: stack.length, text: '' });
        if (name === 'table') page.tables.set(attrs.class ?? '', (table = []));
        if (name === 'tr') row = [];
        if (name === 'td' || name === 'th') cell = '';
        if (name === 'title' || name === 'h2') {
          if (stack.at(-2) !== 'rect') capture = name;
          captured = '';
        }
      },
      ontext(text) {
        if (cell !== undefined) cell += text;
        if (capture) captured += text;
        for (const open of ids) open.text += text;
        page.text += text;
      },
      onclosetag(name, implied) {
        if (VOID.has(name)) return;
        if (implied && !SELF_CLOSING.has(name)) problems.push(`<${name}> not closed`);
        const top = stack.pop();
        if (top !== name) problems.push(`</${name}> closes <${top}>`);
        if ((name === 'td' || name === 'th') && row && cell !== undefined) row.push(cell.trim());
        if (name === 'td' || name === 'th') cell = undefined;
        if (name === 'tr' && row && table) table.push(row);
        if (name === 'title' && capture === 'title') page.title = captured;
        if (name === 'h2' && capture === 'h2') page.h2.push(captured);
        if (name === 'title' || name === 'h2') capture = undefined;
        const last = ids.at(-1);
        if (last && last.depth === stack.length + 1) {
          page.byId.set(last.id, last.text.trim());
          ids.pop();
        }
      },
    },
    { decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  expect(problems, 'the page is well-formed').to.deep.equal([]);
  expect(stack, 'every element is closed').to.deep.equal([]);
  return page;
}

const agent = { aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b99', name: 'Hal Helpdesk' };
function aCase(category: string, createdAt: string, resolvedAt?: string): Omit<HelpdeskCase, 'id'> {
  return {
    origin: 'triage',
    category,
    summary: `${category} case`,
    status: resolvedAt ? 'resolved' : 'open',
    createdBy: agent,
    createdAt,
    notes: [],
    history: [{ at: createdAt, by: agent, event: 'created' }, ...(resolvedAt ? [{ at: resolvedAt, by: agent, event: 'resolved' }] : [])],
  };
}

const HOSTILE = '<script>alert("x")</script> why \u202egnp.exe\u200b is https://evil.example/x';

describe('npm run report: the helpdesk report as an HTML page', function () {
  this.timeout(30_000);
  let dataDir: string;
  const entry = loadKnowledgeBase().entries[0]!;
  const clock = fixedClock('2026-11-25T10:00:00Z');

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'psb-report-'));
    const runtime = openRuntime(dataDir);
    try {
      // Period 2026-11-02 (Mon) .. 2026-11-22 (Sun): three weeks.
      await runtime.cases.create(aCase('activation', '2026-11-03T09:00:00Z', '2026-11-03T13:00:00Z')); // 4 h
      await runtime.cases.create(aCase('activation', '2026-11-04T10:00:00Z', '2026-11-10T10:00:00Z')); // 144 h
      await runtime.cases.create(aCase('balance', '2026-11-10T08:00:00Z', '2026-11-11T08:00:00Z')); // 24 h
      await runtime.cases.create(aCase('roles', '2026-11-17T08:00:00Z')); // still open
      await runtime.cases.create(aCase('ids', '2026-10-30T10:00:00Z', '2026-11-02T10:00:00Z')); // opened before, resolved in: 72 h
      await runtime.cases.create(aCase('plan', '2026-11-23T10:00:00Z')); // after the period
    } finally {
      await runtime.close();
    }
    const events: KnowledgeEvent[] = [
      { at: '2026-11-03T10:00:00.000Z', type: 'asked', entryId: entry.id, lang: 'en', via: 'text' },
      { at: '2026-11-09T10:00:00.000Z', type: 'asked', entryId: entry.id, lang: 'de', via: 'text' },
      { at: '2026-11-16T10:00:00.000Z', type: 'asked', entryId: entry.id, lang: 'en', via: 'choice' },
      { at: '2026-11-24T10:00:00.000Z', type: 'asked', entryId: entry.id, lang: 'en', via: 'text' }, // after the period
      { at: '2026-11-03T10:01:00.000Z', type: 'feedback', entryId: entry.id, lang: 'en', helpful: true },
      { at: '2026-11-16T10:01:00.000Z', type: 'feedback', entryId: entry.id, lang: 'en', helpful: false },
      { at: '2026-11-05T10:00:00.000Z', type: 'unanswered', question: HOSTILE, lang: 'en', suggested: [] },
      { at: '2026-11-06T10:00:00.000Z', type: 'unanswered', question: HOSTILE, lang: 'en', suggested: [] },
    ];
    await appendFile(join(dataDir, 'knowledge.jsonl'), events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  });

  after(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[]; html?: string; file?: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await reportMain(args, { clock, env: { DATA_DIR: dataDir }, out: (l) => out.push(l), err: (l) => err.push(l) });
    const file = /(?:Written to|Geschrieben nach) (.+\.html)$/.exec(out.join('\n'))?.[1];
    return { code, out, err, ...(file && { file, html: await readFile(file, 'utf8') }) };
  }

  it('counts cases opened and resolved per week, the open ones, median and p90 time to resolution, the categories', async () => {
    const { code, out, html, file } = await run(['--from', '2026-11-02', '--to', '2026-11-22']);
    expect(code).to.equal(0);
    expect(file).to.equal(join(dataDir, 'reports', 'helpdesk-report-2026-11-02-2026-11-22.html'));
    expect(out[0]).to.contain('Helpdesk report 2026-11-02 to 2026-11-22: 4 cases opened, 4 resolved.');
    const page = parsePage(html!);
    expect(page.lang).to.equal('en');
    expect(page.title).to.equal('Helpdesk report: Nov 2, 2026 to Nov 22, 2026');
    expect(page.tables.get('weeks')!.slice(1)).to.deep.equal([
      ['Week of Nov 2, 2026', '2', '2'],
      ['Week of Nov 9, 2026', '1', '2'],
      ['Week of Nov 16, 2026', '1', '0'],
    ]);
    expect(page.byId.get('tile-opened')).to.equal('4Cases opened');
    expect(page.byId.get('tile-resolved')).to.equal('4Cases resolved');
    expect(page.byId.get('tile-open')).to.equal('1Open now');
    // 4 h, 24 h, 72 h, 144 h: the median is 48 h (2 days), 90% within 144 h (6 days).
    expect(page.byId.get('tile-median')).to.equal('2 daysMedian time to resolution');
    expect(page.byId.get('tile-p90')).to.equal('6 days90% resolved within');
    expect(page.text).to.contain('Of the 4 cases resolved in this period: half within 2 days, nine in ten within 6 days.');
    expect(page.tables.get('categories')!.slice(1)).to.deep.equal([
      ['Activation', '2'],
      ['Incident balance', '1'],
      ['Roles or account', '1'],
    ]);
    expect(page.svgs).to.be.at.least(3);
    expect(html).to.not.match(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i); // offline: no script, nothing fetched
  });

  it('shows the knowledge base of the period: answers shown, helpfulness, and the unanswered question escaped and neutralised', async () => {
    const { html } = await run(['--from', '2026-11-02', '--to', '2026-11-22']);
    const page = parsePage(html!);
    expect(page.tables.get('kb-entries')!.slice(1)).to.deep.equal([[entry.title.en, '3', '50\u00a0%']]);
    expect(page.byId.get('tile-helpful')).to.equal('50\u00a0%Answers that helped');
    expect(page.text).to.contain('Answers shown: 3. Questions without an answer: 2. "Did this help?": yes 1 of 2 times.');
    const [question, times] = page.tables.get('kb-unanswered')![1]!;
    expect(times).to.equal('2');
    expect(question).to.contain('<script>alert("x")</script> why'); // shown as text ...
    expect(question).to.not.match(/[\u202e\u200b]/); // ... without the bidi override and zero-width space ...
    expect(question).to.not.contain('https://evil.example'); // ... and the address defused, as text/neutralise does it
    expect(question).to.contain(neutralise('https://evil.example/x'));
    expect(html).to.not.contain('<script>');
    expect(html).to.contain('&#60;script&#62;');
  });

  it('in German with --lang de: German titles, labels and dates, the same figures', async () => {
    const { html, file, out } = await run(['--from', '2026-11-02', '--to', '2026-11-22', '--lang', 'de']);
    expect(file).to.match(/-de\.html$/);
    expect(out[0]).to.contain('4 Fälle eröffnet, 4 gelöst');
    const page = parsePage(html!);
    expect(page.lang).to.equal('de');
    expect(page.title).to.equal('Helpdesk-Bericht: 02.11.2026 bis 22.11.2026');
    expect(page.h2).to.include.members(['Fälle pro Woche', 'Zeit bis zur Lösung', 'Häufigste Kategorien der eröffneten Fälle', 'Wissensdatenbank']);
    expect(page.tables.get('weeks')!.slice(1)).to.deep.equal([
      ['Woche vom 02.11.2026', '2', '2'],
      ['Woche vom 09.11.2026', '1', '2'],
      ['Woche vom 16.11.2026', '1', '0'],
    ]);
    expect(page.byId.get('tile-median')).to.equal('2 TageMittlere Lösungszeit (Median)');
    expect(page.tables.get('categories')!.slice(1)).to.deep.equal([
      ['Aktivierung', '2'],
      ['Incident-Kontingent', '1'],
      ['Rollen oder Konto', '1'],
    ]);
    expect(page.tables.get('kb-entries')!.slice(1)).to.deep.equal([[entry.title.de, '3', '50\u00a0%']]);
  });

  it('--weeks N takes the last N weeks by the clock, this week included; --top limits the categories', async () => {
    expect(lastWeeks('2026-11-25', 2)).to.deep.equal({ from: '2026-11-16', to: '2026-11-25' });
    const { html, out } = await run(['--weeks', '2', '--top', '1']);
    expect(out[0]).to.contain('Helpdesk report 2026-11-16 to 2026-11-25: 2 cases opened, 0 resolved.');
    const page = parsePage(html!);
    expect(page.tables.get('weeks')!.slice(1)).to.deep.equal([
      ['Week of Nov 16, 2026', '1', '0'],
      ['Week of Nov 23, 2026', '1', '0'],
    ]);
    expect(page.tables.get('categories')!.slice(1)).to.have.length(1);
    expect(page.text).to.contain('No case was resolved in this period.');
    const oneDay = await run(['--from', '2026-11-03', '--to', '2026-11-03']);
    expect(oneDay.out[0]).to.contain('Helpdesk report 2026-11-03 to 2026-11-03: 1 case opened, 1 resolved.');
    expect(parsePage(oneDay.html!).text).to.contain('The one case resolved in this period took 4 h.');
  });

  it('refuses bad options with a clear message and exit code 2, writing nothing', async () => {
    for (const [args, message] of [
      [['--weeks', '0'], 'Invalid --weeks "0": expected a whole number from 1 to 520'],
      [['--from', '2026-02-30'], 'Invalid --from "2026-02-30": expected a date such as 2026-11-02'],
      [['--from', '2026-11-10', '--to', '2026-11-01'], '--to 2026-11-01 is before --from 2026-11-10'],
      [['--weeks', '2', '--from', '2026-11-01'], 'Use either --weeks or --from/--to, not both'],
      [['--lang', 'fr'], 'Unknown --lang "fr": use en or de'],
    ] as const) {
      const { code, err, out } = await run([...args]);
      expect(code, args.join(' ')).to.equal(2);
      expect(err.join('\n')).to.contain(message);
      expect(out).to.deep.equal([]);
    }
  });

  it('runs as npm run report does (a child process), --out puts the file where asked', async () => {
    const out = join(dataDir, 'mine.html');
    const result = await runCli('report', ['--from', '2026-11-02', '--to', '2026-11-22', '--out', out], { DATA_DIR: dataDir });
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout.trim()).to.equal(`Helpdesk report 2026-11-02 to 2026-11-22: 4 cases opened, 4 resolved. Written to ${out}`);
    expect(parsePage(await readFile(out, 'utf8')).tables.get('weeks')).to.have.length(4);
  });
});
