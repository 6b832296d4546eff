/**
 * A generated partner directory in the import format (contracts/directory.schema.json): `orgs`
 * organizations with three users each (a Global admin, an MPN partner admin, an engineer), dates laid
 * out around `today` so every membership is active. Every second organization carries an imported,
 * current Product Support contract, so balance and ID questions have something to show; the others
 * can be activated.
 */
import { addDays } from '../../src/domain/dates.js';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A deterministic GUID: `kind` tells organizations from users. */
export const benchGuid = (kind: number, i: number) => `${hex(kind, 8)}-0000-4000-8000-${hex(i, 12)}`;

export interface BenchUser {
  aadObjectId: string;
  tenantId: string;
  name: string;
  /** 0 Global admin, 1 MPN partner admin, 2 no role. */
  index: number;
  org: number;
}

export const USERS_PER_ORG = 3;

/** The user `index` (0-2) of organization `org`. */
export function benchUser(org: number, index: number): BenchUser {
  return { aadObjectId: benchGuid(2, org * USERS_PER_ORG + index), tenantId: benchGuid(1, org), name: `User ${org}/${index}`, index, org };
}

/** Whether organization `org` has an imported contract (and so IDs and a balance from the start). */
export const hasImportedContract = (org: number) => org % 2 === 0;

export function benchDirectory(orgs: number, today: string): { organizations: unknown[]; users: unknown[] } {
  const start = addDays(today, -60);
  const end = addDays(today, 300);
  const organizations: unknown[] = [];
  const users: unknown[] = [];
  for (let o = 0; o < orgs; o++) {
    const gold = o % 3 === 0;
    organizations.push({
      tenantId: benchGuid(1, o),
      name: `Partner ${o} ${['Cloud', 'Systems', 'Consulting', 'Software', 'Services'][o % 5]}`,
      partnerId: String(5_000_000 + o),
      memberships: [{ offer: gold ? 'Gold' : 'Silver', competency: o % 2 ? 'Cloud Platform' : 'Data Analytics', start, end }],
      ...(hasImportedContract(o) && {
        benefits: [
          { kind: 'ProductSupport', accessId: `AID-${hex(o, 8)}`, contractId: String(7_000_000 + o), start, end: addDays(start, 364), incidentsUsed: o % 4 },
        ],
      }),
    });
    const roles = [['GlobalAdmin'], ['MpnPartnerAdmin'], []];
    for (let u = 0; u < USERS_PER_ORG; u++) {
      const user = benchUser(o, u);
      users.push({ aadObjectId: user.aadObjectId, tenantId: user.tenantId, name: user.name, roles: roles[u] });
    }
  }
  return { organizations, users };
}
