/**
 * `npm run bench:profile`: a CPU profile of the real server under the benchmark's load, and its top
 * entries by self time (grouped by function and file), so optimizations start from a measurement.
 *
 *   npm run bench:profile                       read mix at 1,000 organizations, 15 s
 *   npm run bench:profile -- --mix full --orgs 10000 --seconds 20 --top 40
 *   npm run bench:profile -- --store azure      STORE=azure on Azurite (in memory, on core 1)
 *   npm run bench:profile -- --rate 100 --warmup 10   at most 100 turns/s, after 10 s not counted
 *
 * The .cpuprofile stays in the printed directory; open it in Chrome DevTools (Performance tab).
 */
import { spawnSync } from 'node:child_process';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock.js';
import { benchDirectory, benchUser } from './lib/directory.js';
import { runLoad, startBenchConnector } from './lib/load.js';
import { azureEnv, startAzurite, type BenchAzurite } from './lib/azurite.js';
import { cpuSeconds, pinSelf, ROOT, runNode, startNode } from './lib/processes.js';
import { fullMix, READ_MIX } from './lib/scenarios.js';

const { values } = parseArgs({
  options: {
    mix: { type: 'string', default: 'read' },
    orgs: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '15' },
    top: { type: 'string', default: '30' },
    store: { type: 'string', default: 'lmdb' },
    warmup: { type: 'string', default: '0' },
    rate: { type: 'string' },
  },
});
const orgs = Number(values.orgs);
pinSelf(1);
spawnSync(process.execPath, ['scripts/run.mjs', 'build'], { cwd: ROOT, stdio: 'inherit' });
const dir = await mkdtemp(join(tmpdir(), 'psb-profile-'));
const file = join(dir, 'import.json');
await writeFile(file, JSON.stringify(benchDirectory(orgs, systemClock.today())));
if (values.store !== 'lmdb' && values.store !== 'azure') throw new Error('--store must be lmdb or azure');
let storage: BenchAzurite | undefined;
let env: Record<string, string> = { STORE: 'lmdb', DATA_DIR: join(dir, 'data') };
let requests: RequestCounter | undefined;
if (values.store === 'azure') {
  storage = await startAzurite(1);
  // The bot talks to Azurite through a counting proxy (the import does not): requests per turn by kind.
  requests = await countingProxy(storage.connectionString);
  env = azureEnv(storage.connectionString, { container: 'profile', prefix: 'profile' }, join(dir, 'data'));
}
const imported = await runNode('src/cli/import.ts', [file], env);
if (imported.code !== 0) throw new Error(imported.output);
const profDir = join(dir, 'profile');
const connector = await startBenchConnector();
const bot = await startNode('scripts/run.mjs', requests ? { ...env, AZURE_STORAGE_CONNECTION_STRING: requests.connectionString } : env, { core: 0, args: ['serve'], nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
const pick = (vu: number, i: number) => {
  const n = Math.abs(Math.imul(vu * 20 + (i % 20) + 1, 2654435761)) % (orgs * 3);
  return benchUser(Math.floor(n / 3), n % 3);
};
const scenarios = values.mix === 'full' ? fullMix() : READ_MIX;
// A warm-up is in the profile too (it runs from the start), but the CPU figures below leave it out.
if (Number(values.warmup) > 0) await runLoad({ botUrl: bot.url, connector, users: 50, pick, scenarios, seconds: Number(values.warmup), minScenariosPerUser: 20 });
const cpu0 = cpuSeconds(bot.pid);
const storage0 = storage ? cpuSeconds(storage.pid) : NaN;
// The measured window on the monotonic clock the profile's timestamps use (µs), so the figures
// below leave out start-up and the warm-up.
const window0 = Number(process.hrtime.bigint() / 1000n);
requests?.counts.clear();
const result = await runLoad({ botUrl: bot.url, connector, users: 50, pick, scenarios, seconds: Number(values.seconds), ...(values.rate && { ratePerSecond: Number(values.rate) }) });
const window1 = Number(process.hrtime.bigint() / 1000n);
const counted = new Map(requests?.counts);
const cpuMs = ((cpuSeconds(bot.pid) - cpu0) * 1000) / result.turns;
const storageMs = storage ? ((cpuSeconds(storage.pid) - storage0) * 1000) / result.turns : NaN;
await bot.stop('SIGINT');
await connector.close();
await storage?.stop();
console.log(
  `${result.turns} turns in ${result.seconds.toFixed(1)} s (${(result.turns / result.seconds).toFixed(0)}/s), ${result.failed} failed; ` +
    `CPU per turn ${cpuMs.toFixed(2)} ms (with the profiler)${storage ? `, Azurite ${storageMs.toFixed(2)} ms` : ''}`,
);
if (requests) {
  const all = [...counted.values()].reduce((a, b) => a + b, 0);
  console.log(`\nRequests to Azure Storage per turn: ${(all / result.turns).toFixed(2)}`);
  for (const [kind, n] of [...counted].sort((a, b) => b[1] - a[1])) console.log(`${(n / result.turns).toFixed(3).padStart(7)}  ${kind}`);
  await requests.close();
}

interface RequestCounter {
  connectionString: string;
  /** `GET table state 200`, `POST $batch 202`, `HEAD blob 200`, ... */
  counts: Map<string, number>;
  close(): Promise<void>;
}

/** A proxy in front of Azurite's table and blob endpoints that counts the requests by kind and answer. */
async function countingProxy(connectionString: string): Promise<RequestCounter> {
  const counts = new Map<string, number>();
  const agent = new Agent({ keepAlive: true });
  const servers: Server[] = [];
  const proxyOf = async (service: 'table' | 'blob', target: URL) => {
    const server = createServer((req, res) => {
      const out = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent }, (answer) => {
        // /devstoreaccount1/<table>(PartitionKey=...,RowKey=...), /devstoreaccount1/$batch, /devstoreaccount1/<container>/<blob>
        const what = service === 'table' ? decodeURIComponent((req.url ?? '').split('?')[0]!.split('/')[2] ?? '').replace(/\(.*$/, '').replace(/^profile/, '') : 'blob';
        const kind = `${req.method} ${service} ${what} ${answer.statusCode}`;
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      out.on('error', () => res.destroy());
      req.pipe(out);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`;
  };
  const endpoint = (name: string) => new URL(new RegExp(`${name}=([^;]+)`).exec(connectionString)![1]!);
  const table = await proxyOf('table', endpoint('TableEndpoint'));
  const blob = await proxyOf('blob', endpoint('BlobEndpoint'));
  return {
    connectionString: connectionString.replace(/TableEndpoint=[^;]+/, `TableEndpoint=${table}`).replace(/BlobEndpoint=[^;]+/, `BlobEndpoint=${blob}`),
    counts,
    close: async () => {
      for (const server of servers) {
        server.closeAllConnections();
        server.close();
      }
      agent.destroy();
    },
  };
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
const [name] = (await readdir(profDir)).filter((f) => f.endsWith('.cpuprofile'));
if (!name) throw new Error(`no profile written in ${profDir}`);
const profile = JSON.parse(await readFile(join(profDir, name), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const urlOf = (node: Node) => node.callFrame.url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, 'node_modules/').replace(/.*\/work\/main\//, '');
const keyOf = (node: Node) => `${node.callFrame.functionName || '(anonymous)'}  ${urlOf(node)}:${node.callFrame.lineNumber + 1}`;
const groupOf = (node: Node) => {
  const url = urlOf(node);
  return url.startsWith('node_modules/') ? url.split('/').slice(0, url.split('/')[1]!.startsWith('@') ? 3 : 2).join('/') : url || node.callFrame.functionName;
};
// Time per sample: the delta to the next sample (V8's timeDeltas[i] is the time before sample i).
const self = new Map<string, number>();
const selfGroup = new Map<string, number>();
const inclusiveGroup = new Map<string, number>();
let inWindow = 0;
let busy = 0;
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i]!;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  if (at < window0 || at >= window1) continue;
  inWindow += dt;
  const leaf = byId.get(profile.samples[i]!)!;
  if (leaf.callFrame.functionName === '(idle)') continue;
  busy += dt;
  self.set(keyOf(leaf), (self.get(keyOf(leaf)) ?? 0) + dt);
  selfGroup.set(groupOf(leaf), (selfGroup.get(groupOf(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) seen.add(groupOf(byId.get(id)!));
  for (const g of seen) inclusiveGroup.set(g, (inclusiveGroup.get(g) ?? 0) + dt);
}
const top = Number(values.top);
const perTurn = (us: number) => `${(us / 1000 / result.turns).toFixed(3).padStart(6)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%`;
console.log(
  `\nMeasured window: ${(inWindow / 1e6).toFixed(1)} s in the profile, busy ${(busy / 1e6).toFixed(1)} s = ${(busy / 1000 / result.turns).toFixed(2)} ms per turn; ` +
    `per turn and share of the busy time below. Profile: ${join(profDir, name)}`,
);
console.log(`\nTop ${top} functions by self time:`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${perTurn(us)}  ${key}`);
console.log(`\nBy package or file, self time:`);
for (const [key, us] of [...selfGroup].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${perTurn(us)}  ${key}`);
console.log(`\nBy package or file, with what it calls (inclusive):`);
for (const [key, us] of [...inclusiveGroup].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${perTurn(us)}  ${key}`);
process.exit(0);
