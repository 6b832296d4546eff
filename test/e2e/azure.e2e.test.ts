/**
 * End to end with STORE=azure, as an operator and Teams would see it: the real server process on
 * Azure Storage (Azurite, started once for the run by test/support/azurite.ts, reached through TCP
 * proxies the test can cut), `npm run import` into the storage account while the bot serves, what
 * the bot writes landing in the tables (read back with `npm run audit` and `kb-report`), /healthz
 * while the storage is unreachable, and the start-up errors an operator can fix.
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cardActions, cardTexts } from '../../src/cards/cardText.js';
import { systemClock } from '../../src/clock.js';
import { demoDirectory, DEMO_TENANTS } from '../../src/demo/demoDirectory.js';
import { startConnector, type RecordingConnector } from '../../src/devtools/recordingConnector.js';
import { teamsInstall, teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { azureClients } from '../../src/store/azure/azureStores.js';
import type { AuditEntry } from '../../src/store/types.js';
import { azurite, uniquePrefix } from '../support/azurite.js';
import { ana, dario } from '../support/demoPeople.js';
import { runCli, startBot, type BotProcess } from '../support/processes.js';
import { startTcpProxy, throughPorts, type TcpProxy } from '../support/tcpProxy.js';

describe('e2e: STORE=azure over HTTP (Azurite)', function () {
  this.timeout(90_000);
  let tmp: string;
  let connector: RecordingConnector;
  let bot: BotProcess;
  let proxies: TcpProxy[];
  /** The environment of the operator's commands (straight to the account). */
  let direct: Record<string, string>;
  /** The bot's (through the proxies). */
  let served: Record<string, string>;
  const importFile = () => join(tmp, 'import.json');

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'psb-e2e-azure-'));
    const { connectionString, tableEndpoint, blobEndpoint } = await azurite();
    const ports = [tableEndpoint, blobEndpoint].map((url) => Number(new URL(url).port));
    proxies = await Promise.all(ports.map((port) => startTcpProxy({ host: '127.0.0.1', port })));
    direct = {
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      AZURE_TABLE_PREFIX: uniquePrefix(),
      AZURE_DIRECTORY_CONTAINER: `dir-${uniquePrefix().toLowerCase()}`,
      DATA_DIR: join(tmp, 'instance-1'),
    };
    served = {
      ...direct,
      AZURE_STORAGE_CONNECTION_STRING: throughPorts(connectionString, { [ports[0]!]: proxies[0]!.port, [ports[1]!]: proxies[1]!.port }),
      AZURE_DIRECTORY_POLL_SECONDS: '0.2',
    };
    connector = await startConnector();
    await writeFile(importFile(), JSON.stringify(demoDirectory(systemClock.today())));
    const imported = await runCli('import', [importFile()], direct);
    expect(imported.code, imported.stderr).to.equal(0);
    bot = await startBot('serve', served);
  });
  after(async () => {
    await bot?.stop();
    await connector?.close();
    await Promise.all((proxies ?? []).map((p) => p.close()));
    if (direct) await azureClients({ connectionString: direct.AZURE_STORAGE_CONNECTION_STRING!, container: direct.AZURE_DIRECTORY_CONTAINER! }).container.deleteIfExists();
    await rm(tmp, { recursive: true, force: true });
  });

  async function post(to: BotProcess, activity: Record<string, unknown>) {
    const conversationId = (activity.conversation as { id: string }).id;
    const before = connector.callsFor(conversationId).length;
    const res = await fetch(`${to.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).to.equal(200);
    const replies = connector.callsFor(conversationId).slice(before).map((c) => c.activity);
    return { replies, texts: replies.map((a) => [a.text ?? '', ...(a.attachments?.[0]?.content ? cardTexts(a.attachments[0].content) : [])].join('\n')) };
  }
  const installed = new Set<string>();
  async function say(user: TeamsUser, input: string | Record<string, unknown>, to: BotProcess = bot) {
    const options = { user, serviceUrl: connector.url };
    if (!installed.has(user.aadObjectId)) {
      installed.add(user.aadObjectId);
      await post(to, teamsInstall(options));
    }
    return post(to, teamsMessage(typeof input === 'string' ? { ...options, text: input } : { ...options, value: input }));
  }

  it('serves the directory in Azure Storage; a new import reaches the running bot within seconds, without a restart', async () => {
    expect((await say(dario, 'what support do partners get?')).texts.join('\n')).to.contain('Woodgrove Software');
    const renamed = demoDirectory(systemClock.today()) as { organizations: { tenantId: string; name: string }[] };
    renamed.organizations.find((o) => o.tenantId === DEMO_TENANTS.woodgrove)!.name = 'Woodgrove Software GmbH';
    await writeFile(importFile(), JSON.stringify(renamed));
    const run = await runCli('import', [importFile()], direct);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^Imported 4 organizations, 8 users, \d+ benefits into devstoreaccount1\/dir-\S+\/snapshots\/\S+\.json \(Azure Storage; current\.json points to it\)\n$/);
    const t0 = performance.now();
    let text = '';
    while (performance.now() - t0 < 10_000 && !text.includes('Woodgrove Software GmbH')) {
      await new Promise((r) => setTimeout(r, 100));
      text = (await say(dario, 'what support do partners get?')).texts.join('\n');
    }
    expect(text).to.contain('Woodgrove Software GmbH');
    // Polled every 0.2 s here (5 s by default): seen in well under a second.
    expect(performance.now() - t0).to.be.below(5_000);
  });

  it('what the bot writes is in the tables: an activation in the audit log, a question in the knowledge log', async () => {
    const shown = await say(ana, 'activate our benefits');
    const data = cardActions(shown.replies.at(-1)!.attachments[0].content).find((a) => a.title === 'Activate')!.data as Record<string, unknown>;
    expect((await say(ana, { action: 'activation.confirm', ...data })).texts.join('\n')).to.contain('Access ID');
    expect((await say(dario, 'Is Premier Support cloud only?')).texts.join('\n')).to.contain("Microsoft's top tier of technical support");
    const [audit, report] = await Promise.all([runCli('audit', ['--format', 'json', '--tenant', DEMO_TENANTS.contoso], direct), runCli('kbReport', ['--format', 'json'], direct)]);
    expect(audit.code, audit.stderr).to.equal(0);
    expect((JSON.parse(audit.stdout) as AuditEntry[]).map((e) => [e.action, e.actor.name])).to.deep.equal([['activation', 'Ana Admin']]);
    expect(report.code, report.stderr).to.equal(0);
    expect((JSON.parse(report.stdout) as { entries: { id: string; asks: number }[] }).entries.find((e) => e.id === 'premier')).to.include({ asks: 1 });
  });

  it('a second instance starts beside the first on the same storage (no server lock) and serves the same data', async () => {
    const second = await startBot('serve', { ...served, DATA_DIR: join(tmp, 'instance-2') });
    try {
      expect((await fetch(`${second.url}/healthz`)).status).to.equal(200);
      // Ana's activation, made through the first instance, is what the second one shows.
      expect((await say(ana, 'what is our access id?', second)).texts.join('\n')).to.match(/Access ID[\s\S]*[0-9a-f]{8}-[0-9a-f]{4}-/);
    } finally {
      expect(await second.stop()).to.equal(0);
    }
  });

  it('/healthz answers 503 while the storage cannot be reached, the bot keeps running, and 200 again after', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).to.equal(200);
    await Promise.all(proxies.map((p) => p.cut()));
    try {
      const t0 = performance.now();
      const down = await fetch(`${bot.url}/healthz`);
      expect(down.status).to.equal(503);
      expect(await down.json()).to.deep.equal({ error: 'The store cannot be read.' });
      expect(performance.now() - t0).to.be.below(12_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(bot.output()).to.contain('cannot read the partner directory in Azure Storage; the bot keeps serving the directory it has');
    } finally {
      await Promise.all(proxies.map((p) => p.restore()));
    }
    expect((await fetch(`${bot.url}/healthz`)).status).to.equal(200);
    expect(bot.child.exitCode).to.equal(null);
  });

  it('a start that cannot use the storage account stops at once, saying what to fix; npm start on an empty one says the demo is lmdb-only', async () => {
    const env = { STORE: 'azure', DATA_DIR: join(tmp, 'bad') };
    const [demo, missing, unreachable] = await Promise.all([
      startBot('start', { ...served, AZURE_DIRECTORY_CONTAINER: `dir-${uniquePrefix().toLowerCase()}`, DATA_DIR: join(tmp, 'demo') }).then(async (b) => {
        await b.stop();
        return b.output();
      }),
      startBot('serve', env).then((b) => b.stop(), (e: Error) => e.message),
      startBot('serve', { ...env, AZURE_STORAGE_CONNECTION_STRING: direct.AZURE_STORAGE_CONNECTION_STRING!.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:9') }).then((b) => b.stop(), (e: Error) => e.message),
    ]);
    expect(demo).to.contain('STORE=azure: the partner directory in Azure Storage (container dir-').and.contain(
      'is empty, and npm start loads the demo directory only into a local data directory (STORE=lmdb). Import a directory with: STORE=azure npm run import -- <file.json>',
    );
    expect(missing).to.contain('bot exited with 1 before listening').and.contain("AZURE_STORAGE_CONNECTION_STRING: is required when STORE=azure: the storage account's connection string");
    expect(unreachable).to.contain('bot exited with 1 before listening').and.contain(
      "Cannot open the bot's data in Azure Storage (STORE=azure): nothing answers at the endpoints of the storage account devstoreaccount1: check the BlobEndpoint/TableEndpoint in AZURE_STORAGE_CONNECTION_STRING",
    );
  });
});
