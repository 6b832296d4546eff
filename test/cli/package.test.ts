/**
 * `npm run package` (src/cli/package.ts) as an operator runs it: a real child process in a temp
 * directory (so no developer .env is read), the repository's manifest/ as it is. It refuses a
 * package with placeholders (the repository's own example.com publisher fields, a zero GUID)
 * unless --for-testing, naming each field, and takes the publisher's details from TEAMS_APP_*.
 * The placeholder finder itself is tested on small documents.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import JSZip from 'jszip';
import { findPlaceholders, ZERO_GUID } from '../../src/cli/placeholders.js';
import { applyOverrides, checkPackage, PackageError } from '../../src/cli/teamsPackage.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MANIFEST_DIR = join(ROOT, 'manifest');
// The CLI runs in a temp directory, where a bare `--import tsx` would not resolve.
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const APP_ID = '3f2b8c1e-7a4d-4e9b-8c21-5d6e7f8a9b0c';
const Ajv04 = Ajv04Module.default;
const addFormats = addFormatsModule.default;

/** Publisher details of a real organization (not example.com). */
const PUBLISHER = {
  TEAMS_APP_DEVELOPER_NAME: 'Fabrikam Partner Desk',
  TEAMS_APP_WEBSITE_URL: 'https://partners.fabrikam.test/support-bot',
  TEAMS_APP_PRIVACY_URL: 'https://partners.fabrikam.test/privacy',
  TEAMS_APP_TERMS_URL: 'https://partners.fabrikam.test/terms',
};

interface Manifest {
  id: string;
  version: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  bots: { botId: string }[];
}
interface Run { code: number; stdout: string; stderr: string }

describe('placeholder finder (src/cli/placeholders.ts)', () => {
  it('finds example.com URLs, the zero GUID, <...> fill-ins, ${{...}} tokens and placeholder words, by JSON path', () => {
    const found = findPlaceholders({
      developer: { name: 'Partner Support (example)', websiteUrl: 'https://example.com', privacyUrl: 'https://www.example.org/p' },
      id: ZERO_GUID.toUpperCase(),
      bots: [{ botId: '<your app id>' }, { botId: '${{MICROSOFT_APP_ID}}' }],
      'odd key': 'CHANGE-ME',
      notes: 'TODO',
      host: 'your-app-name.azurewebsites.net',
    });
    expect(found.map((f) => [f.path, f.reason])).to.deep.equal([
      ['developer.name', 'the word "example"'],
      ['developer.websiteUrl', 'an example.com URL'],
      ['developer.privacyUrl', 'an www.example.org URL'],
      ['id', 'the zero GUID'],
      ['bots[0].botId', 'a <...> fill-in'],
      ['bots[1].botId', 'an unfilled ${{...}} token'],
      ['["odd key"]', 'the word "CHANGE-ME"'],
      ['notes', 'the word "TODO"'],
      ['host', 'the word "your-app-name"'],
    ]);
  });

  it('leaves real values alone: other hosts, real GUIDs, words that merely contain "example", numbers and booleans', () => {
    expect(
      findPlaceholders({
        websiteUrl: 'https://partners.fabrikam.test/support',
        privacy: 'https://counterexample.com/privacy',
        id: APP_ID,
        text: 'Counterexamples are not examples of anything here. Supportleistungen für Partner.',
        description: "Activate your organization's benefits",
        n: 0,
        ok: true,
        list: [null],
      }),
    ).to.deep.equal([]);
  });

  it('skips the paths it is told to skip', () => {
    expect(findPlaceholders({ $schema: 'https://example.com/schema.json', a: 'x' }, { skip: (p) => p === '$schema' })).to.deep.equal([]);
  });
});

describe('Teams app package check (src/cli/teamsPackage.ts)', () => {
  const template = () => JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8').split('${{MICROSOFT_APP_ID}}').join(APP_ID)) as Record<string, unknown>;
  const de = JSON.parse(readFileSync(join(MANIFEST_DIR, 'de.json'), 'utf8')) as unknown;

  it("the repository's manifest as it is has exactly the four publisher fields to fill in, and de.json none", () => {
    const check = checkPackage(template(), de);
    expect(check.manifest.map((p) => p.path)).to.deep.equal(['developer.name', 'developer.websiteUrl', 'developer.privacyUrl', 'developer.termsOfUseUrl']);
    expect(check.localization).to.deep.equal([]);
  });

  it('the TEAMS_APP_* variables fill them in, and then nothing is left', () => {
    const manifest = applyOverrides(template(), { ...PUBLISHER, TEAMS_APP_VERSION: '1.0.3' }) as unknown as Manifest;
    expect(manifest.developer).to.deep.equal({
      name: PUBLISHER.TEAMS_APP_DEVELOPER_NAME,
      websiteUrl: PUBLISHER.TEAMS_APP_WEBSITE_URL,
      privacyUrl: PUBLISHER.TEAMS_APP_PRIVACY_URL,
      termsOfUseUrl: PUBLISHER.TEAMS_APP_TERMS_URL,
    });
    expect(manifest.version).to.equal('1.0.3');
    expect(checkPackage(manifest, de).manifest).to.deep.equal([]);
  });

  it('refuses an http:// or malformed URL and a version that is not x.y.z, naming each variable', () => {
    expect(() => applyOverrides(template(), { TEAMS_APP_WEBSITE_URL: 'http://fabrikam.test', TEAMS_APP_TERMS_URL: 'terms', TEAMS_APP_VERSION: 'v2' }))
      .to.throw(PackageError)
      .with.property('message')
      .that.contains('TEAMS_APP_WEBSITE_URL: "http://fabrikam.test" is not an https:// URL')
      .and.contains('TEAMS_APP_TERMS_URL: "terms" is not an https:// URL')
      .and.contains('TEAMS_APP_VERSION: "v2" is not a version');
  });

  it('finds a placeholder in any other field too, e.g. a description or de.json', () => {
    const manifest = applyOverrides(template(), PUBLISHER) as Record<string, unknown> & { description: { short: string } };
    manifest.description.short = 'See <link> for details';
    const check = checkPackage(manifest, { 'name.short': 'Beispiel-Support' });
    expect(check.manifest.map((p) => p.path)).to.deep.equal(['description.short']);
    expect(check.localization.map((p) => p.path)).to.deep.equal(['["name.short"]']);
  });
});

describe('npm run package (src/cli/package.ts)', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'package-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the CLI in `dir` with only the given variables of MicrosoftAppId and TEAMS_APP_*. */
  function run(vars: Record<string, string | undefined>, args: string[] = []): Promise<Run> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key === 'MicrosoftAppId' || key.startsWith('TEAMS_APP_')) delete env[key];
    delete env.NODE_OPTIONS; // may hold a bare `--import tsx`, which does not resolve from the temp directory
    for (const [key, value] of Object.entries(vars)) if (value !== undefined) env[key] = value;
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', TSX_LOADER, join(ROOT, 'src/cli/package.ts'), ...args],
        { cwd: dir, env },
        (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });
  }
  const zipPath = () => join(dir, 'dist', 'partner-support-bot.zip');
  async function packaged(): Promise<{ zip: JSZip; manifest: Manifest }> {
    const zip = await JSZip.loadAsync(await readFile(zipPath()));
    return { zip, manifest: JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest };
  }

  it('refuses without an app id, saying which variable to set', async () => {
    const r = await run({ ...PUBLISHER });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain('MicrosoftAppId is not set');
    expect(existsSync(join(dir, 'dist'))).to.equal(false);
  });

  it('refuses an app id that is not a GUID', async () => {
    const r = await run({ ...PUBLISHER, MicrosoftAppId: 'my-bot' });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain('is not a GUID');
    expect(existsSync(join(dir, 'dist'))).to.equal(false);
  });

  it("refuses the repository's example.com publisher fields, naming each one, how to fix them and --for-testing", async () => {
    const r = await run({ MicrosoftAppId: APP_ID });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain('would still hold 4 placeholder values; nothing was written');
    expect(r.stderr).to.contain('developer.name: "Partner Support (example)" (the word "example")');
    expect(r.stderr).to.contain('developer.websiteUrl: "https://example.com" (an example.com URL)');
    expect(r.stderr).to.contain('developer.privacyUrl: "https://example.com/privacy" (an example.com URL)');
    expect(r.stderr).to.contain('developer.termsOfUseUrl: "https://example.com/terms" (an example.com URL)');
    expect(r.stderr).to.contain('Set TEAMS_APP_DEVELOPER_NAME, TEAMS_APP_WEBSITE_URL, TEAMS_APP_PRIVACY_URL, TEAMS_APP_TERMS_URL');
    expect(r.stderr).to.contain('npm run package -- --for-testing');
    expect(existsSync(join(dir, 'dist'))).to.equal(false);
  });

  it('refuses the zero GUID as the app id, naming id and bots[0].botId', async () => {
    const r = await run({ ...PUBLISHER, MicrosoftAppId: ZERO_GUID });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain(`  id: "${ZERO_GUID}" (the zero GUID)`);
    expect(r.stderr).to.contain(`  bots[0].botId: "${ZERO_GUID}" (the zero GUID)`);
    expect(r.stderr).to.contain('real Application (client) ID');
    expect(r.stderr).to.not.contain('developer.');
    expect(existsSync(join(dir, 'dist'))).to.equal(false);
  });

  it('--for-testing writes the package anyway and lists what it keeps as warnings', async () => {
    const r = await run({ MicrosoftAppId: APP_ID }, ['--for-testing']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain(`${zipPath()} (for testing only)`);
    expect(r.stderr).to.contain('--for-testing: the package keeps 4 placeholder values; do not publish it');
    expect(r.stderr).to.contain('developer.websiteUrl: "https://example.com"');
    const { manifest } = await packaged();
    expect(manifest.developer.websiteUrl).to.equal('https://example.com');
  });

  it('with the publisher from TEAMS_APP_* writes dist/partner-support-bot.zip: the four files, the id filled in, schema-valid', async () => {
    const r = await run({ ...PUBLISHER, TEAMS_APP_VERSION: '1.2.0', MicrosoftAppId: APP_ID.toUpperCase() });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.contain(zipPath());
    expect(r.stdout).to.not.contain('for testing');
    const { zip, manifest } = await packaged();
    expect(Object.keys(zip.files)).to.have.members(['manifest.json', 'de.json', 'color.png', 'outline.png']);
    expect(manifest.id).to.equal(APP_ID);
    expect(manifest.bots[0]?.botId).to.equal(APP_ID);
    expect(manifest.version).to.equal('1.2.0');
    expect(manifest.developer).to.deep.equal({
      name: PUBLISHER.TEAMS_APP_DEVELOPER_NAME,
      websiteUrl: PUBLISHER.TEAMS_APP_WEBSITE_URL,
      privacyUrl: PUBLISHER.TEAMS_APP_PRIVACY_URL,
      termsOfUseUrl: PUBLISHER.TEAMS_APP_TERMS_URL,
    });
    expect(JSON.stringify(manifest)).to.not.contain('${{');
    expect(await zip.file('de.json')!.async('string')).to.equal(readFileSync(join(MANIFEST_DIR, 'de.json'), 'utf8'));
    const icon = await zip.file('color.png')!.async('nodebuffer');
    expect(icon.equals(readFileSync(join(MANIFEST_DIR, 'color.png')))).to.equal(true);
    // Everything else is the template's: only the id, the publisher and the version differ.
    const template = JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const rest = (m: Record<string, unknown>) => JSON.stringify({ ...m, id: 0, bots: 0, developer: 0, version: 0 });
    expect(rest(manifest as unknown as Record<string, unknown>)).to.equal(rest(template));
    const schemaFile = join(ROOT, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams', `v${template.manifestVersion as string}`, 'MicrosoftTeams.schema.json');
    const validate = addFormats(new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false })).compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).to.equal(true);
  });

  it('reads the app id and the TEAMS_APP_* variables from .env too', async () => {
    const lines = Object.entries({ MicrosoftAppId: APP_ID, ...PUBLISHER }).map(([k, v]) => `${k}=${v}`);
    await writeFile(join(dir, '.env'), `${lines.join('\n')}\n`);
    const r = await run({});
    expect(r.code, r.stderr).to.equal(0);
    expect((await packaged()).manifest.developer.name).to.equal(PUBLISHER.TEAMS_APP_DEVELOPER_NAME);
  });

  it('refuses an http:// URL in TEAMS_APP_PRIVACY_URL', async () => {
    const r = await run({ ...PUBLISHER, TEAMS_APP_PRIVACY_URL: 'http://partners.fabrikam.test/privacy', MicrosoftAppId: APP_ID });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain('TEAMS_APP_PRIVACY_URL: "http://partners.fabrikam.test/privacy" is not an https:// URL');
    expect(existsSync(join(dir, 'dist'))).to.equal(false);
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    const r = await run({ ...PUBLISHER, MicrosoftAppId: APP_ID }, ['--for-test']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('Usage: npm run package [-- --for-testing]');
    expect(existsSync(join(dir, 'dist'))).to.equal(false);
  });
});
