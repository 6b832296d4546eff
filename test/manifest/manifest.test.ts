/**
 * The Teams app package: manifest and German localization validated offline against the official
 * JSON schemas that npm `@microsoft/app-manifest` ships, and the icons' sizes and transparency.
 * `npm run package` itself is tested in test/cli/package.test.ts.
 */
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { PNG } from 'pngjs';
import { recognize } from '../../src/recognizer/recognizer.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MANIFEST_DIR = join(ROOT, 'manifest');
const PLACEHOLDER = '${{MICROSOFT_APP_ID}}';
const APP_ID = '3f2b8c1e-7a4d-4e9b-8c21-5d6e7f8a9b0c';

// CommonJS packages: under nodenext their default import is `module.exports`, which carries `.default`.
const Ajv04 = Ajv04Module.default;
const addFormats = addFormatsModule.default;

interface Command { title: string; description?: string }
interface Manifest {
  manifestVersion: string;
  id: string;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[]; supportsFiles?: boolean; commandLists: { scopes: string[]; commands: Command[] }[] }[];
}

const manifestText = readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8');
const manifest = JSON.parse(manifestText) as Manifest;
const de = JSON.parse(readFileSync(join(MANIFEST_DIR, 'de.json'), 'utf8')) as Record<string, string>;
const filled = JSON.parse(manifestText.split(PLACEHOLDER).join(APP_ID)) as Manifest;

function schemaDir(version: string): string {
  return join(ROOT, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams', `v${version}`);
}

function validator(schemaFile: string) {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { $schema?: string };
  expect(schema.$schema).to.equal('http://json-schema.org/draft-04/schema#');
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false }) // the schemas' patterns are not valid with /u;
  addFormats(ajv);
  return ajv.compile(schema);
}

function readPng(name: string): PNG {
  return PNG.sync.read(readFileSync(join(MANIFEST_DIR, name)));
}

describe('Teams app manifest', () => {
  it('uses the id placeholder for the app id and the bot id', () => {
    expect(manifest.id).to.equal(PLACEHOLDER);
    expect(manifest.bots[0]?.botId).to.equal(PLACEHOLDER);
  });

  it('is valid against the official Teams manifest schema of its version (offline)', () => {
    const file = join(schemaDir(manifest.manifestVersion), 'MicrosoftTeams.schema.json');
    expect(existsSync(file), `no schema for manifestVersion ${manifest.manifestVersion}`).to.equal(true);
    const validate = validator(file);
    const ok = validate(filled);
    expect(ok, JSON.stringify(validate.errors, null, 2)).to.equal(true);
  });

  it('the schema check bites: the unfilled placeholder is not a GUID', () => {
    const validate = validator(join(schemaDir(manifest.manifestVersion), 'MicrosoftTeams.schema.json'));
    expect(validate(manifest)).to.equal(false);
  });

  it('points $schema at the same version', () => {
    expect((filled as unknown as { $schema: string }).$schema).to.contain(`/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('is a bot for personal, team and group chat without files, with command lists for each', () => {
    const bot = filled.bots[0]!;
    expect(bot.scopes).to.have.members(['personal', 'team', 'groupChat']);
    expect(bot.supportsFiles).to.equal(false);
    const covered = bot.commandLists.flatMap((l) => l.scopes);
    expect(covered).to.have.members(['personal', 'team', 'groupChat']);
    for (const list of bot.commandLists) {
      expect(list.commands.length).to.be.within(1, 10);
      for (const c of list.commands) {
        expect(c.title.length, c.title).to.be.at.most(32);
        expect((c.description ?? '').length, c.title).to.be.at.most(128);
      }
    }
  });

  it('has English and German command titles the bot understands', () => {
    const titles = filled.bots[0]!.commandLists.flatMap((l) => l.commands.map((c) => c.title));
    const deTitles = Object.entries(de).filter(([k]) => k.endsWith('.title')).map(([, v]) => v);
    for (const title of [...titles, ...deTitles]) expect(recognize(title).intent, title).to.not.equal('none');
  });
});

describe('German localization (de.json)', () => {
  it('is referenced by localizationInfo', () => {
    expect(manifest.localizationInfo.defaultLanguageTag).to.equal('en-us');
    expect(manifest.localizationInfo.additionalLanguages).to.deep.include({ languageTag: 'de', file: 'de.json' });
  });

  it('is valid against the localization schema of the manifest version', () => {
    const validate = validator(join(schemaDir(manifest.manifestVersion), 'MicrosoftTeams.Localization.schema.json'));
    const ok = validate(de);
    expect(ok, JSON.stringify(validate.errors, null, 2)).to.equal(true);
  });

  it("names the manifest's schema version", () => {
    expect(de.$schema).to.equal(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.Localization.schema.json`,
    );
  });

  it('translates the names, descriptions and exactly the manifest\'s commands', () => {
    for (const key of ['name.short', 'name.full', 'description.short', 'description.full']) expect(de[key], key).to.be.a('string').and.not.empty;
    const expected: string[] = [];
    filled.bots[0]!.commandLists.forEach((list, i) =>
      list.commands.forEach((c, j) => {
        expected.push(`bots[0].commandLists[${i}].commands[${j}].title`);
        if (c.description) expected.push(`bots[0].commandLists[${i}].commands[${j}].description`);
      }),
    );
    const actual = Object.keys(de).filter((k) => k.startsWith('bots['));
    expect(actual).to.have.members(expected);
    for (const key of actual) expect(de[key]!.length, key).to.be.at.most(key.endsWith('.title') ? 32 : 128);
  });
});

describe('App icons', () => {
  it('color.png is 192x192 and not blank', () => {
    const png = readPng(manifest.icons.color);
    expect([png.width, png.height]).to.deep.equal([192, 192]);
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
    expect(colours.size).to.be.greaterThan(3);
  });

  it('outline.png is 32x32, white on fully transparent, and not blank', () => {
    const png = readPng(manifest.icons.outline);
    expect([png.width, png.height]).to.deep.equal([32, 32]);
    let transparent = 0, opaqueWhite = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
      if (a === 0) { transparent++; continue; }
      expect([r, g, b], `pixel ${i / 4}`).to.deep.equal([255, 255, 255]);
      if (a === 255) opaqueWhite++;
    }
    expect(transparent).to.be.greaterThan(100);
    expect(opaqueWhite).to.be.greaterThan(100);
  });
});
