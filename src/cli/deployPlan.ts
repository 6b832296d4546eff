/**
 * What `npm run deploy` does, as data: the `az` commands in order, the files that go into the app
 * zip, and what to tell the operator afterwards. Pure (no process is started, nothing is written),
 * so `--dry-run` and the tests see exactly what a real run would run. The CLI is deploy.ts.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The name of the deployment in the resource group's history; `--only app` reads its outputs. */
export const DEPLOYMENT_NAME = 'partner-support-bot';

/** Outputs of infra/main.bicep that deploy.ts reads (test/infra checks the template has each). */
export const DEPLOYMENT_OUTPUTS = [
  'messagingEndpoint',
  'botId',
  'botResourceName',
  'webAppName',
  'healthUrl',
  'storageAccountName',
  'directoryContainerName',
  'keyVaultName',
] as const;
export type DeploymentOutputs = Record<(typeof DEPLOYMENT_OUTPUTS)[number], string>;

/** The secure parameter of the template that never goes into the parameters file. */
export const PASSWORD_PARAMETER = 'microsoftAppPassword';

/**
 * What the zip holds: the sources and what the server reads at run time. App Service installs the
 * dependencies and compiles (npm install, npm run build) on Linux during the deployment.
 * Never .env, data/, node_modules/, build/, dist/ or the tests.
 */
export const APP_PATHS = ['package.json', 'package-lock.json', '.npmrc', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'src', 'cards', 'contracts'] as const;
/** Names skipped anywhere below APP_PATHS. */
const SKIPPED = /^(?:\.env.*|node_modules|\.DS_Store|\.git|.*\.log)$/;

/** Kudu's own switch for a build during a zip deployment, alongside the app setting of the same name. */
export const DEPLOYMENT_FILE = { name: '.deployment', text: '[config]\nSCM_DO_BUILD_DURING_DEPLOYMENT=true\n' };

export interface DeployOptions {
  resourceGroup: string;
  location: string;
  subscription?: string;
  templateFile: string;
  parametersFile: string;
  only?: 'infra' | 'app';
}

export interface AzCommand {
  /** Arguments after `az`. */
  args: string[];
  /** One line for the operator: what this step does. */
  what: string;
  /** Print stdout (true) or capture it as JSON (false). */
  json: boolean;
}

/** Appended to every command when a subscription is chosen. */
function scoped(args: string[], o: DeployOptions): string[] {
  return o.subscription ? [...args, '--subscription', o.subscription] : args;
}

/** The checks a real run makes before anything else (dry runs only print them). */
export function checkCommands(o: DeployOptions): AzCommand[] {
  return [
    { args: ['version', '--output', 'json'], what: 'The Azure CLI is installed', json: true },
    { args: scoped(['account', 'show', '--output', 'json'], o), what: 'Logged in (az login), and which subscription', json: true },
  ];
}

/** Resource group and template. `secretParameters` is the temporary file with the client secret. */
export function infraCommands(o: DeployOptions, secretParameters: string): AzCommand[] {
  return [
    {
      args: scoped(['group', 'create', '--name', o.resourceGroup, '--location', o.location, '--output', 'none'], o),
      what: `Create or update resource group ${o.resourceGroup} in ${o.location}`,
      json: false,
    },
    {
      args: scoped(
        [
          'deployment', 'group', 'create',
          '--resource-group', o.resourceGroup,
          '--name', DEPLOYMENT_NAME,
          '--template-file', o.templateFile,
          '--parameters', `@${o.parametersFile}`,
          '--parameters', `@${secretParameters}`,
          '--query', 'properties.outputs',
          '--output', 'json',
        ],
        o,
      ),
      what: 'Deploy infra/main.bicep (plan, Web App, storage, Key Vault, Azure Bot, Teams channel)',
      json: true,
    },
  ];
}

/** Reading the outputs of the last deployment (for `--only app`). */
export function outputsCommand(o: DeployOptions): AzCommand {
  return {
    args: scoped(['deployment', 'group', 'show', '--resource-group', o.resourceGroup, '--name', DEPLOYMENT_NAME, '--query', 'properties.outputs', '--output', 'json'], o),
    what: `Read the outputs of deployment ${DEPLOYMENT_NAME}`,
    json: true,
  };
}

/** The zip deployment of the app. */
export function appCommands(o: DeployOptions, webAppName: string, zipPath: string): AzCommand[] {
  return [
    {
      args: scoped(
        ['webapp', 'deploy', '--resource-group', o.resourceGroup, '--name', webAppName, '--src-path', zipPath, '--type', 'zip', '--clean', 'true', '--restart', 'true'],
        o,
      ),
      what: `Upload the app to ${webAppName}; App Service runs npm install and npm run build, then restarts both instances`,
      json: false,
    },
  ];
}

/** `az ...` as one shell line, quoted where needed. */
export function formatCommand(args: string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['az', ...args].map(quote).join(' ');
}

/** The files of the app zip, relative to `root` with forward slashes, sorted. */
export function appFiles(root: string): string[] {
  const files: string[] = [];
  const visit = (path: string): void => {
    const name = path.split(sep).pop() ?? '';
    if (SKIPPED.test(name)) return;
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (stat.isFile()) {
      files.push(relative(root, path).split(sep).join('/'));
    }
  };
  for (const entry of APP_PATHS) visit(join(root, entry));
  return files.sort();
}

/** The parameters file for the secret, written to a private temporary file for one deployment. */
export function secretParametersDocument(password: string): string {
  return `${JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
    contentVersion: '1.0.0.0',
    parameters: { [PASSWORD_PARAMETER]: { value: password } },
  })}\n`;
}

/** ARM's outputs object ({ name: { type, value } }) as plain strings; throws naming what is missing. */
export function readOutputs(json: unknown): DeploymentOutputs {
  const outputs = (json ?? {}) as Record<string, { value?: unknown } | undefined>;
  const missing = DEPLOYMENT_OUTPUTS.filter((name) => typeof outputs[name]?.value !== 'string');
  if (missing.length > 0) throw new Error(`the deployment did not report ${missing.join(', ')}`);
  return Object.fromEntries(DEPLOYMENT_OUTPUTS.map((name) => [name, outputs[name]!.value as string])) as DeploymentOutputs;
}

/** What the operator does after a deployment, with the names filled in. */
export function nextSteps(out: DeploymentOutputs, o: DeployOptions): string[] {
  const sub = o.subscription ? ` --subscription ${o.subscription}` : '';
  return [
    `Messaging endpoint: ${out.messagingEndpoint}`,
    `Bot id (MicrosoftAppId): ${out.botId}`,
    `Health: ${out.healthUrl}`,
    '',
    'Next steps:',
    `1. Check both instances are up: curl ${out.healthUrl}  (expect {"status":"ok",...}; the first start after a deployment takes a few minutes)`,
    '2. Import the partner directory into the shared store (every instance reads it):',
    `   STORE=azure AZURE_STORAGE_CONNECTION_STRING="$(az storage account show-connection-string --resource-group ${o.resourceGroup} --name ${out.storageAccountName} --query connectionString --output tsv${sub})" npm run import -- directory.json`,
    '3. Build the Teams app package with your organization\'s URLs:',
    `   MicrosoftAppId=${out.botId} TEAMS_APP_DEVELOPER_NAME=... TEAMS_APP_WEBSITE_URL=https://... TEAMS_APP_PRIVACY_URL=https://... TEAMS_APP_TERMS_URL=https://... npm run package`,
    '4. Upload dist/partner-support-bot.zip in the Teams admin center (Teams apps > Manage apps > Upload new app); each partner organization\'s admin uploads it in their own tenant.',
    `5. Try it: Azure portal > ${out.botResourceName} > Test in Web Chat, then a personal chat in Teams ("help").`,
  ];
}
