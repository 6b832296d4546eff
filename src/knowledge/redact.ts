/**
 * What of a user's unanswered question is kept for the operators' report: the wording, without the
 * personal or secret parts people paste into a chat. Pure.
 */

const RULES: [RegExp, string][] = [
  // Links first: they may contain anything else.
  [/\bhttps?:\/\/\S+|\bwww\.\S+/gi, '[link]'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]'],
  // GUIDs: tenant ids, object ids, and Access IDs (with a Contract ID they open support, F14).
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '[id]'],
  // Phone numbers, Contract IDs, case numbers: five or more digits, possibly with separators.
  [/\+?\d(?:[\s./()-]*\d){4,}/g, '[number]'],
];

/** The question with links, e-mail addresses, GUIDs and long numbers replaced by placeholders. */
export function redactQuestion(text: string): string {
  let out = text;
  for (const [pattern, placeholder] of RULES) out = out.replace(pattern, placeholder);
  return out;
}
