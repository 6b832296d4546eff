/**
 * Shared start-up of `npm run serve` and `npm start`: configuration, data directory (locked for this
 * process), optional demo data, the server, and a clean shutdown on Ctrl-C / SIGTERM.
 */
import { createApp } from '../app.js';
import { systemClock } from '../clock.js';
import { ConfigError, loadDotEnv, readConfig } from '../config.js';
import { demoDirectory } from '../demo/demoDirectory.js';
import { createLogger } from '../logger.js';
import { importDirectoryData } from '../store/import/directoryImport.js';
import { CorruptDataFileError, isEmptyDataDir, openDataDir } from '../store/index.js';
import { DataDirLockedError } from '../store/types.js';

/** What a started server offers its command: where it listens, and a way to stop more with it. */
export interface RunningServer {
  /** The bot's base URL, e.g. http://127.0.0.1:3978. */
  url: string;
  /** The data directory in use. */
  dataDir: string;
  /** Whether requests need a Bot Framework token (MicrosoftAppId is set). */
  authenticated: boolean;
  /** Runs `hook` when the server stops (Ctrl-C / SIGTERM), before the process exits. */
  onStop(hook: () => Promise<void> | void): void;
}

export async function runServer(options: { demo: boolean; hint?: string }): Promise<RunningServer> {
  let config;
  try {
    loadDotEnv();
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const clock = systemClock;

  let seedDemo = false;
  try {
    seedDemo = options.demo && (await isEmptyDataDir(config.dataDir));
  } catch (error) {
    if (error instanceof CorruptDataFileError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let stores;
  try {
    stores = await openDataDir(config.dataDir, {
      onLockLost: (error) => {
        // Another process may now be writing DATA_DIR; writing from our memory would undo its work.
        logger.fatal({ err: error, dataDir: config.dataDir }, 'lost the lock on the data directory; stopping');
        process.exit(1);
      },
    });
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof CorruptDataFileError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (seedDemo) {
    const result = await importDirectoryData(demoDirectory(clock.today()), stores.directory);
    if (!result.ok) throw new Error(`demo directory is invalid: ${JSON.stringify(result.problems)}`);
    console.log(
      `${config.dataDir} was empty, so I loaded the demo directory: ${result.summary.organizations} organizations, ${result.summary.users} users.`,
    );
  }
  if (!config.auth) {
    logger.warn(`MicrosoftAppId is not set: the bot runs WITHOUT authentication, for local use only, on ${config.host}.`);
  }

  const app = await createApp({ config, clock, logger, stores });
  let url: string;
  try {
    url = await app.listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${config.port} is already in use. Stop the other program or set PORT to a free port.`);
      await stores.close();
      process.exit(1);
    }
    throw error;
  }
  logger.info({ url, dataDir: config.dataDir }, 'listening');
  console.log(`Bot listening on ${url}/api/messages (health: ${url}/healthz). Press Ctrl-C to stop.`);
  if (options.hint) console.log(options.hint);

  const stopHooks: (() => Promise<void> | void)[] = [];
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error('Stopping immediately.');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Requests in flight get a few seconds to finish; a second Ctrl-C does not wait at all.
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    deadline.unref();
    try {
      for (const hook of stopHooks) await hook();
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return { url, dataDir: config.dataDir, authenticated: config.auth !== undefined, onStop: (hook) => stopHooks.push(hook) };
}
