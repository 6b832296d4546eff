/**
 * `npm run import -- <file.json>`: loads a partner directory file (contracts/directory.schema.json)
 * into the data directory (DATA_DIR, default ./data). All the logic lives in directoryImport.ts.
 *
 * Exit codes: 0 imported; 1 nothing written (problems in the file, file unreadable, data directory
 * locked or corrupt); 2 usage.
 */
import { sep } from 'node:path';
import { loadDotEnv } from '../config.js';
import { CorruptDataFileError } from '../store/lowdb/lowdbDirectoryStore.js';
import { DATA_FILES } from '../store/lowdb/openDataDir.js';
import { ImportFileError, importDirectoryFile } from '../store/import/directoryImport.js';
import { DataDirLockedError, type ImportSummary } from '../store/types.js';

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
  return error instanceof DataDirLockedError || error instanceof ImportFileError || error instanceof CorruptDataFileError;
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
    console.error(error.message);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
