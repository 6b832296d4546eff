/**
 * How a directory source runs its reloads: one at a time. Calls made while a reload runs share it,
 * and one more reload follows (a change seen mid-reload may have come after what it read), unless
 * the source was closed meanwhile. FileDirectory and AzureDirectory both reload this way.
 */
export class CoalescedReload<T> {
  #running: Promise<T> | undefined;
  #again = false;

  /** `once` does one reload; `closed` says whether the source is closed (no follow-up reload then). */
  constructor(
    private readonly once: () => Promise<T>,
    private readonly closed: () => boolean,
  ) {}

  /** Whether a reload runs now. */
  get running(): boolean {
    return this.#running !== undefined;
  }

  run(): Promise<T> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const run = this.once().finally(() => {
      this.#running = undefined;
      if (this.#again && !this.closed()) {
        this.#again = false;
        void this.run();
      }
    });
    this.#running = run;
    return run;
  }

  /** Resolves when the reload running now (if any) has ended, whatever its outcome. */
  async settled(): Promise<void> {
    await this.#running?.catch(() => undefined);
  }
}
