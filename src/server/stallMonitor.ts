/**
 * Notices when the event loop was held up (a long synchronous task delays every request) and logs
 * it with how long: `{"stallMs": 240, "msg": "event loop stalled"}`. The benchmark reads these lines.
 */
import type { Logger } from '../logger.js';

export function startStallMonitor(logger: Logger, options: { intervalMs?: number; thresholdMs?: number } = {}): () => void {
  const interval = options.intervalMs ?? 50;
  const threshold = options.thresholdMs ?? 100;
  let expected = Date.now() + interval;
  const timer = setInterval(() => {
    const now = Date.now();
    const stallMs = now - expected;
    if (stallMs > threshold) logger.warn({ stallMs }, 'event loop stalled');
    expected = now + interval;
  }, interval);
  timer.unref();
  return () => clearInterval(timer);
}
