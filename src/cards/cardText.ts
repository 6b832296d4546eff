/**
 * Reads a rendered Adaptive Card the way a user sees it: dialog tests assert on visible text and
 * buttons instead of JSON structure, and the terminal chat prints cards as text.
 */
import { unescapeCardText } from './renderer.js';

/** A button or clickable element of a card, in document order. */
export interface CardActionInfo {
  /** `Action.Submit`, `Action.OpenUrl`, ... */
  type: string;
  /** The button caption; `''` for untitled ones such as a container's `selectAction`. */
  title: string;
  /** `Action.Submit` / `Action.Execute` payload. */
  data?: unknown;
  /** `Action.OpenUrl` target. */
  url?: string;
  /** `Action.Execute` verb. */
  verb?: string;
}

/** Options for {@link cardTexts}. */
export interface CardTextsOptions {
  /**
   * Remove the renderer's Markdown backslash escapes from TextBlock/Fact text, giving the text as
   * Teams displays it (`\*\*x\*\*` → `**x**`). Default false: the strings exactly as in the JSON.
   */
  unescape?: boolean;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

// Not shown to the user: submit payloads, fallback content that only hosts without support for
// an element would render, and the Universal Actions refresh action (Teams runs it, nobody sees it).
const HIDDEN_KEYS = new Set(['data', 'fallback', 'refresh']);

/** Depth-first, document-order walk over every object of a card. */
function walk(node: unknown, visit: (o: Obj) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!isObj(node)) return;
  visit(node);
  for (const [k, v] of Object.entries(node)) {
    if (!HIDDEN_KEYS.has(k)) walk(v, visit);
  }
}

/**
 * Every human-visible string of a card, in document order: TextBlock text, RichTextBlock TextRun
 * text, FactSet titles and values, action titles (including those inside `Action.ShowCard` cards),
 * Input labels and placeholders, Toggle titles and ChoiceSet choice titles.
 */
export function cardTexts(card: unknown, options: CardTextsOptions = {}): string[] {
  const out: string[] = [];
  const push = (v: unknown, markdown = false) => {
    const s = str(v);
    if (s !== undefined && s !== '') out.push(markdown && options.unescape ? unescapeCardText(s) : s);
  };
  walk(card, (o) => {
    const type = str(o['type']) ?? '';
    if (type === 'TextBlock') push(o['text'], true);
    else if (type === 'RichTextBlock') {
      // Inlines are bare strings or TextRun objects (TextRuns only occur here, so handled here).
      for (const inline of Array.isArray(o['inlines']) ? o['inlines'] : []) push(isObj(inline) ? inline['text'] : inline);
    } else if (type === 'FactSet') {
      for (const fact of Array.isArray(o['facts']) ? o['facts'] : []) {
        if (isObj(fact)) {
          push(fact['title'], true);
          push(fact['value'], true);
        }
      }
    } else if (type.startsWith('Action.')) push(o['title']);
    else if (type.startsWith('Input.')) {
      push(o['label']);
      push(o['placeholder']);
      if (type === 'Input.Toggle') push(o['title']);
      if (type === 'Input.ChoiceSet') {
        for (const choice of Array.isArray(o['choices']) ? o['choices'] : []) if (isObj(choice)) push(choice['title']);
      }
    }
  });
  return out;
}

/**
 * Every action of a card in document order: card `actions`, `ActionSet` elements, `selectAction`s
 * and actions inside `Action.ShowCard` cards.
 */
export function cardActions(card: unknown): CardActionInfo[] {
  const out: CardActionInfo[] = [];
  walk(card, (o) => {
    const type = str(o['type']);
    if (type === undefined || !type.startsWith('Action.')) return;
    const info: CardActionInfo = { type, title: str(o['title']) ?? '' };
    if (o['data'] !== undefined) info.data = o['data'];
    const url = str(o['url']);
    if (url !== undefined) info.url = url;
    const verb = str(o['verb']);
    if (verb !== undefined) info.verb = verb;
    out.push(info);
  });
  return out;
}
