/**
 * The import CLI as an operator runs it: a real child process, real files in a temp directory.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Activation } from '../../src/domain/benefits.js';
import { Organizations } from '../../src/services/organizations.js';
import { openDataDir } from '../../src/store/dataDir.js';
import { acquireLock } from '../../src/store/fileLock.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'test', 'fixtures');
const CONTOSO = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';
const WOODGROVE = '0b7c9e24-8d3f-4a55-b1e2-7c4d6a9f3e12';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx src/cli/import.ts ...args` in the repo with DATA_DIR set. */
function runImport(args: string[], dataDir: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/import.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('npm run import (src/cli/import.ts)', function () {
  this.timeout(30_000);
  let tmp: string;
  let dataDir: string;
  let directoryFile: string;

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'psb-cli-import-'));
    dataDir = join(tmp, 'data');
    directoryFile = join(dataDir, 'directory.json');
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  const fixture = (name: string) => join(FIXTURES, `directory.${name}.json`);

  it('imports the example and prints one summary line', async () => {
    const run = await runImport([fixture('example')], dataDir);
    expect(run).to.deep.equal({
      code: 0,
      stdout: `Imported 3 organizations, 6 users, 2 benefits into ${dataDir}${sep}directory.json\n`,
      stderr: '',
    });
    const stored = JSON.parse(await readFile(directoryFile, 'utf8')) as { organizations: unknown[] };
    expect(stored.organizations).to.have.length(3);
  });

  it('lists every problem with its path, exits 1 and leaves directory.json byte-for-byte unchanged', async () => {
    expect((await runImport([fixture('example')], dataDir)).code).to.equal(0);
    const before = await readFile(directoryFile);
    const bad = fixture('invalid');
    const run = await runImport([bad], dataDir);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.equal('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).to.equal(`Import failed: 6 problems in ${bad}; nothing was written.`);
    expect(lines.slice(1).map((line) => line.slice(0, line.indexOf(': ')))).to.deep.equal([
      '  $.organizations[0].memberships[0].competency',
      '  $.organizations[0].memberships[1].start',
      '  $.organizations[1].benefits[0].end',
      '  $.organizations[1].partnerId',
      '  $.users[0].tenantId',
      '  $.users[1].accountProgram',
    ]);
    expect(lines[5]).to.equal(
      '  $.users[0].tenantId: user 9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b01 has tenantId 11111111-2222-4333-8444-555555555555, which is not an organization in this file or in the directory; add the organization or give the user the HelpdeskAgent role',
    );
    expect(run.stderr).not.to.match(/\n\s+at /); // no stack trace
    expect((await readFile(directoryFile)).equals(before)).to.equal(true);
  });

  it('reports invalid JSON with line and column and writes nothing', async () => {
    const broken = join(tmp, 'broken.json');
    await writeFile(broken, '{\n  "organizations": [\n    { "tenantId": "x", }\n  ]\n}\n');
    const run = await runImport([broken], dataDir);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.equal(
      `Import failed: 1 problem in ${broken}; nothing was written.\n` +
        '  $: is not valid JSON: Expected double-quoted property name (line 3, column 24)\n',
    );
    const created = await readFile(directoryFile).then(
      () => true,
      () => false,
    );
    expect(created).to.equal(false);
  });

  it('upserts on re-import while the bot serves, which picks it up, and keeps benefits activated in the bot', async () => {
    expect((await runImport([fixture('example')], dataDir)).code).to.equal(0);
    const server = await openDataDir(dataDir, { watch: false });
    try {
      const activation: Activation = {
        kind: 'SignatureCloudSupport',
        accessId: 'b0b0b0b0-0000-4000-8000-000000000001',
        contractId: '8000001',
        start: '2026-05-01',
        end: '2027-04-30',
        activatedBy: { aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b01', name: 'Ana Admin' },
        activatedAt: '2026-05-01T08:00:00.000Z',
      };
      await server.ledgers.save({ tenantId: CONTOSO, activations: [activation], incidents: [] }, undefined);

      const run = await runImport([fixture('reimport')], dataDir);
      expect(run.stdout).to.equal(`Imported 3 organizations, 2 users, 1 benefit into ${dataDir}${sep}directory.json\n`);
      expect(run.code).to.equal(0);

      expect((await server.directory.reload()).status).to.equal('loaded');
      const organizations = new Organizations(server.directory, server.ledgers);
      const contoso = (await organizations.load(CONTOSO))!.organization;
      expect(contoso.name).to.equal('Contoso Cloud Services GmbH');
      expect(contoso.benefits.map((b) => [b.accessId, b.source])).to.deep.equal([[activation.accessId, 'bot']]);
      expect(contoso.memberships).to.have.length(2);
      const woodgrove = (await organizations.load(WOODGROVE))!.organization;
      expect(woodgrove.benefits.map((b) => `${b.kind}:${b.contractId}:${b.incidentsUsed}`)).to.deep.equal([
        'ProductSupport:7009999:0',
        'SignatureCloudSupport:7001235:5',
      ]);
      const snapshot = server.directory.current();
      expect(snapshot.usersOfTenant(CONTOSO).map((u) => u.name)).to.deep.equal(['Ana Admin', 'Ben Engineer', 'Cleo Csp']);
      expect(snapshot.user('9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b02')!.roles).to.deep.equal(['GlobalAdmin']);
    } finally {
      await server.close();
    }
  });

  it('refuses while another import runs, naming it, without a stack trace', async () => {
    await mkdir(dataDir, { recursive: true });
    const release = await acquireLock(join(dataDir, 'import.lock'), 'An import');
    try {
      const run = await runImport([fixture('example')], dataDir);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.match(/^An import \(process \d+, since [^)]+\) holds .*import\.lock\. Wait for it to finish, then import again; nothing was written\.\n$/);
    } finally {
      await release();
    }
    const created = await readFile(directoryFile).then(
      () => true,
      () => false,
    );
    expect(created).to.equal(false);
  });

  const usageCases: [what: string, args: string[]][] = [
    ['no argument', []],
    ['two files', ['a.json', 'b.json']],
    ['an option', ['--help']],
  ];
  for (const [what, args] of usageCases) {
    it(`prints the usage and exits 2 for ${what}`, async () => {
      const run = await runImport(args, dataDir);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.equal(
        'Usage: npm run import -- <directory.json>   (imports into DATA_DIR, default ./data; with STORE=azure into Azure Storage)\n' +
          '       npm run import -- --remove-demo [<directory.json>]   (with the bot stopped: takes the demo data npm start loaded out of DATA_DIR, then imports)\n',
      );
    });
  }

  it('says which file is missing and exits 1', async () => {
    const missing = join(tmp, 'nope.json');
    const run = await runImport([missing], dataDir);
    expect(run).to.deep.equal({ code: 1, stdout: '', stderr: `Cannot read ${missing}: no such file\n` });
  });

  it('says which stored file is corrupt, exits 1 and keeps it', async () => {
    await runImport([fixture('example')], dataDir);
    await copyFile(fixture('example'), directoryFile); // an import file is not the document's layout
    const run = await runImport([fixture('example')], dataDir);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.equal(
      `${directoryFile} is corrupt: schemaVersion is undefined, expected 2. Nothing was changed; fix the file or move it away (a missing file counts as empty).\n`,
    );
    expect(await readFile(directoryFile, 'utf8')).to.equal(await readFile(fixture('example'), 'utf8'));
  });
});
