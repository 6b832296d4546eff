/**
 * The knowledge-base usage log as an append-only JSON Lines file, `<dataDir>/knowledge.jsonl`: one
 * {@link KnowledgeEvent} per line, appended with `O_APPEND` and never rewritten. Same design as the
 * audit log (see jsonlAuditLog.ts): appends from this process are serialized, so lines never
 * interleave; readers need no lock (`npm run kb-report` reads while the bot runs); corrupt or
 * truncated lines are skipped and counted, never repaired; if the file does not end with a newline
 * (a crash mid-append), the next append starts a new line first.
 *
 * On disk, one JSON object per line, fields in this order, nothing else:
 * ```
 * {"at":"2026-11-24T10:00:00.000Z","type":"asked","entryId":"who-may-activate","lang":"en","via":"text"}
 * {"at":"2026-11-24T10:01:00.000Z","type":"unanswered","question":"how do i reset my password","lang":"en","suggested":["who-may-activate"]}
 * {"at":"2026-11-24T10:02:00.000Z","type":"feedback","entryId":"who-may-activate","lang":"de","helpful":true}
 * ```
 * The sender is not stored (the bot redacts e-mail addresses, links, GUIDs and long numbers from
 * questions before appending them). The `question` of an `unanswered` event is also cleaned before it is
 * written (control characters removed, whitespace collapsed, cut to
 * {@link MAX_QUESTION_LENGTH} characters), so an operator's terminal or spreadsheet never sees raw
 * control characters from a chat message.
 */
import { InvalidKnowledgeEventError, type KnowledgeEvent, type KnowledgeLog } from '../types.js';
import { isPlainObject } from '../json.js';
import { parseIsoInstant } from './isoInstant.js';
import { JsonlFile, sinceOf } from './jsonlFile.js';

/** The filter accepted by {@link KnowledgeLog.list}. */
export type KnowledgeFilter = NonNullable<Parameters<KnowledgeLog['list']>[0]>;

/** What one pass over the file found. */
export interface KnowledgeScan {
  /** The matching events, oldest (first appended) first. */
  events: KnowledgeEvent[];
  /** Lines that are not a valid event (corrupt, truncated); blank lines are not counted. */
  skipped: number;
}

/** Questions are cut to this many characters (Unicode code points) before they are written. */
export const MAX_QUESTION_LENGTH = 300;
/** At most this many "did you mean" suggestions per unanswered question. */
export const MAX_SUGGESTED = 10;
/** A knowledge-base entry id, as stored. */
export const KNOWLEDGE_ENTRY_ID = /^[a-z0-9-]{1,64}$/;

const TYPES = ['asked', 'unanswered', 'feedback'] as const;
const LANGS = ['en', 'de'] as const;
const VIAS = ['text', 'choice', 'followUp'] as const;

/** Line and paragraph breaks and other whitespace-like controls: become a space. */
const SPACING_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/**
 * Other control characters (C0, DEL, C1) and the bidirectional embedding/override/isolate marks,
 * which could make a question display differently from what it says: removed.
 */
const OTHER_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A question as it is stored: control characters stripped (line breaks and tabs become spaces),
 * runs of whitespace collapsed to one space, trimmed, and cut to {@link MAX_QUESTION_LENGTH}
 * characters (never splitting a surrogate pair).
 */
export function cleanQuestion(text: string): string {
  const cleaned = text.replace(SPACING_CONTROLS, ' ').replace(OTHER_CONTROLS, '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(cleaned);
  return chars.length <= MAX_QUESTION_LENGTH ? cleaned : chars.slice(0, MAX_QUESTION_LENGTH).join('').trimEnd();
}

const isEntryId = (value: unknown): value is string => typeof value === 'string' && KNOWLEDGE_ENTRY_ID.test(value);
const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);
const show = (value: unknown): string => (value === undefined ? 'undefined' : JSON.stringify(value));

/**
 * Why `value` is not a valid {@link KnowledgeEvent} (empty when it is one). A `question` only has
 * to be a string with something left after {@link cleanQuestion}; a long one is cut, not refused.
 */
export function knowledgeEventProblems(value: unknown): string[] {
  if (!isPlainObject(value)) return ['the event is not an object'];
  const problems: string[] = [];
  if (typeof value.at !== 'string' || parseIsoInstant(value.at) === undefined) {
    problems.push(`"at" must be an ISO timestamp (got ${show(value.at)})`);
  }
  if (!oneOf(LANGS, value.lang)) problems.push(`"lang" must be "en" or "de" (got ${show(value.lang)})`);
  const entryId = () => {
    if (!isEntryId(value.entryId)) {
      problems.push(`"entryId" must be an entry id matching ${KNOWLEDGE_ENTRY_ID} (got ${show(value.entryId)})`);
    }
  };
  switch (value.type) {
    case 'asked':
      entryId();
      if (!oneOf(VIAS, value.via)) problems.push(`"via" must be one of ${VIAS.join(', ')} (got ${show(value.via)})`);
      break;
    case 'feedback':
      entryId();
      if (typeof value.helpful !== 'boolean') problems.push(`"helpful" must be true or false (got ${show(value.helpful)})`);
      break;
    case 'unanswered': {
      if (typeof value.question !== 'string') problems.push(`"question" must be a string (got ${show(value.question)})`);
      else if (cleanQuestion(value.question) === '') problems.push('"question" must not be empty');
      const { suggested } = value;
      if (!Array.isArray(suggested) || !suggested.every(isEntryId)) {
        problems.push(`"suggested" must be an array of entry ids matching ${KNOWLEDGE_ENTRY_ID}`);
      } else if (suggested.length > MAX_SUGGESTED) {
        problems.push(`"suggested" must have at most ${MAX_SUGGESTED} entry ids (got ${suggested.length})`);
      }
      break;
    }
    default:
      problems.push(`"type" must be one of ${TYPES.join(', ')} (got ${show(value.type)})`);
  }
  return problems;
}

/** A copy of a valid event with the fields in file order, the question cleaned, and nothing else (every knowledge log stores this). */
export function canonicalKnowledgeEvent(event: KnowledgeEvent): KnowledgeEvent {
  switch (event.type) {
    case 'asked':
      return { at: event.at, type: 'asked', entryId: event.entryId, lang: event.lang, via: event.via };
    case 'unanswered':
      return { at: event.at, type: 'unanswered', question: cleanQuestion(event.question), lang: event.lang, suggested: [...event.suggested] };
    case 'feedback':
      return { at: event.at, type: 'feedback', entryId: event.entryId, lang: event.lang, helpful: event.helpful };
  }
}


/** The error every knowledge log throws for an event with these problems (nothing is written). */
export function invalidKnowledgeEvent(problems: string[]): InvalidKnowledgeEventError {
  return new InvalidKnowledgeEventError(`Invalid knowledge event: ${problems.join('; ')}. Nothing was written to the knowledge log.`);
}

/** {@link KnowledgeLog} on a JSON Lines file. Opening does no I/O; a missing file is an empty log. */
export class JsonlKnowledgeLog implements KnowledgeLog {
  readonly #lines: JsonlFile;
  #lastSkipped = 0;

  constructor(
    /** The JSON Lines file this log appends to. */
    readonly file: string,
  ) {
    this.#lines = new JsonlFile(file);
  }

  /**
   * Appends one line. Appends are written in call order, one at a time.
   * @throws InvalidKnowledgeEventError listing every problem (see {@link knowledgeEventProblems}); nothing is written.
   */
  append(event: KnowledgeEvent): Promise<void> {
    return this.#lines.append(() => {
      const problems = knowledgeEventProblems(event);
      if (problems.length > 0) throw invalidKnowledgeEvent(problems);
      return canonicalKnowledgeEvent(event);
    });
  }

  /** Events, oldest first (file order); see {@link JsonlKnowledgeLog.scan}. Sets {@link lastSkipped}. */
  async list(filter: KnowledgeFilter = {}): Promise<KnowledgeEvent[]> {
    const { events, skipped } = await this.scan(filter);
    this.#lastSkipped = skipped;
    return events;
  }

  /** How many unreadable lines the last {@link list} skipped. */
  get lastSkipped(): number {
    return this.#lastSkipped;
  }

  /**
   * Reads the file line by line (appends from this process started before the call are included):
   * the events at or after `since`. Unreadable lines are counted and skipped, never changed.
   * @throws RangeError for a `since` that is not an ISO date/timestamp.
   */
  async scan(filter: KnowledgeFilter = {}): Promise<KnowledgeScan> {
    const since = sinceOf(filter.since);
    const events: KnowledgeEvent[] = [];
    const skipped = await this.#lines.readLines((value) => {
      if (knowledgeEventProblems(value).length > 0) return false;
      const valid = value as KnowledgeEvent;
      if (since === undefined || (parseIsoInstant(valid.at) as number) >= since) events.push(canonicalKnowledgeEvent(valid));
      return true;
    });
    return { events, skipped };
  }

  /** Waits until every append started so far has reached the file (or failed). */
  flush(): Promise<void> {
    return this.#lines.flush();
  }
}
