/**
 * `npm run deploy` (src/cli/deploy.ts) run as a child process, offline: `--dry-run` needs no az at
 * all, and a real run talks to a stand-in `az` on PATH (a small Node script that records each call,
 * answers like the Azure CLI and keeps the zip it is given), with /healthz served on 127.0.0.1. So
 * the order of the commands, the secret's way into the deployment, the zip's contents and the
 * operator's messages are all checked here; Azure itself is not.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { appFiles, DEPLOYMENT_NAME, formatCommand, readOutputs } from '../../src/cli/deployPlan.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SECRET = 'Zq8~s3cret-client-value_Do-Not-Print';
const APP_ID = '3f2b8c1e-7a4d-4e9b-8c21-5d6e7f8a9b0c';
const TENANT_ID = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';

/** The stand-in for the Azure CLI: records calls to calls.jsonl, answers per FAKE_AZ_MODE. */
const FAKE_AZ = String.raw`
import { appendFileSync, copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.env.FAKE_AZ_DIR;
const args = process.argv.slice(2);
const mode = process.env.FAKE_AZ_MODE ?? 'ok';
const record = (extra = {}) => appendFileSync(join(dir, 'calls.jsonl'), JSON.stringify({ args, ...extra }) + '\n');
const outputs = () => {
  const o = {
    messagingEndpoint: 'https://fabrikam-partner-support.azurewebsites.net/api/messages',
    botId: process.env.FAKE_AZ_APP_ID,
    botResourceName: 'bot-fabrikam-partner-support',
    webAppName: 'fabrikam-partner-support',
    healthUrl: process.env.FAKE_AZ_HEALTH_URL,
    storageAccountName: 'stabc123def456g',
    directoryContainerName: 'directory',
    keyVaultName: 'kv-abc123def456g',
  };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { type: 'String', value: v }]));
};
const cmd = args.slice(0, 3).join(' ');
if (args[0] === 'version') { record(); console.log(JSON.stringify({ 'azure-cli': '2.99.0' })); process.exit(0); }
if (cmd.startsWith('account show')) {
  record();
  if (mode === 'logged-out') { console.error("ERROR: Please run 'az login' to setup account."); process.exit(1); }
  console.log(JSON.stringify({ name: 'Fabrikam Production', id: '11111111-2222-3333-4444-555555555555', tenantId: process.env.FAKE_AZ_TENANT, user: { name: 'ops@fabrikam.test' } }));
  process.exit(0);
}
if (cmd === 'group create --name') { record(); process.exit(0); }
if (cmd === 'deployment group create') {
  const files = args.flatMap((a, i) => (args[i - 1] === '--parameters' && a.startsWith('@') ? [a.slice(1)] : []));
  const secretFile = files[1];
  const secret = JSON.parse(readFileSync(secretFile, 'utf8')).parameters.microsoftAppPassword.value;
  appendFileSync(join(dir, 'secret.txt'), secret);
  record({ secretFile, secretMode: (statSync(secretFile).mode & 0o777).toString(8), parameterFiles: files.length });
  if (mode === 'fail-deploy') { console.error('ERROR: InvalidTemplateDeployment: The template deployment failed.'); process.exit(1); }
  console.log(JSON.stringify(outputs()));
  process.exit(0);
}
if (cmd === 'deployment group show') { record(); console.log(JSON.stringify(outputs())); process.exit(0); }
if (cmd.startsWith('webapp deploy')) {
  const zip = args[args.indexOf('--src-path') + 1];
  copyFileSync(zip, join(dir, 'app.zip'));
  record();
  console.log('Deployment has completed successfully');
  process.exit(0);
}
record({ unknown: true });
console.error('fake az: unknown command ' + args.join(' '));
process.exit(2);
`;

interface Run { code: number; stdout: string; stderr: string }

describe('npm run deploy (src/cli/deploy.ts)', function () {
  this.timeout(60_000);
  let dir: string;
  let fakeDir: string;
  let paramsFile: string;
  let health: Server;
  let healthHits = 0;
  let healthUrl: string;

  before(async () => {
    health = createServer((req, res) => {
      healthHits++;
      res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', version: 'test' }));
    });
    await new Promise<void>((r) => health.listen(0, '127.0.0.1', r));
    healthUrl = `http://127.0.0.1:${(health.address() as AddressInfo).port}/healthz`;
  });
  after(async () => {
    await new Promise<void>((r) => health.close(() => r()));
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-deploy-test-'));
    fakeDir = join(dir, 'bin');
    await mkdir(fakeDir);
    await writeFile(join(fakeDir, 'fake-az.mjs'), FAKE_AZ);
    await writeFile(join(fakeDir, 'az'), `#!/bin/sh\nexec "${process.execPath}" "${join(fakeDir, 'fake-az.mjs')}" "$@"\n`);
    chmodSync(join(fakeDir, 'az'), 0o755);
    const params = JSON.parse(readFileSync(join(ROOT, 'infra/main.parameters.json'), 'utf8')) as { parameters: Record<string, { value: unknown }> };
    params.parameters.appName!.value = 'fabrikam-partner-support';
    params.parameters.microsoftAppId!.value = APP_ID;
    params.parameters.microsoftAppTenantId!.value = TENANT_ID;
    paramsFile = join(dir, 'fabrikam.parameters.json');
    await writeFile(paramsFile, JSON.stringify(params, null, 2));
    healthHits = 0;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the CLI in `dir` (no developer .env) with PATH holding only the stand-in az (or nothing). */
  function run(args: string[], opts: { env?: Record<string, string | undefined>; noAz?: boolean } = {}): Promise<Run> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_OPTIONS;
    delete env.MicrosoftAppPassword;
    Object.assign(env, {
      PATH: opts.noAz ? join(dir, 'empty') : fakeDir,
      FAKE_AZ_DIR: fakeDir,
      FAKE_AZ_HEALTH_URL: healthUrl,
      FAKE_AZ_APP_ID: APP_ID,
      FAKE_AZ_TENANT: TENANT_ID,
      MicrosoftAppPassword: SECRET,
    });
    for (const [key, value] of Object.entries(opts.env ?? {})) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    return new Promise((resolve) => {
      execFile(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'src/cli/deploy.ts'), ...args], { cwd: dir, env }, (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });
  }
  async function calls(): Promise<{ args: string[]; secretFile?: string; secretMode?: string; parameterFiles?: number }[]> {
    const file = join(fakeDir, 'calls.jsonl');
    if (!existsSync(file)) return [];
    return (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { args: string[] });
  }
  /** Each call's command words (up to the first option). */
  const verbs = async () => (await calls()).map((c) => c.args.slice(0, Math.max(1, c.args.findIndex((a) => a.startsWith('-')))).join(' '));
  const noSecretIn = (r: Run) => {
    expect(r.stdout).to.not.contain(SECRET);
    expect(r.stderr).to.not.contain(SECRET);
  };

  describe('--dry-run', () => {
    it('prints every az command in order, runs none (no az needed), and never prints the secret', async () => {
      const r = await run(['--resource-group', 'rg-psb', '--parameters', paramsFile, '--subscription', 'Fabrikam Production', '--dry-run'], { noAz: true });
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stderr).to.equal('');
      noSecretIn(r);
      const commands = r.stdout.split('\n').filter((l) => l.startsWith('az '));
      expect(commands).to.deep.equal([
        "az version --output json",
        "az account show --output json --subscription 'Fabrikam Production'",
        "az group create --name rg-psb --location westeurope --output none --subscription 'Fabrikam Production'",
        `az deployment group create --resource-group rg-psb --name ${DEPLOYMENT_NAME} --template-file ${join(ROOT, 'infra/main.bicep')} --parameters @${paramsFile} --parameters '@<private temporary file with microsoftAppPassword>' --query properties.outputs --output json --subscription 'Fabrikam Production'`,
        "az webapp deploy --resource-group rg-psb --name fabrikam-partner-support --src-path '<temporary partner-support-bot-app.zip>' --type zip --clean true --restart true --subscription 'Fabrikam Production'",
      ]);
      expect(r.stdout).to.match(/The zip would hold \d+ files: .*cards\/.*contracts\/.*package\.json.*scripts\/.*src\/.*\.deployment/);
      expect(await calls()).to.deep.equal([]);
    });

    it('takes --location over the parameters file, and --only infra / --only app print only their part', async () => {
      const infra = await run(['-g', 'rg-psb', '-p', paramsFile, '-l', 'swedencentral', '--only', 'infra', '--dry-run']);
      expect(infra.code, infra.stderr).to.equal(0);
      expect(infra.stdout).to.contain('az group create --name rg-psb --location swedencentral');
      expect(infra.stdout).to.not.contain('az webapp deploy');
      const app = await run(['-g', 'rg-psb', '-p', paramsFile, '--only', 'app', '--dry-run'], { env: { MicrosoftAppPassword: undefined } });
      expect(app.code, app.stderr).to.equal(0);
      expect(app.stdout).to.contain(`az deployment group show --resource-group rg-psb --name ${DEPLOYMENT_NAME} --query properties.outputs --output json`);
      expect(app.stdout).to.contain('az webapp deploy');
      expect(app.stdout).to.not.contain('group create');
      expect(app.stderr).to.equal(''); // no secret needed for the code alone
      expect(await calls()).to.deep.equal([]);
    });

    it("with the repository's parameters file: warns about each placeholder and still prints the plan", async () => {
      const r = await run(['-g', 'rg-psb', '--dry-run'], { env: { MicrosoftAppPassword: undefined } });
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stderr).to.contain('a real run refuses it');
      expect(r.stderr).to.contain('parameters.appName.value: "<a globally unique name');
      expect(r.stderr).to.contain('parameters.microsoftAppId.value: "00000000-0000-0000-0000-000000000000" (the zero GUID)');
      expect(r.stderr).to.contain('MicrosoftAppPassword is not set');
      expect(r.stdout).to.contain('az deployment group create');
    });
  });

  describe('refusals before any az command', () => {
    it("refuses the repository's parameters file as it is, naming each placeholder", async () => {
      const r = await run(['-g', 'rg-psb']);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('infra/main.parameters.json still holds 3 placeholder values; nothing was deployed');
      expect(r.stderr).to.contain('parameters.appName.value');
      expect(r.stderr).to.contain('parameters.microsoftAppId.value');
      expect(r.stderr).to.contain('parameters.microsoftAppTenantId.value');
      expect(await calls()).to.deep.equal([]);
    });

    it('refuses without MicrosoftAppPassword, naming it', async () => {
      const r = await run(['-g', 'rg-psb', '-p', paramsFile], { env: { MicrosoftAppPassword: undefined } });
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('MicrosoftAppPassword is not set');
      expect(await calls()).to.deep.equal([]);
    });

    it('refuses a parameters file that holds the secret', async () => {
      const params = JSON.parse(await readFile(paramsFile, 'utf8')) as { parameters: Record<string, unknown> };
      params.parameters.microsoftAppPassword = { value: 'in-the-file' };
      await writeFile(paramsFile, JSON.stringify(params));
      const r = await run(['-g', 'rg-psb', '-p', paramsFile]);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('holds microsoftAppPassword: remove it from the file');
      expect(await calls()).to.deep.equal([]);
    });

    it('usage errors exit 2: no resource group, a bad --only, an unknown option', async () => {
      for (const args of [['-p', paramsFile], ['-g', 'rg', '--only', 'both'], ['-g', 'rg', '--what-if']]) {
        const r = await run(args);
        expect(r.code, args.join(' ')).to.equal(2);
        expect(r.stderr).to.contain('Usage: npm run deploy -- --resource-group <name>');
      }
    });
  });

  describe('a real run against the stand-in az', () => {
    it('says plainly when az is not installed', async () => {
      const r = await run(['-g', 'rg-psb', '-p', paramsFile], { noAz: true });
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('the Azure CLI (az) is not installed or not on PATH');
      expect(r.stderr).to.contain('install-azure-cli');
    });

    it('says plainly when az is not logged in, and deploys nothing', async () => {
      const r = await run(['-g', 'rg-psb', '-p', paramsFile], { env: { FAKE_AZ_MODE: 'logged-out' } });
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('the Azure CLI is not logged in: run az login');
      expect(await verbs()).to.deep.equal(['version', 'account show']);
    });

    it('deploys: resource group, template with the secret in a private temporary file, the app zip, health; then the next steps', async () => {
      const r = await run(['-g', 'rg-psb', '-p', paramsFile, '--wait', '20']);
      expect(r.code, r.stderr).to.equal(0);
      noSecretIn(r);
      expect(await verbs()).to.deep.equal(['version', 'account show', 'group create', 'deployment group create', 'webapp deploy']);
      const all = await calls();
      for (const c of all) expect(c.args.join(' ')).to.not.contain(SECRET);
      const deployment = all[3]!;
      expect(deployment.parameterFiles).to.equal(2);
      expect(deployment.args).to.include.members(['--template-file', join(ROOT, 'infra/main.bicep'), `@${paramsFile}`]);
      expect(deployment.secretMode).to.equal('600');
      expect(existsSync(deployment.secretFile!), 'the secret file is removed afterwards').to.equal(false);
      expect(await readFile(join(fakeDir, 'secret.txt'), 'utf8')).to.equal(SECRET);
      expect(all[4]!.args).to.include.members(['--name', 'fabrikam-partner-support', '--type', 'zip']);
      expect(r.stdout).to.contain('subscription Fabrikam Production (11111111-2222-3333-4444-555555555555)');
      expect(r.stdout).to.contain('Messaging endpoint: https://fabrikam-partner-support.azurewebsites.net/api/messages');
      expect(r.stdout).to.contain(`Bot id (MicrosoftAppId): ${APP_ID}`);
      expect(healthHits).to.be.at.least(1);
      expect(r.stdout).to.contain('healthy: 200');
      expect(r.stdout).to.contain(
        'STORE=azure AZURE_STORAGE_CONNECTION_STRING="$(az storage account show-connection-string --resource-group rg-psb --name stabc123def456g --query connectionString --output tsv)" npm run import -- directory.json',
      );
      expect(r.stdout).to.contain(`MicrosoftAppId=${APP_ID} TEAMS_APP_DEVELOPER_NAME=`);
    });

    it('the zip holds the sources App Service builds from, at its root, and nothing private', async () => {
      const r = await run(['-g', 'rg-psb', '-p', paramsFile, '--wait', '0']);
      expect(r.code, r.stderr).to.equal(0);
      const zip = await JSZip.loadAsync(await readFile(join(fakeDir, 'app.zip')));
      const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
      expect(names).to.include.members([
        'package.json', 'package-lock.json', '.npmrc', 'tsconfig.json', 'tsconfig.build.json', 'scripts/run.mjs',
        'src/cli/serve.ts', 'src/knowledge/entries.json', 'cards/balance.json', 'contracts/directory.schema.json', '.deployment',
      ]);
      expect(names.filter((n) => /^(?:test|bench|docs|node_modules|data|build|dist|infra|manifest)\/|(?:^|\/)\.env|^\.git\//.test(n))).to.deep.equal([]);
      expect(names.sort()).to.deep.equal([...appFiles(ROOT), '.deployment'].sort());
      expect(await zip.file('.deployment')!.async('string')).to.equal('[config]\nSCM_DO_BUILD_DURING_DEPLOYMENT=true\n');
      expect(await zip.file('package.json')!.async('string')).to.equal(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    });

    it('--only app deploys the code to the Web App the last deployment reported, without the secret', async () => {
      const r = await run(['-g', 'rg-psb', '-p', paramsFile, '--only', 'app', '--wait', '0'], { env: { MicrosoftAppPassword: undefined } });
      expect(r.code, r.stderr).to.equal(0);
      expect(await verbs()).to.deep.equal(['version', 'account show', 'deployment group show', 'webapp deploy']);
    });

    it('--only infra deploys the template and leaves the code alone', async () => {
      const r = await run(['-g', 'rg-psb', '-p', paramsFile, '--only', 'infra']);
      expect(r.code, r.stderr).to.equal(0);
      expect(await verbs()).to.deep.equal(['version', 'account show', 'group create', 'deployment group create']);
      expect(healthHits).to.equal(0);
    });

    it('stops at a failed az command with exit 1, removes the secret file and deploys no code', async () => {
      const r = await run(['-g', 'rg-psb', '-p', paramsFile], { env: { FAKE_AZ_MODE: 'fail-deploy' } });
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('InvalidTemplateDeployment');
      expect(r.stderr).to.contain('npm run deploy: az deployment group create failed (exit 1)');
      const all = await calls();
      expect(all.map((c) => c.args[0])).to.not.include('webapp');
      expect(existsSync(all[3]!.secretFile!)).to.equal(false);
      noSecretIn(r);
    });
  });

  describe('the plan (src/cli/deployPlan.ts)', () => {
    it('quotes what a shell would split or expand', () => {
      expect(formatCommand(['group', 'create', '--name', 'my rg', '--tags', "it's"])).to.equal(`az group create --name 'my rg' --tags 'it'\\''s'`);
    });

    it('reads the outputs, naming any the template did not report', () => {
      expect(() => readOutputs({ botId: { type: 'String', value: APP_ID } })).to.throw(/did not report messagingEndpoint, botResourceName, webAppName/);
    });
  });
});
