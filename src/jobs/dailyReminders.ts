/**
 * Runs the reminder job once a day inside the bot server (the only process that may open DATA_DIR,
 * and the one holding the adapter's credentials), and on request (`npm run notify`, through the
 * local notify endpoint). A missed day (server down at the hour) is caught up on the next run:
 * conditions still hold and deliveries are keyed, so nothing is sent twice.
 */
import { runReminders, type ReminderJobDeps, type ReminderSummary } from './reminders.js';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DailyRemindersOptions extends ReminderJobDeps {
  /** Time of day (UTC, `HH:MM`) of the daily run; default `07:00`. `null`: no timer, on request only. */
  atUtc?: string | null;
  /** For tests. */
  timers?: Timers;
}

export interface DailyReminders {
  /**
   * Runs the reminders now. While a run is in progress, a second call joins it (same summary)
   * instead of starting another.
   */
  trigger(): Promise<ReminderSummary>;
  /** When the timer fires next; undefined when stopped or without a timer. */
  nextRunAt(): Date | undefined;
  /** Stops the timer (a run in progress finishes). */
  stop(): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref(); // never keeps the process alive on its own
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The first instant after `now` at `HH:MM` UTC. */
export function nextDailyRun(now: Date, atUtc: string): Date {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(atUtc);
  if (!match) throw new Error(`reminder time must be HH:MM (UTC), got "${atUtc}"`);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), Number(match[1]), Number(match[2])));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export function startDailyReminders(options: DailyRemindersOptions): DailyReminders {
  const { timers = realTimers, atUtc = '07:00', clock, logger } = options;
  let running: Promise<ReminderSummary> | undefined;
  let handle: unknown;
  let next: Date | undefined;
  let stopped = false;

  const trigger = () =>
    (running ??= runReminders(options).finally(() => {
      running = undefined;
    }));

  const schedule = () => {
    if (stopped || atUtc === null) return;
    next = nextDailyRun(clock.now(), atUtc);
    handle = timers.setTimeout(() => {
      trigger()
        .catch((error) => logger.error({ err: error }, 'daily reminders failed'))
        .finally(schedule);
    }, next.getTime() - clock.now().getTime());
  };
  if (atUtc !== null) nextDailyRun(clock.now(), atUtc); // validates before anything runs
  schedule();

  return {
    trigger,
    nextRunAt: () => (stopped ? undefined : next),
    stop: () => {
      stopped = true;
      next = undefined;
      if (handle !== undefined) timers.clearTimeout(handle);
    },
  };
}
