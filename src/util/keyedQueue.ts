/**
 * Runs tasks one after another per key (tasks of different keys stay concurrent). Used for the
 * turns of one conversation and for the activations of one organization.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * @param waitLimitMs how long a task waits for the one before it; after that it runs anyway, so a
   *   task that hangs (a connector that never answers) cannot block its key forever.
   */
  constructor(private readonly waitLimitMs = 30_000) {}

  /** Number of keys with a task running or waiting. */
  get size(): number {
    return this.tails.size;
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = (previous ? this.afterOrTimeout(previous) : Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      // Forget the key once nothing else is queued behind this task.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  private afterOrTimeout(previous: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.waitLimitMs);
      timer.unref();
    });
    return Promise.race([previous, limit]).finally(() => clearTimeout(timer));
  }
}
