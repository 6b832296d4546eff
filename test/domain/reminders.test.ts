import { expect } from 'chai';
import { ACTIVATION_NOTICE_DAYS, deliveryKey, reminderConditions } from '../../src/domain/reminders.js';
import type { Benefit, Membership, Organization } from '../../src/domain/types.js';

const TODAY = '2026-11-24';
const T = 'tenant-1';
const silverOther: Membership[] = [{ offer: 'Silver', competency: 'Application Development', start: '2026-01-01', end: '2026-12-31' }];
const goldCloud: Membership[] = [{ offer: 'Gold', competency: 'Cloud Platform', start: '2026-01-01', end: '2026-12-31' }];
const ana = { aadObjectId: 'ana', name: 'Ana Admin' };
const contract = (kind: Benefit['kind'], patch: Partial<Benefit> = {}): Benefit => ({
  kind,
  accessId: `access-${kind}`,
  contractId: kind === 'ProductSupport' ? '7001' : '7002',
  start: '2026-03-15',
  end: '2027-03-14',
  incidentsUsed: 0,
  source: 'import',
  ...patch,
});
const org = (memberships: Membership[], benefits: Benefit[]): Organization => ({ tenantId: T, name: 'Contoso', partnerId: '1', memberships, benefits });
const activated = (at: string) => ({ source: 'bot' as const, activatedBy: ana, activatedAt: at });

describe('domain/reminders', () => {
  const rows: { name: string; organization: Organization; keys: string[] }[] = [
    { name: 'no benefits: nothing', organization: org(goldCloud, []), keys: [] },
    { name: 'a healthy imported contract: nothing', organization: org(silverOther, [contract('ProductSupport', { incidentsUsed: 4 })]), keys: [] },
    {
      name: 'ends in 30 days: endsSoon once per contract',
      organization: org(goldCloud, [contract('ProductSupport', { end: '2026-12-24' })]),
      keys: [`${T}:ProductSupport:7001:endsSoon`],
    },
    { name: 'ends in 31 days: not yet', organization: org(goldCloud, [contract('ProductSupport', { end: '2026-12-25' })]), keys: [] },
    {
      name: 'ends today: still endsSoon',
      organization: org(goldCloud, [contract('ProductSupport', { end: TODAY })]),
      keys: [`${T}:ProductSupport:7001:endsSoon`],
    },
    { name: 'expired yesterday: nothing (hidden contract, F21)', organization: org(goldCloud, [contract('ProductSupport', { end: '2026-11-23', incidentsUsed: 19 })]), keys: [] },
    {
      name: 'two left: fewLeft:2',
      organization: org(silverOther, [contract('SignatureCloudSupport', { incidentsUsed: 3 })]),
      keys: [`${T}:SignatureCloudSupport:7002:fewLeft:2`],
    },
    {
      name: 'one left: a new condition, fewLeft:1',
      organization: org(silverOther, [contract('SignatureCloudSupport', { incidentsUsed: 4 })]),
      keys: [`${T}:SignatureCloudSupport:7002:fewLeft:1`],
    },
    {
      name: 'used up: fewLeft:0',
      organization: org(silverOther, [contract('SignatureCloudSupport', { incidentsUsed: 5 })]),
      keys: [`${T}:SignatureCloudSupport:7002:fewLeft:0`],
    },
    { name: 'three left: nothing', organization: org(silverOther, [contract('SignatureCloudSupport', { incidentsUsed: 2 })]), keys: [] },
    { name: 'unlimited cloud support never runs low (F4)', organization: org(goldCloud, [contract('SignatureCloudSupport', { incidentsUsed: 99 })]), keys: [] },
    {
      name: 'both at once: ends soon and few left',
      organization: org(silverOther, [contract('ProductSupport', { end: '2026-12-01', incidentsUsed: 14 })]),
      keys: [`${T}:ProductSupport:7001:endsSoon`, `${T}:ProductSupport:7001:fewLeft:1`],
    },
    {
      name: 'activated in the bot today: one notice for the activation, for users',
      organization: org(goldCloud, [
        contract('ProductSupport', activated('2026-11-24T09:00:00.000Z')),
        contract('SignatureCloudSupport', activated('2026-11-24T09:00:00.000Z')),
      ]),
      keys: [`${T}:activated:7001+7002`],
    },
    {
      name: `activated ${ACTIVATION_NOTICE_DAYS} days ago: still news`,
      organization: org(goldCloud, [contract('ProductSupport', activated('2026-10-25T09:00:00.000Z'))]),
      keys: [`${T}:activated:7001`],
    },
    {
      name: `activated ${ACTIVATION_NOTICE_DAYS + 1} days ago: old news`,
      organization: org(goldCloud, [contract('ProductSupport', activated('2026-10-24T09:00:00.000Z'))]),
      keys: [],
    },
    {
      name: 'imported (activated outside the bot): no activation notice',
      organization: org(goldCloud, [contract('ProductSupport', { activatedAt: '2026-11-24T09:00:00.000Z' })]),
      keys: [],
    },
    {
      name: 'two activations (a second kind later): a notice each, the older first',
      organization: org(goldCloud, [
        contract('SignatureCloudSupport', activated('2026-11-20T09:00:00.000Z')),
        contract('ProductSupport', activated('2026-11-10T09:00:00.000Z')),
      ]),
      keys: [`${T}:activated:7001`, `${T}:activated:7002`],
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      expect(reminderConditions(row.organization, TODAY).map((c) => c.key)).to.deep.equal(row.keys);
    });
  }

  it('carries what the message needs: days left, remaining, the activated contracts and who activated', () => {
    const [ends, few] = reminderConditions(org(silverOther, [contract('ProductSupport', { end: '2026-12-04', incidentsUsed: 13 })]), TODAY);
    expect(ends).to.deep.include({ kind: 'endsSoon', audience: 'admins', daysLeft: 10 });
    expect(few).to.deep.include({ kind: 'fewLeft', audience: 'admins', remaining: 2 });
    const [notice] = reminderConditions(org(goldCloud, [contract('ProductSupport', activated('2026-11-24T09:00:00.000Z'))]), TODAY);
    expect(notice).to.deep.include({ kind: 'activated', audience: 'users', activatedBy: ana, activatedAt: '2026-11-24T09:00:00.000Z' });
    expect(notice!.kind === 'activated' && notice!.benefits.map((b) => b.contractId)).to.deep.equal(['7001']);
  });

  it('keys are stable from day to day while the condition holds', () => {
    const o = org(silverOther, [contract('ProductSupport', { end: '2026-12-10', incidentsUsed: 13 })]);
    expect(reminderConditions(o, '2026-11-24').map((c) => c.key)).to.deep.equal(reminderConditions(o, '2026-11-30').map((c) => c.key));
  });

  it('a delivery key adds the recipient', () => {
    const [c] = reminderConditions(org(goldCloud, [contract('ProductSupport', { end: '2026-12-01' })]), TODAY);
    expect(deliveryKey(c!, 'ana')).to.equal(`${T}:ProductSupport:7001:endsSoon:to:ana`);
  });
});
