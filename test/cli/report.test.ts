/**
 * `npm run report` with STORE=azure, as an operator runs it: a real child process against Azurite
 * (test/support/azurite.ts), the same cases and knowledge events written through the real stores
 * into the tables and into a data directory; the two pages are the same but for the line that
 * says where the data came from.
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { azureClients, openAzureLogs } from '../../src/store/azure/azureStores.js';
import { openDataDir } from '../../src/store/dataDir.js';
import { createRuntimeStores } from '../../src/store/runtime/runtimeStores.js';
import type { CaseStore, HelpdeskCase, KnowledgeEvent, KnowledgeLog } from '../../src/store/types.js';
import { azurite, uniquePrefix } from '../support/azurite.js';
import { runCli } from '../support/processes.js';

const agent = { aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b99', name: 'Hal Helpdesk' };
const CASES: Omit<HelpdeskCase, 'id'>[] = [
  ['activation', '2026-11-03T09:00:00Z', '2026-11-03T13:00:00Z'],
  ['balance', '2026-11-10T08:00:00Z', '2026-11-12T08:00:00Z'],
  ['roles', '2026-11-17T08:00:00Z', undefined],
].map(([category, createdAt, resolvedAt]) => ({
  origin: 'triage' as const,
  category: category!,
  summary: 'x',
  status: resolvedAt ? ('resolved' as const) : ('open' as const),
  createdBy: agent,
  createdAt: createdAt!,
  notes: [],
  history: [{ at: createdAt!, by: agent, event: 'created' }, ...(resolvedAt ? [{ at: resolvedAt, by: agent, event: 'resolved' }] : [])],
}));
const EVENTS: KnowledgeEvent[] = [
  { at: '2026-11-04T10:00:00.000Z', type: 'unanswered', question: 'can I <b>haz</b> support?', lang: 'en', suggested: [] },
  { at: '2026-11-05T10:00:00.000Z', type: 'unanswered', question: 'can I <b>haz</b> support?', lang: 'en', suggested: [] },
];

async function fill(cases: CaseStore, knowledge: KnowledgeLog): Promise<void> {
  for (const c of CASES) await cases.create(c);
  for (const e of EVENTS) await knowledge.append(e);
}

describe('npm run report with STORE=azure (Azurite)', function () {
  this.timeout(60_000);
  let tmp: string;

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'psb-report-azure-'));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('reads the cases and knowledge tables and shows what the same data directory shows', async () => {
    const { connectionString } = await azurite();
    const location = { connectionString, tablePrefix: uniquePrefix(), container: `dir-${uniquePrefix().toLowerCase()}` };
    const runtime = createRuntimeStores(azureClients(location).backend);
    try {
      await fill(runtime.cases, openAzureLogs(location).knowledge);
    } finally {
      await runtime.close();
    }
    const dataDir = join(tmp, 'data');
    const stores = await openDataDir(dataDir);
    try {
      await fill(stores.cases, stores.knowledge);
    } finally {
      await stores.close();
    }
    const args = (out: string) => ['--from', '2026-11-02', '--to', '2026-11-22', '--out', join(tmp, out)];
    const azure = await runCli('report', args('azure.html'), {
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      AZURE_TABLE_PREFIX: location.tablePrefix,
      AZURE_DIRECTORY_CONTAINER: location.container,
      DATA_DIR: join(tmp, 'unused'),
    });
    const local = await runCli('report', args('local.html'), { DATA_DIR: dataDir });
    expect(azure.code, azure.stderr).to.equal(0);
    expect(local.code, local.stderr).to.equal(0);
    expect(azure.stdout).to.contain('Helpdesk report 2026-11-02 to 2026-11-22: 3 cases opened, 2 resolved.');
    const withoutSource = (html: string) => html.replace(/<p class="muted">Made [^<]*<\/p>/, '');
    const [fromAzure, fromDir] = [await readFile(join(tmp, 'azure.html'), 'utf8'), await readFile(join(tmp, 'local.html'), 'utf8')];
    expect(fromAzure).to.contain('&#60;b&#62;haz&#60;/b&#62;');
    expect(fromAzure).to.match(/Made [^<]* from the storage account devstoreaccount1/);
    expect(withoutSource(fromAzure)).to.equal(withoutSource(fromDir));
  });

  it('says what to fix when the account cannot be reached, and writes nothing', async () => {
    const out = join(tmp, 'never.html');
    const run = await runCli('report', ['--weeks', '1', '--out', out], {
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1',
      DATA_DIR: join(tmp, 'unused'),
    });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.contain('Cannot read the helpdesk cases in Azure Storage (STORE=azure): nothing answers at the endpoints of the storage account devstoreaccount1');
    expect(run.stdout).to.equal('');
  });
});
