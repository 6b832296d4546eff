/**
 * What only a store on disk can show: several processes on one lmdb store, and `kill -9`.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LmdbBackend } from '../../../src/store/lmdb/lmdbBackend.js';

const WRITER = fileURLToPath(new URL('./writer.ts', import.meta.url));

function writer(path: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

describe('store/lmdb: several processes, and kill -9', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-lmdb-proc-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('two processes doing 300 version-checked increments each on one counter lose none', async () => {
    const path = join(dir, 'runtime');
    const setup = new LmdbBackend(path);
    await setup.table('meta').insert('p', 'counter', { n: 0 });
    await setup.close();
    const [a, b] = [writer(path, ['increment', '300']), writer(path, ['increment', '300'])];
    expect(await a.exited, a.output()).to.equal(0);
    expect(await b.exited, b.output()).to.equal(0);
    // They did race: some version checks failed and were retried (else this shows nothing).
    const conflicts = [a, b].map((w) => Number(/done (\d+)/.exec(w.output())?.[1] ?? NaN));
    expect(conflicts[0]! + conflicts[1]!, `${a.output()} ${b.output()}`).to.be.greaterThan(0);
    // Read by a third process, as the next start of the bot would: what is on disk, not a view this
    // process may still hold of the environment it opened for the set-up.
    const check = writer(path, ['read']);
    expect(await check.exited, check.output()).to.equal(0);
    expect(check.output().trim()).to.equal('counter 600');
  });

  it('every acknowledged write is there after kill -9, and the store opens at once', async () => {
    const path = join(dir, 'runtime');
    const run = writer(path, ['insert']);
    while (!/acked 200\n/.test(run.output())) await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGKILL');
    await run.exited;
    const acked = [...run.output().matchAll(/acked (\d+)\n/g)].map((m) => Number(m[1]));
    const reopened = new LmdbBackend(path);
    const rows = await reopened.table<{ n: number }>('meta').list('rows');
    const stored = new Set(rows.map((r) => r.value.n));
    expect(acked.length).to.be.greaterThan(200);
    expect(acked.filter((n) => !stored.has(n))).to.deep.equal([]);
    // And it is writable again right away.
    expect(await reopened.table('meta').insert('rows', 'after-restart', { n: -1 })).to.be.a('string');
    await reopened.close();
  });
});
