import { expect } from 'chai';
import { correctToken, editDistance, type TypoLexicon } from '../../src/recognizer/fuzzy.js';

const lexicon: TypoLexicon = {
  keywords: ['activate', 'contract', 'aktivieren', 'vertragsnummer', 'admin'],
  keep: new Set(['contact']),
};

describe('recognizer: fuzzy', () => {
  const distances: readonly (readonly [string, string, number])[] = [
    ['activate', 'activate', 0],
    ['activte', 'activate', 1],
    ['contarct', 'contract', 1],
    ['aktiviern', 'aktivieren', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ];
  for (const [a, b, d] of distances) {
    it(`editDistance(${a}, ${b}) = ${d}`, () => {
      expect(editDistance(a, b)).to.equal(d);
    });
  }

  it('caps the distance at max + 1', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).to.equal(3);
  });

  const corrections: readonly (readonly [string, string])[] = [
    ['activte', 'activate'],
    ['contarct', 'contract'],
    ['vertragsnumer', 'vertragsnummer'],
    ['amdin', 'admin'],
    ['contact', 'contact'],
    ['xctivate', 'xctivate'],
    ['role', 'role'],
  ];
  for (const [token, expected] of corrections) {
    it(`correctToken(${token}) = ${expected}`, () => {
      expect(correctToken(token, lexicon)).to.equal(expected);
    });
  }
});
