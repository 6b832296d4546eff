/**
 * The demo partner directory that `npm start` loads into an empty data directory. It is written in
 * the import format (contracts/directory.schema.json) and goes through the same validation as an
 * operator's file. Dates are laid out around "today" so the demo never expires: each organization
 * shows one situation the bot handles.
 */
import { addDays, oneYearContractEnd } from '../domain/dates.js';
import type { IsoDate } from '../domain/types.js';

/** Tenant ids of the demo organizations (the first three match contracts/directory.example.json). */
export const DEMO_TENANTS = {
  contoso: '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01',
  woodgrove: '0b7c9e24-8d3f-4a55-b1e2-7c4d6a9f3e12',
  fourthCoffee: '3d2a6b18-1f4e-4c09-8e7a-5b6c2d1e0f23',
  northwind: '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d34',
  helpdesk: 'c0ffee00-0000-4000-8000-00000000d35c',
} as const;

/** The demo users' Entra object ids, by first name. */
export const DEMO_USERS = {
  ana: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b01',
  ben: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b02',
  cleo: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b03',
  dario: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b04',
  ema: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b05',
  hal: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b06',
  nils: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b07',
  wanda: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b08',
} as const;

/** A demo user as Teams presents them (Entra object id, tenant, display name). */
export interface DemoPerson {
  aadObjectId: string;
  tenantId: string;
  name: string;
  /** Sign-in name (as in the demo directory), for clients that show one. */
  email: string;
}

const DEMO_DOMAINS: Record<keyof typeof DEMO_TENANTS, string> = {
  contoso: 'contoso.example',
  woodgrove: 'woodgrove.example',
  fourthCoffee: 'fourthcoffee.example',
  northwind: 'northwind.example',
  helpdesk: 'helpdesk.example',
};

const person = (user: keyof typeof DEMO_USERS, tenant: keyof typeof DEMO_TENANTS, name: string): DemoPerson => ({
  aadObjectId: DEMO_USERS[user],
  tenantId: DEMO_TENANTS[tenant],
  name,
  email: `${user}@${DEMO_DOMAINS[tenant]}`,
});

/** The demo users, plus two people the directory does not know (for refusals). */
export const DEMO_PEOPLE = {
  ana: person('ana', 'contoso', 'Ana Admin'),
  ben: person('ben', 'contoso', 'Ben Engineer'),
  cleo: person('cleo', 'contoso', 'Cleo Csp'),
  dario: person('dario', 'woodgrove', 'Dario Entwickler'),
  wanda: person('wanda', 'woodgrove', 'Wanda Weber'),
  ema: person('ema', 'fourthCoffee', 'Ema Global'),
  nils: person('nils', 'northwind', 'Nils Nordmann'),
  hal: person('hal', 'helpdesk', 'Hal Helpdesk'),
  /** A tenant the directory does not know. */
  stranger: {
    aadObjectId: 'dddddddd-0000-4000-8000-000000000001',
    tenantId: 'eeeeeeee-0000-4000-8000-000000000001',
    name: 'Sam Stranger',
    email: 'sam@stranger.example',
  },
  /** A user of Contoso's tenant whom the directory does not list. */
  newcomer: { aadObjectId: 'dddddddd-0000-4000-8000-000000000002', tenantId: DEMO_TENANTS.contoso, name: 'Nora Neu', email: 'nora@contoso.example' },
} satisfies Record<string, DemoPerson>;

/** The demo directory as of `today`, in the import format. */
export function demoDirectory(today: IsoDate): unknown {
  // A membership year that began about eight months ago and runs another four months.
  const yearStart = addDays(today, -240);
  const yearEnd = oneYearContractEnd(yearStart);
  const contractStart = addDays(yearStart, 14);
  const lapsedStart = addDays(today, -430);
  return {
    organizations: [
      {
        // Gold in a cloud competency, not activated yet: an admin can activate (F3, F4).
        tenantId: DEMO_TENANTS.contoso,
        name: 'Contoso Cloud Services',
        partnerId: '4711001',
        memberships: [
          { offer: 'Gold', competency: 'Cloud Platform', start: yearStart, end: yearEnd },
          { offer: 'Silver', competency: 'Data Analytics', start: yearStart, end: yearEnd },
        ],
      },
      {
        // Silver, non-cloud, activated before the bot: 5-pack used up (F5, F21).
        tenantId: DEMO_TENANTS.woodgrove,
        name: 'Woodgrove Software',
        partnerId: '4711002',
        memberships: [{ offer: 'Silver', competency: 'Application Development', start: yearStart, end: yearEnd }],
        benefits: [
          { kind: 'ProductSupport', accessId: 'a1b2c3d4-0000-4000-8000-000000000001', contractId: '7001234', start: contractStart, end: oneYearContractEnd(contractStart), incidentsUsed: 4 },
          { kind: 'SignatureCloudSupport', accessId: 'a1b2c3d4-0000-4000-8000-000000000002', contractId: '7001235', start: contractStart, end: oneYearContractEnd(contractStart), incidentsUsed: 5 },
        ],
      },
      {
        // Action Pack: Product Support only, no cloud support (F1, F7).
        tenantId: DEMO_TENANTS.fourthCoffee,
        name: 'Fourth Coffee IT',
        partnerId: '4711003',
        memberships: [{ offer: 'ActionPack', start: yearStart, end: yearEnd }],
      },
      {
        // Membership lapsed: nothing to activate (F11).
        tenantId: DEMO_TENANTS.northwind,
        name: 'Northwind Traders',
        partnerId: '4711004',
        memberships: [{ offer: 'Silver', competency: 'Security', start: lapsedStart, end: oneYearContractEnd(lapsedStart) }],
      },
    ],
    users: [
      { aadObjectId: DEMO_USERS.ana, tenantId: DEMO_TENANTS.contoso, name: 'Ana Admin', email: 'ana@contoso.example', roles: ['MpnPartnerAdmin'] },
      { aadObjectId: DEMO_USERS.ben, tenantId: DEMO_TENANTS.contoso, name: 'Ben Engineer', email: 'ben@contoso.example' },
      { aadObjectId: DEMO_USERS.cleo, tenantId: DEMO_TENANTS.contoso, name: 'Cleo Csp', email: 'cleo@contoso.example', roles: ['AdminAgent'], accountProgram: 'CSP' },
      { aadObjectId: DEMO_USERS.dario, tenantId: DEMO_TENANTS.woodgrove, name: 'Dario Entwickler', email: 'dario@woodgrove.example' },
      { aadObjectId: DEMO_USERS.wanda, tenantId: DEMO_TENANTS.woodgrove, name: 'Wanda Weber', email: 'wanda@woodgrove.example', roles: ['GlobalAdmin'] },
      { aadObjectId: DEMO_USERS.ema, tenantId: DEMO_TENANTS.fourthCoffee, name: 'Ema Global', email: 'ema@fourthcoffee.example', roles: ['GlobalAdmin'] },
      { aadObjectId: DEMO_USERS.nils, tenantId: DEMO_TENANTS.northwind, name: 'Nils Nordmann', email: 'nils@northwind.example', roles: ['MpnPartnerAdmin'] },
      { aadObjectId: DEMO_USERS.hal, tenantId: DEMO_TENANTS.helpdesk, name: 'Hal Helpdesk', email: 'hal@helpdesk.example', roles: ['HelpdeskAgent'] },
    ],
  };
}
