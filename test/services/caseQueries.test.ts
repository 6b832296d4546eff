import { expect } from 'chai';
import { caseIdIn } from '../../src/services/caseService.js';
import { lookupQueryOf } from '../../src/dialogs/lookupDialog.js';

describe('services/caseService.caseIdIn: a case id as agents type it (issue 14)', () => {
  for (const [typed, id] of [
    ['case C-000002', 'C-000002'],
    ['case c-2', 'C-000002'],
    ['C-2', 'C-000002'],
    ['c2', 'C-000002'],
    ['Fall C-000002', 'C-000002'],
    ['show case C-0000042', 'C-000042'],
    ['C-1234567', 'C-1234567'],
  ] as const) {
    it(`"${typed}" is ${id}`, () => expect(caseIdIn(typed)).to.equal(id));
  }
  for (const typed of ['cases for 4711002', 'Contoso', 'abc-2', '', 'C-']) {
    it(`"${typed}" names no case`, () => expect(caseIdIn(typed)).to.equal(undefined));
  }
});

describe('dialogs/lookupDialog.lookupQueryOf: what a lookup command looks up (issue 14)', () => {
  for (const [typed, query] of [
    ['partner northwind', 'northwind'],
    ['Partner Northwind Traders', 'Northwind Traders'],
    ['find partner Northwind', 'Northwind'],
    ['suche Northwind', 'Northwind'],
    ['Partner suchen Northwind', 'Northwind'],
    ['who is wanda@woodgrove.example?', 'wanda@woodgrove.example'],
    ['wer ist 4711002', '4711002'],
    ['who is user 9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b08', '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b08'],
    ['<at>Partner Support Bot</at> lookup Woodgrove', 'Woodgrove'],
    ['lookup', ''],
    ['northwind', 'northwind'],
  ] as const) {
    it(`"${typed}" looks up "${query}"`, () => expect(lookupQueryOf(typed)).to.equal(query));
  }
});
