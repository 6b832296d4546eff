import { expect } from 'chai';
import { balanceOf, isCaseRef, normalizeCaseRef, recordIncident } from '../../src/domain/balance.js';
import type { Benefit, Membership } from '../../src/domain/types.js';

const TODAY = '2026-11-24';
const silverOther: Membership[] = [{ offer: 'Silver', competency: 'Application Development', start: '2026-01-01', end: '2026-12-31' }];
const goldCloud: Membership[] = [{ offer: 'Gold', competency: 'Cloud Platform', start: '2026-01-01', end: '2026-12-31' }];
const contract = (kind: Benefit['kind'], patch: Partial<Benefit> = {}): Benefit => ({
  kind,
  accessId: `access-${kind}`,
  contractId: `C-${kind}`,
  start: '2026-03-15',
  end: '2027-03-14',
  incidentsUsed: 0,
  source: 'import',
  ...patch,
});
const ana = { aadObjectId: 'ana', name: 'Ana Admin' };
const NOW = new Date('2026-11-24T10:00:00Z');

describe('domain/balance', () => {
  describe('balances and warnings (F13, F16, F21)', () => {
    const rows: { name: string; benefit: Benefit; memberships: Membership[]; remaining?: number; warnings: string[] }[] = [
      { name: 'Silver product support, 4 of 15 used (F2)', benefit: contract('ProductSupport', { incidentsUsed: 4 }), memberships: silverOther, remaining: 11, warnings: [] },
      { name: 'Silver 5-pack used up (F5, F21)', benefit: contract('SignatureCloudSupport', { incidentsUsed: 5 }), memberships: silverOther, remaining: 0, warnings: ['usedUp'] },
      { name: 'two left is few (F21 warning)', benefit: contract('SignatureCloudSupport', { incidentsUsed: 3 }), memberships: silverOther, remaining: 2, warnings: ['fewLeft'] },
      { name: 'three left is fine', benefit: contract('SignatureCloudSupport', { incidentsUsed: 2 }), memberships: silverOther, remaining: 3, warnings: [] },
      { name: 'unlimited cloud support never runs low (F4)', benefit: contract('SignatureCloudSupport', { incidentsUsed: 40 }), memberships: goldCloud, remaining: undefined, warnings: [] },
      { name: 'ends in 30 days', benefit: contract('ProductSupport', { end: '2026-12-24' }), memberships: goldCloud, remaining: 20, warnings: ['endsSoon'] },
      { name: 'ends in 31 days is not soon', benefit: contract('ProductSupport', { end: '2026-12-25' }), memberships: goldCloud, remaining: 20, warnings: [] },
      { name: 'ends today is still valid, but soon', benefit: contract('ProductSupport', { end: TODAY }), memberships: goldCloud, remaining: 20, warnings: ['endsSoon'] },
      { name: 'ended yesterday is expired', benefit: contract('ProductSupport', { end: '2026-11-23' }), memberships: goldCloud, remaining: 20, warnings: ['expired'] },
      { name: 'more used than allowed never goes below zero', benefit: contract('ProductSupport', { incidentsUsed: 25 }), memberships: goldCloud, remaining: 0, warnings: ['usedUp'] },
    ];
    for (const row of rows) {
      it(row.name, () => {
        const b = balanceOf(row.benefit, row.memberships, TODAY);
        expect(b.remaining).to.equal(row.remaining);
        expect(b.warnings).to.deep.equal(row.warnings);
      });
    }
  });

  describe('recording a used incident', () => {
    it('counts one incident and remembers the case, who and when', () => {
      const result = recordIncident([contract('ProductSupport', { incidentsUsed: 4 })], silverOther, 'ProductSupport', ' 2611 2300 4000 1234 ', ana, NOW, TODAY);
      if (!result.ok) throw new Error(result.reason);
      expect(result.benefit.incidentsUsed).to.equal(5);
      expect(result.benefit.cases).to.deep.equal([{ caseRef: '2611230040001234', recordedBy: ana, recordedAt: NOW.toISOString(), counted: true }]);
    });

    it('records a case against unlimited cloud support without counting it (F4)', () => {
      const result = recordIncident([contract('SignatureCloudSupport', { incidentsUsed: 7 })], goldCloud, 'SignatureCloudSupport', 'SR-123456', ana, NOW, TODAY);
      if (!result.ok) throw new Error(result.reason);
      expect(result.benefit.incidentsUsed).to.equal(7);
      expect(result.benefit.cases?.[0]?.counted).to.equal(false);
    });

    const refusals: [string, Benefit[], Benefit['kind'], string, string][] = [
      ['the same case twice, in any contract', [contract('ProductSupport', { cases: [{ caseRef: 'SR-123456', recordedBy: ana, recordedAt: '', counted: true }] }), contract('SignatureCloudSupport')], 'SignatureCloudSupport', 'sr-123456', 'duplicate'],
      ['a used-up contract (never below zero)', [contract('SignatureCloudSupport', { incidentsUsed: 5 })], 'SignatureCloudSupport', '2611230040001234', 'usedUp'],
      ['an expired contract', [contract('ProductSupport', { end: '2026-11-01' })], 'ProductSupport', '2611230040001234', 'expired'],
      ['no contract of that kind', [contract('ProductSupport')], 'SignatureCloudSupport', '2611230040001234', 'noContract'],
      ['a case reference that is no case number', [contract('ProductSupport')], 'ProductSupport', 'hello', 'badCaseRef'],
    ];
    for (const [what, benefits, kind, ref, reason] of refusals) {
      it(`refuses ${what}`, () => {
        const result = recordIncident(benefits, silverOther, kind, ref, ana, NOW, TODAY);
        expect(result.ok ? 'ok' : result.reason).to.equal(reason);
      });
    }
  });

  it('normalizes and checks case references', () => {
    expect(normalizeCaseRef(' sr 12-3456 ')).to.equal('123456');
    expect(normalizeCaseRef('2611-2300-4000-1234')).to.equal(normalizeCaseRef('Case #2611230040001234'));
    expect(isCaseRef('2611230040001234')).to.equal(true);
    expect(isCaseRef('SR-123456')).to.equal(true);
    expect(isCaseRef('123')).to.equal(false);
    expect(isCaseRef('ABCDEFGH')).to.equal(false);
  });
});
