/**
 * An append-only JSON Lines file, the part the audit log and the knowledge-base log share: appends
 * with `O_APPEND`, one at a time in call order, never rewritten; if the file does not end with a
 * newline (a crash mid-append), the next append starts a new line first, so the bytes already there
 * stay untouched. Readers need no lock: a line that is not JSON (corrupt, or still being written) is
 * counted and skipped, never changed.
 */
import { appendFile, open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseIsoInstant } from './isoInstant.js';
import { PendingWrites } from '../json.js';

/** `since` of a log filter as epoch milliseconds (undefined: none); RangeError for anything but ISO. */
export function sinceOf(since: string | undefined): number | undefined {
  if (since === undefined) return undefined;
  const ms = parseIsoInstant(since);
  if (ms === undefined) {
    throw new RangeError(
      `Invalid "since" ${JSON.stringify(since)}: expected an ISO date (2026-11-01) or timestamp (2026-11-01T09:30:00Z)`,
    );
  }
  return ms;
}

/** Lines waiting to be appended together, and the promise their callers wait on. */
interface Batch {
  lines: string[];
  written: Promise<void>;
}

export class JsonlFile {
  /** Appends in flight (for {@link flush}). */
  readonly #guard = new PendingWrites();
  /** The last append queued; each append starts after the previous one settled. */
  #tail: Promise<void> = Promise.resolve();
  /** Lines queued behind the append in flight: they go to the file together in the next one. */
  #next: Batch | undefined;
  /** Whether the file is known to end with a newline (or to be missing/empty). */
  #endsWithNewline = false;

  constructor(readonly file: string) {}

  /**
   * Appends one line, after the appends queued before it. `record` returns the value to write; it
   * may throw (an invalid record), in which case nothing is written and the promise rejects.
   *
   * Lines queued while an append is in flight are written together in the next one (one
   * open/write/close for all of them), so under load the wait stays at about two appends instead of
   * growing with the queue. If that append fails, every line in it fails.
   */
  append(record: () => unknown): Promise<void> {
    let line: string;
    try {
      line = `${JSON.stringify(record())}\n`;
    } catch (error) {
      return Promise.reject(error);
    }
    let batch = this.#next;
    if (!batch) {
      const lines: string[] = [];
      const written = this.#tail.then(() => {
        // From here on, new lines go to the batch after this one.
        if (this.#next?.lines === lines) this.#next = undefined;
        return this.#appendText(lines.join(''));
      });
      batch = this.#next = { lines, written };
      this.#tail = written.catch(() => {});
    }
    batch.lines.push(line);
    return this.#guard.track(batch.written);
  }

  /**
   * Reads the file line by line, after the appends from this process started before the call:
   * `visit` gets each parsed line and says whether it was a valid record. Returns how many lines
   * were skipped (not JSON, or not valid); blank lines are not counted. A missing file has no lines.
   */
  async readLines(visit: (value: unknown) => boolean): Promise<number> {
    await this.#tail;
    let handle;
    try {
      handle = await open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let skipped = 0;
    try {
      const input = handle.createReadStream({ encoding: 'utf8', autoClose: false });
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        if (line.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          skipped += 1;
          continue;
        }
        if (!visit(value)) skipped += 1;
      }
    } finally {
      await handle.close();
    }
    return skipped;
  }

  /** Waits until every append started so far has reached the file (or failed). */
  flush(): Promise<void> {
    return this.#guard.flush();
  }

  async #appendText(text: string): Promise<void> {
    try {
      const prefix = this.#endsWithNewline || (await this.#fileEndsWithNewline()) ? '' : '\n';
      await appendFile(this.file, prefix + text, 'utf8');
      this.#endsWithNewline = true;
    } catch (error) {
      // A failed append may have written part of the line: check the end again next time.
      this.#endsWithNewline = false;
      throw error;
    }
  }

  /** True when the file is missing, empty, or ends with `\n`. */
  async #fileEndsWithNewline(): Promise<boolean> {
    let handle;
    try {
      handle = await open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size === 0) return true;
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      return last[0] === 0x0a;
    } finally {
      await handle.close();
    }
  }
}
