import { expect } from 'chai';
import {
  contractAllowance,
  entitlementOn,
  incidents,
  isCloudCompetency,
  unlimited,
  type Allowance,
} from '../../src/domain/entitlements.js';
import type { Membership } from '../../src/domain/types.js';

const TODAY = '2026-11-24';
const YEAR = { start: '2026-01-01', end: '2026-12-31' };
const ap: Membership = { offer: 'ActionPack', ...YEAR };
const silver = (competency: string): Membership => ({ offer: 'Silver', competency, ...YEAR });
const gold = (competency: string): Membership => ({ offer: 'Gold', competency, ...YEAR });

describe('domain/entitlements', () => {
  describe('the entitlement table, row by row', () => {
    const rows: { facts: string; memberships: Membership[]; product?: Allowance; cloud?: Allowance; reason: string }[] = [
      { facts: 'F1, F7', memberships: [ap], product: incidents(10), cloud: undefined, reason: 'ActionPack' },
      { facts: 'F2, F4', memberships: [silver('Cloud Platform')], product: incidents(15), cloud: unlimited, reason: 'Silver/Cloud Platform' },
      { facts: 'F2, F5', memberships: [silver('Application Development')], product: incidents(15), cloud: incidents(5), reason: 'Silver/Application Development' },
      { facts: 'F3, F4', memberships: [gold('Security')], product: incidents(20), cloud: unlimited, reason: 'Gold/Security' },
      { facts: 'F3, F6', memberships: [gold('Data Analytics')], product: incidents(20), cloud: incidents(10), reason: 'Gold/Data Analytics' },
      // Highest level wins for Product Support; any cloud competency gives unlimited cloud support.
      { facts: 'F3, F4', memberships: [silver('Data Analytics'), gold('Cloud Platform')], product: incidents(20), cloud: unlimited, reason: 'Gold/Cloud Platform' },
      { facts: 'F3, F4', memberships: [gold('Data Analytics'), silver('Cloud Productivity')], product: incidents(20), cloud: unlimited, reason: 'Gold/Data Analytics' },
      { facts: 'F3, F6', memberships: [silver('Data Analytics'), gold('Application Development')], product: incidents(20), cloud: incidents(10), reason: 'Gold/Application Development' },
      { facts: 'F2, F5, F7', memberships: [ap, silver('Windows and Devices')], product: incidents(15), cloud: incidents(5), reason: 'Silver/Windows and Devices' },
    ];
    for (const row of rows) {
      const label = row.memberships.map((m) => `${m.offer}${m.competency ? ` ${m.competency}` : ''}`).join(' + ');
      it(`${label}: product ${JSON.stringify(row.product)}, cloud ${JSON.stringify(row.cloud)} (${row.facts})`, () => {
        const e = entitlementOn(row.memberships, TODAY);
        expect(e.productSupport?.allowance).to.deep.equal(row.product);
        expect(e.cloudSupport?.allowance).to.deep.equal(row.cloud);
        const basis = e.productSupport!.basis;
        expect(basis.competency ? `${basis.offer}/${basis.competency}` : basis.offer).to.equal(row.reason);
      });
    }

    it('gives the cloud line the cloud competency as its reason (F4)', () => {
      const e = entitlementOn([gold('Data Analytics'), silver('Cloud Productivity')], TODAY);
      expect(e.cloudSupport?.basis).to.include({ offer: 'Silver', competency: 'Cloud Productivity' });
      expect(e.cloudSupport?.facts).to.include('F4');
    });
  });

  describe('F8: the cloud competencies', () => {
    const cloud = ['Security', 'Cloud Business Applications', 'Cloud Platform', 'Cloud Productivity', 'Enterprise Mobility Management', 'Small and Midmarket Cloud Solutions', 'cloud  platform', ' SECURITY '];
    const other = ['Data Analytics', 'Application Development', 'Cloud', 'Platform', 'Windows and Devices', '', undefined];
    for (const name of cloud) it(`"${name}" is a cloud competency`, () => expect(isCloudCompetency(name)).to.equal(true));
    for (const name of other) it(`"${name}" is not`, () => expect(isCloudCompetency(name)).to.equal(false));
  });

  describe('active memberships: start and end both included', () => {
    const m: Membership = { offer: 'Gold', competency: 'Cloud Platform', start: '2026-03-01', end: '2027-02-28' };
    const cases: [string, boolean][] = [
      ['2026-02-28', false],
      ['2026-03-01', true],
      ['2026-11-24', true],
      ['2027-02-28', true],
      ['2027-03-01', false],
    ];
    for (const [day, active] of cases) {
      it(`on ${day} the membership is ${active ? 'active' : 'not active'}`, () => {
        const e = entitlementOn([m], day);
        expect(e.active.length).to.equal(active ? 1 : 0);
        expect(e.productSupport === undefined).to.equal(!active);
      });
    }
    it('no active membership means no entitlement at all (F11)', () => {
      const e = entitlementOn([{ offer: 'Silver', competency: 'Security', start: '2025-01-01', end: '2025-12-31' }], TODAY);
      expect(e).to.deep.equal({ active: [] });
    });
  });

  it("derives an activated contract's allowance from the memberships on its first day", () => {
    const memberships: Membership[] = [{ offer: 'Silver', competency: 'Application Development', start: '2026-03-01', end: '2027-02-28' }];
    expect(contractAllowance(memberships, 'ProductSupport', '2026-03-15')).to.deep.equal(incidents(15));
    expect(contractAllowance(memberships, 'SignatureCloudSupport', '2026-03-15')).to.deep.equal(incidents(5));
    expect(contractAllowance(memberships, 'ProductSupport', '2025-03-15')).to.equal(undefined);
  });

  it("a contract that starts a few days before the membership carrying it takes that membership's allowance", () => {
    const gold = [{ offer: 'Gold' as const, competency: 'Data Analytics', start: '2026-03-10', end: '2027-03-09' }];
    expect(contractAllowance(gold, 'ProductSupport', '2026-03-05', '2027-03-04')).to.deep.equal(incidents(20));
    expect(contractAllowance(gold, 'SignatureCloudSupport', '2026-03-05', '2027-03-04')).to.deep.equal(incidents(10));
    // Without the contract's end only its first day counts, and a membership after the contract never does.
    expect(contractAllowance(gold, 'ProductSupport', '2026-03-05')).to.equal(undefined);
    expect(contractAllowance(gold, 'ProductSupport', '2025-01-01', '2025-12-31')).to.equal(undefined);
  });
});
