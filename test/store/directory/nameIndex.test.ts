import { expect } from 'chai';
import { NameIndex, nameWords } from '../../../src/store/directory/nameIndex.js';

const NAMES = ['Contoso Cloud Services', 'Woodgrove Software', 'Fourth Coffee IT', 'Northwind Traders', 'Müller & Söhne GmbH', 'A-Datum Corporation', 'Contoso'];

function index(names: readonly string[] = NAMES): NameIndex {
  const built = new NameIndex();
  names.forEach((name, i) => built.add(i, name));
  return built;
}
const found = (query: string, limit = 10, names = NAMES) => index(names).search(query, limit).map((h) => names[h.position]);

describe('store/directory/nameIndex: finding organizations by name', () => {
  it('finds a name by a whole word, the start of a word, or a small typo', () => {
    expect(found('woodgrove')).to.deep.equal(['Woodgrove Software']);
    expect(found('woodg')).to.deep.equal(['Woodgrove Software']);
    expect(found('woodgrve')).to.deep.equal(['Woodgrove Software']);
    expect(found('nortwind')).to.deep.equal(['Northwind Traders']);
    // No typo budget below 4 letters: "cof" is only a start.
    expect(found('cof')).to.deep.equal(['Fourth Coffee IT']);
    expect(found('xyz')).to.deep.equal([]);
  });

  it('needs every query word to match (typos per word), in any order', () => {
    expect(found('coffee fourth')).to.deep.equal(['Fourth Coffee IT']);
    expect(found('contoso clod')).to.deep.equal(['Contoso Cloud Services']);
    expect(found('contoso woodgrove')).to.deep.equal([]);
  });

  it('compares names as people type them: case, umlauts, hyphens and punctuation do not matter', () => {
    expect(found('MUELLER')).to.deep.equal(['Müller & Söhne GmbH']);
    expect(found('müller söhne')).to.deep.equal(['Müller & Söhne GmbH']);
    expect(found('datum')).to.deep.equal(['A-Datum Corporation']);
    expect(nameWords(' A-Datum, Corp. ')).to.deep.equal(['a', 'datum', 'corp']);
    expect(found('  ')).to.deep.equal([]);
    expect(found('!!!')).to.deep.equal([]);
  });

  it('puts the whole name first (score 100), then closer matches, and keeps to the limit', () => {
    const hits = index().search('contoso', 10);
    expect(hits.map((h) => NAMES[h.position])).to.deep.equal(['Contoso', 'Contoso Cloud Services']);
    expect(hits[0]!.score).to.equal(100);
    expect(hits[1]!.score).to.be.below(100);
    expect(found('co', 10)).to.have.members(['Contoso', 'Contoso Cloud Services', 'Fourth Coffee IT', 'A-Datum Corporation']);
    expect(found('co', 2)).to.have.length(2);
    // An exact word beats a typo of it.
    expect(found('traders')).to.deep.equal(['Northwind Traders']);
    const typoLast = index(['Tradres Inc', 'Traders Inc']).search('traders', 5);
    expect(typoLast.map((h) => h.position)).to.deep.equal([1, 0]);
  });

  it('stays quick at 100,000 organizations', () => {
    // Not a timing test: the work is bounded by the words of similar length, so this finishes.
    const names = Array.from({ length: 100_000 }, (_, i) => `Partner ${i} ${['Cloud', 'Systems', 'Consulting'][i % 3]}`);
    const big = index(names);
    const hits = big.search('partner 4711 systems', 5);
    expect(hits.map((h) => names[h.position])[0]).to.equal('Partner 4711 Systems');
    expect(hits[0]!.score).to.equal(100);
    // Other partners whose number starts with 4711 follow.
    expect(hits.slice(1).map((h) => names[h.position])).to.deep.equal(['Partner 47110 Systems', 'Partner 47113 Systems', 'Partner 47116 Systems', 'Partner 47119 Systems']);
    expect(big.search('consultng', 3)).to.have.length(3);
  });
});
