/**
 * `npm run package`: builds the Teams app package an administrator uploads.
 *
 * Reads the bot's Microsoft App ID from `MicrosoftAppId` (the environment, or `.env` in the current
 * directory), puts it into a copy of `manifest/manifest.json` wherever the placeholder
 * `${{MICROSOFT_APP_ID}}` stands (the app `id` and `bots[0].botId`), and writes
 * `dist/partner-support-bot.zip` (relative to the current directory) with manifest.json, de.json,
 * color.png and outline.png at the zip root. The files in `manifest/` are never changed.
 *
 * Exit codes: 0 written (the path is printed); 1 the app id is missing or not a GUID, or the
 * package could not be written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { loadDotEnv } from '../config.js';

/** The token in manifest/manifest.json that this script replaces with the app id. */
export const APP_ID_PLACEHOLDER = '${{MICROSOFT_APP_ID}}';
export const PACKAGE_FILES = ['manifest.json', 'de.json', 'color.png', 'outline.png'] as const;
export const OUTPUT_PATH = join('dist', 'partner-support-bot.zip');

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const MANIFEST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../manifest');

class PackageError extends Error {}

/** The manifest text with the app id filled in; throws PackageError when the id is unusable. */
export function fillManifest(template: string, appId: string | undefined): string {
  const id = appId?.trim() ?? '';
  if (id === '') {
    throw new PackageError(
      'MicrosoftAppId is not set. Set it to the bot\'s Microsoft App ID (Application (client) ID of the ' +
        'app registration behind your Azure Bot), in the environment or in .env, e.g.\n' +
        '  MicrosoftAppId=00000000-0000-0000-0000-000000000000 npm run package',
    );
  }
  if (!GUID.test(id)) {
    throw new PackageError(
      `MicrosoftAppId "${id}" is not a GUID. Use the Application (client) ID of the bot's app ` +
        'registration, e.g. 00000000-0000-0000-0000-000000000000.',
    );
  }
  const filled = template.split(APP_ID_PLACEHOLDER).join(id.toLowerCase());
  if (filled.includes('${{')) throw new PackageError('manifest/manifest.json contains an unknown ${{...}} placeholder.');
  const manifest = JSON.parse(filled) as { id?: unknown; bots?: { botId?: unknown }[] };
  if (manifest.id !== id.toLowerCase() || manifest.bots?.[0]?.botId !== id.toLowerCase()) {
    throw new PackageError(`manifest/manifest.json must use ${APP_ID_PLACEHOLDER} for both "id" and "bots[0].botId".`);
  }
  return filled;
}

async function main(): Promise<number> {
  loadDotEnv();
  let manifest: string;
  try {
    manifest = fillManifest(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'), process.env.MicrosoftAppId);
  } catch (err) {
    if (!(err instanceof PackageError)) throw err;
    console.error(`npm run package: ${err.message}`);
    return 1;
  }
  const zip = new JSZip();
  const date = new Date('2020-01-01T00:00:00Z'); // fixed timestamps: the same input gives the same zip
  zip.file('manifest.json', manifest, { date });
  for (const name of PACKAGE_FILES.slice(1)) zip.file(name, readFileSync(join(MANIFEST_DIR, name)), { date });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  mkdirSync(dirname(OUTPUT_PATH), { recursive: true });
  writeFileSync(OUTPUT_PATH, bytes);
  console.log(`Wrote ${resolve(OUTPUT_PATH)}`);
  console.log('Upload it in Teams (Apps > Manage your apps > Upload an app) or the Teams admin center.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`npm run package: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
