/**
 * `npm run deploy -- --resource-group <name> [options]`: the bot on Azure, through the Azure CLI.
 *
 *   1. checks that `az` is installed and logged in (and says what to do when not);
 *   2. creates or updates the resource group and deploys infra/main.bicep with the parameters file
 *      (the client secret, MicrosoftAppPassword from the environment or .env, goes in a private
 *      temporary parameters file that is removed afterwards, never on the command line);
 *   3. zips the app's sources and runs `az webapp deploy` (App Service installs and builds on Linux);
 *   4. waits for /healthz and prints the messaging endpoint and the next steps.
 *
 * Options: --location (default: the parameters file's), --subscription, --parameters <file>
 * (default infra/main.parameters.json), --only infra|app, --wait <seconds> (default 300; 0 = no
 * wait), --dry-run (print the az commands, run none, need no az).
 *
 * It refuses a parameters file that still holds placeholders (`<...>`, the zero GUID), naming each.
 * Exit codes: 0 deployed (or printed); 1 refused or an az command failed; 2 usage.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { loadDotEnv } from '../config.js';
import { parseCliArgs, UsageError } from './cliSupport.js';
import {
  appCommands,
  appFiles,
  checkCommands,
  DEPLOYMENT_FILE,
  formatCommand,
  infraCommands,
  nextSteps,
  outputsCommand,
  PASSWORD_PARAMETER,
  readOutputs,
  secretParametersDocument,
  type AzCommand,
  type DeployOptions,
  type DeploymentOutputs,
} from './deployPlan.js';
import { describePlaceholders, findPlaceholders } from './placeholders.js';

const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const TEMPLATE = join(ROOT, 'infra', 'main.bicep');
const DEFAULT_PARAMETERS = join(ROOT, 'infra', 'main.parameters.json');
const AZ = process.platform === 'win32' ? 'az.cmd' : 'az';

const USAGE = `Usage: npm run deploy -- --resource-group <name> [--location <region>] [--subscription <id or name>]
         [--parameters <file>] [--only infra|app] [--wait <seconds>] [--dry-run]
  MicrosoftAppPassword (the app registration's client secret) comes from the environment or .env.`;

/** Something the operator must fix; printed without a stack trace, exit 1. */
class DeployError extends Error {}

interface Parameters {
  parameters: Record<string, { value?: unknown } | undefined>;
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function readParameters(file: string): Parameters {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DeployError(`cannot read the parameters file ${file}: ${(err as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as Parameters;
    if (!parsed || typeof parsed.parameters !== 'object') throw new Error('it has no "parameters" object');
    return parsed;
  } catch (err) {
    throw new DeployError(`the parameters file ${file} is not a deployment parameters file: ${(err as Error).message}`);
  }
}

/** Runs one az command: output to the terminal, or captured and parsed as JSON. */
function az(command: AzCommand, echo = true): unknown {
  if (echo) console.log(`\n# ${command.what}\n$ ${formatCommand(command.args)}`);
  const result = spawnSync(AZ, command.args, {
    stdio: ['inherit', command.json ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    shell: process.platform === 'win32',
  });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DeployError(
        'the Azure CLI (az) is not installed or not on PATH. Install it (https://learn.microsoft.com/cli/azure/install-azure-cli), ' +
          'run az login, and try again.',
      );
    }
    throw new DeployError(`could not run az: ${result.error.message}`);
  }
  if (result.status !== 0) throw new DeployError(`az ${command.args.slice(0, 3).join(' ')} failed (exit ${result.status}); its message is above.`);
  if (!command.json) return undefined;
  try {
    return JSON.parse(result.stdout || 'null') as unknown;
  } catch {
    throw new DeployError(`az ${command.args.slice(0, 3).join(' ')} printed no JSON: ${result.stdout.slice(0, 200)}`);
  }
}

/** `az version` and `az account show`, with a plain message for each way they fail. */
function checkAz(options: DeployOptions): void {
  const [version, account] = checkCommands(options);
  const v = az(version!, false) as Record<string, string> | null;
  try {
    const a = az(account!, false) as { name?: string; id?: string; tenantId?: string; user?: { name?: string } } | null;
    console.log(`Azure CLI ${v?.['azure-cli'] ?? '?'}; subscription ${a?.name ?? '?'} (${a?.id ?? '?'}), tenant ${a?.tenantId ?? '?'}, as ${a?.user?.name ?? '?'}`);
  } catch (err) {
    if (!(err instanceof DeployError)) throw err;
    throw new DeployError(
      `the Azure CLI is not logged in${options.subscription ? ` or cannot use subscription ${options.subscription}` : ''}: run az login ` +
        '(and az account set --subscription <id> to choose the subscription), then try again.',
    );
  }
}

/** The deployment's outputs, or a DeployError naming the missing ones. */
function outputsFrom(json: unknown): DeploymentOutputs {
  try {
    return readOutputs(json);
  } catch (err) {
    throw new DeployError(`${(err as Error).message}; is infra/main.bicep the template that was deployed?`);
  }
}

async function writeAppZip(dir: string): Promise<{ path: string; files: number; bytes: number }> {
  const zip = new JSZip();
  const date = new Date('2020-01-01T00:00:00Z');
  const files = appFiles(ROOT);
  for (const file of files) zip.file(file, readFileSync(join(ROOT, file)), { date });
  zip.file(DEPLOYMENT_FILE.name, DEPLOYMENT_FILE.text, { date });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const path = join(dir, 'partner-support-bot-app.zip');
  writeFileSync(path, bytes);
  return { path, files: files.length + 1, bytes: bytes.length };
}

/** Polls the health URL until it answers 200 or the time is up. */
async function waitForHealth(url: string, seconds: number): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  console.log(`\n# Wait up to ${seconds} s for ${url}`);
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      last = `${response.status} ${(await response.text()).slice(0, 200)}`;
      if (response.status === 200) {
        console.log(`healthy: ${last}`);
        return true;
      }
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, Math.min(10_000, Math.max(0, deadline - Date.now()))));
  }
  console.log(`not healthy yet (last answer: ${last || 'none'}). Look at the log: az webapp log tail --resource-group <group> --name <web app>`);
  return false;
}

async function main(args: string[]): Promise<number> {
  let values;
  try {
    values = parseCliArgs(args, {
      'resource-group': { type: 'string', short: 'g' },
      location: { type: 'string', short: 'l' },
      subscription: { type: 'string' },
      parameters: { type: 'string', short: 'p' },
      only: { type: 'string' },
      wait: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (!values['resource-group']) throw new UsageError('--resource-group is required');
    if (values.only !== undefined && values.only !== 'infra' && values.only !== 'app') throw new UsageError('--only takes infra or app');
    if (values.wait !== undefined && !/^\d+$/.test(values.wait)) throw new UsageError('--wait takes a number of seconds');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`npm run deploy: ${err.message}\n${USAGE}`);
    return 2;
  }
  const dryRun = values['dry-run'] === true;
  const only = values.only as DeployOptions['only'];
  const parametersFile = resolve(values.parameters ?? DEFAULT_PARAMETERS);
  loadDotEnv();
  try {
    const parameters = readParameters(parametersFile);
    const placeholders = findPlaceholders(parameters.parameters);
    if (placeholders.length > 0) {
      const lines = describePlaceholders(placeholders, 'parameters.');
      if (!dryRun) {
        throw new DeployError(
          `${shown(parametersFile)} still holds ${placeholders.length} placeholder value${placeholders.length === 1 ? '' : 's'}; nothing was deployed:\n` +
            `${lines.join('\n')}\nFill them in (the app registration's ids, a globally unique appName), or pass --parameters <your file>.`,
        );
      }
      console.error(`npm run deploy: --dry-run: ${shown(parametersFile)} still holds placeholders; a real run refuses it:\n${lines.join('\n')}`);
    }
    if (PASSWORD_PARAMETER in parameters.parameters) {
      throw new DeployError(`${shown(parametersFile)} holds ${PASSWORD_PARAMETER}: remove it from the file; the secret comes from MicrosoftAppPassword in the environment or .env.`);
    }
    const location = values.location ?? (typeof parameters.parameters.location?.value === 'string' ? parameters.parameters.location.value : undefined);
    if (!location) throw new DeployError(`no --location given and ${shown(parametersFile)} names no location.`);
    const options: DeployOptions = {
      resourceGroup: values['resource-group']!,
      location,
      subscription: values.subscription,
      templateFile: TEMPLATE,
      parametersFile,
      only,
    };
    const password = process.env.MicrosoftAppPassword?.trim();
    if (only !== 'app' && !password) {
      const message = 'MicrosoftAppPassword is not set: set it (environment or .env) to a client secret of the bot\'s app registration; it is stored in Key Vault.';
      if (!dryRun) throw new DeployError(message);
      console.error(`npm run deploy: --dry-run: ${message}`);
    }
    const appName = typeof parameters.parameters.appName?.value === 'string' ? parameters.parameters.appName.value : '<appName>';

    if (dryRun) {
      console.log('Dry run: nothing is run. A real run runs these commands, in this order:');
      const commands = [
        ...checkCommands(options),
        ...(only === 'app' ? [outputsCommand(options)] : infraCommands(options, `<private temporary file with ${PASSWORD_PARAMETER}>`)),
        ...(only === 'infra' ? [] : appCommands(options, appName, '<temporary partner-support-bot-app.zip>')),
      ];
      for (const command of commands) console.log(`\n# ${command.what}\n${formatCommand(command.args)}`);
      if (only !== 'infra') {
        const files = appFiles(ROOT);
        const tops = [...new Set(files.map((f) => (f.includes('/') ? `${f.split('/')[0]}/` : f)))];
        console.log(`\nThe zip would hold ${files.length + 1} files: ${tops.join(', ')}, ${DEPLOYMENT_FILE.name}`);
      }
      return 0;
    }

    checkAz(options);
    let outputs: DeploymentOutputs;
    if (only === 'app') {
      outputs = outputsFrom(az(outputsCommand(options)));
    } else {
      const secretDir = mkdtempSync(join(tmpdir(), 'psb-deploy-'));
      try {
        const secretFile = join(secretDir, 'secret.parameters.json');
        writeFileSync(secretFile, secretParametersDocument(password!), { mode: 0o600 });
        const [group, deployment] = infraCommands(options, secretFile);
        az(group!);
        outputs = outputsFrom(az(deployment!));
      } finally {
        rmSync(secretDir, { recursive: true, force: true });
      }
    }
    if (only !== 'infra') {
      const zipDir = mkdtempSync(join(tmpdir(), 'psb-app-'));
      try {
        const zip = await writeAppZip(zipDir);
        console.log(`\nPacked ${zip.files} files (${Math.round(zip.bytes / 1024)} KiB) into ${zip.path}`);
        for (const command of appCommands(options, outputs.webAppName, zip.path)) az(command);
      } finally {
        rmSync(zipDir, { recursive: true, force: true });
      }
      const seconds = values.wait === undefined ? 300 : Number(values.wait);
      if (seconds > 0) await waitForHealth(outputs.healthUrl, seconds);
    }
    console.log(`\n${nextSteps(outputs, options).join('\n')}`);
    return 0;
  } catch (err) {
    if (!(err instanceof DeployError)) throw err;
    console.error(`npm run deploy: ${err.message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`npm run deploy: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
