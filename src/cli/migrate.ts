/**
 * `npm run migrate -- --from lmdb --to azure` (or `--from azure --to lmdb`): copies what the bot
 * wrote at run time from one store into the other (store/migrate/storeMigration.ts): every
 * run-time table, the audit log, the knowledge log, and the partner directory into a target that
 * has none. Prints a line per table with what it moved and what it skipped.
 *
 * Options: `--data-dir <dir>` (default DATA_DIR, else ./data), `--merge` (go on into a target that
 * holds data, keeping it; completes an interrupted run), `--dry-run` (count, write nothing),
 * `--no-directory` (leave the partner directory to `npm run import`), `--table-prefix <prefix>` and
 * `--container <name>` (where on Azure; default AZURE_TABLE_PREFIX and AZURE_DIRECTORY_CONTAINER,
 * else the deployment's `psb` and `directory`). The
 * storage account is AZURE_STORAGE_CONNECTION_STRING (from the environment or .env), never printed.
 *
 * Exit codes: 0 migrated (with --dry-run: counted); 1 refused or stopped, or some rows cannot be
 * stored in the target (the message says what to fix; what was copied stays, and the same
 * command with --merge completes it); 2 usage.
 */
import { loadDotEnv } from '../config.js';
import type { CopyCount } from '../store/migrate/copyRows.js';
import { checkConnectionString, migrate, MigrationError, openAzureEnd, openLmdbEnd, type StepReport, type StoreEnd, type StoreKind } from '../store/migrate/storeMigration.js';
import { optionsOrExit, parseCliArgs, UsageError } from './cliSupport.js';

const USAGE =
  'Usage: npm run migrate -- --from lmdb|azure --to azure|lmdb [--data-dir <dir>] [--merge] [--dry-run] [--no-directory]\n' +
  '                          [--table-prefix <prefix>] [--container <name>]\n' +
  '       lmdb: the data directory (--data-dir, else DATA_DIR, else ./data); azure: the storage account of\n' +
  '       AZURE_STORAGE_CONNECTION_STRING, tables <prefix>state, ... (default prefix psb), the blob container directory';

interface Options {
  from: StoreKind;
  to: StoreKind;
  dataDir: string | undefined;
  merge: boolean;
  dryRun: boolean;
  directory: boolean;
  tablePrefix: string | undefined;
  container: string | undefined;
}

function storeKind(option: string, value: string | undefined): StoreKind {
  if (value === undefined) throw new UsageError(`--${option} is missing: lmdb (the data directory on this machine) or azure (the storage account)`);
  if (value !== 'lmdb' && value !== 'azure') throw new UsageError(`Unknown --${option} ${JSON.stringify(value)}: use lmdb or azure`);
  return value;
}

function parseOptions(args: string[]): Options | 'help' {
  const values = parseCliArgs(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    'data-dir': { type: 'string' },
    merge: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'no-directory': { type: 'boolean' },
    'table-prefix': { type: 'string' },
    container: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const from = storeKind('from', values.from);
  const to = storeKind('to', values.to);
  if (from === to) throw new UsageError(`--from and --to are both ${from}: migrate from lmdb to azure, or from azure to lmdb`);
  for (const option of ['data-dir', 'table-prefix', 'container'] as const) {
    if (values[option] !== undefined && values[option].trim() === '') throw new UsageError(`--${option} needs a value`);
  }
  return {
    from,
    to,
    dataDir: values['data-dir'],
    merge: values.merge ?? false,
    dryRun: values['dry-run'] ?? false,
    directory: !(values['no-directory'] ?? false),
    tablePrefix: values['table-prefix'],
    container: values.container,
  };
}

const number = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, noun: string) => `${number(n)} ${noun}${n === 1 ? '' : 's'}`;

/** One line of the table: what a step moved and skipped. */
function stepLine(step: StepReport, dryRun: boolean): string {
  const { moved, skipped, failed } = step.count;
  const [movedWord, skippedWord] = dryRun ? ['to move', 'there already'] : ['moved', 'skipped'];
  let line = `  ${step.name.padEnd(18)} ${number(moved).padStart(9)} ${movedWord}  ${number(skipped).padStart(9)} ${skippedWord}`;
  if (failed > 0) line += `  ${number(failed)} not storable in the target`;
  if (step.unreadable) line += `  (${plural(step.unreadable, 'unreadable line')} left out, the source is unchanged)`;
  if (step.note) line += `  (${step.note})`;
  return line;
}

async function main(args: string[]): Promise<number> {
  const parsed = optionsOrExit(args, parseOptions, USAGE);
  if ('exit' in parsed) return parsed.exit;
  const { options } = parsed;
  // The same DATA_DIR and connection string as the server, which also reads .env.
  loadDotEnv();
  const dataDir = options.dataDir ?? (process.env.DATA_DIR || './data');
  const started = Date.now();
  const ends: StoreEnd[] = [];
  const failures: string[] = [];
  let totals: CopyCount | undefined;
  try {
    // What can be told without a request first: the connection string, then the data directory's lock.
    checkConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING);
    const local = await openLmdbEnd(dataDir, options.from === 'lmdb' ? 'source' : 'target');
    ends.push(local);
    const azure = await openAzureEnd({
      connectionString: process.env.AZURE_STORAGE_CONNECTION_STRING,
      scratchDir: dataDir,
      // As the bot finds them (.env, the Web App's settings), unless given here.
      tablePrefix: options.tablePrefix ?? (process.env.AZURE_TABLE_PREFIX || undefined),
      container: options.container ?? (process.env.AZURE_DIRECTORY_CONTAINER || undefined),
    });
    ends.push(azure);
    const [from, to] = options.from === 'lmdb' ? [local, azure] : [azure, local];
    let lastProgress = Date.now();
    const report = await migrate(from, to, {
      onStart: () => console.log(`Migrating${options.dryRun ? ' (dry run: nothing is written)' : ''}\n  from ${from.description}\n  to   ${to.description}`),
      merge: options.merge,
      dryRun: options.dryRun,
      directory: options.directory,
      onStep: (step) => {
        console.log(stepLine(step, options.dryRun));
        failures.push(...step.count.failures);
        if (step.count.failed > step.count.failures.length) failures.push(`... and ${number(step.count.failed - step.count.failures.length)} more of ${step.name}`);
      },
      onProgress: (name, count) => {
        if (Date.now() - lastProgress < 5_000) return;
        lastProgress = Date.now();
        console.error(`  ... ${name}: ${number(count.moved + count.skipped)} so far`);
      },
    });
    totals = report.steps.reduce((sum, s) => ({ ...sum, moved: sum.moved + s.count.moved, skipped: sum.skipped + s.count.skipped, failed: sum.failed + s.count.failed }), {
      moved: 0,
      skipped: 0,
      failed: 0,
      failures: [],
    } as CopyCount);
    if (report.held.length > 0) console.log(`  (the target held data before, in ${report.held.join(', ')}: kept as it was)`);
  } catch (error) {
    if (error instanceof MigrationError) {
      console.error(error.message);
    } else {
      console.error(
        `The migration stopped: ${(error as Error).message.split('\n')[0]}\n` +
          'What was copied so far stays in the target; once the cause is fixed, run the same command with --merge to complete it ' +
          '(rows already copied are skipped).',
      );
    }
    return 1;
  } finally {
    for (const end of ends.reverse()) await end.close().catch(() => undefined);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary = options.dryRun
    ? `Dry run done in ${seconds} s, nothing was written: ${number(totals.moved)} would move, ${number(totals.skipped)} are there already.`
    : `Done in ${seconds} s: ${number(totals.moved)} moved, ${number(totals.skipped)} skipped (kept as the target had them).`;
  console.log(summary);
  if (totals.failed > 0) {
    console.error(
      `${plural(totals.failed, 'row')} cannot be stored in the target and ${totals.failed === 1 ? 'was' : 'were'} not migrated (the source still has ${totals.failed === 1 ? 'it' : 'them'}):\n` +
        failures.map((f) => `  ${f}`).join('\n'),
    );
    return 1;
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
