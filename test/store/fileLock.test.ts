import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock, LockedError } from '../../src/store/fileLock.js';

describe('store/fileLock: a lock held by a live process', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('refuses a second holder, naming the first, until released', async () => {
    const file = join(dir, 'server.lock');
    const release = await acquireLock(file, 'The bot server (port 3978)');
    const error = await acquireLock(file, 'Another server').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(LockedError);
    expect((error as Error).message).to.match(new RegExp(`^The bot server \\(port 3978\\) \\(process ${process.pid}, since .+\\) holds ${file}\\.$`));
    await release();
    await release(); // idempotent
    const again = await acquireLock(file, 'Another server');
    await again();
  });

  it('is taken over at once from a process that was killed with kill -9', async () => {
    const file = join(dir, 'server.lock');
    const child = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify({pid: process.pid, startedAt: null, host: require('os').hostname(), purpose: 'x', since: 'now'})); setInterval(() => {}, 1000)`]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await acquireLock(file, 'me').catch((e: unknown) => e)).to.be.instanceOf(LockedError);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const t0 = Date.now();
    const release = await acquireLock(file, 'me');
    expect(Date.now() - t0).to.be.below(500);
    expect(JSON.parse(await readFile(file, 'utf8')).pid).to.equal(process.pid);
    await release();
  });

  it('of many takers at once after the holder died, exactly one gets it', async () => {
    const file = join(dir, 'import.lock');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, JSON.stringify({ pid: 999_999_999, startedAt: null, host: (await import('node:os')).hostname(), purpose: 'dead', since: 'then' }));
    const results = await Promise.all(Array.from({ length: 8 }, () => acquireLock(file, 'taker').then((release) => release, () => undefined)));
    expect(results.filter(Boolean)).to.have.length(1);
    await results.find(Boolean)!();
  });
});
