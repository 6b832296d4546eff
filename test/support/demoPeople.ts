/** The demo directory's people as Teams would present them, for tests. */
import { DEMO_TENANTS, DEMO_USERS } from '../../src/demo/demoDirectory.js';
import type { Who } from './testBot.js';

const person = (key: keyof typeof DEMO_USERS, tenant: keyof typeof DEMO_TENANTS, name: string): Who => ({
  aadObjectId: DEMO_USERS[key],
  tenantId: DEMO_TENANTS[tenant],
  name,
});

export const ana = person('ana', 'contoso', 'Ana Admin');
export const ben = person('ben', 'contoso', 'Ben Engineer');
export const cleo = person('cleo', 'contoso', 'Cleo Csp');
export const dario = person('dario', 'woodgrove', 'Dario Entwickler');
export const wanda = person('wanda', 'woodgrove', 'Wanda Weber');
export const ema = person('ema', 'fourthCoffee', 'Ema Global');
export const nils = person('nils', 'northwind', 'Nils Nordmann');
export const hal = person('hal', 'helpdesk', 'Hal Helpdesk');
/** Someone whose tenant the directory does not know. */
export const stranger: Who = { aadObjectId: 'dddddddd-0000-4000-8000-000000000001', tenantId: 'eeeeeeee-0000-4000-8000-000000000001', name: 'Sam Stranger' };
/** Someone in Contoso's tenant whom the directory does not list. */
export const newcomer: Who = { aadObjectId: 'dddddddd-0000-4000-8000-000000000002', tenantId: DEMO_TENANTS.contoso, name: 'Nora Neu' };
