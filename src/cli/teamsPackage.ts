/**
 * What `npm run package` puts into the Teams app package, as pure functions (the CLI in package.ts
 * reads the files and writes the zip): the app id filled in, the publisher's details from the
 * environment, and the check that nothing in the package is still a placeholder.
 */
import { describePlaceholders, findPlaceholders, type Placeholder } from './placeholders.js';

/** The token in manifest/manifest.json that is replaced with the app id. */
export const APP_ID_PLACEHOLDER = '${{MICROSOFT_APP_ID}}';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A problem the operator can fix; the CLI prints its message and exits 1. */
export class PackageError extends Error {}

/** Environment variables that replace the manifest's publisher fields, and where they go. */
export const MANIFEST_OVERRIDES = [
  { variable: 'TEAMS_APP_DEVELOPER_NAME', path: ['developer', 'name'], kind: 'text' },
  { variable: 'TEAMS_APP_WEBSITE_URL', path: ['developer', 'websiteUrl'], kind: 'url' },
  { variable: 'TEAMS_APP_PRIVACY_URL', path: ['developer', 'privacyUrl'], kind: 'url' },
  { variable: 'TEAMS_APP_TERMS_URL', path: ['developer', 'termsOfUseUrl'], kind: 'url' },
  { variable: 'TEAMS_APP_VERSION', path: ['version'], kind: 'version' },
] as const;

/** The manifest text with the app id filled in; throws PackageError when the id is unusable. */
export function fillManifest(template: string, appId: string | undefined): string {
  const id = appId?.trim() ?? '';
  if (id === '') {
    throw new PackageError(
      'MicrosoftAppId is not set. Set it to the bot\'s Microsoft App ID (Application (client) ID of the ' +
        'app registration behind your Azure Bot), in the environment or in .env, e.g.\n' +
        '  MicrosoftAppId=<Application (client) ID> npm run package',
    );
  }
  if (!GUID.test(id)) {
    throw new PackageError(
      `MicrosoftAppId "${id}" is not a GUID. Use the Application (client) ID of the bot's app ` +
        'registration (a GUID such as 3f2b8c1e-7a4d-4e9b-8c21-5d6e7f8a9b0c).',
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

/** Sets the publisher fields (and the version) from the environment; throws PackageError on a bad value. */
export function applyOverrides(manifest: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const problems: string[] = [];
  for (const { variable, path, kind } of MANIFEST_OVERRIDES) {
    const value = env[variable]?.trim();
    if (!value) continue;
    if (kind === 'url') {
      let ok = false;
      try {
        ok = new URL(value).protocol === 'https:';
      } catch {
        ok = false;
      }
      if (!ok) {
        problems.push(`  ${variable}: "${value}" is not an https:// URL`);
        continue;
      }
    }
    if (kind === 'version' && !/^\d{1,9}\.\d{1,9}\.\d{1,9}$/.test(value)) {
      problems.push(`  ${variable}: "${value}" is not a version like 1.0.1 (Teams wants a higher one for each update)`);
      continue;
    }
    let target = manifest as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      if (!next || typeof next !== 'object') target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = value;
  }
  if (problems.length > 0) throw new PackageError(`Bad Teams app settings in the environment:\n${problems.join('\n')}`);
  return manifest;
}

export interface PackageCheck {
  /** Placeholders in manifest.json (paths as in the manifest). */
  manifest: Placeholder[];
  /** Placeholders in de.json (its keys are manifest paths too). */
  localization: Placeholder[];
}

/** Every placeholder left in the manifest and the German localization. `$schema` URLs are not values to fill in. */
export function checkPackage(manifest: unknown, localization: unknown): PackageCheck {
  const skip = (path: string) => path === '$schema';
  return { manifest: findPlaceholders(manifest, { skip }), localization: findPlaceholders(localization, { skip }) };
}

/** The refusal (or, with --for-testing, the warning) that names each offending field. */
export function describeCheck(check: PackageCheck): string[] {
  return [...describePlaceholders(check.manifest), ...describePlaceholders(check.localization, 'de.json ')];
}

/** How to fix each kind of finding, for the refusal message. */
export function fixHints(check: PackageCheck): string[] {
  const paths = new Set(check.manifest.map((p) => p.path));
  const hints: string[] = [];
  const overridden = MANIFEST_OVERRIDES.filter((o) => paths.has(o.path.join('.')));
  if (overridden.length > 0) {
    hints.push(
      `Set ${overridden.map((o) => o.variable).join(', ')} (environment or .env) to your organization's values, ` +
        'or edit manifest/manifest.json.',
    );
  }
  const others = [...paths].filter((p) => !MANIFEST_OVERRIDES.some((o) => o.path.join('.') === p));
  if (others.some((p) => p === 'id' || p.endsWith('.botId'))) {
    hints.push('Use the real Application (client) ID of the bot\'s app registration as MicrosoftAppId.');
  }
  if (others.some((p) => p !== 'id' && !p.endsWith('.botId')) || check.localization.length > 0) {
    hints.push('Edit manifest/manifest.json and manifest/de.json where they name fields above.');
  }
  return hints;
}
