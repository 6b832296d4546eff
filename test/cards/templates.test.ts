/**
 * The card-template harness: every template in `cards/` is rendered with each of its sample data
 * files from `test/cards/samples/` and must produce a card Teams accepts.
 *
 * Sample convention: `test/cards/samples/<template>.json` and/or
 * `test/cards/samples/<template>.<variant>.json`, each holding the data object passed to
 * `CardRenderer.render(<template>, data)`. Every template needs at least one sample; a sample
 * without a template fails too (renamed or deleted templates leave stale samples behind).
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CardRenderer } from '../../src/cards/renderer.js';

// adaptivecards' lib/ is ESM without "type": "module", so Node can't import it; the UMD bundle in
// dist/ loads fine through require and has the same API as the lib/ typings.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CARDS_DIR = join(REPO, 'cards');
const SAMPLES_DIR = join(REPO, 'test', 'cards', 'samples');
/** Teams rejects messages over ~28 KB; the card is most of the message. */
const MAX_CARD_BYTES = 28 * 1024;
/** Teams supports Adaptive Cards up to 1.5. */
const MAX_VERSION = { major: 1, minor: 5 };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
}

/** The template a sample file belongs to: `<t>.json` or `<t>.<variant>.json`, longest `<t>` wins. */
function templateOfSample(file: string, templates: readonly string[]): string | undefined {
  const base = file.slice(0, -'.json'.length);
  return templates
    .filter((t) => base === t || base.startsWith(`${t}.`))
    .sort((a, b) => b.length - a.length)[0];
}

/** Every object in a JSON tree, with its path; skips Action `data` payloads (free-form, not card content). */
function* objects(node: unknown, path = '$'): Generator<[Obj, string]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* objects(item, `${path}[${i}]`);
  } else if (isObj(node)) {
    yield [node, path];
    for (const [k, v] of Object.entries(node)) if (k !== 'data') yield* objects(v, `${path}.${k}`);
  }
}

function stringsWithBinding(node: unknown, path = '$', out: string[] = []): string[] {
  if (typeof node === 'string') {
    if (node.includes('${')) out.push(path);
  } else if (Array.isArray(node)) {
    node.forEach((v, i) => stringsWithBinding(v, `${path}[${i}]`, out));
  } else if (isObj(node)) {
    for (const [k, v] of Object.entries(node)) stringsWithBinding(v, `${path}.${k}`, out);
  }
  return out;
}

/** Parse + validate with the adaptivecards object model; every parse or validation event is a problem. */
function adaptiveCardsEvents(card: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const acCard = new AC.AdaptiveCard();
  acCard.maxVersion = AC.Versions.v1_5;
  try {
    acCard.parse(card as Obj, context);
  } catch (e) {
    return [`adaptivecards parse threw: ${(e as Error).message}`];
  }
  const events = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...acCard.validateProperties().validationEvents);
  return events.map((e) => `adaptivecards ${AC.ValidationPhase[e.phase]} ${AC.ValidationEvent[e.event]}: ${e.message}`);
}

/**
 * Everything wrong with a rendered card, as readable messages (empty = fine). Not over-strict on
 * purpose: structure beyond what Teams needs is left to the template authors.
 */
function checkCard(card: unknown): string[] {
  if (!isObj(card)) return ['card is not a JSON object'];
  const problems: string[] = [];
  if (card['type'] !== 'AdaptiveCard') problems.push(`type must be "AdaptiveCard", got ${JSON.stringify(card['type'])}`);
  const version = /^(\d+)\.(\d+)$/.exec(String(card['version']));
  if (!version) {
    problems.push(`version must be "major.minor", got ${JSON.stringify(card['version'])}`);
  } else {
    const [major, minor] = [Number(version[1]), Number(version[2])];
    if (major > MAX_VERSION.major || (major === MAX_VERSION.major && minor > MAX_VERSION.minor)) {
      problems.push(`version ${major}.${minor} is above 1.5, the highest Teams supports`);
    }
  }
  for (const path of stringsWithBinding(card)) problems.push(`unbound "\${" left at ${path}`);
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes >= MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes, must be under ${MAX_CARD_BYTES}`);
  for (const [o, path] of objects(card)) {
    const data = o['data'];
    const action = isObj(data) && typeof data['action'] === 'string' && data['action'] !== '';
    if (o['type'] === 'Action.Submit' && !action) {
      problems.push(`${path}: Action.Submit needs a data object with a string "action" (the verb the bot routes on)`);
    }
    if (o['type'] === 'Action.Execute' && !action && !(typeof o['verb'] === 'string' && o['verb'] !== '')) {
      problems.push(`${path}: Action.Execute needs a "verb" or a data object with a string "action"`);
    }
  }
  problems.push(...adaptiveCardsEvents(card));
  return problems;
}

/** Renders and checks; a render error (unknown template, bad URL, unbound binding) is a problem too. */
function checkRender(renderer: CardRenderer, template: string, data: object): string[] {
  let card: unknown;
  try {
    card = renderer.render(template, data);
  } catch (e) {
    return [`render failed: ${(e as Error).message}`];
  }
  return checkCard(card);
}

function loadRenderer(dir: string): CardRenderer | Error {
  try {
    return new CardRenderer(dir);
  } catch (e) {
    return e as Error;
  }
}

describe('card templates (cards/*.json rendered with test/cards/samples/*.json)', () => {
  const templates = jsonFiles(CARDS_DIR).map((f) => f.slice(0, -'.json'.length));
  const samples = jsonFiles(SAMPLES_DIR);
  // Loaded here, not at import, so a broken template fails a test instead of crashing mocha.
  const renderer = loadRenderer(CARDS_DIR);

  it('cards/ holds at least one template (guards against the harness passing on an empty or wrong dir)', () => {
    expect(templates, `no *.json in ${CARDS_DIR}`).not.to.be.empty;
  });

  it('every template file loads', () => {
    expect(renderer instanceof Error ? renderer.message : '').to.equal('');
  });

  for (const template of templates) {
    it(`${template}.json has a sample`, () => {
      const own = samples.filter((s) => templateOfSample(s, templates) === template);
      expect(own, `add test/cards/samples/${template}.json (the data object to render cards/${template}.json with)`).not.to.be.empty;
    });
  }

  it('every sample belongs to a template', () => {
    const orphans = samples.filter((s) => templateOfSample(s, templates) === undefined);
    expect(orphans, 'samples without a cards/<template>.json; rename or delete them').to.deep.equal([]);
  });

  // Teams' light theme shows "Good" as #92c353 and "Warning" as a pale yellow on white (about 2:1,
  // far below the 4.5:1 text needs); dark and high-contrast themes are chosen by the client, not
  // the card, so a card cannot keep them for those. Good news keeps the default colour.
  it('no template or sample colours text "Good" or "Warning" (unreadable on the light theme)', () => {
    if (renderer instanceof Error) throw renderer;
    const colours: string[] = [];
    const collect = (card: unknown, where: string) => {
      for (const [o, path] of objects(card)) {
        if (o['color'] === 'Good' || o['color'] === 'Warning') colours.push(`${where} ${path}: ${String(o['color'])}`);
      }
    };
    for (const template of templates) collect(JSON.parse(readFileSync(join(CARDS_DIR, `${template}.json`), 'utf8')), `cards/${template}.json`);
    for (const sample of samples) {
      const template = templateOfSample(sample, templates);
      if (template) collect(renderer.render(template, JSON.parse(readFileSync(join(SAMPLES_DIR, sample), 'utf8'))), sample);
    }
    expect(colours).to.deep.equal([]);
  });

  for (const sample of samples) {
    const template = templateOfSample(sample, templates);
    if (template === undefined) continue;
    it(`${sample} renders a valid card from ${template}.json`, () => {
      if (renderer instanceof Error) throw renderer;
      const data: unknown = JSON.parse(readFileSync(join(SAMPLES_DIR, sample), 'utf8'));
      expect(isObj(data), `${sample} must hold a JSON object`).to.equal(true);
      expect(checkRender(renderer, template, data as Obj)).to.deep.equal([]);
    });
  }
});

describe('card template harness self-test (it must catch broken cards)', () => {
  let dir: string;
  let renderer: CardRenderer;
  const body = (text = 'ok') => [{ type: 'TextBlock', text, wrap: true }];
  const templates: Record<string, unknown> = {
    good: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [...body('${name}'), { type: 'FactSet', facts: [{ title: 'a', value: 'b' }] }],
      actions: [
        { type: 'Action.Submit', title: 'Go', data: { action: 'go' } },
        { type: 'Action.Execute', title: 'Run', verb: 'run' },
        { type: 'Action.OpenUrl', title: 'Docs', url: 'https://learn.microsoft.com/' },
      ],
    },
    v16: { type: 'AdaptiveCard', version: '1.6', body: body() },
    unknownElement: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Magic', text: 'x' }] },
    unknownAction: { type: 'AdaptiveCard', version: '1.5', body: body(), actions: [{ type: 'Action.Magic', title: 'x' }] },
    badValue: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', size: 'giant' }] },
    unbound: { type: 'AdaptiveCard', version: '1.5', body: body('Hello ${x}') },
    submitWithoutAction: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: body(),
      actions: [
        { type: 'Action.Submit', title: 'a' },
        { type: 'Action.Submit', title: 'b', data: { verb: 'nope' } },
        { type: 'Action.ShowCard', title: 'c', card: { type: 'AdaptiveCard', body: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'd' }] }] } },
      ],
    },
    huge: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', $data: '${items}', text: '${$data}', wrap: true }] },
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cards-harness-'));
    for (const [name, json] of Object.entries(templates)) writeFileSync(join(dir, `${name}.json`), JSON.stringify(json));
    renderer = new CardRenderer(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const problems = (template: string, data: object = {}) => checkRender(renderer, template, data).join('\n');

  it('passes a valid card (so the checks below are not vacuous)', () => {
    expect(problems('good', { name: 'Ana Admin' })).to.equal('');
  });

  it('reports version 1.6 (own check and adaptivecards)', () => {
    const p = problems('v16');
    expect(p).to.match(/version 1\.6 is above 1\.5/);
    expect(p).to.match(/UnsupportedCardVersion/);
  });

  it('reports unknown element and action types', () => {
    expect(problems('unknownElement')).to.match(/UnknownElementType.*"Magic"/);
    expect(problems('unknownAction')).to.match(/UnknownActionType.*"Action\.Magic"/);
  });

  it('reports invalid property values', () => {
    expect(problems('badValue')).to.match(/InvalidPropertyValue.*giant/);
  });

  it('reports an unbound ${x} (at render time, and in a card built without the renderer)', () => {
    expect(problems('unbound')).to.match(/render failed: .*"unbound".*\$\.body\[0\]\.text/);
    expect(checkCard(templates['unbound']).join('\n')).to.match(/unbound "\$\{" left at \$\.body\[0\]\.text/);
  });

  it('reports submit/execute actions without an action verb, also inside ShowCard cards', () => {
    const p = problems('submitWithoutAction');
    expect(p).to.match(/\$\.actions\[0\]: Action\.Submit needs/);
    expect(p).to.match(/\$\.actions\[1\]: Action\.Submit needs/);
    expect(p).to.match(/\$\.actions\[2\]\.card\.body\[0\]\.actions\[0\]: Action\.Execute needs/);
  });

  it('reports cards of 28 KB or more', () => {
    expect(problems('huge', { items: Array.from({ length: 100 }, () => 'x'.repeat(400)) })).to.match(/bytes, must be under 28672/);
  });

  it('reports a template without a sample and a sample without a template', () => {
    expect(templateOfSample('menu.json', ['menu', 'menuItem'])).to.equal('menu');
    expect(templateOfSample('menu.welcome.json', ['menu', 'menuItem'])).to.equal('menu');
    expect(templateOfSample('menuItem.de.json', ['menu', 'menuItem'])).to.equal('menuItem');
    expect(templateOfSample('menus.json', ['menu'])).to.equal(undefined);
  });
});
