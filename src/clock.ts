import type { IsoDate } from './domain/types.js';

/**
 * The one source of "today" and "now". Every rule that depends on the date takes a Clock, so tests
 * fix the date and demo data can be laid out relative to it.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's calendar date in UTC, `YYYY-MM-DD`. */
  today(): IsoDate;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => new Date().toISOString().slice(0, 10),
};

/** A clock stopped at `iso` (a date `YYYY-MM-DD` or a full ISO timestamp). */
export function fixedClock(iso: string): Clock {
  const instant = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(instant.getTime())) throw new Error(`fixedClock: not a date: ${iso}`);
  return { now: () => new Date(instant), today: () => instant.toISOString().slice(0, 10) };
}
