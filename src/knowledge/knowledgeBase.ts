/**
 * The knowledge base of technical-support-benefit answers (`entries.json`): its types, a strict
 * loader that reports every problem with its JSON path, and the {@link KnowledgeBase} that answers
 * free-text questions in English or German with the best-matching entries.
 *
 * The file format is described in the data author's brief; the facts it cites (`F1`..`F26`) are the
 * ones in FACTS.md. Loading is synchronous because it happens once at start-up, before the bot
 * takes its first turn.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createSearchIndex, type SearchIndex } from './search.js';

/** The two languages every entry is written in. */
export type KbLang = 'en' | 'de';

/** Guided conversations a follow-up button can start instead of showing another entry. */
export type KbFlow = 'tiers' | 'roleCheck' | 'activate' | 'ids' | 'balance' | 'alreadyAssociated' | 'supportPlan' | 'escalate';

/** One text in both languages. */
export interface KbText {
  readonly en: string;
  readonly de: string;
}

/** Lists of texts in both languages (phrasings, keywords). */
export interface KbTexts {
  readonly en: readonly string[];
  readonly de: readonly string[];
}

/** A follow-up button: either another entry of the knowledge base or a guided flow. */
export type KbFollowUp = { readonly entry: string } | { readonly flow: KbFlow };

/** One knowledge-base entry, exactly as in `entries.json`. */
export interface KbEntry {
  /** one of the fixed entry ids, e.g. `who-may-activate` */
  readonly id: string;
  /** fact ids (FACTS.md) the answer rests on, e.g. `F9` */
  readonly facts: readonly string[];
  /** heading of the source page section the entry comes from */
  readonly section: KbText;
  /** short question-style title, used on "Did you mean ...?" buttons (at most 60 characters) */
  readonly title: KbText;
  /** plain-text answer, 1-4 short sentences, no markdown or HTML */
  readonly answer: KbText;
  /** 6-10 ways per language a user might ask for this entry */
  readonly phrasings: KbTexts;
  /** a few extra distinctive words or synonyms */
  readonly keywords?: KbTexts;
  /** 0-3 follow-up buttons */
  readonly followUps: readonly KbFollowUp[];
  /** set on entries about what a membership level gets: the bot appends the user's own numbers */
  readonly personalize?: 'entitlement';
}

/** One search result: an entry and its relevance score (higher is better; only comparable within one query). */
export interface KbHit {
  readonly entry: KbEntry;
  readonly score: number;
}

/**
 * The verdict on a question: `answer` = confident enough to state the top hit as fact;
 * `didYouMean` = plausible but uncertain, offer the hits as buttons; `none` = off-topic.
 * `hits` are best first, at most 3 (empty for `none` only when nothing matched at all).
 */
export interface KbMatch {
  readonly confidence: 'answer' | 'didYouMean' | 'none';
  /** Sure enough to take the message from a flow the recognizer found (see search.ts). */
  readonly strong: boolean;
  /** The runners-up close to an answered top entry: offered under the answer. */
  readonly close: KbHit[];
  /** For a message that asks two things: the best entries of its other questions, offered under the answer. */
  readonly also?: KbHit[];
  readonly hits: KbHit[];
}

export const KB_FLOWS = ['tiers', 'roleCheck', 'activate', 'ids', 'balance', 'alreadyAssociated', 'supportPlan', 'escalate'] as const satisfies readonly KbFlow[];

/** Fact ids F1..F26 of FACTS.md. */
const FACT_ID = /^F([1-9]|1\d|2[0-6])$/;
/** Kebab-case, as in the fixed id list. */
const ENTRY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Characters that would render as markdown in Teams, and anything that looks like an HTML tag. */
const MARKUP = /[*_[\]`#]|<\/?[a-z!]/i;

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const text = z.strictObject({ en: nonEmpty, de: nonEmpty });
const texts = (min: number, max: number) =>
  z.strictObject({
    en: z.array(nonEmpty).min(min).max(max),
    de: z.array(nonEmpty).min(min).max(max),
  });
const plainText = nonEmpty.refine((s) => !MARKUP.test(s), 'must be plain text (no markdown characters * _ [ ] ` # and no HTML)');

const followUpSchema = z.union([z.strictObject({ entry: nonEmpty }), z.strictObject({ flow: z.enum(KB_FLOWS) })], {
  error: 'must be { "entry": "<entry id>" } or { "flow": "<flow>" } with flow one of ' + KB_FLOWS.join(', '),
});

const entrySchema = z.strictObject({
  id: z.string().regex(ENTRY_ID, 'must be a kebab-case id'),
  facts: z.array(z.string().regex(FACT_ID, 'must be a fact id F1..F26')).min(1),
  section: text,
  title: z.strictObject({ en: nonEmpty.max(60), de: nonEmpty.max(60) }),
  answer: z.strictObject({ en: plainText, de: plainText }),
  phrasings: texts(6, 40),
  keywords: texts(0, 30).optional(),
  followUps: z.array(followUpSchema).max(3).default([]),
  personalize: z.literal('entitlement').optional(),
});

/** Validates `entries.json`: the shape of every entry, unique ids, and follow-ups that point at existing entries. */
export const knowledgeBaseFileSchema = z
  .strictObject({ entries: z.array(entrySchema).min(1) })
  .superRefine((file, ctx) => {
    const firstIndex = new Map<string, number>();
    file.entries.forEach((entry, i) => {
      const first = firstIndex.get(entry.id);
      if (first === undefined) firstIndex.set(entry.id, i);
      else ctx.addIssue({ code: 'custom', path: ['entries', i, 'id'], message: `duplicate id "${entry.id}" (first used at entries[${first}])` });
    });
    file.entries.forEach((entry, i) => {
      entry.followUps.forEach((followUp, j) => {
        if ('entry' in followUp && !firstIndex.has(followUp.entry)) {
          ctx.addIssue({ code: 'custom', path: ['entries', i, 'followUps', j, 'entry'], message: `unknown entry id "${followUp.entry}"` });
        }
      });
    });
  });

/** `entries[3].followUps[0].entry`: how problems are located in error messages. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Reads and validates a knowledge-base file synchronously and builds its search index.
 *
 * @param file path or file URL; defaults to the `entries.json` next to this module
 * @throws Error naming the file and listing every problem as `path: message`, one per line
 */
export function loadKnowledgeBase(file: URL | string = new URL('./entries.json', import.meta.url)): KnowledgeBase {
  const path = file instanceof URL ? fileURLToPath(file) : file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read knowledge base ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = knowledgeBaseFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`);
    throw new Error(`Invalid knowledge base ${path} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.join('\n')}`);
  }
  return new KnowledgeBase(parsed.data.entries);
}

/** The loaded entries plus a search index over them, built once in the constructor. */
export class KnowledgeBase {
  readonly entries: readonly KbEntry[];
  private readonly byId: ReadonlyMap<string, KbEntry>;
  private readonly index: SearchIndex<KbEntry>;

  /** Entries are assumed valid (see {@link loadKnowledgeBase}); tests may pass hand-made ones. */
  constructor(entries: readonly KbEntry[]) {
    this.entries = entries;
    this.byId = new Map(entries.map((e) => [e.id, e]));
    this.index = createSearchIndex(entries);
  }

  /** The entry with this id, if any. */
  entry(id: string): KbEntry | undefined {
    return this.byId.get(id);
  }

  /** The best-matching entries for a free-text question, best first, at most `limit`. */
  search(text: string, limit = 3): KbHit[] {
    return this.index.search(text, limit);
  }

  /** The best hits (at most 3) and how confident the bot may be in the first. */
  match(text: string): KbMatch {
    return this.index.match(text);
  }

  /**
   * Entry `id` as the answer to `text`, whatever the search makes of its other words: for a
   * question whose frame names the entry (see knowledge/routing.ts). The text's other hits follow
   * it; nothing is offered under it. Undefined for an unknown id. `searched`: the text's match when the
   * caller has it already (the turn's search), so the text is not searched again.
   */
  answerWith(id: string, text: string, searched?: KbMatch): KbMatch | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    const others = (searched ?? this.index.match(text)).hits.filter((h) => h.entry.id !== id);
    return { confidence: 'answer', strong: true, close: [], hits: [{ entry, score: 1 }, ...others].slice(0, 3) };
  }
}

let shared: KnowledgeBase | undefined;

/**
 * The knowledge base shipped in this repository (`entries.json`), loaded and indexed on first use
 * and then kept: it is read-only data, the same for every conversation.
 */
export function sharedKnowledgeBase(): KnowledgeBase {
  shared ??= loadKnowledgeBase();
  return shared;
}
