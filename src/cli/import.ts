/**
 * `npm run import -- <file.json>`: loads a partner directory file (contracts/directory.schema.json)
 * into the data directory (DATA_DIR, default ./data), also while the bot serves from it: the bot
 * notices the new directory and swaps it in. All the logic lives in directoryImport.ts.
 *
 * Exit codes: 0 imported; 1 nothing written (problems in the file, file unreadable, another import
 * running, stored directory unusable); 2 usage.
 */
import { sep } from 'node:path';
import { loadDotEnv } from '../config.js';
import { DATA_FILES } from '../store/dataDir.js';
import { CorruptDataFileError, InvalidDirectoryError } from '../store/directory/document.js';
import { LockedError } from '../store/fileLock.js';
import { ImportFileError, importDirectoryFile } from '../store/import/directoryImport.js';
import type { ImportSummary } from '../store/types.js';

const USAGE = 'Usage: npm run import -- <directory.json>   (imports into DATA_DIR, default ./data)';

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
  return error instanceof LockedError || error instanceof ImportFileError || error instanceof CorruptDataFileError || error instanceof InvalidDirectoryError;
}

async function main(args: string[]): Promise<number> {
  const file = args[0];
  if (!file || file.startsWith('-') || args.length > 1) {
    console.error(USAGE);
    return 2;
  }
  // Same DATA_DIR as the server, which also reads .env.
  loadDotEnv();
  const dataDir = process.env.DATA_DIR || './data';
  try {
    const result = await importDirectoryFile(file, dataDir);
    if (result.ok) {
      console.log(summaryLine(result.summary, `${dataDir.replace(/[\\/]+$/, '')}${sep}${DATA_FILES.directory}`));
      return 0;
    }
    const n = result.problems.length;
    console.error(`Import failed: ${count(n, 'problem')} in ${file}; nothing was written.`);
    for (const problem of result.problems) console.error(`  ${problem.path}: ${problem.message}`);
    return 1;
  } catch (error) {
    if (!isExpected(error)) throw error;
    if (error instanceof LockedError) console.error(`${error.message} Wait for it to finish, then import again; nothing was written.`);
    else if (error instanceof InvalidDirectoryError) console.error(`${error.message}\nFix ${error.file} first (or move it away); nothing was written.`);
    else console.error(error.message);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
