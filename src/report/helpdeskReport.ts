/**
 * The data of the helpdesk report (`npm run report`): cases opened and resolved per week, time to
 * resolution, the categories of the cases opened, and the knowledge base's usage (from
 * src/knowledge/report.ts's knowledgeReport, unchanged) over one period. Pure: the caller reads the
 * cases and the knowledge log; html.ts draws the result.
 *
 * Weeks run Monday to Sunday (UTC); the first and last week of a period may be cut by it, and count
 * only the days inside. A case counts as opened on its `createdAt`, as resolved at its last
 * `resolved` history event (falling back to the last history entry of a resolved case without one).
 */
import { knowledgeReport, type KnowledgeReport, type ReportEntry } from '../knowledge/report.js';
import type { HelpdeskCase, KnowledgeEvent } from '../store/types.js';

const DAY_MS = 86_400_000;

/** A period of whole UTC days, both ends included (`YYYY-MM-DD`). */
export interface ReportPeriod {
  from: string;
  to: string;
}

export interface WeekRow {
  /** The Monday the week starts on (`YYYY-MM-DD`), also when the period starts later in it. */
  week: string;
  opened: number;
  resolved: number;
}

export interface CategoryRow {
  category: string;
  count: number;
}

export interface ResolutionTimes {
  /** Cases resolved within the period. */
  count: number;
  /** In milliseconds; null without a resolved case. The median of an even count is the mean of the middle two. */
  medianMs: number | null;
  /** The 90th percentile (nearest rank: the smallest time within which 90% were resolved); null without a case. */
  p90Ms: number | null;
}

export interface HelpdeskReport {
  period: ReportPeriod;
  /** How many categories, knowledge entries and unanswered questions are listed at most. */
  top: number;
  weeks: WeekRow[];
  opened: number;
  resolved: number;
  /** Cases not resolved at the end of the period (opened by then, not resolved by then). */
  openAtEnd: number;
  resolution: ResolutionTimes;
  /** Categories of the cases opened in the period, most frequent first (then by name), at most `top`. */
  categories: CategoryRow[];
  knowledge: KnowledgeReport;
}

export interface HelpdeskReportOptions {
  /** How many categories, knowledge entries and unanswered questions to list (default 10). */
  top?: number;
  /** The language of the knowledge entries' titles. */
  lang?: 'en' | 'de';
}

export const DEFAULT_REPORT_TOP = 10;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight UTC of `day`, in ms; throws a RangeError for anything but a real calendar day. */
export function dayStart(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (!DAY.test(day) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`Invalid day ${JSON.stringify(day)}: expected a date such as 2026-11-02`);
  }
  return ms;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Monday (UTC) of the week `ms` falls in. */
export function mondayOf(ms: number): string {
  const start = Math.floor(ms / DAY_MS) * DAY_MS;
  const weekday = (new Date(start).getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  return isoDay(start - weekday * DAY_MS);
}

/** The period of the last `weeks` whole weeks ending with the week of `today` (today included). */
export function lastWeeks(today: string, weeks: number): ReportPeriod {
  if (!(Number.isInteger(weeks) && weeks >= 1)) throw new RangeError(`Invalid weeks ${weeks}: expected a whole number of at least 1`);
  const monday = dayStart(mondayOf(dayStart(today)));
  return { from: isoDay(monday - (weeks - 1) * 7 * DAY_MS), to: today };
}

/** When `c` was resolved, in ms; undefined for a case that is not resolved. */
export function resolvedAt(c: HelpdeskCase): number | undefined {
  if (c.status !== 'resolved') return undefined;
  const events = c.history.filter((h) => h.event === 'resolved');
  const at = (events.at(-1) ?? c.history.at(-1))?.at;
  const ms = at === undefined ? NaN : Date.parse(at);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The median of sorted `values` (the mean of the middle two for an even count). */
function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile `p` (0 < p <= 1) of sorted `values`. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/**
 * The report over `period` from every case and the knowledge log's events (any order).
 * @throws RangeError for a period whose days are not calendar days, or that ends before it starts.
 */
export function helpdeskReport(
  cases: readonly HelpdeskCase[],
  events: readonly KnowledgeEvent[],
  entries: readonly ReportEntry[],
  period: ReportPeriod,
  options: HelpdeskReportOptions = {},
): HelpdeskReport {
  const top = options.top ?? DEFAULT_REPORT_TOP;
  if (!(Number.isInteger(top) && top >= 1)) throw new RangeError(`Invalid top ${top}: expected a whole number of at least 1`);
  const start = dayStart(period.from);
  const end = dayStart(period.to) + DAY_MS; // exclusive
  if (end <= start) throw new RangeError(`The period ends (${period.to}) before it starts (${period.from})`);
  const inPeriod = (ms: number | undefined): ms is number => ms !== undefined && ms >= start && ms < end;

  const weeks = new Map<string, WeekRow>();
  for (let monday = dayStart(mondayOf(start)); monday < end; monday += 7 * DAY_MS) {
    weeks.set(isoDay(monday), { week: isoDay(monday), opened: 0, resolved: 0 });
  }
  const categories = new Map<string, number>();
  const times: number[] = [];
  let opened = 0;
  let resolved = 0;
  let openAtEnd = 0;
  for (const c of cases) {
    const created = Date.parse(c.createdAt);
    const done = resolvedAt(c);
    if (inPeriod(created)) {
      opened++;
      weeks.get(mondayOf(created))!.opened++;
      categories.set(c.category, (categories.get(c.category) ?? 0) + 1);
    }
    if (inPeriod(done)) {
      resolved++;
      weeks.get(mondayOf(done))!.resolved++;
      if (!Number.isNaN(created)) times.push(Math.max(0, done - created));
    }
    if (created < end && !(done !== undefined && done < end)) openAtEnd++;
  }
  times.sort((a, b) => a - b);

  // The knowledge log's events of the period only: knowledgeReport takes a `since`, the end is cut here.
  const periodEvents = events.filter((e) => {
    const ms = Date.parse(e.at);
    return ms >= start && ms < end;
  });
  const knowledge = knowledgeReport(periodEvents, entries, { since: period.from, top, lang: options.lang ?? 'en' });

  return {
    period,
    top,
    weeks: [...weeks.values()],
    opened,
    resolved,
    openAtEnd,
    resolution: { count: times.length, medianMs: median(times), p90Ms: percentile(times, 0.9) },
    categories: [...categories]
      .map(([category, count]) => ({ category, count }))
      .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0))
      .slice(0, top),
    knowledge,
  };
}
