/**
 * What of a user's unanswered question is kept for the operators' report: the wording, without the
 * personal or secret parts people paste into a chat. Pure.
 */

const RULES: [RegExp, string][] = [
  // Links first: they may contain anything else.
  [/\bhttps?:\/\/\S+|\bwww\.\S+/gi, '[link]'],
  // Lengths bounded as in RFC 5321: a long run of letters without "@" costs 64 steps per position,
  // not its whole length (28,000 letters took 1.6 s unbounded).
  // Letters of any language: "jürgen.müller@contoso.de" is an address too.
  [/[\p{L}\p{N}_.+-]{1,64}@[\p{L}\p{N}_-]{1,63}(?:\.[\p{L}\p{N}_-]{1,63}){1,8}/gu, '[email]'],
  // GUIDs: tenant ids, object ids, and Access IDs (with a Contract ID they open support, F14).
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '[id]'],
  // Phone numbers, Contract IDs, case numbers: five or more digits, possibly with separators.
  [/\+?\d(?:[\s./()-]*\d){4,}/g, '[number]'],
];

/**
 * The question with links, e-mail addresses, GUIDs and long numbers replaced by placeholders, at
 * most `maxLength` characters of it. Only its start is read, cut before the last whole word of
 * that start, so a secret that straddles the cut is left out rather than kept in part.
 */
export function redactQuestion(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  let out = text;
  if (out.length > 2 * maxLength) {
    out = out.slice(0, 2 * maxLength);
    const lastSpace = out.search(/\s\S*$/);
    out = lastSpace > 0 ? out.slice(0, lastSpace) : '';
  }
  for (const [pattern, placeholder] of RULES) out = out.replace(pattern, placeholder);
  return out.slice(0, maxLength);
}
