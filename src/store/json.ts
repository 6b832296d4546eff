/** Small helpers the stores share for JSON data and writes in flight. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Copies a value the way it is stored: through JSON, so what callers read back is exactly what a
 * restart would read back from disk (no Dates, no undefined, no shared references).
 */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Tracks writes in flight so `flush()` can wait for them (close() must not end a write halfway). */
export class PendingWrites {
  readonly #pending = new Set<Promise<unknown>>();

  track<T>(write: Promise<T>): Promise<T> {
    this.#pending.add(write);
    const forget = () => this.#pending.delete(write);
    write.then(forget, forget);
    return write;
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
  }
}
