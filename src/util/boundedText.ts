/**
 * The part of a long message the bot reads: its first and last `max / 2` characters, each cut at a
 * word boundary, joined by " … ". A question with context says what it asks at its start or end;
 * every pattern and lookup the bot runs over the text costs time that grows with its length, and
 * Teams lets through about 28,000 characters.
 */
export const MAX_READ_CHARS = 4_000;

export function boundedText(text: string, max = MAX_READ_CHARS): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  let head = text.slice(0, half);
  let tail = text.slice(-half);
  // Never half of a character outside the Basic Multilingual Plane (an emoji is two UTF-16 units).
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  if (/^[\uDC00-\uDFFF]/.test(tail)) tail = tail.slice(1);
  // Cut at a word boundary where there is one near the cut, so no word arrives in part.
  const headCut = head.search(/\s\S*$/);
  if (headCut > half - 100) head = head.slice(0, headCut);
  const tailCut = tail.search(/\s/);
  if (tailCut >= 0 && tailCut < 100) tail = tail.slice(tailCut + 1);
  return `${head.trimEnd()} … ${tail.trimStart()}`;
}
