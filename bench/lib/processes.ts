/**
 * Child processes for the benchmark: the real server (`src/cli/serve.ts`), the echo bot, the import
 * CLI; each pinned to a core with `taskset` where it exists, with its CPU time and peak memory read
 * from /proc.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Whether `taskset` can pin processes here. */
export const canPin = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** Pins this process (the load generator and the connector) to `core`. */
export function pinSelf(core: number): void {
  if (canPin) spawnSync('taskset', ['-cp', String(core), String(process.pid)]);
}

const CLK_TCK = 100;

/** CPU seconds (user + system) the process has used so far; NaN when /proc cannot tell. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** CPU seconds all processes of the machine used so far (every core; /proc/stat), NaN when it cannot tell. */
export function machineBusySeconds(): number {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: everything but idle and iowait.
    return (cpu[0]! + cpu[1]! + cpu[2]! + cpu[5]! + cpu[6]! + cpu[7]!) / CLK_TCK;
  } catch {
    return NaN;
  }
}

function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Peak resident memory (VmHWM) in MB; NaN when /proc cannot tell. */
export const peakRssMb = (pid: number): number => statusMb(pid, 'VmHWM');

/** Resident memory now (VmRSS) in MB; NaN when /proc cannot tell. */
export const currentRssMb = (pid: number): number => statusMb(pid, 'VmRSS');

export interface Started {
  url: string;
  child: ChildProcess;
  pid: number;
  /** Milliseconds from spawn to "Bot listening". */
  startMs: number;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The node flags the npm script `name` gives `scripts/run.mjs` (e.g. the young-generation size in
 * `npm run serve`), so the benchmark measures the server exactly as `npm run serve` starts it.
 */
function npmScriptNodeFlags(name: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  const words = (scripts[name] ?? '').split(/\s+/);
  if (words[0] !== 'node') return [];
  return words.slice(1, words.indexOf('scripts/run.mjs')).filter((w) => w.startsWith('--') && w !== '--no-deprecation');
}

/** Spawns `node --import tsx <script>` (pinned to `core` when given) and waits for "Bot listening on". */
export function startNode(script: string, env: Record<string, string>, options: { core?: number; timeoutMs?: number; args?: string[]; nodeArgs?: string[] } = {}): Promise<Started> {
  // A .mjs script (scripts/run.mjs: the compiled server, as `npm run serve` runs it) needs no loader.
  const loader = script.endsWith('.mjs') ? [] : ['--import', 'tsx'];
  const serverFlags = script === 'scripts/run.mjs' ? npmScriptNodeFlags(options.args?.[0] ?? '') : [];
  const nodeArgs = [...serverFlags, ...(options.nodeArgs ?? []), ...loader, '--no-deprecation', script, ...(options.args ?? [])];
  const [command, args] =
    canPin && options.core !== undefined ? ['taskset', ['-c', String(options.core), process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const t0 = performance.now();
  const child = spawn(command as string, args as string[], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', REMINDERS_AT: 'off', PLAYGROUND: 'off', NODE_NO_WARNINGS: '1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${options.timeoutMs ?? 60_000} ms:\n${output.slice(-2000)}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.length > 1_000_000) output = output.slice(-500_000);
      const m = /Bot listening on (http:\/\/[^/\s]+)\/api\/messages/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        const keep = (d2: Buffer) => {
          output += d2.toString();
          if (output.length > 1_000_000) output = output.slice(-500_000);
        };
        child.stdout!.on('data', keep);
        child.stderr!.on('data', keep);
        resolve({
          url: m[1]!,
          child,
          pid: child.pid!,
          startMs: performance.now() - t0,
          output: () => output,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before listening:\n${output.slice(-2000)}`));
    });
  });
}

/** Runs `node --import tsx <script> ...args` to completion; resolves with its exit code, output and wall time. */
export function runNode(script: string, args: string[], env: Record<string, string>, core?: number): Promise<{ code: number | null; output: string; ms: number; peakRssMb: number }> {
  const nodeArgs = ['--import', 'tsx', '--no-deprecation', script, ...args];
  const [command, argv] = canPin && core !== undefined ? ['taskset', ['-c', String(core), process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, argv as string[], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', NODE_NO_WARNINGS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let peak = 0;
    const poll = setInterval(() => {
      const rss = peakRssMb(child.pid!);
      if (rss > peak) peak = rss;
    }, 200);
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, output, ms: performance.now() - t0, peakRssMb: peak });
    });
  });
}
