/**
 * The terminal chat's helpers: whom `--as` / `/as` names in a directory, the buttons a typed number
 * means, and how a card's inputs are asked for and checked.
 */
import { expect } from 'chai';
import { cardButtons, cardInputs, findPerson, inputValue, peopleOfDocument, peopleTable, ScreenButtons, type ChatPerson } from '../../src/cli/chatSupport.js';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { importIntoDocument } from '../../src/store/index.js';
import { emptyDocument } from '../../src/store/directory/document.js';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const uid = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function documentOf(file: unknown) {
  const result = await importIntoDocument(file, emptyDocument(), new Date('2026-12-01T00:00:00Z'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.document;
}

const REAL = {
  organizations: [
    { tenantId: T1, name: 'Fabrikam Consulting', partnerId: '5000001', memberships: [{ offer: 'Gold', competency: 'Cloud Platform', start: '2026-01-01', end: '2026-12-31' }] },
    { tenantId: T2, name: 'Litware Inc', partnerId: '5000002', memberships: [{ offer: 'Silver', competency: 'Security', start: '2026-01-01', end: '2026-12-31' }] },
  ],
  users: [
    { aadObjectId: uid(1), tenantId: T1, name: 'Jane Miller', email: 'jane@fabrikam.example', roles: ['GlobalAdmin'] },
    { aadObjectId: uid(2), tenantId: T2, name: 'Jane Miller', email: 'jane.miller@litware.example' },
    { aadObjectId: uid(3), tenantId: T2, name: 'Jörg Brenner', email: 'joerg@litware.example', roles: ['MpnPartnerAdmin'] },
  ],
};

describe('terminal chat: who --as names', () => {
  let people: ChatPerson[];
  before(async () => {
    people = peopleOfDocument(await documentOf(REAL));
  });

  it('finds an imported user by e-mail, object id, whole name or the start of a name', () => {
    const name = (q: string) => {
      const found = findPerson(people, q);
      return found.status === 'found' ? `${found.person.name} <${found.person.email}>` : found.status;
    };
    expect(name('JANE@fabrikam.example')).to.equal('Jane Miller <jane@fabrikam.example>');
    expect(name(uid(2).toUpperCase())).to.equal('Jane Miller <jane.miller@litware.example>');
    expect(name('jörg brenner')).to.equal('Jörg Brenner <joerg@litware.example>');
    expect(name('Brenn')).to.equal('Jörg Brenner <joerg@litware.example>');
    expect(name('joerg')).to.equal('Jörg Brenner <joerg@litware.example>');
    expect(name('nobody')).to.equal('unknown');
    expect(name('')).to.equal('unknown');
  });

  it('lists every match when a name is ambiguous, with what tells them apart', () => {
    const found = findPerson(people, 'jane miller');
    expect(found.status).to.equal('ambiguous');
    if (found.status !== 'ambiguous') return;
    const table = peopleTable(found.matches);
    expect(table).to.contain('jane@fabrikam.example').and.contain('Fabrikam Consulting').and.contain('GlobalAdmin');
    expect(table).to.contain('jane.miller@litware.example').and.contain('Litware Inc').and.contain('no role');
  });

  it('knows the demo short names and the two unlisted demo people only with the demo directory', async () => {
    const demo = peopleOfDocument(await documentOf(demoDirectory('2026-12-01')));
    const ben = findPerson(demo, 'ben');
    expect(ben.status === 'found' && ben.person.name).to.equal('Ben Engineer');
    const stranger = findPerson(demo, 'stranger');
    expect(stranger.status === 'found' && stranger.person.organization).to.equal(undefined);
    expect(findPerson(people, 'stranger').status).to.equal('unknown');
    expect(peopleTable(demo)).to.contain('Hal Helpdesk (hal)').and.contain('HelpdeskAgent');
  });
});

describe('terminal chat: button numbers mean what is on screen', () => {
  const button = (title: string) => ({ title, type: 'Action.Submit', data: { title }, inputs: [] });

  it('a number presses a button of the latest card with buttons, and stays valid until new buttons show', () => {
    const screen = new ScreenButtons();
    expect(screen.interpret('1')).to.deep.equal({ kind: 'text' });
    screen.show([button('Our own company'), button('A customer')]);
    const first = screen.interpret('1');
    expect(first.kind === 'press' && first.button.title).to.equal('Our own company');
    // A reply without buttons leaves the numbers as they are.
    screen.show([]);
    const again = screen.interpret(' 2 ');
    expect(again.kind === 'press' && again.button.title).to.equal('A customer');
    screen.show([button('Activate'), button('Not now')]);
    const now = screen.interpret('1');
    expect(now.kind === 'press' && now.button.title).to.equal('Activate');
  });

  it('a number that names no button on screen is refused, not sent as text', () => {
    const screen = new ScreenButtons();
    screen.show([button('Activate'), button('Not now')]);
    const eleven = screen.interpret('11');
    expect(eleven.kind).to.equal('noSuchButton');
    expect(eleven.kind === 'noSuchButton' && eleven.problem).to.contain('[1] to [2]').and.contain('Nothing was sent');
    // Longer numbers are partner ids and case numbers: text.
    expect(screen.interpret('4711002')).to.deep.equal({ kind: 'text' });
  });
});

describe('terminal chat: a card\'s inputs', () => {
  const card = {
    type: 'AdaptiveCard',
    body: [
      { type: 'Input.Text', id: 'note', label: 'Resolution note', placeholder: 'What was done', maxLength: 10 },
      { type: 'Input.Text', id: 'who', label: 'Who', isRequired: true },
      { type: 'Input.ChoiceSet', id: 'kind', label: 'Benefit', value: 'cloud', choices: [{ title: 'Product Support', value: 'product' }, { title: 'Cloud', value: 'cloud' }] },
      { type: 'Input.Number', id: 'n', label: 'Count', min: 1, max: 5 },
      { type: 'Input.Toggle', id: 'ok', title: 'Tell the partner', valueOn: 'yes', valueOff: 'no' },
    ],
    actions: [
      { type: 'Action.Submit', title: 'Resolve', data: { verb: 'x' } },
      { type: 'Action.Submit', title: 'Cancel', data: { verb: 'y' }, associatedInputs: 'none' },
      { type: 'Action.OpenUrl', title: 'Docs', url: 'https://example.com' },
    ],
  };

  it('a press of a submit button asks for the card\'s inputs; "associatedInputs: none" and links ask for none', () => {
    const [resolve, cancel, docs] = cardButtons(card);
    expect(resolve!.inputs.map((i) => i.id)).to.deep.equal(['note', 'who', 'kind', 'n', 'ok']);
    expect(cancel!.inputs).to.deep.equal([]);
    expect(docs!.inputs).to.deep.equal([]);
  });

  it('checks each answer: required, length, choices by number or title, numbers in range, y/n; empty keeps the default', () => {
    const [note, who, kind, n, ok] = cardInputs(card);
    expect(inputValue(note!, '')).to.deep.equal({ value: undefined });
    expect(inputValue(note!, 'far too long a note')).to.have.property('problem').that.contains('at most 10');
    expect(inputValue(who!, '  ')).to.deep.equal({ problem: 'Who is required' });
    expect(inputValue(kind!, '1')).to.deep.equal({ value: 'product' });
    expect(inputValue(kind!, 'cloud')).to.deep.equal({ value: 'cloud' });
    expect(inputValue(kind!, '')).to.deep.equal({ value: 'cloud' });
    expect(inputValue(kind!, '3')).to.have.property('problem');
    expect(inputValue(n!, '9')).to.deep.equal({ problem: 'at most 5' });
    expect(inputValue(n!, 'x')).to.have.property('problem');
    expect(inputValue(ok!, 'j')).to.deep.equal({ value: 'yes' });
    expect(inputValue(ok!, '')).to.deep.equal({ value: 'no' });
  });
});
