/**
 * Azurite (Azure Storage's emulator, from node_modules) for the benchmark's STORE=azure section
 * and `npm run bench:profile -- --store azure`: the tests' own start (test/support/azurite.ts: in
 * memory, on ports the system picks, ended when this process goes), pinned to `core` so the bot's
 * core stays its own, as Azure Storage would be on another machine. Its CPU time and memory are
 * read from /proc like the servers'.
 */
import { spawnSync } from 'node:child_process';
import { azurite, stopAzurite } from '../../test/support/azurite.js';
import { canPin } from './processes.js';

export interface BenchAzurite {
  connectionString: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startAzurite(core?: number): Promise<BenchAzurite> {
  const { connectionString, pid } = await azurite();
  // -a: every thread (its libuv pool included); threads started later inherit the affinity.
  if (canPin && core !== undefined) spawnSync('taskset', ['-a', '-cp', String(core), String(pid)]);
  return { connectionString, pid, stop: stopAzurite };
}

/**
 * The environment of a server or import CLI on `container` and tables `<prefix>...` of Azurite
 * (DATA_DIR keeps only the notify endpoint's file with STORE=azure).
 */
export function azureEnv(connectionString: string, name: { container: string; prefix: string }, dataDir: string): Record<string, string> {
  return {
    STORE: 'azure',
    AZURE_STORAGE_CONNECTION_STRING: connectionString,
    AZURE_DIRECTORY_CONTAINER: name.container,
    AZURE_TABLE_PREFIX: name.prefix,
    DATA_DIR: dataDir,
  };
}
