import { expect } from 'chai';
import { adminsOf, checkActivator, checkMember, type CallerRecords } from '../../src/domain/access.js';
import type { DirectoryUser, Organization } from '../../src/domain/types.js';

const TODAY = '2026-11-24';
const T = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';
const OTHER_T = '0b7c9e24-8d3f-4a55-b1e2-7c4d6a9f3e12';
const org: Organization = {
  tenantId: T,
  name: 'Contoso',
  partnerId: '4711001',
  memberships: [{ offer: 'Gold', competency: 'Cloud Platform', start: '2026-01-01', end: '2026-12-31' }],
  benefits: [],
};
const lapsed: Organization = { ...org, memberships: [{ offer: 'Gold', competency: 'Cloud Platform', start: '2025-01-01', end: '2025-12-31' }] };
const user = (id: string, patch: Partial<DirectoryUser> = {}): DirectoryUser => ({
  aadObjectId: id,
  tenantId: T,
  name: `User ${id}`,
  roles: [],
  accountProgram: 'MPN',
  ...patch,
});
const ana = user('ana', { name: 'Ana Admin', roles: ['MpnPartnerAdmin'] });
const gabi = user('gabi', { name: 'Gabi Global', roles: ['GlobalAdmin'] });
const ben = user('ben', { name: 'Ben Engineer' });
const cleo = user('cleo', { name: 'Cleo Csp', roles: ['AdminAgent', 'GlobalAdmin'], accountProgram: 'CSP' });
const agent = user('agent', { roles: ['AdminAgent'] });
const hal = user('hal', { tenantId: 'c0ffee00-0000-4000-8000-00000000d35c', roles: ['HelpdeskAgent'] });
const colleagues = [ana, gabi, ben, cleo, agent];

const records = (u: DirectoryUser | undefined, o: Organization | undefined, tenantId = T): CallerRecords => ({
  caller: { aadObjectId: u?.aadObjectId ?? 'stranger', tenantId },
  user: u,
  organization: o,
  colleagues: o ? colleagues : [],
});

describe('domain/access', () => {
  describe('who may activate (F9-F11), checked in order', () => {
    const cases: { name: string; records: CallerRecords; expected: string }[] = [
      { name: 'an MPN partner admin', records: records(ana, org), expected: 'ok' },
      { name: 'a Global admin', records: records(gabi, org), expected: 'ok' },
      { name: 'a user without an admin role (F9)', records: records(ben, org), expected: 'notAdmin' },
      { name: 'an Admin agent, who may view but not activate (F9)', records: records(agent, org), expected: 'notAdmin' },
      { name: 'a Global admin whose account is CSP-only (F10)', records: records(cleo, org), expected: 'cspAccount' },
      { name: 'an admin of an organization with no active membership (F11)', records: records(ana, lapsed), expected: 'noActiveMembership' },
      { name: 'a user of an unknown tenant', records: records(undefined, undefined, 'ffffffff-0000-4000-8000-000000000000'), expected: 'unknownTenant' },
      { name: 'an unknown user of a known tenant', records: records(undefined, org), expected: 'unknownUser' },
      { name: 'a directory user signed in to another tenant', records: records(ana, undefined, OTHER_T), expected: 'wrongTenant' },
      { name: 'a helpdesk agent', records: records(hal, undefined, hal.tenantId), expected: 'helpdeskOnly' },
    ];
    for (const c of cases) {
      it(`${c.name}: ${c.expected}`, () => {
        const result = checkActivator(c.records, TODAY);
        expect(result.ok ? 'ok' : result.refusal.reason).to.equal(c.expected);
      });
    }

    it('names the MPN-associated admins for a refused user, not the CSP-only one (F9, F10)', () => {
      const result = checkActivator(records(ben, org), TODAY);
      expect(result.ok).to.equal(false);
      if (result.ok || result.refusal.reason !== 'notAdmin') throw new Error('expected notAdmin');
      expect(result.refusal.admins.map((a) => a.name)).to.deep.equal(['Ana Admin', 'Gabi Global']);
      expect(adminsOf(colleagues).map((a) => a.name)).to.not.include('Cleo Csp');
    });
  });

  describe('who may see the IDs (F12)', () => {
    it('every user of the organization, whatever the role', () => {
      for (const u of [ana, ben, agent, cleo]) expect(checkMember(records(u, org)).ok, u.name).to.equal(true);
    });
    it('nobody from another tenant', () => {
      const result = checkMember(records(ana, undefined, OTHER_T));
      expect(result.ok).to.equal(false);
    });
  });
});
