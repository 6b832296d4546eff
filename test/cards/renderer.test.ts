import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CardRenderer,
  DEFAULT_CARDS_DIR,
  MAX_CARD_TEXT_LENGTH,
  escapeCardData,
  escapeCardText,
  unescapeCardText,
  type AdaptiveCardJson,
} from '../../src/cards/renderer.js';

const card = (body: unknown[], actions?: unknown[]) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body,
  ...(actions ? { actions } : {}),
});

/** The single TextBlock text of a card rendered from `{ text: '${text}' }`. */
function firstText(out: AdaptiveCardJson): unknown {
  return (out.body[0] as { text?: unknown }).text;
}

describe('escapeCardText', () => {
  const table: [string, string, string][] = [
    ['plain name', 'Ana Admin', 'Ana Admin'],
    ['hyphen and apostrophe inside a name', "Jean-Luc O'Neil", "Jean-Luc O'Neil"],
    ['umlauts and ampersand', 'Müller & Söhne', 'Müller & Söhne'],
    ['non-Latin scripts and emoji', 'Zoë 李雷 🎉', 'Zoë 李雷 🎉'],
    ['markdown link', '[click](https://evil)', '\\[click\\](https://evil)'],
    ['parentheses in ordinary text stay', 'Product Support (on-premises)', 'Product Support (on-premises)'],
    ['a hash inside text stays', 'Case #42', 'Case #42'],
    ['block quote at start', '> quoted', '\\> quoted'],
    ['bold', '**x**', '\\*\\*x\\*\\*'],
    ['italic underscores', '_x_', '\\_x\\_'],
    ['template binding', '${x}', '$\\{x}'],
    ['binding inside text', 'a ${b.c} d', 'a $\\{b.c} d'],
    ['heading', '# Title', '\\# Title'],
    ['angle brackets stay (no HTML in card markdown)', '<b>x</b>', '<b>x</b>'],
    ['code and strike', '`x` ~~y~~', '\\`x\\` \\~\\~y\\~\\~'],
    ['backslash', 'a\\b', 'a\\\\b'],
    ['leading bullet', '- item', '\\- item'],
    ['leading plus', '+ item', '\\+ item'],
    ['leading ordered list marker', '1. item', '1\\. item'],
    ['long ordered marker after spaces', '  12. x', '  12\\. x'],
    ['number not at start', 'Version 1.5', 'Version 1.5'],
    ['German date at start is not a list', '15.03.2026 bis 14.03.2027', '15.03.2026 bis 14.03.2027'],
    ['ordered marker with text', '1. FC Köln', '1\\. FC Köln'],
    ['negative number is not a bullet', '-5 °C', '-5 °C'],
    ['thematic break', '---', '\\---'],
    ['lone dash', '-', '\\-'],
    ['CRLF, LF and tab become spaces', 'a\r\nb\nc\td', 'a b c d'],
    ['newline cannot start a list', 'x\n- y', 'x - y'],
    ['other controls removed', 'a\u0000b\u0007c\u007fd', 'abcd'],
    ['bidi override removed', 'abc\u202Etxt.exe', 'abctxt.exe'],
  ];
  for (const [what, input, expected] of table) {
    it(`${what}: ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      expect(escapeCardText(input)).to.equal(expected);
    });
  }

  it('caps long text at the limit with an ellipsis', () => {
    const out = escapeCardText('a'.repeat(2000));
    expect(Array.from(out)).to.have.length(MAX_CARD_TEXT_LENGTH);
    expect(out.endsWith('…')).to.equal(true);
    expect(escapeCardText('a'.repeat(MAX_CARD_TEXT_LENGTH))).to.equal('a'.repeat(MAX_CARD_TEXT_LENGTH));
  });

  it('never splits a surrogate pair when truncating', () => {
    const out = escapeCardText('😀'.repeat(20), 10);
    expect(out).to.equal('😀'.repeat(9) + '…');
  });

  it('unescapeCardText inverts the backslash escaping', () => {
    for (const s of ['[a](b) **c** _d_ ${e} \\f # g', '- x', '1. y', 'Ana Admin']) {
      expect(unescapeCardText(escapeCardText(s))).to.equal(s);
    }
  });
});

describe('escapeCardData', () => {
  it('escapes strings at every depth and deep-copies', () => {
    const data = { name: '**x**', list: ['_a_', { deep: ['[b]'] }], n: 3, ok: true, none: null };
    const out = escapeCardData(data);
    expect(out).to.deep.equal({ name: '\\*\\*x\\*\\*', list: ['\\_a\\_', { deep: ['\\[b\\]'] }], n: 3, ok: true, none: null });
    expect(data.name).to.equal('**x**');
  });

  it('passes action/verb/data/*Data values through unescaped', () => {
    const data = { action: 'activation.confirm', verb: 'do_it', data: { id: 'a_b' }, submitData: { action: 'x', ids: ['p_1'] } };
    expect(escapeCardData(data)).to.deep.equal(data);
  });

  it('rejects ${ and backslashes in raw values', () => {
    expect(() => escapeCardData({ submitData: { note: '${x}' } })).to.throw(/submitData\.note/);
    expect(() => escapeCardData({ action: 'a\\b' })).to.throw(/action/);
  });

  it('validates *Url and url keys as https URLs', () => {
    expect(escapeCardData({ docsUrl: 'https://learn.microsoft.com/a_b?x=1' })).to.deep.equal({
      docsUrl: 'https://learn.microsoft.com/a_b?x=1',
    });
    expect(escapeCardData({ url: 'https://x.test/wiki/A_(b)' })).to.deep.equal({ url: 'https://x.test/wiki/A_%28b%29' });
    expect(escapeCardData({ missingUrl: null })).to.deep.equal({ missingUrl: null });
    for (const bad of ['http://x.test', 'javascript:alert(1)', 'https://u:p@x.test', 'not a url', 'https://x.test/a b', 'https://x.test\\@y']) {
      expect(() => escapeCardData({ items: [{ helpUrl: bad }] }), bad).to.throw(/items\[0\]\.helpUrl/);
    }
    expect(() => escapeCardData({ helpUrl: 42 })).to.throw(/helpUrl/);
  });

  it('rejects circular data and unsupported types', () => {
    const a: Record<string, unknown> = {};
    a['self'] = a;
    expect(() => escapeCardData(a)).to.throw(/circular/);
    expect(() => escapeCardData({ f: () => 1 })).to.throw(/unsupported/);
  });
});

describe('CardRenderer', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cards-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, json: unknown) => writeFileSync(join(dir, `${name}.json`), JSON.stringify(json));

  it('defaults to <repo>/cards', () => {
    expect(DEFAULT_CARDS_DIR.replace(/\\/g, '/')).to.match(/\/cards\/?$/);
  });

  it('expands a template with escaped data', () => {
    write('hello', card([{ type: 'TextBlock', text: 'Hello **${name}**' }]));
    const out = new CardRenderer(dir).render('hello', { name: '[click](https://evil)' });
    expect(firstText(out)).to.equal('Hello **\\[click\\](https://evil)**');
    expect(out.type).to.equal('AdaptiveCard');
    expect(out.version).to.equal('1.5');
  });

  it('renders equal data to the same card, frozen: no caller can change what another turn is shown', () => {
    write('hello', card([{ type: 'TextBlock', text: 'Hello ${name}' }]));
    const renderer = new CardRenderer(dir);
    const first = renderer.render('hello', { name: 'Ana' });
    expect(() => {
      (first.body[0] as { text: string }).text = 'changed';
    }).to.throw(TypeError);
    expect(renderer.render('hello', { name: 'Ana' })).to.equal(first);
    expect(firstText(renderer.render('hello', { name: 'Ana' }))).to.equal('Hello Ana');
    expect(firstText(renderer.render('hello', { name: 'Ben' }))).to.equal('Hello Ben');
    // A card that is never kept (reuse: false) is frozen too, and a new one each time.
    const once = renderer.render('hello', { name: 'Ana' }, { reuse: false });
    expect(Object.isFrozen(once.body[0])).to.equal(true);
    expect(once).to.not.equal(first);
    expect(once).to.deep.equal(first);
  });

  it('neutralises ${ in user text (no binding is evaluated from data)', () => {
    write('t', card([{ type: 'TextBlock', text: '${text}' }]));
    const out = new CardRenderer(dir).render('t', { text: '${secret} ${$root.text}' });
    expect(JSON.stringify(out)).not.to.include('${');
    expect(firstText(out)).to.equal('$\\{secret} $\\{$root.text}');
  });

  it('shows plain-text fields (action titles, inputs, choices, submit data) without backslashes', () => {
    write(
      'plain',
      card(
        [
          { type: 'FactSet', facts: [{ title: '${k}', value: '${v}' }] },
          {
            type: 'Input.ChoiceSet',
            id: 'pick',
            label: '${label}',
            choices: [{ $data: '${choices}', title: '${title}', value: '${value}' }],
          },
        ],
        [{ type: 'Action.Submit', title: '${title}', data: { action: '${action}', id: '${ticketId}' } }],
      ),
    );
    const out = new CardRenderer(dir).render('plain', {
      k: 'a_b',
      v: '*v*',
      label: 'Product (cloud)',
      choices: [{ title: 'Azure (IaaS)', value: 'azure_iaas' }],
      title: 'Open ${x} (P1)',
      action: 'ticket.open',
      ticketId: 'T_1',
    });
    const body = out.body as [{ facts: [{ title: string; value: string }] }, { label: string; choices: unknown[] }];
    expect(body[0].facts[0]).to.deep.equal({ title: 'a\\_b', value: '\\*v\\*' }); // Markdown fields stay escaped
    expect(body[1].label).to.equal('Product (cloud)');
    expect(body[1].choices).to.deep.equal([{ title: 'Azure (IaaS)', value: 'azure_iaas' }]);
    expect(out.actions).to.deep.equal([
      { type: 'Action.Submit', title: 'Open $\u200B{x} (P1)', data: { action: 'ticket.open', id: 'T_1' } },
    ]);
  });

  it('binds a whole submit data object from a *Data key', () => {
    write('s', card([], [{ type: 'Action.Submit', title: 'Go', data: '${goData}' }]));
    const out = new CardRenderer(dir).render('s', { goData: { action: 'go', ids: ['a_1', 2] } });
    expect(out.actions).to.deep.equal([{ type: 'Action.Submit', title: 'Go', data: { action: 'go', ids: ['a_1', 2] } }]);
  });

  it('throws on non-https *Url values', () => {
    write('u', card([], [{ type: 'Action.OpenUrl', title: 'Docs', url: '${docsUrl}' }]));
    const r = new CardRenderer(dir);
    expect(() => r.render('u', { docsUrl: 'http://evil.test' })).to.throw(/docsUrl.*https/);
    expect(r.render('u', { docsUrl: 'https://learn.microsoft.com/' }).actions).to.deep.equal([
      { type: 'Action.OpenUrl', title: 'Docs', url: 'https://learn.microsoft.com/' },
    ]);
  });

  it('names the available templates when the name is unknown', () => {
    write('alpha', card([]));
    write('beta', card([]));
    expect(() => new CardRenderer(dir).render('gamma', {})).to.throw(/"gamma".*alpha, beta/);
  });

  it('throws on an unbound binding, naming the template and the path', () => {
    write('needs', card([{ type: 'TextBlock', text: 'Hi ${name}' }, { type: 'TextBlock', text: '${other}' }]));
    expect(() => new CardRenderer(dir).render('needs', { other: 'x' })).to.throw(/"needs".*\$\.body\[0\]\.text/);
  });

  it('throws when a $data array is missing (its bindings stay unbound)', () => {
    write('list', card([{ type: 'TextBlock', $data: '${items}', text: '${label}' }]));
    const r = new CardRenderer(dir);
    expect(() => r.render('list', {})).to.throw(/"list"/);
    expect(r.render('list', { items: [{ label: 'a' }, { label: 'b' }] }).body).to.deep.equal([
      { type: 'TextBlock', text: 'a' },
      { type: 'TextBlock', text: 'b' },
    ]);
  });

  it('loads the templates once: later changes on disk are not read', () => {
    write('once', card([{ type: 'TextBlock', text: 'v1 ${x}' }]));
    const r = new CardRenderer(dir);
    const first = r.render('once', { x: 'a' });
    write('once', card([{ type: 'TextBlock', text: 'v2 ${x}' }]));
    rmSync(join(dir, 'once.json'));
    const second = r.render('once', { x: 'a' });
    expect(second).to.deep.equal(first);
    expect(firstText(second)).to.equal('v1 a');
  });

  it('CardRenderer.load reads the directory asynchronously, once', async () => {
    write('a', card([{ type: 'TextBlock', text: '${x}' }]));
    writeFileSync(join(dir, 'README.md'), 'not a template');
    const r = await CardRenderer.load(dir);
    rmSync(join(dir, 'a.json'));
    expect(r.names).to.deep.equal(['a']);
    expect(firstText(r.render('a', { x: '1' }))).to.equal('1');
  });

  it('rejects invalid template files at load time, naming the file', () => {
    writeFileSync(join(dir, 'broken.json'), '{ nope');
    expect(() => new CardRenderer(dir)).to.throw(/broken\.json/);
    writeFileSync(join(dir, 'broken.json'), '{"type":"Foo"}');
    expect(() => new CardRenderer(dir)).to.throw(/broken\.json.*AdaptiveCard/);
  });

  it('accepts in-memory templates and does not alias them', () => {
    const tpl = card([{ type: 'TextBlock', text: '${x}' }]);
    const r = new CardRenderer({ mem: tpl });
    (tpl.body[0] as { text: string }).text = 'changed';
    expect(firstText(r.render('mem', { x: 'y' }))).to.equal('y');
    expect(r.has('mem')).to.equal(true);
  });

  it('honours maxTextLength', () => {
    const r = new CardRenderer({ t: card([{ type: 'TextBlock', text: '${x}' }]) }, { maxTextLength: 5 });
    expect(firstText(r.render('t', { x: 'abcdefgh' }))).to.equal('abcd…');
  });
});
