/**
 * Azurite (npm `azurite`, Microsoft's Azure Storage emulator, from node_modules) for the tests that
 * need Azure Storage: the Table service for the run-time store and the Blob service for what comes
 * later. One Azurite process per test run, started by the first test that asks for it (so runs
 * without such a test start nothing), in memory, on ports the system picks, and stopped after the
 * last test: this module registers a root `after` hook when mocha loads it.
 *
 * Nothing is left running when the run dies either: Azurite's stdin is a pipe from this process,
 * and a preloaded watchdog ends Azurite when that pipe closes, which the system does when this
 * process exits for any reason, `kill -9` included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TableClient } from '@azure/data-tables';
import { AzureTableBackend, type AzureTableBackendOptions } from '../../src/store/azure/tableBackend.js';
import type { TableName } from '../../src/store/types.js';

/** Azurite's well-known development account and key (public, the same for every Azurite). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const AZURITE_MAIN = fileURLToPath(new URL('../../node_modules/azurite/dist/src/azurite.js', import.meta.url));
/**
 * Preloaded into Azurite: when its stdin closes (the test run that started it is gone), it removes
 * its work directory and exits.
 */
const WATCHDOG =
  'data:text/javascript,import{rmSync}from"node:fs";' +
  'const end=()=>{try{rmSync(process.env.PSB_AZURITE_WORKDIR,{recursive:true,force:true})}catch{}process.exit(0)};' +
  'process.stdin.on("end",end);process.stdin.on("error",end);process.stdin.resume();';
const START_TIMEOUT_MS = 30_000;

export interface AzuriteServices {
  /** e.g. `http://127.0.0.1:41049/devstoreaccount1` */
  tableEndpoint: string;
  blobEndpoint: string;
  /** A connection string for both services with the development account's key. */
  connectionString: string;
  pid: number;
}

interface Running extends AzuriteServices {
  child: ChildProcess;
  exited: Promise<void>;
  workDir: string;
}

let running: Promise<Running> | undefined;

/** Azurite's services, started on the first call of the test run. */
export async function azurite(): Promise<AzuriteServices> {
  const { tableEndpoint, blobEndpoint, connectionString, pid } = await (running ??= start());
  return { tableEndpoint, blobEndpoint, connectionString, pid };
}

/** Stops Azurite if it runs (the root hook does; a test that needs a fresh emulator may too). */
export async function stopAzurite(): Promise<void> {
  const current = running;
  running = undefined;
  const started = await current?.catch(() => undefined);
  if (!started) return;
  if (started.child.exitCode === null && started.child.signalCode === null) {
    // In memory there is nothing to save, and a polite SIGTERM makes Azurite wait for the clients'
    // keep-alive connections to close (seconds).
    started.child.kill('SIGKILL');
    await started.exited;
  }
  await rm(started.workDir, { recursive: true, force: true });
}

async function start(): Promise<Running> {
  // Azurite's workspace (nothing is written with --inMemoryPersistence, but it wants one).
  const workDir = await mkdtemp(join(tmpdir(), 'psb-azurite-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PSB_AZURITE_WORKDIR: workDir };
  delete env.NODE_OPTIONS;
  const child = spawn(
    process.execPath,
    [
      '--import',
      WATCHDOG,
      AZURITE_MAIN,
      '--inMemoryPersistence',
      '--extentMemoryLimit',
      '256',
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--silent',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--queueHost',
      '127.0.0.1',
      '--queuePort',
      '0',
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      '0',
    ],
    { cwd: workDir, env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => process.removeListener('exit', kill));
  let output = '';
  try {
    const ports = await new Promise<{ table: number; blob: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Azurite did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
      const onData = (data: Buffer) => {
        output += data.toString();
        const table = /Table service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        const blob = /Blob service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (table && blob) {
          clearTimeout(timer);
          resolve({ table: Number(table[1]), blob: Number(blob[1]) });
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Azurite exited (${signal ?? code}) before it listened:\n${output}`));
      });
    });
    const tableEndpoint = `http://127.0.0.1:${ports.table}/${AZURITE_ACCOUNT}`;
    const blobEndpoint = `http://127.0.0.1:${ports.blob}/${AZURITE_ACCOUNT}`;
    await answers(ports.table);
    await answers(ports.blob);
    return {
      tableEndpoint,
      blobEndpoint,
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};TableEndpoint=${tableEndpoint};BlobEndpoint=${blobEndpoint};`,
      pid: child.pid!,
      child,
      exited,
      workDir,
    };
  } catch (error) {
    kill();
    await exited;
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}

/** Resolves once the service answers an HTTP request at all (any status). */
async function answers(port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/', method: 'GET', timeout: 2_000, agent: false }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
      req.end();
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Azurite on port ${port} did not answer within ${START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const TABLES: TableName[] = ['state', 'ledgers', 'cases', 'conversations', 'settings', 'activities', 'meta', 'audit', 'knowledge'];
let prefixes = 0;

/** A table prefix no other backend of this run uses (fresh, empty tables). */
export function uniquePrefix(): string {
  prefixes += 1;
  return `t${process.pid.toString(36)}x${prefixes}`;
}

/**
 * An {@link AzureTableBackend} on Azurite with tables of its own (a fresh prefix unless given),
 * and `dispose`, which deletes those tables.
 */
export async function azureBackend(options: Partial<AzureTableBackendOptions> = {}): Promise<{ backend: AzureTableBackend; dispose(): Promise<void> }> {
  const { connectionString } = await azurite();
  const backend = new AzureTableBackend({ connectionString, prefix: uniquePrefix(), ...options });
  return {
    backend,
    async dispose() {
      await backend.close();
      await Promise.all(TABLES.map((name) => TableClient.fromConnectionString(connectionString, backend.tableName(name), { allowInsecureConnection: true }).deleteTable()));
    },
  };
}

// One root hook for the whole run (mocha loads this module once, at the top level of a test file).
if (typeof after === 'function') after(stopAzurite);
