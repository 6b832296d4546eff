/**
 * Checks shared by every {@link EntityTable} implementation, so the contract is the same
 * whichever backend runs: what a key may be, what a batch may hold, what a value is.
 */
import type { BatchOperation } from './types.js';

/** Longest partition or row key in characters (Azure Table Storage allows 1 KiB per key). */
export const MAX_KEY_LENGTH = 512;
/** Longest partition or row key in UTF-8 bytes (lmdb's whole key, both parts, is at most 1,978). */
export const MAX_KEY_BYTES = 900;
/** Most operations in one batch (Azure Table Storage's limit). */
export const MAX_BATCH = 100;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Throws a TypeError naming the problem when `key` cannot be a partition or row key. */
export function checkKey(what: 'partition' | 'row', key: string): void {
  if (typeof key !== 'string' || key === '') throw new TypeError(`The ${what} key must be a non-empty string`);
  if (key.length > MAX_KEY_LENGTH || Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new TypeError(`The ${what} key is longer than ${MAX_KEY_LENGTH} characters or ${MAX_KEY_BYTES} bytes`);
  }
  if (CONTROL.test(key)) throw new TypeError(`The ${what} key ${JSON.stringify(key)} contains a control character`);
}

/** Throws a TypeError when a batch is empty, too large, or names a row twice. */
export function checkBatch(partition: string, operations: readonly BatchOperation<unknown>[]): void {
  checkKey('partition', partition);
  if (operations.length === 0) throw new TypeError('A batch needs at least one operation');
  if (operations.length > MAX_BATCH) throw new TypeError(`A batch holds at most ${MAX_BATCH} operations (got ${operations.length})`);
  const rows = new Set<string>();
  for (const operation of operations) {
    checkKey('row', operation.row);
    if (rows.has(operation.row)) throw new TypeError(`A batch names row ${JSON.stringify(operation.row)} twice`);
    rows.add(operation.row);
  }
}

/** The value as stored: JSON text (so `undefined` properties are dropped, and a read gives a fresh copy). */
export function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('An entity value must be JSON data');
  return text;
}

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

/**
 * Compares keys by Unicode code point, the order of their UTF-8 bytes (lmdb's, and Azure Table
 * Storage's for the characters keys use), rather than JavaScript's UTF-16 order.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate starts a code point above U+FFFF: after every code unit that is not one.
    if (isSurrogate(x) !== isSurrogate(y)) return isSurrogate(x) ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
