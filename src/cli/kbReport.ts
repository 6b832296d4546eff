/**
 * `npm run kb-report -- [--since <date>] [--format text|csv|json] [--top <n>] [--lang en|de]`:
 * reports knowledge-base usage from the data directory (DATA_DIR, default ./data): per entry how
 * often its answer was shown and how helpful users found it (every entry, also those never asked),
 * then the most frequent questions the knowledge base could not answer with confidence.
 *
 * Read-only and lock-free: it reads `knowledge.jsonl` while the bot server runs (the file is only
 * ever appended to). Unreadable lines are skipped and counted on stderr.
 *
 * Formats (see src/knowledge/report.ts): `text` (default) for a terminal; `csv`, one table with a
 * `kind` column (`entry` / `unanswered`), RFC 4180 quoting and the formula-injection guard of
 * `npm run audit`; `json`, the report object.
 *
 * Exit codes: 0 printed (also when there is no log yet); 1 the log or the knowledge base could not
 * be read; 2 usage.
 */
import { join } from 'node:path';
import { ConfigError, loadDotEnv, readStoreConfig } from '../config.js';
import type { KnowledgeEvent } from '../store/types.js';
import { loadKnowledgeBase, type KbLang } from '../knowledge/knowledgeBase.js';
import { DEFAULT_TOP, formatReportCsv, formatReportJson, formatReportText, knowledgeReport } from '../knowledge/report.js';
import { parseIsoInstant } from '../store/jsonl/isoInstant.js';
import { JsonlKnowledgeLog } from '../store/jsonl/jsonlKnowledgeLog.js';
import { DATA_FILES, pathExists } from '../store/dataDir.js';
import { optionsOrExit, parseCliArgs, UsageError, writeStdout } from './cliSupport.js';

const USAGE =
  'Usage: npm run kb-report -- [--since <YYYY-MM-DD | ISO timestamp>] [--format text|csv|json] [--top <n>] [--lang en|de]\n' +
  '       (reads DATA_DIR, default ./data, or with STORE=azure the knowledge table in Azure Storage)\n' +
  '  --since   only events at or after this day (midnight UTC) or instant\n' +
  '  --format  text (default), csv (one table, kind entry/unanswered) or json\n' +
  `  --top     only the n most asked entries and the n most frequent unanswered questions (default: every entry, ${DEFAULT_TOP} questions)\n` +
  '  --lang    only what was asked in German (de) or English (en) conversations, entry titles in that language (default: both, English titles)';

const FORMATS = ['text', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  since?: string;
  format: Format;
  /** From --top; undefined: every entry and DEFAULT_TOP questions. */
  top?: number;
  /** From --lang; undefined: both languages. */
  lang?: KbLang;
}

function parseOptions(args: string[]): Options | 'help' {
  const values = parseCliArgs(args, {
    since: { type: 'string' },
    format: { type: 'string' },
    top: { type: 'string' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`Unknown --format ${JSON.stringify(format)}: use text, csv or json`);
  }
  const lang = values.lang;
  if (lang !== undefined && lang !== 'en' && lang !== 'de') throw new UsageError(`Unknown --lang ${JSON.stringify(lang)}: use en or de`);
  let top: number | undefined;
  if (values.top !== undefined) {
    if (!/^\d{1,6}$/.test(values.top) || Number(values.top) < 1) {
      throw new UsageError(`Invalid --top ${JSON.stringify(values.top)}: expected a whole number of at least 1`);
    }
    top = Number(values.top);
  }
  if (values.since !== undefined && parseIsoInstant(values.since) === undefined) {
    throw new UsageError(
      `Invalid --since ${JSON.stringify(values.since)}: expected a date such as 2026-11-01 (midnight UTC) or an ISO timestamp such as 2026-11-01T09:30:00Z`,
    );
  }
  return {
    ...(values.since !== undefined && { since: values.since }),
    format: format as Format,
    ...(top !== undefined && { top }),
    ...(lang !== undefined && { lang }),
  };
}

async function main(args: string[]): Promise<number> {
  const parsed = optionsOrExit(args, parseOptions, USAGE);
  if ('exit' in parsed) return parsed.exit;
  const { options } = parsed;
  // Same DATA_DIR and STORE as the server, which also reads .env.
  loadDotEnv();
  let scan: { events: KnowledgeEvent[]; skipped: number; source: string; none?: string };
  try {
    scan = await readKnowledge(options.since);
  } catch (error) {
    // AzureStorageError: the Azure store's (loaded only with STORE=azure).
    if (!(error instanceof ConfigError || error instanceof CannotRead || (error instanceof Error && error.name === 'AzureStorageError'))) throw error;
    console.error(error.message);
    return 1;
  }
  if (scan.none !== undefined && options.format === 'text') {
    await writeStdout(`${scan.none}\n`);
    return 0;
  }
  if (scan.none !== undefined) console.error(scan.none);

  let entries;
  try {
    entries = loadKnowledgeBase().entries;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }

  const { since, top, lang } = options;
  const report = knowledgeReport(scan.events, entries, {
    ...(since !== undefined && { since }),
    // --top cuts both lists; --lang both counts (only that language's conversations) and titles.
    ...(top !== undefined && { top, topEntries: top }),
    ...(lang !== undefined && { lang, language: lang }),
  });
  const text =
    options.format === 'json'
      ? formatReportJson(report)
      : options.format === 'csv'
        ? formatReportCsv(report)
        : formatReportText(report, { source: scan.source });
  await writeStdout(text);
  if (scan.skipped > 0) {
    console.error(`Skipped ${scan.skipped} unreadable line${scan.skipped === 1 ? '' : 's'} in ${scan.source} (the file was not changed).`);
  }
  return 0;
}

class CannotRead extends Error {}

/**
 * The events from where the server keeps them (knowledge.jsonl in DATA_DIR, or the knowledge table
 * with STORE=azure), and `none`, what to say when there is no activity at all yet.
 */
async function readKnowledge(since: string | undefined): Promise<{ events: KnowledgeEvent[]; skipped: number; source: string; none?: string }> {
  const { dataDir, store } = readStoreConfig();
  const filter = since !== undefined ? { since } : {};
  if (store.kind === 'azure') {
    const { explainStorageError, openAzureLogs } = await import('../store/azure/index.js');
    const { knowledge, where } = openAzureLogs(store);
    let events;
    try {
      events = await knowledge.list(filter);
    } catch (error) {
      if (error instanceof RangeError) throw new CannotRead(`Cannot read the knowledge-base log (${knowledge.description}): ${error.message}`);
      throw explainStorageError(error, where, 'read the knowledge-base log');
    }
    const none = events.length === 0 && since === undefined ? `No knowledge-base activity yet in ${knowledge.description}.` : undefined;
    return { events, skipped: 0, source: knowledge.description, ...(none !== undefined && { none }) };
  }
  // No openDataDir: it would take the lock the running server holds. Reading needs none.
  const log = new JsonlKnowledgeLog(join(dataDir, DATA_FILES.knowledge));
  let scan;
  try {
    scan = await log.scan(filter);
  } catch (error) {
    throw new CannotRead(`Cannot read the knowledge-base log ${log.file}: ${(error as Error).message}`);
  }
  const noLog = scan.events.length === 0 && scan.skipped === 0 && !(await pathExists(log.file));
  return { ...scan, source: log.file, ...(noLog && { none: `No knowledge-base activity yet in ${dataDir} (no ${DATA_FILES.knowledge}).` }) };
}

process.exitCode = await main(process.argv.slice(2));
