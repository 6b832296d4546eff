/**
 * The operator's report on knowledge-base usage (`npm run kb-report`): which entries are asked
 * for, whether their answers helped, and which questions the knowledge base could not answer.
 *
 * {@link knowledgeReport} is pure: it aggregates the events of the usage log (see
 * `JsonlKnowledgeLog`) against the entries of the knowledge base. The `format*` helpers turn a
 * report into text for a terminal, CSV for a spreadsheet (formula-guarded like `npm run audit`) or
 * JSON.
 */
import { parseIsoInstant } from '../store/jsonl/isoInstant.js';
import { sinceOf } from '../store/jsonl/jsonlFile.js';
import { csvRows } from '../util/csv.js';
import { cleanQuestion } from '../store/jsonl/jsonlKnowledgeLog.js';
import { neutralise } from '../text/neutralise.js';
import type { KnowledgeEvent } from '../store/types.js';
import type { KbLang, KbText } from './knowledgeBase.js';

/** What the report needs of an entry (a `KbEntry` fits). */
export interface ReportEntry {
  readonly id: string;
  readonly title: KbText;
}

export interface KnowledgeReportOptions {
  /** Only events at or after this ISO date (midnight UTC) or timestamp. */
  since?: string;
  /** How many unanswered question groups to keep, most frequent first (default 20). */
  top?: number;
  /** The language of entry titles (default `en`). */
  lang?: KbLang;
  /** Only the events of conversations in this language (default: both languages). */
  language?: KbLang;
  /** How many entries to keep, most asked first (default: every entry). */
  topEntries?: number;
}

/** One row of the entries table. */
export interface EntryUsage {
  id: string;
  /** In the report's language; {@link UNKNOWN_ENTRY_TITLE} for an id the knowledge base no longer has. */
  title: string;
  /** How often the entry's answer was shown. */
  asks: number;
  /** "Did this help?" answered yes. */
  helpful: number;
  /** "Did this help?" answered no. */
  notHelpful: number;
  /** helpful / (helpful + notHelpful), in whole percent; null without feedback. */
  helpfulPercent: number | null;
}

/** Unanswered questions that read the same once case, whitespace and punctuation are ignored. */
export interface UnansweredQuestion {
  /** The most frequent wording in the group (the latest on a tie). */
  question: string;
  /** How often it was asked. */
  count: number;
  /** When it was last asked (as logged). */
  lastAt: string;
  /** Entry ids offered as "did you mean", most often offered first. */
  suggested: string[];
}

export interface KnowledgeReportTotals {
  /** The `since` the report was limited to, if any. */
  since: string | null;
  /** The conversation language the report was limited to, if any. */
  language: KbLang | null;
  /** Entry rows before the top-N cut (the report's `entries` may hold fewer). */
  entriesInAll: number;
  /** Events counted (after `since`). */
  events: number;
  /** Answers shown. */
  asks: number;
  helpful: number;
  notHelpful: number;
  /** Over all feedback, in whole percent; null without feedback. */
  helpfulPercent: number | null;
  /** Questions without a confident answer. */
  unanswered: number;
  /** Groups of those (before the top-N cut). */
  distinctUnanswered: number;
  /** Timestamps of the first and the last event counted; null when none. */
  firstAt: string | null;
  lastAt: string | null;
}

export interface KnowledgeReport {
  /** Every entry of the knowledge base (plus ids no longer in it that were asked), most asked first, then by id. */
  entries: EntryUsage[];
  /** The `top` most frequent unanswered question groups. */
  unanswered: UnansweredQuestion[];
  totals: KnowledgeReportTotals;
}

/** The title of a logged entry id that the knowledge base does not have (any more). */
export const UNKNOWN_ENTRY_TITLE = '(not in the knowledge base)';
export const DEFAULT_TOP = 20;

/** Whole percent of `yes` among `yes + no`; null when both are 0. */
function percent(yes: number, no: number): number | null {
  return yes + no === 0 ? null : Math.round((yes / (yes + no)) * 100);
}

/**
 * The key unanswered questions are grouped by: Unicode-normalized (NFKC), lower case, without
 * punctuation and whitespace, so "Who may activate?", "who  may activate" and "WHO MAY ACTIVATE!!"
 * are one question.
 */
export function questionKey(question: string): string {
  return question.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{Z}\s]+/gu, '');
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Group {
  count: number;
  lastAt: string;
  lastMs: number;
  /** wording -> [count, last ms] */
  wordings: Map<string, { count: number; lastMs: number }>;
  /** entry id -> times offered, in first-offered order */
  suggested: Map<string, number>;
}

/**
 * Aggregates usage events into the report.
 * @param events as listed by the usage log (any order)
 * @param entries the knowledge base's entries
 * @throws RangeError for a `since` that is not an ISO date/timestamp, or a `top` that is not a whole number >= 0
 */
export function knowledgeReport(
  events: readonly KnowledgeEvent[],
  entries: readonly ReportEntry[],
  options: KnowledgeReportOptions = {},
): KnowledgeReport {
  const lang = options.lang ?? 'en';
  const top = options.top ?? DEFAULT_TOP;
  if (!(Number.isInteger(top) && top >= 0)) throw new RangeError(`Invalid "top" ${top}: expected a whole number >= 0`);
  const topEntries = options.topEntries;
  if (topEntries !== undefined && !(Number.isInteger(topEntries) && topEntries >= 0)) {
    throw new RangeError(`Invalid "topEntries" ${topEntries}: expected a whole number >= 0`);
  }
  const since = sinceOf(options.since);

  const usage = new Map<string, EntryUsage>();
  for (const entry of entries) {
    usage.set(entry.id, { id: entry.id, title: entry.title[lang], asks: 0, helpful: 0, notHelpful: 0, helpfulPercent: null });
  }
  const usageOf = (id: string): EntryUsage => {
    let row = usage.get(id);
    if (!row) {
      row = { id, title: UNKNOWN_ENTRY_TITLE, asks: 0, helpful: 0, notHelpful: 0, helpfulPercent: null };
      usage.set(id, row);
    }
    return row;
  };

  const groups = new Map<string, Group>();
  let counted = 0;
  let unansweredCount = 0;
  let first: { at: string; ms: number } | undefined;
  let last: { at: string; ms: number } | undefined;
  for (const event of events) {
    const ms = parseIsoInstant(event.at);
    if (ms === undefined) continue; // not from a validated log
    if (since !== undefined && ms < since) continue;
    if (options.language !== undefined && event.lang !== options.language) continue;
    counted += 1;
    if (!first || ms < first.ms) first = { at: event.at, ms };
    if (!last || ms >= last.ms) last = { at: event.at, ms };
    switch (event.type) {
      case 'asked':
        usageOf(event.entryId).asks += 1;
        break;
      case 'feedback':
        if (event.helpful) usageOf(event.entryId).helpful += 1;
        else usageOf(event.entryId).notHelpful += 1;
        break;
      case 'unanswered': {
        unansweredCount += 1;
        // As the log stores it (a no-op for logged events): no control characters, single spaces.
        // A partner's words, read by the operator: shown as text (no bidi tricks, no live links).
        const wording = neutralise(cleanQuestion(event.question));
        const key = questionKey(wording);
        let group = groups.get(key);
        if (!group) {
          group = { count: 0, lastAt: event.at, lastMs: ms, wordings: new Map(), suggested: new Map() };
          groups.set(key, group);
        }
        group.count += 1;
        if (ms >= group.lastMs) {
          group.lastMs = ms;
          group.lastAt = event.at;
        }
        const seen = group.wordings.get(wording);
        if (seen) {
          seen.count += 1;
          seen.lastMs = Math.max(seen.lastMs, ms);
        } else group.wordings.set(wording, { count: 1, lastMs: ms });
        for (const id of new Set(event.suggested)) group.suggested.set(id, (group.suggested.get(id) ?? 0) + 1);
        break;
      }
    }
  }

  const rows = [...usage.values()];
  for (const row of rows) row.helpfulPercent = percent(row.helpful, row.notHelpful);
  rows.sort((a, b) => b.asks - a.asks || compare(a.id, b.id));

  const unanswered = [...groups.values()]
    .map((group) => {
      const [question] = [...group.wordings.entries()].reduce((best, next) =>
        next[1].count > best[1].count || (next[1].count === best[1].count && next[1].lastMs > best[1].lastMs) ? next : best,
      );
      const suggested = [...group.suggested.entries()]
        .map(([id, times], order) => ({ id, times, order }))
        .sort((a, b) => b.times - a.times || a.order - b.order)
        .map((s) => s.id);
      return { question, count: group.count, lastAt: group.lastAt, lastMs: group.lastMs, suggested };
    })
    .sort((a, b) => b.count - a.count || b.lastMs - a.lastMs || compare(a.question, b.question))
    .slice(0, top)
    .map(({ question, count, lastAt, suggested }) => ({ question, count, lastAt, suggested }));

  // Totals count every entry, also those cut by topEntries.
  const helpful = rows.reduce((sum, row) => sum + row.helpful, 0);
  const notHelpful = rows.reduce((sum, row) => sum + row.notHelpful, 0);
  return {
    entries: topEntries === undefined ? rows : rows.slice(0, topEntries),
    unanswered,
    totals: {
      since: options.since ?? null,
      language: options.language ?? null,
      entriesInAll: rows.length,
      events: counted,
      asks: rows.reduce((sum, row) => sum + row.asks, 0),
      helpful,
      notHelpful,
      helpfulPercent: percent(helpful, notHelpful),
      unanswered: unansweredCount,
      distinctUnanswered: groups.size,
      firstAt: first?.at ?? null,
      lastAt: last?.at ?? null,
    },
  };
}

// ------------------------------------------------------------------ formatting

/** How many characters a string takes in a terminal column (code points, not UTF-16 units). */
const width = (text: string) => Array.from(text).length;
const padEnd = (text: string, n: number) => text + ' '.repeat(Math.max(0, n - width(text)));
const padStart = (text: string, n: number) => ' '.repeat(Math.max(0, n - width(text))) + text;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const showPercent = (p: number | null) => (p === null ? '-' : `${p}%`);
/** `2026-11-03T10:00:00.000Z` -> `2026-11-03 10:00` (other forms unchanged). */
const shortTime = (at: string) => /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})[:.\dZ]*$/.exec(at)?.slice(1).join(' ') ?? at;

/** Lays out rows as columns separated by two spaces; `right` marks right-aligned columns. */
function table(header: string[], rows: string[][], right: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (right[i] ? padStart(cell, widths[i]!) : i === cells.length - 1 ? cell : padEnd(cell, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export interface TextReportOptions {
  /** Where the events came from, for the heading (e.g. the log file). */
  source?: string;
}

/** The report as plain text for a terminal: a summary, the entries table, the unanswered questions. */
export function formatReportText(report: KnowledgeReport, options: TextReportOptions = {}): string {
  const { totals } = report;
  const out: string[] = [];
  const scope = [
    options.source && `from ${options.source}`,
    totals.since !== null && `since ${totals.since}`,
    totals.language !== null && `${totals.language === 'de' ? 'German' : 'English'} conversations only`,
  ].filter(Boolean);
  out.push(`Knowledge-base report${scope.length > 0 ? ` (${scope.join(', ')})` : ''}`);
  const feedback = totals.helpful + totals.notHelpful;
  out.push(
    `${plural(totals.asks, 'answer')} shown, ${plural(feedback, 'feedback', 'feedback')} ` +
      `(${feedback === 0 ? 'none yet' : `${showPercent(totals.helpfulPercent)} helpful`}), ` +
      `${plural(totals.unanswered, 'unanswered question')} (${totals.distinctUnanswered} distinct)`,
  );
  if (totals.firstAt !== null && totals.lastAt !== null) {
    out.push(`Events from ${shortTime(totals.firstAt)} to ${shortTime(totals.lastAt)}`);
  }
  out.push('', 'Entries (most asked first)');
  out.push(
    ...table(
      ['ID', 'Title', 'Asks', 'Helpful', 'Yes', 'No'],
      report.entries.map((e) => [e.id, e.title, String(e.asks), showPercent(e.helpfulPercent), String(e.helpful), String(e.notHelpful)]),
      [false, false, true, true, true, true],
    ).map((line) => `  ${line}`),
  );
  if (totals.entriesInAll > report.entries.length) out.push(`  (${report.entries.length} of ${totals.entriesInAll} entries shown)`);
  out.push('', 'Most frequent unanswered questions');
  if (report.unanswered.length === 0) {
    out.push('  (none)');
  } else {
    const lines = table(
      ['Count', 'Last asked', 'Question'],
      report.unanswered.map((q) => [String(q.count), shortTime(q.lastAt), q.question]),
      [true, false, false],
    );
    const indent = ' '.repeat(lines[0]!.indexOf('Question'));
    out.push(`  ${lines[0]}`);
    report.unanswered.forEach((q, i) => {
      out.push(`  ${lines[i + 1]}`);
      if (q.suggested.length > 0) out.push(`  ${indent}offered: ${q.suggested.join(', ')}`);
    });
    if (totals.distinctUnanswered > report.unanswered.length) {
      out.push(`  (${report.unanswered.length} of ${totals.distinctUnanswered} shown)`);
    }
  }
  return `${out.join('\n')}\n`;
}

export const REPORT_CSV_HEADER = [
  'kind',
  'id',
  'title',
  'asks',
  'helpful',
  'not_helpful',
  'helpful_percent',
  'question',
  'count',
  'last_at',
  'suggested',
] as const;

/**
 * The report as one CSV table (header {@link REPORT_CSV_HEADER}, lines ending in `\n`): a row of
 * kind `entry` per entry, then a row of kind `unanswered` per question group (`suggested` joined
 * with spaces). Cells that do not apply are empty.
 */
export function formatReportCsv(report: KnowledgeReport): string {
  const rows: string[][] = [[...REPORT_CSV_HEADER]];
  for (const e of report.entries) {
    rows.push(['entry', e.id, e.title, String(e.asks), String(e.helpful), String(e.notHelpful), e.helpfulPercent === null ? '' : String(e.helpfulPercent), '', '', '', '']);
  }
  for (const q of report.unanswered) {
    rows.push(['unanswered', '', '', '', '', '', '', q.question, String(q.count), q.lastAt, q.suggested.join(' ')]);
  }
  return csvRows(rows);
}

/** The report as indented JSON, ending in a newline. */
export function formatReportJson(report: KnowledgeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
