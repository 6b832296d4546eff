import { expect } from 'chai';
import { diagnoseAlreadyAssociated, supportRoute } from '../../src/domain/troubleshooting.js';
import type { Benefit, Membership, Organization } from '../../src/domain/types.js';

const TODAY = '2026-11-24';
const YEAR = { start: '2026-01-01', end: '2026-12-31' };
const org = (memberships: Membership[], benefits: Benefit[] = []): Organization => ({ tenantId: 't', name: 'Org', partnerId: '1234', memberships, benefits });
const contract = (kind: Benefit['kind'], patch: Partial<Benefit> = {}): Benefit => ({
  kind, accessId: 'a-000001', contractId: 'c-0001', start: '2026-03-15', end: '2027-03-14', incidentsUsed: 0, source: 'import', ...patch,
});
const silverOther: Membership[] = [{ offer: 'Silver', competency: 'Application Development', ...YEAR }];
const goldCloud: Membership[] = [{ offer: 'Gold', competency: 'Cloud Platform', ...YEAR }];
const actionPack: Membership[] = [{ offer: 'ActionPack', ...YEAR }];
const lapsed: Membership[] = [{ offer: 'Gold', competency: 'Security', start: '2025-01-01', end: '2025-12-31' }];

describe('domain/troubleshooting', () => {
  describe('the "already associated" error, from the directory (F20-F22, F7)', () => {
    const rows: [string, Organization | undefined, string][] = [
      ['unknown organization: ask', undefined, 'unknown'],
      ['Action Pack has no cloud support (F7)', org(actionPack), 'actionPack'],
      ['no active membership (F11)', org(lapsed), 'noActiveMembership'],
      ['entitled but not activated (F25)', org(goldCloud), 'notActivated'],
      ['5-pack used up: scenario 2 (F21)', org(silverOther, [contract('SignatureCloudSupport', { incidentsUsed: 5 })]), 'usedUp'],
      ['contract expired: scenario 2 (F21)', org(silverOther, [contract('SignatureCloudSupport', { start: '2025-06-01', end: '2026-05-31' })]), 'expired'],
      ['valid with incidents left: scenario 1 (F20)', org(silverOther, [contract('SignatureCloudSupport', { incidentsUsed: 2 })]), 'valid'],
      ['unlimited: scenario 1 (F4, F20)', org(goldCloud, [contract('SignatureCloudSupport', { incidentsUsed: 50 })]), 'valid'],
    ];
    for (const [name, o, kind] of rows) it(name, () => expect(diagnoseAlreadyAssociated(o, TODAY).kind).to.equal(kind));
  });

  describe('which support to use (F15, F17-F19, F23, F26)', () => {
    const rows: [string, Parameters<typeof supportRoute>[0], Organization | undefined, boolean | undefined, string | undefined, string[]][] = [
      ['on-premises with a current contract', 'onPremises', org(silverOther, [contract('ProductSupport')]), true, undefined, []],
      ['on-premises, contract used up: Premier only (Advanced is cloud only)', 'onPremises', org(silverOther, [contract('ProductSupport', { incidentsUsed: 15 })]), false, 'usedUp', ['premier']],
      ['cloud for Action Pack: Advanced or Premier (F7, F23)', 'cloud', org(actionPack, [contract('ProductSupport')]), false, 'actionPack', ['advanced', 'premier']],
      ['cloud, contract expired while the membership still entitles: activate again (F25)', 'cloud', org(silverOther, [contract('SignatureCloudSupport', { end: '2026-10-31' })]), false, 'notActivated', []],
      ['cloud, contract expired and membership lapsed: a paid plan (F21, F23)', 'cloud', org(lapsed, [contract('SignatureCloudSupport', { end: '2026-10-31' })]), false, 'expired', ['advanced', 'premier']],
      ['cloud, not activated yet: activate, buy nothing (F25)', 'cloud', org(goldCloud), false, 'notActivated', []],
      ['cloud, unlimited', 'cloud', org(goldCloud, [contract('SignatureCloudSupport')]), true, undefined, []],
      ['a CSP customer: Partner Center, no benefit needed (F18, F19)', 'cspCustomer', org(actionPack), undefined, undefined, []],
      ['presales: TPD, not incidents (F26)', 'presales', undefined, undefined, undefined, []],
    ];
    for (const [name, concern, o, covered, gap, recommend] of rows) {
      it(name, () => {
        const route = supportRoute(concern, o, TODAY);
        expect(route.covered).to.equal(covered);
        expect(route.gap).to.equal(gap);
        expect(route.recommend).to.deep.equal(recommend);
      });
    }
  });
});
