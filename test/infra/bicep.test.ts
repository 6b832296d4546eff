/**
 * infra/main.bicep and infra/main.parameters.json, checked offline.
 *
 * No Bicep compiler runs here: the Bicep CLI is a .NET program fetched from GitHub or
 * downloads.bicep.azure.com (so are `az bicep install` and npm `bicep-node`'s Bicep.install()),
 * and this machine reaches neither. What runs instead is the tree-sitter Bicep grammar (npm
 * `tree-sitter-bicep`, its WebAssembly build in `web-tree-sitter`): the template must parse without
 * a syntax error, and the tests below read its parameters, resources, app settings and outputs
 * from the syntax tree. Resource property names and API versions are checked by name against what
 * the template is meant to hold, not against Azure's resource schemas.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPLOYMENT_OUTPUTS, PASSWORD_PARAMETER } from '../../src/cli/deployPlan.js';
import { readConfig } from '../../src/config.js';
import { Expr, get, parseBicep, type BicepModel, type Param, type Resource, type Value } from './bicepModel.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATE = readFileSync(join(ROOT, 'infra/main.bicep'), 'utf8');
const PARAMETERS = JSON.parse(readFileSync(join(ROOT, 'infra/main.parameters.json'), 'utf8')) as {
  $schema: string;
  contentVersion: string;
  parameters: Record<string, { value?: unknown; reference?: unknown }>;
};

/** Bicep's functions and namespaces that a template may name without declaring them. */
const BUILT_INS = new Set(['az', 'sys']);

function resourceOf(model: BicepModel, type: string): Resource {
  const found = model.resources.filter((r) => r.type === type);
  expect(found, `exactly one ${type}`).to.have.length(1);
  return found[0]!;
}

/** App settings as name -> Bicep value. */
function appSettings(model: BicepModel): Map<string, Value> {
  const list = get(resourceOf(model, 'Microsoft.Web/sites').body, 'properties.siteConfig.appSettings');
  expect(list, 'siteConfig.appSettings is a literal array').to.be.an('array');
  const settings = new Map<string, Value>();
  for (const item of list as Value[]) {
    const name = get(item, 'name');
    expect(name, 'each app setting has a literal name').to.be.a('string');
    expect(settings.has(name as string), `app setting ${String(name)} twice`).to.equal(false);
    settings.set(name as string, get(item, 'value') ?? null);
  }
  return settings;
}

/** A value as the deployment would see it, for parameters and variables given as plain names. */
function resolve(model: BicepModel, value: Value | undefined, parameterValues: Record<string, unknown>): unknown {
  if (!(value instanceof Expr)) return value;
  const name = value.text;
  if (name in parameterValues) return parameterValues[name];
  if (model.vars.has(name)) return resolve(model, model.vars.get(name), parameterValues);
  const param = model.params.get(name);
  if (param && param.default !== undefined) return resolve(model, param.default, parameterValues);
  return value;
}

/** A parameter's default or a variable's value, by name. */
function valueOf(model: BicepModel, name: string): unknown {
  const value = model.vars.has(name) ? model.vars.get(name) : model.params.get(name)?.default;
  return resolve(model, value, {});
}

function decorator(param: Param, name: string): Value[] | undefined {
  return param.decorators.find((d) => d.name === name)?.args;
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'number';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

describe('infra/main.bicep (parsed offline with the tree-sitter Bicep grammar)', () => {
  let model: BicepModel;
  before(async () => {
    model = await parseBicep(TEMPLATE);
  });

  describe('syntax', () => {
    it('parses without a syntax error', () => {
      expect(model.problems.map((p) => `line ${p.line}:${p.column} ${p.text}`)).to.deep.equal([]);
      expect(model.targetScope).to.equal('resourceGroup');
    });

    it('the parse bites: a missing brace, a stray token or an unclosed string is reported with its line', async () => {
      const broken = [
        TEMPLATE.replace("resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {", "resource plan 'Microsoft.Web/serverfarms@2023-12-01' ="),
        TEMPLATE.replace("httpsOnly: true", "httpsOnly: true true"),
        TEMPLATE.replace("healthCheckPath: '/healthz'", "healthCheckPath: '/healthz"),
      ];
      for (const source of broken) {
        const problems = (await parseBicep(source)).problems;
        expect(problems, 'a syntax error').to.not.be.empty;
        expect(problems[0]!.line).to.be.greaterThan(1);
      }
    });

    it('every name used in an expression is a declared parameter, variable, resource or loop variable', () => {
      const undeclared = model.references.filter((r) => !model.declared.has(r.name) && !BUILT_INS.has(r.name));
      expect(undeclared.map((r) => `${r.name} (line ${r.line})`)).to.deep.equal([]);
    });

    it('the reference check bites: a misspelt symbol is reported', async () => {
      const misspelt = await parseBicep(TEMPLATE.replace('serverFarmId: plan.id', 'serverFarmId: plann.id'));
      expect(misspelt.references.filter((r) => !misspelt.declared.has(r.name) && !BUILT_INS.has(r.name)).map((r) => r.name)).to.deep.equal(['plann']);
    });

    it('every parameter, variable and resource is used', () => {
      const used = new Set(model.references.map((r) => r.name));
      const unused = [...model.params.keys(), ...model.vars.keys(), ...model.resources.map((r) => r.symbol)].filter((n) => !used.has(n));
      // The Teams channel and the tables are leaves nothing else refers to; the linter does not ask that of resources.
      expect(unused.filter((n) => !model.resources.some((r) => r.symbol === n))).to.deep.equal([]);
    });

    it('resource types look like <Namespace>/<type>@<api version>, and a child names its parent of the parent type', () => {
      const bySymbol = new Map(model.resources.map((r) => [r.symbol, r]));
      for (const r of model.resources) {
        expect(r.type, r.symbol).to.match(/^Microsoft\.[A-Za-z]+(?:\/[A-Za-z]+)+$/);
        expect(r.apiVersion, r.symbol).to.match(/^\d{4}-\d{2}-\d{2}(?:-preview)?$/);
        const parent = r.body.parent;
        if (parent instanceof Expr) {
          const p = bySymbol.get(parent.text);
          expect(p, `${r.symbol}'s parent ${parent.text}`).to.not.equal(undefined);
          expect(r.type.startsWith(`${p!.type}/`), `${r.type} under ${p!.type}`).to.equal(true);
          expect(r.type.split('/').length, r.symbol).to.equal(p!.type.split('/').length + 1);
        } else {
          expect(r.type.split('/').length, `${r.symbol} is top level`).to.equal(2);
        }
      }
    });
  });

  describe('the parameters file', () => {
    it('is an ARM deployment parameters file', () => {
      expect(PARAMETERS.$schema).to.equal('https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#');
      expect(PARAMETERS.contentVersion).to.equal('1.0.0.0');
    });

    it("names exactly the template's parameters, except the secure one", () => {
      const secure = [...model.params.values()].filter((p) => p.secure).map((p) => p.name);
      expect(secure).to.deep.equal([PASSWORD_PARAMETER]);
      const expected = [...model.params.keys()].filter((n) => !secure.includes(n));
      expect(Object.keys(PARAMETERS.parameters)).to.have.members(expected);
      expect(Object.keys(PARAMETERS.parameters)).to.have.length(expected.length);
    });

    it('never holds the client secret, nor a Key Vault reference for it', () => {
      expect(PARAMETERS.parameters).to.not.have.property(PASSWORD_PARAMETER);
      expect(JSON.stringify(PARAMETERS).toLowerCase()).to.not.match(/password|secret|accountkey/);
    });

    it("gives every value the parameter's type, within its @allowed values, lengths and bounds", () => {
      for (const [name, entry] of Object.entries(PARAMETERS.parameters)) {
        const param = model.params.get(name)!;
        expect(entry, name).to.have.property('value');
        const value = entry.value;
        expect(jsonType(value), `${name} is ${param.type}`).to.equal(param.type === 'int' ? 'int' : param.type);
        const allowed = decorator(param, 'allowed')?.[0];
        if (Array.isArray(allowed)) expect(allowed, `${name} allowed`).to.deep.include(value as Value);
        const minLength = decorator(param, 'minLength')?.[0];
        const maxLength = decorator(param, 'maxLength')?.[0];
        if (typeof value === 'string' && typeof minLength === 'number') expect(value.length, `${name} length`).to.be.at.least(minLength);
        if (typeof value === 'string' && typeof maxLength === 'number' && !value.startsWith('<')) expect(value.length, `${name} length`).to.be.at.most(maxLength);
        const minValue = decorator(param, 'minValue')?.[0];
        const maxValue = decorator(param, 'maxValue')?.[0];
        if (typeof value === 'number' && typeof minValue === 'number') expect(value, name).to.be.at.least(minValue);
        if (typeof value === 'number' && typeof maxValue === 'number') expect(value, name).to.be.at.most(maxValue);
      }
    });

    it('repeats the defaults of the template (so reading the file tells what is deployed), except for the values to fill in', () => {
      for (const [name, entry] of Object.entries(PARAMETERS.parameters)) {
        const param = model.params.get(name)!;
        if (param.default === undefined || param.default instanceof Expr) continue; // no default, or computed (location)
        expect(entry.value, name).to.deep.equal(param.default);
      }
    });

    it('marks the values an operator must fill in as placeholders (npm run deploy refuses them)', () => {
      expect(PARAMETERS.parameters.appName?.value).to.match(/^<.*>$/);
      expect(PARAMETERS.parameters.microsoftAppId?.value).to.equal('00000000-0000-0000-0000-000000000000');
      expect(PARAMETERS.parameters.microsoftAppTenantId?.value).to.equal('00000000-0000-0000-0000-000000000000');
    });
  });

  describe('App Service', () => {
    it('a Linux plan with two instances', () => {
      const plan = resourceOf(model, 'Microsoft.Web/serverfarms');
      expect(plan.body.kind).to.equal('linux');
      expect(get(plan.body, 'properties.reserved')).to.equal(true);
      const capacity = get(plan.body, 'sku.capacity');
      expect(capacity).to.be.instanceOf(Expr);
      expect(resolve(model, capacity, {})).to.equal(2);
      expect(PARAMETERS.parameters[(capacity as Expr).text]?.value).to.equal(2);
      expect(get(plan.body, 'sku.name')).to.be.instanceOf(Expr);
    });

    it('a Web App on that plan: Node 20 (linuxFxVersion), HTTPS only, Always On, /healthz, no ARR affinity, a managed identity', () => {
      const app = resourceOf(model, 'Microsoft.Web/sites');
      expect(app.body.kind).to.equal('app,linux');
      expect(get(app.body, 'identity.type')).to.equal('SystemAssigned');
      expect(String(get(app.body, 'properties.serverFarmId'))).to.equal('plan.id');
      expect(get(app.body, 'properties.httpsOnly')).to.equal(true);
      expect(get(app.body, 'properties.clientAffinityEnabled')).to.equal(false);
      const site = get(app.body, 'properties.siteConfig');
      expect(get(site, 'alwaysOn')).to.equal(true);
      expect(get(site, 'healthCheckPath')).to.equal('/healthz');
      expect(get(site, 'ftpsState')).to.equal('Disabled');
      expect(String(get(site, 'linuxFxVersion'))).to.equal("'NODE|${nodeVersion}'");
      expect(valueOf(model, 'nodeVersion')).to.equal('20-lts');
    });

    it('starts the compiled server that npm run build writes (build/cli/serve.js from src/cli/serve.ts)', () => {
      const command = get(resourceOf(model, 'Microsoft.Web/sites').body, 'properties.siteConfig.appCommandLine');
      expect(command).to.equal('node --no-deprecation build/cli/serve.js');
      expect(readFileSync(join(ROOT, 'src/cli/serve.ts'), 'utf8')).to.contain('runServer');
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
      expect(pkg.scripts.build).to.equal('node scripts/run.mjs build');
      expect(JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8'))).to.deep.include({ include: ['src'] });
    });

    it('the app settings the bot reads: Microsoft*, STORE=azure, the storage connection string; secrets only as Key Vault references', () => {
      const settings = appSettings(model);
      expect([...settings.keys()]).to.include.members([
        'MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'MicrosoftAppPassword', 'STORE', 'AZURE_STORAGE_CONNECTION_STRING', 'DATA_DIR',
      ]);
      expect(settings.get('STORE')).to.equal('azure');
      expect(resolve(model, settings.get('MicrosoftAppType'), {})).to.equal('SingleTenant');
      expect(String(settings.get('MicrosoftAppId'))).to.equal('microsoftAppId');
      expect(String(settings.get('MicrosoftAppTenantId'))).to.equal('microsoftAppTenantId');
      for (const secret of ['MicrosoftAppPassword', 'AZURE_STORAGE_CONNECTION_STRING']) {
        expect(String(settings.get(secret)), secret).to.match(/^'@Microsoft\.KeyVault\(VaultName=\$\{vault\.name\};SecretName=\$\{\w+\.name\}\)'$/);
      }
      // The secure parameter and the account key reach the app only through Key Vault.
      for (const [name, value] of settings) {
        expect(String(value), name).to.not.match(/\bmicrosoftAppPassword\b|listKeys/);
      }
      expect(settings.get('SCM_DO_BUILD_DURING_DEPLOYMENT')).to.equal('true');
    });

    it('each app setting is a variable the bot documents (.env.example), STORE and its connection string, or an App Service switch', () => {
      const documented = new Set([...readFileSync(join(ROOT, '.env.example'), 'utf8').matchAll(/^#?\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]!));
      const known = new Set([...documented, 'STORE', 'AZURE_STORAGE_CONNECTION_STRING', 'SCM_DO_BUILD_DURING_DEPLOYMENT']);
      expect([...appSettings(model).keys()].filter((n) => !known.has(n))).to.deep.equal([]);
    });

    it('src/config.ts accepts the settings as deployed (secrets resolved, the parameters file filled in)', () => {
      const filled = { microsoftAppId: '3f2b8c1e-7a4d-4e9b-8c21-5d6e7f8a9b0c', microsoftAppTenantId: '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01' };
      const values = { ...Object.fromEntries(Object.entries(PARAMETERS.parameters).map(([k, v]) => [k, v.value])), ...filled };
      const env: NodeJS.ProcessEnv = { PORT: '8080' }; // App Service sets PORT
      for (const [name, value] of appSettings(model)) {
        const resolved = resolve(model, value, values);
        env[name] = resolved instanceof Expr ? (resolved.text.includes('@Microsoft.KeyVault') ? 'secret-from-key-vault' : undefined) : String(resolved);
      }
      // The storage secret is the account's connection string (built from its key in the template).
      const storageSecret = model.resources.find((r) => r.symbol === 'storageSecret')!;
      expect(String(get(storageSecret.body, 'properties.value'))).to.match(/DefaultEndpointsProtocol=https;AccountName=.*;AccountKey=/);
      env.AZURE_STORAGE_CONNECTION_STRING = 'DefaultEndpointsProtocol=https;AccountName=stabc;AccountKey=a2V5;EndpointSuffix=core.windows.net';
      const config = readConfig(env);
      expect(config.store).to.deep.include({ kind: 'azure', tablePrefix: PARAMETERS.parameters.tablePrefix?.value, container: PARAMETERS.parameters.directoryContainerName?.value });
      expect(config.auth).to.deep.equal({ appType: 'SingleTenant', appId: filled.microsoftAppId, appPassword: 'secret-from-key-vault', tenantId: filled.microsoftAppTenantId });
      expect(config.host).to.equal('0.0.0.0');
      expect(config.remindersAtUtc).to.equal('07:00');
    });

    it('DATA_DIR is on the instance\'s own disk, not the /home share every instance mounts', () => {
      const dataDir = resolve(model, appSettings(model).get('DATA_DIR'), {});
      expect(dataDir).to.be.a('string').and.match(/^\//);
      expect(dataDir as string).to.not.match(/^\/home(\/|$)/);
      expect(PARAMETERS.parameters.dataDir?.value).to.equal(dataDir);
    });
  });

  describe('Storage and Key Vault', () => {
    it('a storage account with HTTPS and TLS 1.2 only, no public blobs', () => {
      const storage = resourceOf(model, 'Microsoft.Storage/storageAccounts');
      expect(storage.body.kind).to.equal('StorageV2');
      expect(get(storage.body, 'properties.supportsHttpsTrafficOnly')).to.equal(true);
      expect(get(storage.body, 'properties.minimumTlsVersion')).to.equal('TLS1_2');
      expect(get(storage.body, 'properties.allowBlobPublicAccess')).to.equal(false);
    });

    it('a private blob container for the directory snapshot, with versioning to roll a bad import back', () => {
      const container = resourceOf(model, 'Microsoft.Storage/storageAccounts/blobServices/containers');
      expect(String(container.body.name)).to.equal('directoryContainerName');
      expect(get(container.body, 'properties.publicAccess')).to.equal('None');
      expect(get(resourceOf(model, 'Microsoft.Storage/storageAccounts/blobServices').body, 'properties.isVersioningEnabled')).to.equal(true);
    });

    it('one table <prefix><name> per table of the run-time store (TableName in src/store/types.ts)', () => {
      const tables = resourceOf(model, 'Microsoft.Storage/storageAccounts/tableServices/tables');
      expect(tables.loop).to.deep.equal({ variable: 'table', over: 'tableNames' });
      expect(String(tables.body.name)).to.equal("'${tablePrefix}${table}'");
      const types = readFileSync(join(ROOT, 'src/store/types.ts'), 'utf8');
      const union = /export type TableName = ([^;]+);/.exec(types)?.[1] ?? '';
      const names = [...union.matchAll(/'([A-Za-z][A-Za-z0-9]*)'/g)].map((m) => m[1]!);
      expect(names).to.not.be.empty;
      expect(model.params.get('tableNames')!.default).to.have.members(names);
      expect(model.params.get('tableNames')!.default).to.have.length(names.length);
      // Azure table names: 3-63 letters and digits, starting with a letter.
      for (const name of names) expect(`${String(valueOf(model, 'tablePrefix'))}${name}`).to.match(/^[A-Za-z][A-Za-z0-9]{2,62}$/);
    });

    it('the storage connection string is built from the account key into a Key Vault secret, and the Web App may read secrets', () => {
      const secrets = model.resources.filter((r) => r.type === 'Microsoft.KeyVault/vaults/secrets');
      expect(secrets.map((s) => String(get(s.body, 'properties.value')))).to.have.members([
        'microsoftAppPassword',
        "'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'",
      ]);
      const vault = resourceOf(model, 'Microsoft.KeyVault/vaults');
      expect(get(vault.body, 'properties.enableRbacAuthorization')).to.equal(true);
      const role = resourceOf(model, 'Microsoft.Authorization/roleAssignments');
      expect(String(role.body.scope)).to.equal('vault');
      expect(String(get(role.body, 'properties.principalId'))).to.equal('webApp.identity.principalId');
      // Key Vault Secrets User
      expect(valueOf(model, 'keyVaultSecretsUserRoleId')).to.equal('4633458b-17de-408a-b874-0445c86b69e6');
    });
  });

  describe('Azure Bot', () => {
    it('a single-tenant Azure Bot whose messaging endpoint is the Web App\'s /api/messages', () => {
      const bot = resourceOf(model, 'Microsoft.BotService/botServices');
      expect(bot.body.kind).to.equal('azurebot');
      expect(bot.body.location).to.equal('global');
      expect(resolve(model, get(bot.body, 'properties.msaAppType'), {})).to.equal('SingleTenant');
      expect(String(get(bot.body, 'properties.msaAppId'))).to.equal('microsoftAppId');
      expect(String(get(bot.body, 'properties.msaAppTenantId'))).to.equal('microsoftAppTenantId');
      expect(String(get(bot.body, 'properties.endpoint'))).to.equal("'https://${webApp.properties.defaultHostName}/api/messages'");
      const server = readFileSync(join(ROOT, 'src/server/server.ts'), 'utf8');
      expect(server).to.contain("'/api/messages'");
    });

    it('with the Microsoft Teams channel on', () => {
      const channel = resourceOf(model, 'Microsoft.BotService/botServices/channels');
      expect(String(channel.body.parent)).to.equal('bot');
      expect(channel.body.name).to.equal('MsTeamsChannel');
      expect(get(channel.body, 'properties.channelName')).to.equal('MsTeamsChannel');
      expect(get(channel.body, 'properties.properties.isEnabled')).to.equal(true);
    });
  });

  describe('outputs', () => {
    it('the messaging endpoint, the bot id and everything npm run deploy reads', () => {
      for (const name of DEPLOYMENT_OUTPUTS) {
        expect(model.outputs.get(name)?.type, name).to.equal('string');
      }
      expect(String(model.outputs.get('messagingEndpoint')!.value)).to.equal('bot.properties.endpoint');
      expect(String(model.outputs.get('botId')!.value)).to.equal('bot.properties.msaAppId');
    });

    it('no output carries a secret', () => {
      for (const output of model.outputs.values()) {
        expect(String(output.value), output.name).to.not.match(/microsoftAppPassword|listKeys|Secret\.|connectionString/i);
      }
    });
  });
});
