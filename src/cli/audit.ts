/**
 * `npm run audit -- [--since <date>] [--tenant <id>] [--partner <id>] [--format csv|json]`: prints
 * the audit log of the data directory (DATA_DIR, default ./data), oldest first.
 *
 * Read-only and lock-free: it reads `audit.jsonl` while the bot server runs (the file is only ever
 * appended to). Unreadable lines are skipped and counted on stderr.
 *
 * CSV (default): header `at,actor_id,actor_name,tenant_id,partner_id,action,details`, RFC 4180
 * quoting (fields with a comma, quote or line break are quoted, quotes doubled), lines ending in
 * `\n`, `details` as compact JSON. A field starting with `=`, `+`, `-`, `@`, tab or carriage return
 * gets a `'` prefix so a spreadsheet does not run it as a formula.
 * JSON: an array of the entries as stored.
 *
 * Exit codes: 0 printed (possibly nothing but the header); 1 the log could not be read; 2 usage.
 */
import { join } from 'node:path';
import { ConfigError, loadDotEnv, readStoreConfig } from '../config.js';
import { JsonlAuditLog, parseIsoInstant, type AuditFilter, type AuditScan } from '../store/jsonl/jsonlAuditLog.js';
import { DATA_FILES } from '../store/dataDir.js';
import type { AuditEntry } from '../store/types.js';
import { csvRows } from '../util/csv.js';
import { optionsOrExit, parseCliArgs, UsageError, writeStdout } from './cliSupport.js';

const USAGE =
  'Usage: npm run audit -- [--since <YYYY-MM-DD | ISO timestamp>] [--tenant <tenantId>] [--partner <partnerId>] [--format csv|json]\n' +
  '       (reads DATA_DIR, default ./data; with STORE=azure the audit table in Azure Storage)';

const CSV_HEADER = ['at', 'actor_id', 'actor_name', 'tenant_id', 'partner_id', 'action', 'details'] as const;

/** The CSV text for `entries`, header first, every line ending in `\n`. */
function toCsv(entries: AuditEntry[]): string {
  const rows = entries.map((e) => [
    e.at,
    e.actor.aadObjectId,
    e.actor.name,
    e.tenantId ?? '',
    e.partnerId ?? '',
    e.action,
    e.details === undefined ? '' : JSON.stringify(e.details),
  ]);
  return csvRows([[...CSV_HEADER], ...rows]);
}

interface Options {
  filter: AuditFilter;
  format: 'csv' | 'json';
}

function parseOptions(args: string[]): Options | 'help' {
  const values = parseCliArgs(args, {
    since: { type: 'string' },
    tenant: { type: 'string' },
    partner: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') {
    throw new UsageError(`Unknown --format ${JSON.stringify(format)}: use csv or json`);
  }
  const filter: AuditFilter = {};
  if (values.since !== undefined) {
    if (parseIsoInstant(values.since) === undefined) {
      throw new UsageError(
        `Invalid --since ${JSON.stringify(values.since)}: expected a date such as 2026-11-01 (midnight UTC) or an ISO timestamp such as 2026-11-01T09:30:00Z`,
      );
    }
    filter.since = values.since;
  }
  for (const [option, field] of [
    ['tenant', 'tenantId'],
    ['partner', 'partnerId'],
  ] as const) {
    const value = values[option];
    if (value === undefined) continue;
    if (value.trim() === '') throw new UsageError(`--${option} needs a value`);
    filter[field] = value;
  }
  return { filter, format };
}

async function main(args: string[]): Promise<number> {
  const parsed = optionsOrExit(args, parseOptions, USAGE);
  if ('exit' in parsed) return parsed.exit;
  const { options } = parsed;
  // Same DATA_DIR and STORE as the server, which also reads .env.
  loadDotEnv();
  let scan: AuditScan & { source: string };
  try {
    scan = await readAudit(options.filter);
  } catch (error) {
    // AzureStorageError: the Azure store's (loaded only with STORE=azure).
    if (!(error instanceof ConfigError || error instanceof CannotRead || (error instanceof Error && error.name === 'AzureStorageError'))) throw error;
    console.error(error.message);
    return 1;
  }
  const text = options.format === 'json' ? `${JSON.stringify(scan.entries, null, 2)}\n` : toCsv(scan.entries);
  await writeStdout(text);
  if (scan.skipped > 0) {
    console.error(`Skipped ${scan.skipped} unreadable line${scan.skipped === 1 ? '' : 's'} in ${scan.source} (the file was not changed).`);
  }
  return 0;
}

class CannotRead extends Error {}

/** The entries from where the server keeps them: audit.jsonl in DATA_DIR, or the audit table with STORE=azure. */
async function readAudit(filter: AuditFilter): Promise<AuditScan & { source: string }> {
  const { dataDir, store } = readStoreConfig();
  if (store.kind === 'azure') {
    const { explainStorageError, openAzureLogs } = await import('../store/azure/index.js');
    // The table is read as the bot writes it; reading takes no lock either.
    const { audit, where } = openAzureLogs(store);
    try {
      return { entries: await audit.list(filter), skipped: 0, source: audit.description };
    } catch (error) {
      if (error instanceof RangeError) throw new CannotRead(`Cannot read the audit log (${audit.description}): ${error.message}`);
      throw explainStorageError(error, where, 'read the audit log');
    }
  }
  // No openDataDir: it would take the lock the running server holds. Reading needs none.
  const log = new JsonlAuditLog(join(dataDir, DATA_FILES.audit));
  try {
    return { ...(await log.scan(filter)), source: log.file };
  } catch (error) {
    throw new CannotRead(`Cannot read the audit log ${log.file}: ${(error as Error).message}`);
  }
}

process.exitCode = await main(process.argv.slice(2));
