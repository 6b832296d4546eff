/**
 * Row keys of the append-only logs on an {@link EntityTable} (tableAuditLog.ts,
 * tableKnowledgeLog.ts): fixed-width digits that sort by time, then by the order of the calls in
 * one process, then by writer, so every append gets a key of its own without asking the store
 * (several bot instances append at once), and a key range is a time range.
 *
 * `at` may be any instant the logs accept (years 0000 to 9999, see isoInstant.ts); it is counted in
 * milliseconds from 0000-01-01, which takes 15 digits up to 9999-12-31.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Milliseconds from 0000-01-01T00:00:00Z to the Unix epoch. */
const YEAR_ZERO_MS = -Date.parse('0000-01-01T00:00:00.000Z');
const TIME_DIGITS = 15;
const SEQUENCE_DIGITS = 12;
const MAX_TIME = 10 ** TIME_DIGITS - 1;
const MAX_SEQUENCE = 10 ** SEQUENCE_DIGITS - 1;

const pad = (n: number, digits: number) => String(n).padStart(digits, '0');

/** The row key of the entry at `ms` with this sequence number and writer id (12 hex digits). */
function rowKey(ms: number, sequence: number, writer: string, order: 'forward' | 'newestFirst'): string {
  const time = ms + YEAR_ZERO_MS;
  const n = sequence % (MAX_SEQUENCE + 1);
  return order === 'forward'
    ? `${pad(time, TIME_DIGITS)}${pad(n, SEQUENCE_DIGITS)}${writer}`
    : `${pad(MAX_TIME - time, TIME_DIGITS)}${pad(MAX_SEQUENCE - n, SEQUENCE_DIGITS)}${writer}`;
}

/** One appender's part of its keys: a random writer id and a counter of its appends. */
export class RowSequence {
  readonly #writer = randomBytes(6).toString('hex');
  #next = 0;

  /** The key of the next append at `ms`: oldest first (`forward`) or newest first. */
  next(ms: number, order: 'forward' | 'newestFirst'): string {
    return rowKey(ms, this.#next++, this.#writer, order);
  }
}

/**
 * The key of an entry copied from another log (`npm run migrate`): not random but fixed by the
 * entry, so the same entry copied again (an interrupted run done again, a log moved to a file and
 * back) gets the same key. Its sequence is `occurrence`, the entry's place among the source's
 * entries of the same millisecond (so they keep their order), its writer id a hash of the entry's
 * JSON text (so different entries of one millisecond never share a key).
 */
export function copiedRowKey(ms: number, occurrence: number, json: string, order: 'forward' | 'newestFirst'): string {
  return rowKey(ms, occurrence, createHash('sha256').update(json).digest('hex').slice(0, 12), order);
}

/**
 * A key that sorts in the opposite order of `row` (a row key of this module: hex digits only), so
 * a newest-first log can be read oldest first through an ascending index.
 */
export function reversedRow(row: string): string {
  return row.replace(/[0-9a-f]/g, (c) => (15 - parseInt(c, 16)).toString(16));
}

/** The instant (epoch ms) a row key of either order stands for. */
export function msOfRow(row: string, order: 'forward' | 'newestFirst'): number {
  const time = Number(row.slice(0, TIME_DIGITS));
  return (order === 'forward' ? time : MAX_TIME - time) - YEAR_ZERO_MS;
}

/** The UTC day (`2026-11-24`) of an instant: the knowledge log's partition. */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A value (a tenant or partner id: any string the logs accept) as part of a key: as it is when it
 * is short printable ASCII (`=` + the id), otherwise a hash (`#` + 40 hex digits), so a key never
 * breaks the store's rules. Readers compare the stored value too, so a hash collision cannot mix
 * tenants.
 */
export function keyPart(value: string): string {
  return /^[\u0021-\u007e]{1,128}$/.test(value) ? `=${value}` : `#${createHash('sha256').update(value).digest('hex').slice(0, 40)}`;
}
