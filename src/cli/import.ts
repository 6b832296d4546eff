/**
 * `npm run import -- <file.json>`: loads a partner directory file (contracts/directory.schema.json)
 * into the data directory (DATA_DIR, default ./data), also while the bot serves from it: the bot
 * notices the new directory and swaps it in. With STORE=azure it goes into the storage account
 * instead (AZURE_STORAGE_CONNECTION_STRING), where every bot instance picks it up. All the logic
 * lives in directoryImport.ts (and azure/blobImport.ts).
 *
 * Demo data stays apart (src/demo/demoData.ts): an import into the data directory that npm start
 * filled with the demo is refused; `--remove-demo` (with the bot stopped) takes the demo out first.
 *
 * Exit codes: 0 imported; 1 nothing written (problems in the file, file unreadable, another import
 * running, stored directory unusable, the demo's data directory, configuration or storage account
 * unusable); 2 usage.
 */
import { sep } from 'node:path';
import { systemClock } from '../clock.js';
import { ConfigError, loadDotEnv, readStoreConfig, type StoreConfig } from '../config.js';
import type { AzureImportResult } from '../store/azure/blobImport.js';
import { DATA_FILES } from '../store/dataDir.js';
import { CorruptDataFileError, InvalidDirectoryError } from '../store/directory/document.js';
import { LockedError } from '../store/fileLock.js';
import { ImportFileError, importDirectoryFile } from '../store/import/directoryImport.js';
import { DemoDataError, refuseDemoDataDir, removeDemo } from '../demo/demoData.js';
import type { ImportSummary } from '../store/types.js';

const USAGE =
  'Usage: npm run import -- <directory.json>   (imports into DATA_DIR, default ./data; with STORE=azure into Azure Storage)\n' +
  '       npm run import -- --remove-demo [<directory.json>]   (with the bot stopped: takes the demo data npm start loaded out of DATA_DIR, then imports)';

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The one line printed on success. */
function summaryLine(summary: ImportSummary, directoryFile: string): string {
  const { organizations, users, benefits } = summary;
  return `Imported ${count(organizations, 'organization')}, ${count(users, 'user')}, ${count(benefits, 'benefit')} into ${directoryFile}`;
}

/** Errors the operator can fix; they are printed without a stack trace. */
function isExpected(error: unknown): error is Error {
  return (
    error instanceof LockedError ||
    error instanceof ImportFileError ||
    error instanceof CorruptDataFileError ||
    error instanceof InvalidDirectoryError ||
    error instanceof DemoDataError ||
    // The Azure store's (loaded only with STORE=azure).
    (error instanceof Error && AZURE_EXPECTED.has(error.name))
  );
}

const AZURE_EXPECTED = new Set(['ImportLeasedError', 'ConcurrentImportError', 'AzureStorageError', 'InvalidPointerError']);
/** What current.json is called, for messages (without loading the Azure store). */
const POINTER_BLOB = 'current.json';

/** The import into Azure Storage; storage failures become what to fix. */
async function importToAzure(file: string, store: Extract<StoreConfig, { kind: 'azure' }>): Promise<{ result: AzureImportResult; where: string }> {
  // Loaded only here: an import into a data directory does not load the Azure SDKs.
  const { azureClients, blobLabel, explainStorageError, importDirectoryFileToAzure } = await import('../store/azure/index.js');
  const clients = azureClients(store);
  try {
    const result = await importDirectoryFileToAzure(file, clients.container);
    return { result, where: result.pointer ? `${blobLabel(clients.container, result.pointer.blob)} (Azure Storage; ${POINTER_BLOB} points to it)` : '' };
  } catch (error) {
    if (isExpected(error) || (error as Error).name !== 'RestError') throw error;
    throw explainStorageError(error, clients.where, 'import the partner directory');
  }
}

async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== '--remove-demo');
  const demoFlags = argv.length - args.length;
  const removingDemo = demoFlags > 0;
  const file = args[0];
  if ((!file && !removingDemo) || file?.startsWith('-') || args.length > 1 || demoFlags > 1) {
    console.error(USAGE);
    return 2;
  }
  // Same DATA_DIR and STORE as the server, which also reads .env.
  loadDotEnv();
  let where: { dataDir: string; store: StoreConfig };
  try {
    where = readStoreConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${error.message}\nNothing was written.`);
    return 1;
  }
  const { dataDir, store } = where;
  if (removingDemo) {
    if (store.kind === 'azure') {
      console.error('STORE=azure: npm start never loads the demo into Azure Storage, so there is none to remove. Import without --remove-demo.');
      return 2;
    }
    try {
      const removed = await removeDemo(dataDir, systemClock.now());
      if (removed.kind === 'moved') console.log(`Removed the demo data from ${dataDir}: moved ${removed.moved.join(', ')} into ${removed.backup}.`);
      else if (removed.kind === 'filtered') {
        console.log(
          `Removed the demo's ${count(removed.organizations, 'organization')} and ${count(removed.users, 'user')} from ${dataDir}${sep}${DATA_FILES.directory}; ` +
            `your imported ones stay. What the bot stored for the demo people (activations, cases, conversations) stays in ${DATA_FILES.runtime}${sep}: for a clean start, use a new DATA_DIR.`,
        );
      } else console.log(`${dataDir} holds no demo data; nothing was removed.`);
    } catch (error) {
      if (error instanceof LockedError) {
        console.error(`${error.message} Stop the bot (and let the import finish) first, then run npm run import -- --remove-demo again; nothing was changed.`);
        return 1;
      }
      if (isExpected(error)) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  }
  // Only --remove-demo comes here without a file (checked above): it is done.
  if (!file) return 0;
  try {
    let result;
    let into: string;
    if (store.kind === 'azure') ({ result, where: into } = await importToAzure(file, store));
    else {
      result = await importDirectoryFile(file, dataDir, undefined, () => refuseDemoDataDir(dataDir, file));
      into = `${dataDir.replace(/[\\/]+$/, '')}${sep}${DATA_FILES.directory}`;
    }
    if (result.ok) {
      console.log(summaryLine(result.summary, into));
      return 0;
    }
    const n = result.problems.length;
    console.error(`Import failed: ${count(n, 'problem')} in ${file}; nothing was written.`);
    for (const problem of result.problems) console.error(`  ${problem.path}: ${problem.message}`);
    return 1;
  } catch (error) {
    if (!isExpected(error)) throw error;
    if (error instanceof LockedError) console.error(`${error.message} Wait for it to finish, then import again; nothing was written.`);
    else if (error instanceof InvalidDirectoryError && store.kind === 'azure') {
      console.error(`${error.message}\nPoint ${POINTER_BLOB} back to a good snapshot first (the container keeps the last ones, and blob versioning earlier pointers); nothing was written.`);
    } else if (error instanceof InvalidDirectoryError) console.error(`${error.message}\nFix ${error.file} first (or move it away); nothing was written.`);
    else console.error(error.message);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
