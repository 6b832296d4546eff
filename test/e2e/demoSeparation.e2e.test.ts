/**
 * Demo data and real data never mix by accident: `npm start` marks the data directory it filled
 * with the demo, `npm run import` refuses that directory (writing nothing), and
 * `npm run import -- --remove-demo <file>` (with the bot stopped) moves the demo aside and imports
 * the operator's directory alone. A directory from before the marker, with the demo's organizations
 * beside imported ones, keeps the imported ones. Real processes, real files.
 */
import { expect } from 'chai';
import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/clock.js';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { runCli, startBot } from '../support/processes.js';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const T1 = '11111111-1111-4111-8111-111111111111';
const REAL = {
  organizations: [{ tenantId: T1, name: 'Fabrikam Consulting', partnerId: '5000001', memberships: [{ offer: 'Gold', competency: 'Security', start: '2026-01-01', end: '2027-06-30' }] }],
  users: [{ aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', tenantId: T1, name: 'Jane Miller', email: 'jane@fabrikam.example', roles: ['GlobalAdmin'] }],
};

describe('e2e: demo data apart from real data', function () {
  this.timeout(90_000);
  let root: string;
  let realFile: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'psb-demo-apart-'));
    realFile = join(root, 'real.json');
    await writeFile(realFile, JSON.stringify(REAL));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const organizationsIn = async (dataDir: string) =>
    (JSON.parse(await readFile(join(dataDir, 'directory.json'), 'utf8')) as { organizations: { name: string }[] }).organizations.map((o) => o.name).sort();

  it('npm start marks the demo directory; an import into it is refused and writes nothing; --remove-demo replaces the demo', async () => {
    const dataDir = join(root, 'data');
    const bot = await startBot('start', { DATA_DIR: dataDir });
    let running = true;
    try {
      expect(bot.output()).to.contain('It is marked as the demo\'s (demo.json)');
      expect(await exists(join(dataDir, 'demo.json'))).to.equal(true);
      const before = await readFile(join(dataDir, 'directory.json'));

      const refused = await runCli('import', [realFile], { DATA_DIR: dataDir });
      expect(refused.code).to.equal(1);
      expect(refused.stderr).to.contain(`${dataDir} holds the demo data that npm start loaded`).and.contain('Nothing was written');
      expect(refused.stderr).to.contain('npm run import -- --remove-demo').and.contain('DATA_DIR=');
      expect(await readFile(join(dataDir, 'directory.json'))).to.deep.equal(before);

      // Not while the bot serves it.
      const busy = await runCli('import', ['--remove-demo', realFile], { DATA_DIR: dataDir });
      expect(busy.code).to.equal(1);
      expect(busy.stderr).to.contain('Stop the bot').and.contain('nothing was changed');
      expect(await organizationsIn(dataDir)).to.include('Contoso Cloud Services');

      await bot.stop();
      running = false;
      const replaced = await runCli('import', ['--remove-demo', realFile], { DATA_DIR: dataDir });
      expect(replaced.code, replaced.stderr).to.equal(0);
      expect(replaced.stdout).to.match(/Removed the demo data from .*: moved directory\.json, .*runtime.*demo\.json into .*demo-backup-/);
      expect(replaced.stdout).to.contain('Imported 1 organization, 1 user');
      expect(await organizationsIn(dataDir)).to.deep.equal(['Fabrikam Consulting']);
      expect(await exists(join(dataDir, 'demo.json'))).to.equal(false);
      const [backup] = (await readdir(dataDir)).filter((n) => n.startsWith('demo-backup-'));
      expect(await readdir(join(dataDir, backup!))).to.include.members(['directory.json', 'runtime', 'demo.json']);

      // The next npm start serves the real directory, without the demo, and a further import is an ordinary one.
      const again = await startBot('start', { DATA_DIR: dataDir });
      try {
        expect(again.output()).to.not.contain('loaded the demo directory');
        const users = await runCli('chat', ['--list-users'], { DATA_DIR: dataDir });
        expect(users.stdout).to.contain('Jane Miller').and.not.contain('Ana Admin');
        expect((await runCli('import', [realFile], { DATA_DIR: dataDir })).code).to.equal(0);
      } finally {
        await again.stop();
      }
    } finally {
      if (running) await bot.stop();
    }
  });

  it('a directory from before the marker keeps its imported organizations when the demo\'s are removed', async () => {
    const dataDir = join(root, 'old');
    const demoFile = join(root, 'demo.json');
    await writeFile(demoFile, JSON.stringify(demoDirectory(systemClock.today())));
    expect((await runCli('import', [demoFile], { DATA_DIR: dataDir })).code).to.equal(0);
    expect((await runCli('import', [realFile], { DATA_DIR: dataDir })).code).to.equal(0);
    expect(await organizationsIn(dataDir)).to.have.length(5);
    const removed = await runCli('import', ['--remove-demo'], { DATA_DIR: dataDir });
    expect(removed.code, removed.stderr).to.equal(0);
    expect(removed.stdout).to.contain("Removed the demo's 4 organizations and 8 users").and.contain('your imported ones stay');
    expect(await organizationsIn(dataDir)).to.deep.equal(['Fabrikam Consulting']);
    const nothing = await runCli('import', ['--remove-demo'], { DATA_DIR: dataDir });
    expect(nothing.stdout).to.contain('holds no demo data; nothing was removed');
  });

  it('usage: --remove-demo twice or with two files is refused', async () => {
    const twice = await runCli('import', ['--remove-demo', '--remove-demo'], { DATA_DIR: join(root, 'x') });
    expect(twice.code).to.equal(2);
    expect(twice.stderr).to.contain('--remove-demo [<directory.json>]');
    expect((await runCli('import', ['--remove-demo', 'a.json', 'b.json'], { DATA_DIR: join(root, 'x') })).code).to.equal(2);
  });
});
