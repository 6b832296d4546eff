/**
 * Runs the project's real command-line entry points as child processes, the way an operator does.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startConnector, type RecordingConnector } from '../../src/devtools/recordingConnector.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A port nothing listens on (bound on loopback for a moment, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // Start from a clean slate for the bot's own variables, so a developer's .env or shell cannot leak in.
  // No daily reminder timer in tests: a run at 07:00 UTC would add messages mid-test. No chat window
  // either, unless a test asks for one (the browser tests do).
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', NODE_NO_WARNINGS: '1', REMINDERS_AT: 'off', PLAYGROUND: 'off' };
  for (const key of [
    'PORT',
    'DATA_DIR',
    'HOST',
    'PLAYGROUND_PORT',
    'MicrosoftAppId',
    'MicrosoftAppPassword',
    'MicrosoftAppTenantId',
    'MicrosoftAppType',
    'STORE',
    'AZURE_STORAGE_CONNECTION_STRING',
    'AZURE_TABLE_PREFIX',
    'AZURE_DIRECTORY_CONTAINER',
    'AZURE_DIRECTORY_POLL_SECONDS',
    'SEND_TIMEOUT_SECONDS',
    'FLOOD_USER_PER_SECOND',
    'FLOOD_USER_BURST',
    'FLOOD_TENANT_PER_SECOND',
    'FLOOD_TENANT_BURST',
    'FLOOD_NOTICE_SECONDS',
    'ChannelService',
    'ToBotFromChannelOpenIdMetadataUrl',
    'ToBotFromChannelTokenIssuer',
    'ToBotFromEmulatorOpenIdMetadataUrl',
    'ToChannelFromBotLoginUrl',
    'ToChannelFromBotOAuthScope',
    'OAuthUrl',
    // App Service's managed identity, which the bot's replies would use to get their token.
    'IDENTITY_ENDPOINT',
    'IDENTITY_HEADER',
  ]) {
    delete env[key];
  }
  return { ...env, ...extra };
}

/** Runs `src/cli/<script>.ts` to completion. */
export function runCli(script: string, args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { cwd: ROOT, env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface BotProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and waits for the process to exit. */
  stop(): Promise<number | null>;
}

let built = false;

/**
 * Starts the server the way `npm run serve` / `npm start` do (compiled into build/ by
 * scripts/run.mjs, once per test run when src/ changed) on a free port and waits until it listens.
 */
export function startBot(script: 'serve' | 'start', env: Record<string, string>, timeoutMs = 20_000, args: string[] = []): Promise<BotProcess> {
  if (!built) {
    const compiled = spawnSync(process.execPath, ['scripts/run.mjs', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (compiled.status !== 0) throw new Error(`could not compile src/ for the server:\n${compiled.stdout}${compiled.stderr}`);
    built = true;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-deprecation', 'scripts/run.mjs', script, ...args], {
      cwd: ROOT,
      env: childEnv({ PORT: '0', ...env }),
    });
    let output = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Bot listening on (http:\/\/[^/\s]+)\/api\/messages/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          child,
          output: () => output,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code} before listening:\n${output}`));
    });
  });
}

/** What {@link demoBotFixture} sets up before the suite's tests run. */
export interface DemoBotFixture {
  dataDir: string;
  connector: RecordingConnector;
  bot: BotProcess;
}

/**
 * Mocha hooks for an end-to-end suite: `npm start`'s code path (demo directory, no chat window) on a
 * fresh temporary DATA_DIR, and a recording connector for the replies; all gone after the suite.
 * Read the fields inside tests (they are set in `before`).
 */
export function demoBotFixture(prefix: string): DemoBotFixture {
  const fixture = {} as DemoBotFixture;
  before(async () => {
    fixture.dataDir = await mkdtemp(join(tmpdir(), prefix));
    fixture.connector = await startConnector();
    fixture.bot = await startBot('start', { DATA_DIR: fixture.dataDir });
  });
  after(async () => {
    await fixture.bot?.stop();
    await fixture.connector?.close();
    if (fixture.dataDir) await rm(fixture.dataDir, { recursive: true, force: true });
  });
  return fixture;
}
