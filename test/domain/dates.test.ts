import { expect } from 'chai';
import { addDays, daysBetween, isIsoDate, oneYearContractEnd } from '../../src/domain/dates.js';

describe('domain/dates', () => {
  const ends: [string, string][] = [
    ['2026-03-15', '2027-03-14'],
    ['2026-01-01', '2026-12-31'],
    ['2028-02-29', '2029-02-28'],
    ['2027-03-01', '2028-02-29'],
    ['2026-12-31', '2027-12-30'],
  ];
  for (const [start, end] of ends) {
    it(`a one-year contract from ${start} ends on ${end}`, () => expect(oneYearContractEnd(start)).to.equal(end));
  }
  it('rejects dates that do not exist', () => {
    expect(isIsoDate('2026-02-30')).to.equal(false);
    expect(isIsoDate('2026-13-01')).to.equal(false);
    expect(isIsoDate('26-01-01')).to.equal(false);
    expect(isIsoDate('2028-02-29')).to.equal(true);
  });
  it('moves by days across months and years', () => {
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
    expect(addDays('2026-03-01', -1)).to.equal('2026-02-28');
    expect(daysBetween('2026-11-24', '2026-12-24')).to.equal(30);
  });
});
