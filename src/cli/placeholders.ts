/**
 * Finds values in a JSON document that are still placeholders: example.com URLs, the zero GUID,
 * `<...>` fill-ins, leftover `${{...}}` tokens and words such as "example" or "CHANGE-ME". Used by
 * `npm run package` (the Teams app manifest) and `npm run deploy` (the Bicep parameters file), so
 * neither ships a value an operator was meant to replace. Each finding names its JSON path.
 */

export interface Placeholder {
  /** Where the value is, e.g. `developer.websiteUrl` or `bots[0].botId`. */
  path: string;
  value: string;
  /** Why it counts as a placeholder. */
  reason: string;
}

export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** Hosts reserved for documentation (RFC 2606), and their subdomains. */
const EXAMPLE_HOST = /^(?:[a-z0-9-]+\.)*example\.(?:com|org|net)$/i;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+/gi;
const ANGLE_FILL_IN = /<[^<>\n]{1,80}>/;
const TEMPLATE_TOKEN = /\$\{\{[^}]*\}\}/;
/** Words that mark a value as not filled in (English, and German for de.json). */
const PLACEHOLDER_WORD = /\b(?:example|beispiel|placeholder|todo|tbd|change[- _]?me|replace[- _]?me|your[-_](?:app|tenant|domain|company|org)[a-z_-]*)\b/i;

function reasonsFor(value: string): string[] {
  const reasons: string[] = [];
  for (const match of value.match(URL_IN_TEXT) ?? []) {
    let host = '';
    try {
      host = new URL(match).hostname;
    } catch {
      continue;
    }
    if (EXAMPLE_HOST.test(host)) reasons.push(`an ${host} URL`);
  }
  if (value.toLowerCase().includes(ZERO_GUID)) reasons.push('the zero GUID');
  if (TEMPLATE_TOKEN.test(value)) reasons.push('an unfilled ${{...}} token');
  else if (ANGLE_FILL_IN.test(value)) reasons.push('a <...> fill-in');
  const word = PLACEHOLDER_WORD.exec(value);
  // "example" inside an example.com URL is already reported as the URL.
  if (word && !(reasons.length > 0 && /^example$/i.test(word[0]) && /example\.(?:com|org|net)/i.test(value))) {
    reasons.push(`the word "${word[0]}"`);
  }
  return reasons;
}

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const plain = /^[A-Za-z_$][\w$]*$/.test(key);
  if (parent === '') return plain ? key : `[${JSON.stringify(key)}]`;
  return plain ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Every string in `document` (values, not keys) that looks like a placeholder, in document order.
 * `skip` names paths whose values are not checked (e.g. `$schema`, which may well be a URL of a
 * schema host).
 */
export function findPlaceholders(document: unknown, options: { skip?: (path: string) => boolean } = {}): Placeholder[] {
  const found: Placeholder[] = [];
  const visit = (value: unknown, path: string): void => {
    if (options.skip?.(path)) return;
    if (typeof value === 'string') {
      const reasons = reasonsFor(value);
      if (reasons.length > 0) found.push({ path: path || '(root)', value, reason: reasons.join(', ') });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, childPath(path, i)));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, childPath(path, key));
    }
  };
  visit(document, '');
  return found;
}

/** One line per finding: `  developer.websiteUrl: "https://example.com" (an example.com URL)`. */
export function describePlaceholders(found: Placeholder[], prefix = ''): string[] {
  return found.map((p) => `  ${prefix}${p.path}: ${JSON.stringify(p.value.length > 80 ? `${p.value.slice(0, 77)}...` : p.value)} (${p.reason})`);
}
