/**
 * `npm run report -- [--weeks <n> | --from <day> [--to <day>]] [--lang en|de] [--top <n>] [--out <file>] [--open]`:
 * the helpdesk report (helpdeskReport.ts) as an HTML page with charts (html.ts), written to a file
 * whose path it prints; `--open` opens it in the browser (xdg-open, open or start).
 *
 * It reads what the bot stores, read-only and while the bot runs: the cases (the run-time store:
 * `DATA_DIR/runtime/`, or the cases table with STORE=azure) and the knowledge-base log
 * (`knowledge.jsonl`, or its table), as `npm run kb-report` does. The period is the last `--weeks`
 * weeks (default 8, the current week included) by the injectable clock, or `--from`/`--to`
 * (whole UTC days, both included; `--to` defaults to today).
 *
 * Exit codes: 0 written; 1 the store could not be read or the file not written; 2 usage.
 */
import { spawn } from 'node:child_process';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Clock } from '../clock.js';
import { ConfigError, readStoreConfig } from '../config.js';
import { parseCliArgs, UsageError } from '../cli/cliSupport.js';
import { t } from '../i18n/index.js';
import { loadKnowledgeBase } from '../knowledge/knowledgeBase.js';
import { DATA_FILES, openRuntime, pathExists } from '../store/dataDir.js';
import { JsonlKnowledgeLog } from '../store/jsonl/jsonlKnowledgeLog.js';
import { createRuntimeStores } from '../store/runtime/runtimeStores.js';
import type { HelpdeskCase, KnowledgeEvent } from '../store/types.js';
import { dayStart, DEFAULT_REPORT_TOP, helpdeskReport, lastWeeks, type ReportPeriod } from './helpdeskReport.js';
import { reportHtml } from './html.js';

export const REPORT_USAGE =
  'Usage: npm run report -- [--weeks <n> | --from <YYYY-MM-DD> [--to <YYYY-MM-DD>]] [--lang en|de] [--top <n>] [--out <file.html>] [--open]\n' +
  `       (reads DATA_DIR, default ./data, or with STORE=azure the tables in Azure Storage; --weeks: the last n weeks, default 8; --top: categories, answers and questions listed, default ${DEFAULT_REPORT_TOP};\n` +
  '        --out: default DATA_DIR/reports/helpdesk-report-<from>-<to>[-de].html; --open: open it in the browser)';

const DEFAULT_WEEKS = 8;

export interface ReportCliOptions {
  period: ReportPeriod;
  lang: 'en' | 'de';
  top: number;
  out?: string;
  open: boolean;
}

const isDay = (day: string) => {
  try {
    dayStart(day);
    return true;
  } catch {
    return false;
  }
};

export function parseReportOptions(args: string[], today: string): ReportCliOptions | 'help' {
  const values = parseCliArgs(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    weeks: { type: 'string' },
    lang: { type: 'string' },
    top: { type: 'string' },
    out: { type: 'string' },
    open: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const lang = values.lang ?? 'en';
  if (lang !== 'en' && lang !== 'de') throw new UsageError(`Unknown --lang ${JSON.stringify(lang)}: use en or de`);
  const whole = (name: string, text: string, max: number) => {
    if (!/^\d{1,4}$/.test(text) || Number(text) < 1 || Number(text) > max) {
      throw new UsageError(`Invalid --${name} ${JSON.stringify(text)}: expected a whole number from 1 to ${max}`);
    }
    return Number(text);
  };
  const top = values.top === undefined ? DEFAULT_REPORT_TOP : whole('top', values.top, 100);
  if (values.weeks !== undefined && (values.from !== undefined || values.to !== undefined)) {
    throw new UsageError('Use either --weeks or --from/--to, not both');
  }
  for (const name of ['from', 'to'] as const) {
    const day = values[name];
    if (day !== undefined && !isDay(day)) throw new UsageError(`Invalid --${name} ${JSON.stringify(day)}: expected a date such as 2026-11-02`);
  }
  let period: ReportPeriod;
  if (values.from !== undefined) {
    period = { from: values.from, to: values.to ?? today };
    if (period.to < period.from) throw new UsageError(`--to ${period.to} is before --from ${period.from}`);
  } else if (values.to !== undefined) {
    throw new UsageError('--to needs --from (or use --weeks)');
  } else {
    period = lastWeeks(today, values.weeks === undefined ? DEFAULT_WEEKS : whole('weeks', values.weeks, 520));
  }
  return { period, lang, top, open: values.open ?? false, ...(values.out !== undefined && { out: values.out }) };
}

class CannotRead extends Error {}

interface ReportData {
  cases: HelpdeskCase[];
  events: KnowledgeEvent[];
  source: string;
  /** Where a default --out goes. */
  dataDir: string;
}

/** Reads the cases and the knowledge log from where the server keeps them (see the module note). */
async function readData(env: NodeJS.ProcessEnv, since: string): Promise<ReportData> {
  const { dataDir, store } = readStoreConfig(env);
  if (store.kind === 'azure') {
    const { azureClients, explainStorageError, openAzureLogs } = await import('../store/azure/index.js');
    const { backend, where } = azureClients(store);
    const { knowledge } = openAzureLogs(store);
    const runtime = createRuntimeStores(backend);
    try {
      const cases = await runtime.cases.list().catch((error: unknown) => {
        throw explainStorageError(error, where, 'read the helpdesk cases');
      });
      const events = await knowledge.list({ since }).catch((error: unknown) => {
        throw explainStorageError(error, where, 'read the knowledge-base log');
      });
      return { cases, events, source: where, dataDir };
    } finally {
      await runtime.close();
    }
  }
  let cases: HelpdeskCase[] = [];
  // No openDataDir: it would take the lock the running server holds. Reading the store needs none.
  if (await pathExists(join(dataDir, DATA_FILES.runtime))) {
    const runtime = openRuntime(dataDir);
    try {
      cases = await runtime.cases.list();
    } catch (error) {
      throw new CannotRead(`Cannot read the helpdesk cases in ${join(dataDir, DATA_FILES.runtime)}: ${(error as Error).message}`);
    } finally {
      await runtime.close();
    }
  }
  const log = new JsonlKnowledgeLog(join(dataDir, DATA_FILES.knowledge));
  let events: KnowledgeEvent[];
  try {
    events = (await log.scan({ since })).events;
  } catch (error) {
    throw new CannotRead(`Cannot read the knowledge-base log ${log.file}: ${(error as Error).message}`);
  }
  return { cases, events, source: dataDir, dataDir };
}

/** Opens `file` with the desktop's handler; resolves false when there is none. */
function openInBrowser(file: string): Promise<boolean> {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [file]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', file]] : ['xdg-open', [file]];
  return new Promise((resolveOpen) => {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.once('error', () => resolveOpen(false));
    child.once('spawn', () => {
      child.unref();
      resolveOpen(true);
    });
  });
}

export interface ReportCliDeps {
  clock: Clock;
  env?: NodeJS.ProcessEnv;
  /** Where messages go (stdout, stderr); the console by default. */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** The CLI: writes the report and returns the exit code. */
export async function reportMain(args: string[], deps: ReportCliDeps): Promise<number> {
  const out = deps.out ?? ((line: string) => console.log(line));
  const err = deps.err ?? ((line: string) => console.error(line));
  let options: ReportCliOptions | 'help';
  try {
    options = parseReportOptions(args, deps.clock.today());
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof RangeError)) throw error;
    err(`${error.message}\n${REPORT_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    out(REPORT_USAGE);
    return 0;
  }
  let data: ReportData;
  let entries;
  try {
    data = await readData(deps.env ?? process.env, options.period.from);
    entries = loadKnowledgeBase().entries;
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof CannotRead || (error instanceof Error && error.name === 'AzureStorageError'))) throw error;
    err(error.message);
    return 1;
  }
  const report = helpdeskReport(data.cases, data.events, entries, options.period, { top: options.top, lang: options.lang });
  const html = reportHtml(report, { lang: options.lang, generatedAt: deps.clock.now(), source: data.source });
  const { from, to } = options.period;
  const file = resolve(options.out ?? join(data.dataDir, 'reports', `helpdesk-report-${from}-${to}${options.lang === 'de' ? '-de' : ''}.html`));
  try {
    await mkdir(dirname(file), { recursive: true });
    // A new file, then a rename: a browser showing the old report never reads half of the new one.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, html);
    await rename(partial, file);
  } catch (error) {
    err(`Could not write the report to ${file}: ${(error as Error).message}`);
    return 1;
  }
  const opened = t(options.lang, 'report.cli.opened', { n: report.opened });
  const resolved = t(options.lang, 'report.cli.resolved', { n: report.resolved });
  out(t(options.lang, 'report.cli.written', { from, to, opened, resolved, file }));
  if (options.open && !(await openInBrowser(file))) err(t(options.lang, 'report.cli.noBrowser', { file }));
  return 0;
}
