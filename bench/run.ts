/**
 * `npm run bench`: speed and memory targets, measured on the real parts (lowdb files in a temp
 * directory, the whole bot behind TestAdapter). Prints one line per measure and exits 1 when a
 * target is missed. Targets are for this project's 2-core reference machine.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demoDirectory } from '../src/demo/demoDirectory.js';
import { importDirectoryData } from '../src/store/import/directoryImport.js';
import { openDataDir } from '../src/store/index.js';
import { ana, ben, dario } from '../test/support/demoPeople.js';
import { benchKnowledge } from './knowledge.bench.js';
import { createTestBot, TEST_TODAY } from '../test/support/testBot.js';

const results: { name: string; value: number; unit: string; target: number }[] = [];
const record = (name: string, value: number, unit: string, target: number) => results.push({ name, value, unit, target });
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const guid = (kind: number, i: number) => `${hex(kind, 8)}-0000-4000-8000-${hex(i, 12)}`;

/** A directory of `orgs` organizations with `usersPerOrg` users each, in the import format. */
function bigDirectory(orgs: number, usersPerOrg: number) {
  const organizations = [];
  const users = [];
  for (let o = 0; o < orgs; o++) {
    organizations.push({
      tenantId: guid(1, o),
      name: `Partner ${o}`,
      partnerId: String(5_000_000 + o),
      memberships: [{ offer: o % 3 === 0 ? 'Gold' : 'Silver', competency: o % 2 ? 'Cloud Platform' : 'Data Analytics', start: '2026-01-01', end: '2026-12-31' }],
    });
    for (let u = 0; u < usersPerOrg; u++) {
      users.push({ aadObjectId: guid(2, o * usersPerOrg + u), tenantId: guid(1, o), name: `User ${o}/${u}`, roles: u === 0 ? ['GlobalAdmin'] : [] });
    }
  }
  return { organizations, users };
}

async function benchImport() {
  const dir = await mkdtemp(join(tmpdir(), 'psb-bench-'));
  const stores = await openDataDir(dir);
  const data = bigDirectory(2_000, 5);
  const t0 = performance.now();
  const result = await importDirectoryData(data, stores.directory);
  const ms = performance.now() - t0;
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  await stores.close();
  const size = (await stat(join(dir, 'directory.json'))).size;
  record('import 2,000 organizations + 10,000 users', ms, 'ms', 5_000);
  record('directory.json for that import', size / 1024 / 1024, 'MB', 10);
  await rm(dir, { recursive: true, force: true });
}

async function benchTurns() {
  const bot = await createTestBot(demoDirectory(TEST_TODAY));
  await bot.say(dario, 'hi');
  await bot.say(ana, 'hi');
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await bot.say(i % 2 ? dario : ana, i % 2 ? 'what is our access id?' : 'what support do partners get?');
    times.push(performance.now() - t0);
  }
  record('turn latency p50 (tiers / IDs card, state saved to disk)', percentile(times, 50), 'ms', 20);
  record('turn latency p95', percentile(times, 95), 'ms', 50);
  await bot.close();
}

async function benchStateWrites() {
  const dir = await mkdtemp(join(tmpdir(), 'psb-bench-state-'));
  const stores = await openDataDir(dir);
  const conversations = 5_000;
  // A typical saved conversation: a dialog stack waiting for a confirmation.
  const item = (i: number) => ({ dialogState: { dialogStack: [{ id: 'mainDialog', state: { step: 0, i } }] }, meta: { welcomed: true } });
  for (let i = 0; i < conversations; i += 500) {
    const batch: Record<string, Record<string, unknown>> = {};
    for (let j = i; j < i + 500; j++) batch[`msteams/conversations/a:${j}/`] = item(j);
    await stores.state.write(batch);
  }
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    await stores.state.write({ [`msteams/conversations/a:${i}/`]: { ...item(i), eTag: '*' } });
    times.push(performance.now() - t0);
  }
  record(`state write p95 with ${conversations} saved conversations`, percentile(times, 95), 'ms', 40);
  await stores.close();
  record('state.json size', (await stat(join(dir, 'state.json'))).size / 1024 / 1024, 'MB', 5);
  await rm(dir, { recursive: true, force: true });
}

/** Teams waits 5 s for an invoke response: card refreshes and Activate presses, end to end in the bot. */
async function benchInvokes() {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const bot = await createTestBot(demoDirectory(TEST_TODAY));
    const group = { conversationType: 'groupChat' as const, conversationId: '19:bench@thread.v2' };
    const [card] = await bot.afterHello(ana, 'activate our benefits', group);
    const data = (card!.buttons.find((b) => b.title === 'Activate')!.data ?? {}) as Record<string, unknown>;
    let t0 = performance.now();
    await bot.execute(ben, 'activation.refresh', {}, group);
    times.push(performance.now() - t0);
    t0 = performance.now();
    await bot.execute(ana, 'activation.confirm', data, group);
    times.push(performance.now() - t0);
    await bot.close();
  }
  record('invoke response p95 (card refresh, Activate press; Teams allows 5,000)', percentile(times, 95), 'ms', 500);
}

await benchImport();
await benchTurns();
await benchInvokes();
benchKnowledge(record);
await benchStateWrites();
record('heap used after the runs', process.memoryUsage().heapUsed / 1024 / 1024, 'MB', 300);

let missed = 0;
for (const r of results) {
  const ok = r.value <= r.target;
  if (!ok) missed++;
  console.log(`${ok ? 'ok  ' : 'MISS'} ${r.name}: ${r.value.toFixed(1)} ${r.unit} (target <= ${r.target} ${r.unit})`);
}
process.exit(missed ? 1 : 0);
