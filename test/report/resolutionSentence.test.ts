/**
 * The report's "time to resolution" sentence as a reader sees it, in English and German: a case
 * resolved within minutes or hours ends the sentence with its duration, and the German page read
 * "neun von zehn innerhalb von 3 Std.." (the abbreviation's point and the sentence's).
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/clock.js';
import { reportMain } from '../../src/report/reportCli.js';
import { openRuntime } from '../../src/store/dataDir.js';
import type { HelpdeskCase } from '../../src/store/types.js';

const agent = { aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b99', name: 'Hal Helpdesk' };
function resolvedCase(createdAt: string, resolvedAt: string): Omit<HelpdeskCase, 'id'> {
  return {
    origin: 'triage',
    category: 'activation',
    summary: 'a case',
    status: 'resolved',
    createdBy: agent,
    createdAt,
    notes: [],
    history: [
      { at: createdAt, by: agent, event: 'created' },
      { at: resolvedAt, by: agent, event: 'resolved' },
    ],
  };
}

describe('npm run report: the time to resolution reads as a sentence', function () {
  this.timeout(30_000);
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'psb-report-sentence-'));
    const runtime = openRuntime(dataDir);
    try {
      await runtime.cases.create(resolvedCase('2026-11-03T09:00:00Z', '2026-11-03T09:00:00Z')); // at once
      await runtime.cases.create(resolvedCase('2026-11-04T09:00:00Z', '2026-11-04T12:00:00Z')); // 3 hours
    } finally {
      await runtime.close();
    }
  });

  after(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function sentence(lang: 'en' | 'de'): Promise<string> {
    const out: string[] = [];
    const code = await reportMain(['--from', '2026-11-02', '--to', '2026-11-08', '--lang', lang], {
      clock: fixedClock('2026-11-25T10:00:00Z'),
      env: { DATA_DIR: dataDir },
      out: (l) => out.push(l),
      err: () => {},
    });
    expect(code).to.equal(0);
    const file = /(?:Written to|Geschrieben nach) (.+\.html)$/.exec(out.join('\n'))![1]!;
    const html = await readFile(file, 'utf8');
    return /<section id="resolution"><h2>[^<]*<\/h2><p>([^<]*)<\/p>/.exec(html)![1]!;
  }

  it('in English', async () => {
    expect(await sentence('en')).to.equal('Of the 2 cases resolved in this period: half within 1.5 h, nine in ten within 3 h.');
  });

  it('in German, with one full stop at the end', async () => {
    expect(await sentence('de')).to.equal('Von den 2 in diesem Zeitraum gelösten Fällen: die Hälfte innerhalb von 1,5 Std., neun von zehn innerhalb von 3 Std.');
  });
});
