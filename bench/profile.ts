/**
 * `npm run bench:profile`: a CPU profile of the real server under the benchmark's load, and its top
 * entries by self time (grouped by function and file), so optimizations start from a measurement.
 *
 *   npm run bench:profile                       read mix at 1,000 organizations, 15 s
 *   npm run bench:profile -- --mix full --orgs 10000 --seconds 20 --top 40
 *
 * The .cpuprofile stays in the printed directory; open it in Chrome DevTools (Performance tab).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock.js';
import { benchDirectory, benchUser } from './lib/directory.js';
import { runLoad, startBenchConnector } from './lib/load.js';
import { pinSelf, ROOT, runNode, startNode } from './lib/processes.js';
import { fullMix, READ_MIX } from './lib/scenarios.js';

const { values } = parseArgs({
  options: {
    mix: { type: 'string', default: 'read' },
    orgs: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '15' },
    top: { type: 'string', default: '30' },
  },
});
const orgs = Number(values.orgs);
pinSelf(1);
spawnSync(process.execPath, ['scripts/run.mjs', 'build'], { cwd: ROOT, stdio: 'inherit' });
const dir = await mkdtemp(join(tmpdir(), 'psb-profile-'));
const file = join(dir, 'import.json');
await writeFile(file, JSON.stringify(benchDirectory(orgs, systemClock.today())));
const imported = await runNode('src/cli/import.ts', [file], { DATA_DIR: join(dir, 'data') });
if (imported.code !== 0) throw new Error(imported.output);
const profDir = join(dir, 'profile');
const connector = await startBenchConnector();
const bot = await startNode('scripts/run.mjs', { DATA_DIR: join(dir, 'data') }, { core: 0, args: ['serve'], nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
const pick = (vu: number, i: number) => {
  const n = Math.abs(Math.imul(vu * 20 + (i % 20) + 1, 2654435761)) % (orgs * 3);
  return benchUser(Math.floor(n / 3), n % 3);
};
const result = await runLoad({ botUrl: bot.url, connector, users: 50, pick, scenarios: values.mix === 'full' ? fullMix() : READ_MIX, seconds: Number(values.seconds) });
await bot.stop('SIGINT');
await connector.close();
console.log(`${result.turns} turns in ${result.seconds.toFixed(1)} s (${(result.turns / result.seconds).toFixed(0)}/s), ${result.failed} failed`);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const [name] = (await readdir(profDir)).filter((f) => f.endsWith('.cpuprofile'));
if (!name) throw new Error(`no profile written in ${profDir}`);
const profile = JSON.parse(await readFile(join(profDir, name), 'utf8')) as { nodes: Node[]; samples: number[] };
const hits = new Map<string, number>();
const byFile = new Map<string, number>();
const total = profile.samples.length;
for (const node of profile.nodes) {
  const url = node.callFrame.url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, 'node_modules/').replace(/.*\/work\/main\//, '');
  const key = `${node.callFrame.functionName || '(anonymous)'}  ${url}:${node.callFrame.lineNumber + 1}`;
  hits.set(key, (hits.get(key) ?? 0) + (node.hitCount ?? 0));
  const group = url.startsWith('node_modules/') ? url.split('/').slice(0, url.split('/')[1]!.startsWith('@') ? 3 : 2).join('/') : url || node.callFrame.functionName;
  byFile.set(group, (byFile.get(group) ?? 0) + (node.hitCount ?? 0));
}
const top = Number(values.top);
console.log(`\nTop ${top} functions by self time (${total} samples), profile: ${join(profDir, name)}`);
for (const [key, n] of [...hits].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * n) / total).toFixed(1).padStart(5)}%  ${key}`);
console.log(`\nBy package or file:`);
for (const [key, n] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * n) / total).toFixed(1).padStart(5)}%  ${key}`);
process.exit(0);
