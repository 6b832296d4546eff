/**
 * `npm start -- --as` takes any user of the directory the bot serves (issue 14): the chat window
 * knew only the demo people, so an operator could not try the bot as the people they imported.
 * Real processes: npm run import of a directory of our own, then npm start with the chat window.
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playgroundMockFile } from '../../src/devtools/playground.js';
import { runCli, startBot } from '../support/processes.js';

const T = '11111111-2222-4333-8444-555555555555';
const uid = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;
const DIRECTORY = {
  organizations: [
    { tenantId: T, name: 'Fabrikam Partners', partnerId: '5550001', memberships: [{ offer: 'Gold', competency: 'Cloud Platform', start: '2026-01-01', end: '2027-12-31' }] },
  ],
  users: [
    { aadObjectId: uid(1), tenantId: T, name: 'Jane Miller', email: 'jane@fabrikam.example', roles: ['MpnPartnerAdmin'] },
    { aadObjectId: uid(2), tenantId: T, name: 'John Miller', email: 'john@fabrikam.example' },
  ],
};

describe('e2e: npm start -- --as any user of an imported directory', function () {
  this.timeout(90_000);
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'psb-start-as-'));
    const file = join(dataDir, '..', `${dataDir.split('/').pop()}-directory.json`);
    await writeFile(file, JSON.stringify(DIRECTORY));
    const imported = await runCli('import', [file], { DATA_DIR: dataDir });
    expect(imported.code, imported.stderr).to.equal(0);
    await rm(file);
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a name that fits nobody or several before starting anything, and says how to list them', async () => {
    const unknown = await runCli('start', ['--as', 'ana'], { DATA_DIR: dataDir, PORT: '0', PLAYGROUND: 'on', PLAYGROUND_PORT: '0' });
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.contain(`No user "ana" in the partner directory of ${dataDir}. List them with: npm run chat -- --list-users`);
    const several = await runCli('start', ['--as', 'miller'], { DATA_DIR: dataDir, PORT: '0', PLAYGROUND: 'on', PLAYGROUND_PORT: '0' });
    expect(several.code).to.equal(2);
    expect(several.stderr).to.contain('"miller" matches 2 users');
    expect(several.stderr).to.contain('jane@fabrikam.example');
    const noWindow = await runCli('start', ['--as', 'zed'], { DATA_DIR: dataDir, PORT: '0', PLAYGROUND: 'off' });
    expect(noWindow.code, 'an --as that fits nobody is refused without the chat window too').to.equal(2);
  });

  it('opens the chat window as the imported user named by e-mail: their tenant, them as the current user, five others', async () => {
    const bot = await startBot('start', { DATA_DIR: dataDir, PLAYGROUND: 'on', PLAYGROUND_PORT: '0' }, 60_000, ['--as', 'jane@fabrikam.example']);
    try {
      let url: string | undefined;
      for (let i = 0; i < 400 && !url; i++) {
        url = /Open (http:\/\/127\.0\.0\.1:\d+) to chat with the bot as Jane Miller \(jane@fabrikam\.example\)\. Ctrl-C stops both\./.exec(bot.output())?.[1];
        if (!url) await new Promise((r) => setTimeout(r, 100));
      }
      expect(url, bot.output()).to.be.a('string');
      expect(await (await fetch(url!)).text()).to.contain('Microsoft 365 Agents Playground');
      const mock = await readFile(join(dataDir, 'playground', `${uid(1)}.yml`), 'utf8');
      expect(mock).to.contain(`tenantId: "${T}"`);
      expect(mock).to.match(new RegExp(`currentUser:\\n  id: "29:${uid(1)}"\\n  name: "Jane Miller"`));
      expect(mock.match(/^  - id:/gm)).to.have.length(5); // the playground wants exactly five other users
      expect(mock).to.contain('name: "John Miller"'); // the colleague first, stand-ins after
    } finally {
      expect(await bot.stop()).to.equal(0);
    }
  });

  it('the demo people stay as they were (the same mock file for ben)', () => {
    const mock = playgroundMockFile('ben');
    expect(mock).to.contain('currentUser:\n  id: "29:ben"');
    expect(mock.match(/^  - id:/gm)).to.have.length(5);
  });
});
