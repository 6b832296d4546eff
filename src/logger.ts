import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout (one line per event); LOG_LEVEL=silent in tests. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
