/** A data directory as the previous version (lowdb files, schemaVersion 1) left it, for the upgrade's tests. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_TENANTS, DEMO_USERS } from '../../src/demo/demoDirectory.js';

const CONTOSO = DEMO_TENANTS.contoso;
const WOODGROVE = DEMO_TENANTS.woodgrove;
const by = { aadObjectId: DEMO_USERS.dario, name: 'Dario' };

/** What the previous version left in a data directory. */
export function v1Files() {
  const record = (value: unknown) => ({ value, etag: 'old' });
  return {
    'directory.json': {
      schemaVersion: 1,
      organizations: {
        [CONTOSO]: record({
          tenantId: CONTOSO, name: 'Contoso Cloud Services', partnerId: '4711001',
          memberships: [{ offer: 'Gold', competency: 'Cloud Platform', start: '2026-01-01', end: '2026-12-31' }],
          benefits: [{ kind: 'ProductSupport', accessId: 'acc-bot-0001', contractId: '8000001', start: '2026-11-01', end: '2027-10-31', incidentsUsed: 1, source: 'bot',
            activatedBy: { aadObjectId: DEMO_USERS.ana, name: 'Ana Admin' }, activatedAt: '2026-11-01T09:00:00.000Z',
            cases: [{ caseRef: '2611230040000001', recordedBy: by, recordedAt: '2026-11-10T09:00:00.000Z', counted: true }] }],
        }),
        [WOODGROVE]: record({
          tenantId: WOODGROVE, name: 'Woodgrove Software', partnerId: '4711002',
          memberships: [{ offer: 'Silver', competency: 'Data Analytics', start: '2026-01-01', end: '2026-12-31' }],
          benefits: [{ kind: 'ProductSupport', accessId: 'acc-imp-0001', contractId: '7001234', start: '2026-03-15', end: '2027-03-14', incidentsUsed: 5, source: 'import',
            cases: [{ caseRef: '2611230040000002', recordedBy: by, recordedAt: '2026-11-11T09:00:00.000Z', counted: true }] }],
        }),
      },
      users: {
        [DEMO_USERS.ana]: record({ aadObjectId: DEMO_USERS.ana, tenantId: CONTOSO, name: 'Ana Admin', roles: ['MpnPartnerAdmin'], accountProgram: 'MPN' }),
        [DEMO_USERS.dario]: record({ aadObjectId: DEMO_USERS.dario, tenantId: WOODGROVE, name: 'Dario', roles: [], accountProgram: 'MPN' }),
      },
    },
    'state.json': { schemaVersion: 1, items: { 'msteams/conversations/a:1/': { value: { meta: { welcomed: true }, eTag: 'x' }, lastWrite: '2026-11-20T09:00:00.000Z' } } },
    'conversations.json': {
      schemaVersion: 1,
      conversations: { 'a:1': { key: 'a:1', reference: { conversation: { id: 'a:1' } }, aadObjectId: DEMO_USERS.ana, tenantId: CONTOSO, conversationType: 'personal', updatedAt: '2026-11-20T09:00:00.000Z' } },
      settings: { helpdeskConversation: '19:helpdesk' },
      sent: { 'fewLeft:x:to:y': '2026-11-20T07:00:00.000Z' },
    },
    'cases.json': {
      schemaVersion: 1,
      nextNumber: 8,
      cases: { 'C-000007': record({ id: 'C-000007', origin: 'escalation', tenantId: CONTOSO, category: 'other', summary: 'help', status: 'open', createdBy: { aadObjectId: DEMO_USERS.ana, name: 'Ana' }, createdAt: '2026-11-20T09:00:00.000Z', notes: [], history: [] }) },
    },
  };
}

/** Writes {@link v1Files} into `dir`. */
export async function writeV1DataDir(dir: string): Promise<void> {
  for (const [name, content] of Object.entries(v1Files())) await writeFile(join(dir, name), JSON.stringify(content));
}
