import type { IsoDate } from './types.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` as a UTC date; undefined when the text is not a real calendar date. */
export function parseIsoDate(text: string): Date | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : undefined;
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

function format(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

function mustParse(day: IsoDate): Date {
  const date = parseIsoDate(day);
  if (!date) throw new RangeError(`not a calendar date: ${day}`);
  return date;
}

/** `day` moved by `n` calendar days (negative moves back). */
export function addDays(day: IsoDate, n: number): IsoDate {
  const date = mustParse(day);
  date.setUTCDate(date.getUTCDate() + n);
  return format(date);
}

/**
 * The last valid day of a one-year contract that starts on `start` (F12-F13: contracts run one year):
 * 2026-03-15 gives 2027-03-14; 2028-02-29 gives 2029-02-28.
 */
export function oneYearContractEnd(start: IsoDate): IsoDate {
  const date = mustParse(start);
  const nextYear = new Date(Date.UTC(date.getUTCFullYear() + 1, date.getUTCMonth(), date.getUTCDate()));
  // Feb 29 + 1 year rolls to Mar 1; one day back is Feb 28 either way.
  if (nextYear.getUTCMonth() !== date.getUTCMonth()) nextYear.setUTCDate(1);
  nextYear.setUTCDate(nextYear.getUTCDate() - 1);
  return format(nextYear);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((mustParse(to).getTime() - mustParse(from).getTime()) / 86_400_000);
}

/** True when `day` lies in [start, end], both included. */
export function isWithin(day: IsoDate, start: IsoDate, end: IsoDate): boolean {
  return start <= day && day <= end;
}
