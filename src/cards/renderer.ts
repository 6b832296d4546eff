/**
 * Adaptive Card rendering: loads the JSON templates in `cards/` once and expands them with
 * `adaptivecards-templating`, after escaping every user-supplied string.
 *
 * Deliberately free of botbuilder imports: wrapping a card into an Activity attachment is the
 * bot layer's job, so this module stays usable from tests, benchmarks and CLIs.
 *
 * @module
 */
import { readFileSync, readdirSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Template } from 'adaptivecards-templating';
import { LRUCache } from 'lru-cache';
import { deepFreeze } from '../util/deepFreeze.js';

/** An expanded Adaptive Card, ready to be wrapped into an attachment by the bot layer. */
export type AdaptiveCardJson = {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [k: string]: unknown;
};

/** Default cap (in code points, before escaping) for one string value. */
export const MAX_CARD_TEXT_LENGTH = 500;

/** `<repo>/cards`, resolved relative to this file so it works regardless of the process cwd. */
export const DEFAULT_CARDS_DIR: string = fileURLToPath(new URL('../../cards/', import.meta.url));

/** Options for {@link CardRenderer}. */
export interface CardRendererOptions {
  /** Cap for every escaped string value (code points, before escaping). Default {@link MAX_CARD_TEXT_LENGTH}. */
  maxTextLength?: number;
}

// \r\n counts as one line break; every line-breaking or tab-like control becomes a single space
// so words do not run together. NEL (\u0085) and the Unicode line/paragraph separators are line
// breaks too.
const LINE_BREAKS = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
// Remaining C0/C1 controls carry no visible meaning. Bidi embedding/override/isolate characters
// are removed as well: they let a display name visually reorder the surrounding card text.
// eslint-disable-next-line no-control-regex
const INVISIBLE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// CommonMark punctuation that Adaptive Card markdown (TextBlock, FactSet) acts on anywhere in a
// line: emphasis, links (a link needs `[`, so escaping brackets is enough; `(` and `)` stay as
// they are, which keeps ordinary text like "(on-premises)" free of visible backslashes where a
// client shows them), code and strike-through.
const MARKDOWN_PUNCTUATION = /[\\*_[\]~`]/g;
// Block syntax that only matters at the start of a line. Values never contain line breaks after
// sanitising, so "start of the value" is the only place. A marker only counts when followed by a
// space, the end, or (thematic break / setext underline) more marker characters, so `-5 °C` and
// the German date `15.03.2026` stay untouched.
const LEADING_BULLET = /^(\s*)([-+=])(?=[\s\-+=]|$)/;
// Headings and block quotes also only matter at the start.
const LEADING_BLOCK = /^(\s*)([#>])/;
const LEADING_ORDERED = /^(\s*)(\d{1,9})\.(?=\s|$)/;

function removeControls(s: string): string {
  return s.replace(LINE_BREAKS, ' ').replace(INVISIBLE_CONTROLS, '');
}

function truncate(s: string, maxLength: number): string {
  // Count code points, not UTF-16 units, so a cut never splits a surrogate pair.
  const chars = Array.from(s);
  if (chars.length <= maxLength) return s;
  return chars.slice(0, Math.max(0, maxLength - 1)).join('').trimEnd() + '…';
}

/**
 * Makes an untrusted string display literally in a Markdown-rendering Adaptive Card field
 * (TextBlock `text`, FactSet `title`/`value`).
 *
 * - line breaks and tabs become a space; other control and bidi-override characters are removed;
 * - the result is capped at `maxLength` code points (before escaping) with a trailing `…`;
 * - `\ * _ [ ] ~ `` ` are backslash-escaped everywhere (a link needs `[`, so `(` `)` stay); a
 *   leading `#` or `>`, and a leading `-`, `+`, `=` or
 *   `1.`-style list marker (followed by a space) is escaped; `${` becomes `$\{` so no binding
 *   syntax survives.
 *
 * Ordinary names (`Ana Admin`, `Jean-Luc O'Neil`, `Müller & Söhne`) are returned unchanged;
 * `&` is kept because Teams displays it literally.
 */
export function escapeCardText(s: string, maxLength: number = MAX_CARD_TEXT_LENGTH): string {
  let t = truncate(removeControls(s), maxLength);
  t = t.replace(MARKDOWN_PUNCTUATION, '\\$&');
  t = t.replace(/\$\{/g, '$\\{');
  t = t.replace(LEADING_BULLET, '$1\\$2');
  t = t.replace(LEADING_BLOCK, '$1\\$2');
  t = t.replace(LEADING_ORDERED, '$1$2\\.');
  return t;
}

// Exactly the characters escapeCardText prefixes with a backslash (`{` from `${`, `-+=` and `.`
// from leading list markers).
const ESCAPED_CHAR = /\\([\\*_[\]#>~`{\-+=.])/g;

/**
 * Inverse of the backslash escaping done by {@link escapeCardText} (control-character removal and
 * truncation are not undone). Used for fields Teams shows as plain text, and by tests that want
 * the text as displayed.
 */
export function unescapeCardText(s: string): string {
  return s.replace(ESCAPED_CHAR, '$1');
}

const isUrlKey = (k: string): boolean => k === 'url' || k.endsWith('Url');
const isRawKey = (k: string): boolean => k === 'action' || k === 'verb' || k === 'data' || k.endsWith('Data');

function validateUrl(value: unknown, path: string): unknown {
  // Absent optional links are allowed; the template must guard them with $when.
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') throw new Error(`Card data ${path} must be an https:// URL string, got ${typeof value}`);
  // Whitespace, controls, quotes, angle brackets and backslashes would end a Markdown link, break
  // out of it, or be rewritten by URL parsers.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f<>"`\\]/.test(value)) throw new Error(`Card data ${path} is not a safe URL: ${JSON.stringify(value)}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Card data ${path} is not a valid URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:') throw new Error(`Card data ${path} must use https://, got ${JSON.stringify(value)}`);
  if (url.username || url.password) throw new Error(`Card data ${path} must not contain credentials`);
  // Percent-encoding keeps the URL equivalent while making `[text](${someUrl})` unbreakable and
  // keeping `${` out of the output.
  return value.replace(/[(){}]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function copyRaw(value: unknown, path: string, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') {
    // Raw data is not displayed, so it is not escaped. `${` would be reported as an unbound binding
    // and a backslash would be altered by the plain-text unescape pass, so reject both up front.
    if (value.includes('${') || value.includes('\\')) {
      throw new Error(`Card data ${path} (raw: action/verb/data/*Data key) must not contain "\${" or "\\": ${JSON.stringify(value)}`);
    }
    return value;
  }
  return copy(value, path, seen, (v, p) => copyRaw(v, p, seen));
}

function copy(
  value: unknown,
  path: string,
  seen: WeakSet<object>,
  child: (v: unknown, path: string, key: string | undefined) => unknown,
): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || value === undefined) return value;
  if (typeof value !== 'object') throw new TypeError(`Card data ${path} has unsupported type ${typeof value}`);
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value)) throw new TypeError(`Card data ${path} is circular`);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v, i) => child(v, `${path}[${i}]`, undefined));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = child(v, `${path}.${k}`, k);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function escapeData(value: unknown, path: string, maxLength: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return escapeCardText(value, maxLength);
  return copy(value, path, seen, (v, p, key) => {
    if (key !== undefined && isUrlKey(key)) return validateUrl(v, p);
    if (key !== undefined && isRawKey(key)) return copyRaw(v, p, seen);
    return escapeData(v, p, maxLength, seen);
  });
}

/**
 * Deep-copies card data and escapes it according to the key-name convention described on
 * {@link CardRenderer} (before expansion; the plain-text unescape pass happens after expansion).
 */
export function escapeCardData<T extends object>(data: T, maxTextLength: number = MAX_CARD_TEXT_LENGTH): T {
  return escapeData(data, '$root', maxTextLength, new WeakSet()) as T;
}

/**
 * Undoes the Markdown escaping wherever Teams does not render Markdown. Only TextBlock `text` and
 * FactSet fact `title`/`value` are Markdown; everywhere else (Action titles, Input labels/values,
 * choices, ids, Action.Submit data...) a backslash would be shown or submitted verbatim. `${` that
 * reappears there is neutralised with a zero-width space.
 */
function unescapePlainFields(value: unknown, markdown: boolean): unknown {
  if (typeof value === 'string') {
    return markdown ? value : unescapeCardText(value).replace(/\$\{/g, '$\u200B{');
  }
  if (Array.isArray(value)) return value.map((v) => unescapePlainFields(v, false));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (o['type'] === 'FactSet' && k === 'facts' && Array.isArray(v)) {
      out[k] = v.map((fact: unknown) => unescapeFact(fact));
    } else {
      out[k] = unescapePlainFields(v, o['type'] === 'TextBlock' && k === 'text');
    }
  }
  return out;
}

function unescapeFact(fact: unknown): unknown {
  if (fact === null || typeof fact !== 'object' || Array.isArray(fact)) return unescapePlainFields(fact, false);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fact)) out[k] = unescapePlainFields(v, k === 'title' || k === 'value');
  return out;
}

/** Paths of every string (and `$`-key) in `value` that still contains template syntax. */
function findUnbound(value: unknown, path: string, out: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes('${')) out.push(`${path} = ${JSON.stringify(value)}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findUnbound(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$data' || k === '$when') out.push(`${path}.${k} (not evaluated)`);
      findUnbound(v, `${path}.${k}`, out);
    }
  }
  return out;
}

function isCardJson(v: unknown): v is AdaptiveCardJson {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return o['type'] === 'AdaptiveCard' && typeof o['version'] === 'string' && Array.isArray(o['body']);
}

function parseTemplate(file: string, text: string): AdaptiveCardJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`Card template ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isCardJson(json)) {
    throw new Error(`Card template ${file} must be an object with type "AdaptiveCard", a string version and a body array`);
  }
  return json;
}

const templateName = (file: string): string => basename(file, '.json');
const isTemplateFile = (file: string): boolean => file.endsWith('.json');

/**
 * Renders the Adaptive Card templates of a directory (`<name>.json` → template `<name>`).
 *
 * Templates are read and parsed once, when the renderer is created (and prepared for expansion on
 * first use); later edits on disk are not picked up (create a new renderer for that).
 *
 * **Escaping convention** for the `data` passed to {@link CardRenderer.render} — decided by the
 * key that holds a value, at any depth:
 * - default: every string is escaped with {@link escapeCardText} (Markdown-safe, `${` neutralised,
 *   controls removed, capped at {@link MAX_CARD_TEXT_LENGTH});
 * - keys named `url` or ending in `Url`: must be `https://` URLs (else an Error), passed unescaped
 *   (with `( ) { }` percent-encoded); `null`/absent is allowed;
 * - keys named `action`, `verb`, `data` or ending in `Data` (e.g. `submitData`): the value/subtree
 *   is passed through unescaped and untruncated because it is not displayed — it is what
 *   `Action.Submit` `data` carries (`"data": { "action": "${action}" }` or
 *   `"data": "${submitData}"`). By convention every submit `data` object has a string `action`
 *   field the bot routes on. Raw strings must not contain `${` or a backslash. Put IDs there, not
 *   free text.
 *
 * After expansion, the backslash escaping is undone everywhere except TextBlock `text` and FactSet
 * fact `title`/`value` (the only Markdown fields): Action titles, Input labels/values, choices,
 * ids and Action data show/submit the sanitised text without backslashes.
 *
 * Caveat: `$when`/expressions see the escaped strings, so test booleans or emptiness
 * (`${note != ''}`), not string equality against text containing punctuation.
 *
 * Numbers, booleans and `null` pass unchanged; `Date`s become ISO strings.
 */
export class CardRenderer {
  private readonly parsed: ReadonlyMap<string, AdaptiveCardJson>;
  private readonly templates = new Map<string, Template>();
  private readonly maxTextLength: number;
  /**
   * Expanded cards by (template, data), frozen, each with the length of its JSON text for the size
   * bound. Bounded by size rather than count: an organization's own cards (tiers, balance, IDs, in
   * two languages) are four or more per organization, and with 2,000 entries the benchmark's 1,000
   * users already pushed each other's cards out.
   */
  private readonly rendered = new LRUCache<string, { card: AdaptiveCardJson; size: number }>({
    max: 10_000,
    maxSize: 16 * 1024 * 1024,
    sizeCalculation: (entry, key) => entry.size + key.length,
  });

  /**
   * @param source a cards directory (read synchronously, once) or already-parsed templates by name.
   *   Default {@link DEFAULT_CARDS_DIR}.
   */
  constructor(source: string | Readonly<Record<string, unknown>> = DEFAULT_CARDS_DIR, options: CardRendererOptions = {}) {
    this.maxTextLength = options.maxTextLength ?? MAX_CARD_TEXT_LENGTH;
    const parsed = new Map<string, AdaptiveCardJson>();
    if (typeof source === 'string') {
      for (const file of readdirSync(source).filter(isTemplateFile).sort()) {
        parsed.set(templateName(file), parseTemplate(file, readFileSync(join(source, file), 'utf8')));
      }
    } else {
      for (const [name, json] of Object.entries(source)) {
        // Round-trip so the caller's object can't alias (and later mutate) the template.
        parsed.set(name, parseTemplate(name, JSON.stringify(json)));
      }
    }
    this.parsed = parsed;
  }

  /** The template called `name`, prepared on first use (preparing all of them slows start-up). */
  private template(name: string): Template | undefined {
    let template = this.templates.get(name);
    if (!template) {
      const json = this.parsed.get(name);
      if (!json) return undefined;
      this.templates.set(name, (template = new Template(json)));
    }
    return template;
  }

  /** Asynchronous variant of the constructor: reads and parses every `*.json` in `dir` once. */
  static async load(dir: string = DEFAULT_CARDS_DIR, options: CardRendererOptions = {}): Promise<CardRenderer> {
    const files = (await readdir(dir)).filter(isTemplateFile).sort();
    const templates: Record<string, unknown> = {};
    for (const file of files) {
      templates[templateName(file)] = parseTemplate(file, await readFile(join(dir, file), 'utf8'));
    }
    return new CardRenderer(templates, options);
  }

  /** Names of the loaded templates, sorted. */
  get names(): string[] {
    return [...this.parsed.keys()].sort();
  }

  /** Whether a template called `name` was loaded. */
  has(name: string): boolean {
    return this.parsed.has(name);
  }

  /**
   * Expands template `name` with `data` (bound as `$root`), escaping `data` first as described on
   * {@link CardRenderer}.
   *
   * @throws Error if the template is unknown (message lists the available ones), a `*Url` value is
   *   not https, or the output still contains `${` (a binding the data did not satisfy; the message
   *   names the template and the JSON paths).
   */
  render(name: string, data: object, options: { reuse?: boolean } = {}): Readonly<AdaptiveCardJson> {
    // Most cards repeat (menus, help, an organization's tiers): the expansion of equal data is kept
    // and handed out again. Cards are frozen (a caller that needs a change makes a copy), so one
    // card can serve every turn without a copy. `reuse: false` for data that never repeats (a
    // one-time nonce): keeping it would only cost.
    let key: string | undefined;
    if (options.reuse !== false) {
      try {
        key = `${name}\u0000${JSON.stringify(data)}`;
      } catch {
        // circular or otherwise not JSON: the full path below names the problem
      }
    }
    const cached = key === undefined ? undefined : this.rendered.get(key);
    if (cached !== undefined) return cached.card;
    const card = deepFreeze(this.expand(name, data));
    if (key !== undefined) this.rendered.set(key, { card, size: JSON.stringify(card).length });
    return card;
  }

  private expand(name: string, data: object): AdaptiveCardJson {
    const template = this.template(name);
    if (!template) {
      throw new Error(`Unknown card template "${name}"; available: ${this.names.join(', ') || '(none)'}`);
    }
    const root = escapeCardData(data, this.maxTextLength);
    const card: unknown = template.expand({ $root: root });
    // Checked before unescaping: data can't contain `${` at this point, so any is a real binding.
    const unbound = findUnbound(card, '$', []);
    if (unbound.length > 0) {
      // Expansion warnings (e.g. failed $when) often point at the missing field, so include them.
      const warnings = template.getLastTemplateExpansionWarnings();
      throw new Error(
        `Card template "${name}" has unbound bindings: ${unbound.join('; ')}` +
          (warnings.length > 0 ? ` (template warnings: ${warnings.join(' | ')})` : ''),
      );
    }
    const result = unescapePlainFields(card, false);
    if (!isCardJson(result)) throw new Error(`Card template "${name}" did not expand to an AdaptiveCard object`);
    return result;
  }
}
