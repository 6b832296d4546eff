/**
 * Shared start-up of `npm run serve` and `npm start`: configuration, the data (a data directory
 * locked for this process, or with STORE=azure the storage account that every instance shares),
 * optional demo data, the server, and a clean shutdown on Ctrl-C / SIGTERM.
 */
import { mkdir } from 'node:fs/promises';
import { createApp } from '../app.js';
import { systemClock } from '../clock.js';
import { ConfigError, loadDotEnv, readConfig, type Config } from '../config.js';
import { demoDirectory } from '../demo/demoDirectory.js';
import { markDemoDataDir } from '../demo/demoData.js';
import { createLogger, type Logger } from '../logger.js';
import type { Clock } from '../clock.js';
import {
  type DataStores,
  CorruptDataFileError,
  directoryFileOf,
  importIntoDocument,
  InvalidDirectoryError,
  isEmptyDataDir,
  LockedError,
  openDataDir,
  readCurrentDocument,
  withImportLock,
  writeDocument,
} from '../store/index.js';

/**
 * `npm start` on an empty data directory: imports the demo directory (dates laid out around today)
 * through the import's own validation, and says so.
 */
async function loadDemoIfEmpty(dataDir: string, clock: Clock): Promise<void> {
  if (!(await isEmptyDataDir(dataDir))) return;
  await withImportLock(dataDir, async () => {
    if (!(await isEmptyDataDir(dataDir))) return;
    const result = await importIntoDocument(demoDirectory(clock.today()), await readCurrentDocument(dataDir), clock.now());
    if (!result.ok) throw new Error(`demo directory is invalid: ${JSON.stringify(result.problems)}`);
    await markDemoDataDir(dataDir, clock.now());
    await writeDocument(directoryFileOf(dataDir), result.document, { checked: true });
    console.log(
      `${dataDir} was empty, so I loaded the demo directory: ${result.summary.organizations} organizations, ${result.summary.users} users. ` +
        `It is marked as the demo's (demo.json), so npm run import will not mix your directory into it: import into another DATA_DIR, or replace the demo with npm run import -- --remove-demo <file.json>.`,
    );
  });
}

/** The data directory of this machine, locked for this server (STORE=lmdb); exits with the reason when it cannot be used. */
async function openLocal(config: Config, logger: Logger): Promise<DataStores> {
  try {
    return await openDataDir(config.dataDir, {
      logger,
      purpose: `The bot server (port ${config.port === 0 ? 'any' : config.port})`,
      onUpgrade: (report) =>
        console.log(
          `Upgraded ${config.dataDir} from the previous version: moved ${report.states} conversation states, ${report.conversations} conversations, ` +
            `${report.cases} helpdesk cases, ${report.activations} activated benefits and ${report.incidents} recorded cases into the run-time store ` +
            `(${config.dataDir}/runtime). The old files are in ${report.backup}.`,
        ),
    });
  } catch (error) {
    if (error instanceof LockedError) {
      console.error(`${error.message} Only one bot server may serve a data directory: stop that one first, or point DATA_DIR at another directory.`);
      process.exit(1);
    }
    if (error instanceof CorruptDataFileError || error instanceof InvalidDirectoryError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

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

  if (options.demo && config.store?.kind !== 'azure') {
    try {
      await loadDemoIfEmpty(config.dataDir, clock);
    } catch (error) {
      if (error instanceof CorruptDataFileError || error instanceof LockedError) {
        console.error(error.message);
        process.exit(1);
      }
      throw error;
    }
  }
  let stores: DataStores;
  let where: string;
  if (config.store?.kind === 'azure') {
    const { connectionString, tablePrefix, container, pollMs } = config.store;
    // Loaded only here: a bot on one machine does not load the Azure SDKs.
    const { AzureStorageError, InvalidPointerError, openAzureStores } = await import('../store/azure/index.js');
    try {
      // DATA_DIR keeps only the notify endpoint's file here.
      await mkdir(config.dataDir, { recursive: true });
      const azure = await openAzureStores({ connectionString, tablePrefix, container, pollMs, logger });
      stores = azure;
      where = azure.description;
    } catch (error) {
      if (error instanceof AzureStorageError || error instanceof CorruptDataFileError || error instanceof InvalidDirectoryError || error instanceof InvalidPointerError) {
        console.error(error.message);
        process.exit(1);
      }
      throw error;
    }
    if (stores.directory.current().size.organizations === 0) {
      console.log(
        options.demo
          ? `STORE=azure: the partner directory in Azure Storage (container ${container}) is empty, and npm start loads the demo directory only into a local data directory (STORE=lmdb). ` +
              'Import a directory with: STORE=azure npm run import -- <file.json>'
          : `The partner directory in Azure Storage (container ${container}) is empty: import one with STORE=azure npm run import -- <file.json>`,
      );
    }
  } else {
    stores = await openLocal(config, logger);
    where = config.dataDir;
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
  // Where the socket is really bound, not where this machine reaches it: with an app id that is
  // every interface (0.0.0.0), which an operator must know.
  const listening = app.listening();
  const reach = listening.everyInterface ? `${listening.hostPort}, every network interface of this machine` : listening.hostPort;
  logger.info({ address: listening.address, port: listening.port, everyInterface: listening.everyInterface, url, store: where }, `listening on ${reach}`);
  console.log(
    listening.everyInterface
      ? `Bot listening on http://${listening.hostPort}/api/messages, on every network interface of this machine (from here: ${url}/api/messages, health: ${url}/healthz). Press Ctrl-C to stop.`
      : `Bot listening on ${url}/api/messages (health: ${url}/healthz). Press Ctrl-C to stop.`,
  );
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
