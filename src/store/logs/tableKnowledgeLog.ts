/**
 * The knowledge-base usage log on an {@link EntityTable} (Azure Table Storage with `STORE=azure`):
 * the {@link KnowledgeLog} contract of the JSON Lines log, with its validation, its cleaning of
 * questions and its errors, for several bot instances appending at once.
 *
 * **Partitions follow the reads.** The log is only ever read by time: `npm run kb-report --since
 * <date>` counts everything since a day. So an event lives in the partition of its UTC day
 * (`2026-11-24`), its row key the time, oldest first (logRows.ts): a report since a day reads that
 * day's partition and the ones after it, in order, and nothing before. A day's partition is also
 * what a retention policy would delete whole. (One partition takes the writes of a day; Azure
 * serves about 2,000 entities a second per partition, far above the bot's rate of questions.)
 *
 * Every append is one insert of a row of its own, so several instances never conflict; events are
 * ordered by `at`, then by the order of the appends in one process.
 */
import { PendingWrites } from '../json.js';
import { parseIsoInstant } from '../jsonl/isoInstant.js';
import { sinceOf } from '../jsonl/jsonlFile.js';
import { canonicalKnowledgeEvent, invalidKnowledgeEvent, knowledgeEventProblems, type KnowledgeFilter } from '../jsonl/jsonlKnowledgeLog.js';
import type { EntityTable, KnowledgeEvent, KnowledgeLog } from '../types.js';
import { dayOf, RowSequence } from './logRows.js';

const PAGE = 1000;

export class TableKnowledgeLog implements KnowledgeLog {
  readonly #writes = new PendingWrites();
  readonly #rows = new RowSequence();

  constructor(
    private readonly table: EntityTable<KnowledgeEvent>,
    /** Where the log is, for messages. */
    readonly description = 'an entity table',
  ) {}

  /**
   * Appends one event (its question cleaned as the JSON Lines log cleans it).
   * @throws InvalidKnowledgeEventError listing every problem; nothing is written.
   */
  append(event: KnowledgeEvent): Promise<void> {
    const problems = knowledgeEventProblems(event);
    if (problems.length > 0) return Promise.reject(invalidKnowledgeEvent(problems));
    const value = canonicalKnowledgeEvent(event);
    const ms = parseIsoInstant(value.at)!;
    return this.#writes.track(this.#write(dayOf(ms), this.#rows.next(ms, 'forward'), value));
  }

  async #write(partition: string, row: string, event: KnowledgeEvent): Promise<void> {
    if ((await this.table.insert(partition, row, event)) === undefined) {
      throw new Error(`The knowledge log row ${partition}/${row} exists already; nothing was written`);
    }
  }

  /**
   * The events at or after `since` (ISO date or timestamp), oldest first. Appends of this instance
   * started before the call are included.
   * @throws RangeError for a `since` that is not an ISO date/timestamp.
   */
  async list(filter: KnowledgeFilter = {}): Promise<KnowledgeEvent[]> {
    const since = sinceOf(filter.since);
    await this.#writes.flush();
    const events: KnowledgeEvent[] = [];
    // From the first row of the day of `since` (every row key sorts after "0"), in key order:
    // days ascending, each day's rows by time.
    let after = since === undefined ? undefined : { partition: dayOf(since), row: '0' };
    for (;;) {
      const page = await this.table.scan({ limit: PAGE, ...(after && { after }) });
      for (const { value } of page) {
        if (since === undefined || parseIsoInstant(value.at)! >= since) events.push(canonicalKnowledgeEvent(value));
      }
      if (page.length < PAGE) return events;
      after = { partition: page.at(-1)!.partition, row: page.at(-1)!.row };
    }
  }

  /** Waits until every append started so far is stored (or failed). */
  flush(): Promise<void> {
    return this.#writes.flush();
  }
}
