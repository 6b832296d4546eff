/**
 * `npm run package [-- --for-testing]`: builds the Teams app package an administrator uploads.
 *
 * Reads the bot's Microsoft App ID from `MicrosoftAppId` (the environment, or `.env` in the current
 * directory), puts it into a copy of `manifest/manifest.json` wherever the placeholder
 * `${{MICROSOFT_APP_ID}}` stands (the app `id` and `bots[0].botId`), sets the publisher's details
 * from `TEAMS_APP_DEVELOPER_NAME`, `TEAMS_APP_WEBSITE_URL`, `TEAMS_APP_PRIVACY_URL`,
 * `TEAMS_APP_TERMS_URL` and `TEAMS_APP_VERSION` when they are set, and writes
 * `dist/partner-support-bot.zip` (relative to the current directory) with manifest.json, de.json,
 * color.png and outline.png at the zip root. The files in `manifest/` are never changed.
 *
 * It refuses a package that still holds placeholders (example.com URLs, the zero GUID, `<...>`,
 * words such as "example"), naming each field, unless `--for-testing` says the package is only for
 * a test tenant; then it lists them as warnings and writes the package.
 *
 * Exit codes: 0 written (the path is printed); 1 the app id is missing or not a GUID, placeholders
 * remain, or the package could not be written; 2 usage.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { loadDotEnv } from '../config.js';
import { parseCliArgs, UsageError } from './cliSupport.js';
import { applyOverrides, checkPackage, describeCheck, fillManifest, fixHints, PackageError } from './teamsPackage.js';

export const PACKAGE_FILES = ['manifest.json', 'de.json', 'color.png', 'outline.png'] as const;
export const OUTPUT_PATH = join('dist', 'partner-support-bot.zip');

const MANIFEST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../manifest');
const USAGE = 'Usage: npm run package [-- --for-testing]   (MicrosoftAppId and TEAMS_APP_* from the environment or .env)';

async function main(args: string[]): Promise<number> {
  let forTesting: boolean;
  try {
    const options = parseCliArgs(args, { 'for-testing': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    forTesting = options['for-testing'] === true;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`npm run package: ${err.message}\n${USAGE}`);
    return 2;
  }
  loadDotEnv();
  let manifest: Record<string, unknown>;
  let localization: string;
  try {
    const filled = fillManifest(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'), process.env.MicrosoftAppId);
    manifest = applyOverrides(JSON.parse(filled) as Record<string, unknown>, process.env);
    localization = readFileSync(join(MANIFEST_DIR, 'de.json'), 'utf8');
    const check = checkPackage(manifest, JSON.parse(localization));
    const lines = describeCheck(check);
    if (lines.length > 0 && !forTesting) {
      throw new PackageError(
        `the Teams app package would still hold ${lines.length} placeholder value${lines.length === 1 ? '' : 's'}; nothing was written:\n` +
          `${lines.join('\n')}\n${fixHints(check).join('\n')}\n` +
          'For a package meant only for a test tenant, run: npm run package -- --for-testing',
      );
    }
    if (lines.length > 0) {
      console.error(`npm run package: --for-testing: the package keeps ${lines.length} placeholder value${lines.length === 1 ? '' : 's'}; do not publish it:`);
      console.error(lines.join('\n'));
    }
  } catch (err) {
    if (!(err instanceof PackageError)) throw err;
    console.error(`npm run package: ${err.message}`);
    return 1;
  }
  const zip = new JSZip();
  const date = new Date('2020-01-01T00:00:00Z'); // fixed timestamps: the same input gives the same zip
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  zip.file('de.json', localization, { date });
  for (const name of PACKAGE_FILES.slice(2)) zip.file(name, readFileSync(join(MANIFEST_DIR, name)), { date });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  mkdirSync(dirname(OUTPUT_PATH), { recursive: true });
  writeFileSync(OUTPUT_PATH, bytes);
  console.log(`Wrote ${resolve(OUTPUT_PATH)}${forTesting ? ' (for testing only)' : ''}`);
  console.log('Upload it in Teams (Apps > Manage your apps > Upload an app) or the Teams admin center.');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`npm run package: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
