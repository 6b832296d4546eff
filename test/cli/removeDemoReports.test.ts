/**
 * npm run import -- --remove-demo takes the demo's helpdesk reports with it (issue 14): npm run
 * report writes DATA_DIR/reports/, and after the demo was replaced the demo people's cases and
 * questions stayed there beside the operator's real data.
 */
import { expect } from 'chai';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markDemoDataDir, removeDemo } from '../../src/demo/demoData.js';

describe('npm run import -- --remove-demo: the demo reports go into the backup', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'psb-remove-demo-reports-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('moves reports/ with the rest of the demo, so nothing of the demo stays in the data directory', async () => {
    await markDemoDataDir(dataDir, new Date('2026-12-01T00:00:00Z'));
    await mkdir(join(dataDir, 'reports'));
    await writeFile(join(dataDir, 'reports', 'helpdesk-report-2026-11-02-2026-12-03.html'), '<p>Dario Entwickler</p>');
    const result = await removeDemo(dataDir, new Date('2026-12-03T13:53:34Z'));
    expect(result.kind).to.equal('moved');
    const left = (await readdir(dataDir)).filter((n) => !n.startsWith('demo-backup-'));
    expect(left, 'left in the data directory').to.deep.equal([]);
    const backup = (result as { backup: string }).backup;
    expect(await readdir(join(backup, 'reports'))).to.deep.equal(['helpdesk-report-2026-11-02-2026-12-03.html']);
  });
});
