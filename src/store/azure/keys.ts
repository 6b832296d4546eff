/**
 * How a partition or row key of the {@link EntityTable} contract becomes an Azure Table Storage
 * key, and back.
 *
 * Azure refuses `/`, `\`, `#`, `?` and control characters in keys; `%` and `'` are allowed but
 * break point operations (the service decodes the URL path twice, and Azurite mishandles both), and
 * a key is at most 1 KiB of UTF-16, i.e. 512 code units (Azurite checks exactly that). The contract
 * wants any non-empty string of up to 512 characters without control characters, listed in code
 * point order with prefix queries. So every key is rewritten into printable ASCII, one code point
 * at a time:
 *
 * | character                                   | stored as                             |
 * |---------------------------------------------|---------------------------------------|
 * | every other printable ASCII character       | itself                                |
 * | U+0000–U+0020 (controls, space)             | a space + one of `0-9A-W` (a space: ` W`) |
 * | `#` `$` `%`                                 | `$0` `$1` `$2`                        |
 * | `&` `'`                                     | `&0` `&1`                             |
 * | `.` `/`                                     | `.0` `.1`                             |
 * | `>` `?`                                     | `>0` `>1`                             |
 * | `[` `\`                                     | `[0` `[1`                             |
 * | `~`                                         | `~0`                                  |
 * | U+007F–U+FFFF                               | `~u` + 4 lowercase hex digits (`ä` → `~u00e4`) |
 * | U+10000–U+10FFFF                            | `~x` + 6 lowercase hex digits (`😀` → `~x01f600`) |
 *
 * e.g. `msteams/conversations/a:1/` → `msteams.1conversations.1a:1.1`. Each escape character stands
 * where its characters stand in code point order, and every code is self-delimiting, so the
 * encoding is reversible, keeps prefixes (a key starts with `p` exactly when its code starts with
 * the code of `p`) and keeps order (plain ASCII order of the codes = code point order of the keys,
 * the order of `compareKeys` and of lmdb), whatever order the service uses for ASCII. Keys made of
 * the plain characters (ids, GUIDs, dates, `case:C-000042`) are stored unchanged.
 *
 * The price: an encoded key may be longer than the key. Whatever does not fit in 512 characters
 * once encoded is refused with a TypeError before anything is sent (a 512-character key of plain
 * characters fits; one with a `/` in it does not; any key of up to 85 UTF-16 code units always fits).
 * Lone surrogates (not Unicode text, so not storable as JSON) are refused too.
 */

/** Azure's limit for a PartitionKey or RowKey: 1 KiB of UTF-16. */
export const MAX_STORED_KEY_LENGTH = 512;

/** The digits after a space: code points U+0000 to U+0020, in ascending ASCII order. */
const SPACE_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVW';

/** Escape character → the first code point it stands for (the digit after it counts on from there). */
const SMALL_ESCAPES: Record<string, number> = { $: 0x23, '&': 0x26, '.': 0x2e, '>': 0x3e, '[': 0x5b };
/** Code point → its code, for the characters that are stored as an escape and one digit. */
const SMALL_CODES = new Map<number, string>();
for (const [escape, first] of Object.entries(SMALL_ESCAPES)) {
  const size = escape === '$' ? 3 : 2;
  for (let i = 0; i < size; i++) SMALL_CODES.set(first + i, `${escape}${i}`);
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** The stored form of one code point. */
function encodePoint(cp: number): string {
  if (cp <= 0x20) return ` ${SPACE_DIGITS[cp]}`;
  const small = SMALL_CODES.get(cp);
  if (small) return small;
  if (cp < 0x7e) return String.fromCharCode(cp);
  if (cp === 0x7e) return '~0';
  if (cp <= 0xffff) return `~u${hex(cp, 4)}`;
  return `~x${hex(cp, 6)}`;
}

/**
 * The code of `text` (any string without lone surrogates, keys and prefixes alike).
 * @throws TypeError for a lone surrogate.
 */
export function encodeKeyText(text: string): string {
  let out = '';
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) throw new TypeError(`The key ${JSON.stringify(text)} contains a lone surrogate (not Unicode text)`);
    out += encodePoint(cp);
  }
  return out;
}

/**
 * The stored form of a partition or row key that passed the contract's `checkKey`.
 * @throws TypeError when it does not fit in {@link MAX_STORED_KEY_LENGTH} once encoded, or holds a lone surrogate.
 */
export function encodeKey(what: 'partition' | 'row', key: string): string {
  const stored = encodeKeyText(key);
  if (stored.length > MAX_STORED_KEY_LENGTH) {
    throw new TypeError(
      `The ${what} key ${JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}...` : key)} is too long for Azure Table Storage: ` +
        `${stored.length} characters once encoded, at most ${MAX_STORED_KEY_LENGTH} (each of # $ % & ' . / > ? [ \\ ~, space and control ` +
        'characters takes 2, a character beyond ASCII 6 or 8)',
    );
  }
  return stored;
}

const isHex = (text: string) => /^[0-9a-f]+$/.test(text);

/**
 * The key whose stored form is `stored`.
 * @throws Error when `stored` is not something {@link encodeKeyText} makes (an entity this backend did not write).
 */
export function decodeKey(stored: string): string {
  let out = '';
  let i = 0;
  const fail = (): never => {
    throw new Error(`${JSON.stringify(stored)} is not a key this store wrote (bad code at position ${i})`);
  };
  while (i < stored.length) {
    const c = stored[i]!;
    if (c === ' ') {
      const digit = SPACE_DIGITS.indexOf(stored[i + 1] ?? 'none');
      if (digit < 0) fail();
      out += String.fromCharCode(digit);
      i += 2;
    } else if (c in SMALL_ESCAPES) {
      const digit = (c === '$' ? '012' : '01').indexOf(stored[i + 1] ?? 'none');
      if (digit < 0) fail();
      out += String.fromCharCode(SMALL_ESCAPES[c]! + digit);
      i += 2;
    } else if (c === '~') {
      const kind = stored[i + 1];
      const width = kind === 'u' ? 4 : kind === 'x' ? 6 : 0;
      if (kind === '0') {
        out += '~';
        i += 2;
        continue;
      }
      const digits = stored.slice(i + 2, i + 2 + width);
      if (width === 0 || digits.length !== width || !isHex(digits)) fail();
      const cp = parseInt(digits, 16);
      // Only the canonical code: U+007F-U+FFFF (no surrogate) as ~u, U+10000-U+10FFFF as ~x.
      if (kind === 'u' ? cp < 0x7f || (cp >= 0xd800 && cp <= 0xdfff) : cp < 0x10000 || cp > 0x10ffff) fail();
      out += String.fromCodePoint(cp);
      i += 2 + width;
    } else {
      const code = c.charCodeAt(0);
      if (code <= 0x20 || code >= 0x7e || '#%\'/?\\'.includes(c)) fail();
      out += c;
      i += 1;
    }
  }
  return out;
}

/**
 * The smallest string greater than every string that starts with `prefix` (for a range query: a
 * key starts with `prefix` exactly when `prefix <= key < prefixEnd(prefix)`). `prefix` is a code,
 * so it is printable ASCII and never ends in `~`: the last character plus one is still ASCII.
 */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
