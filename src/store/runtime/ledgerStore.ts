/**
 * Benefit ledgers (domain/benefits.ts) on an {@link EntityTable}: one entity per tenant, in a
 * partition of its own, written only with the eTag that was read.
 */
import type { BenefitLedger } from '../../domain/benefits.js';
import { PreconditionFailedError, type EntityTable, type LedgerStore, type Versioned } from '../types.js';

const ROW = 'ledger';

export class TableLedgerStore implements LedgerStore {
  constructor(private readonly table: EntityTable<BenefitLedger>) {}

  get(tenantId: string): Promise<Versioned<BenefitLedger> | undefined> {
    return this.table.get(tenantId.toLowerCase(), ROW);
  }

  async save(ledger: BenefitLedger, ifMatch: string | undefined): Promise<Versioned<BenefitLedger>> {
    const tenantId = ledger.tenantId.toLowerCase();
    const value = { ...ledger, tenantId };
    if (ifMatch !== undefined) return { value, etag: await this.table.replace(tenantId, ROW, value, ifMatch) };
    const etag = await this.table.insert(tenantId, ROW, value);
    if (etag === undefined) throw new PreconditionFailedError('ledger', tenantId);
    return { value, etag };
  }

  async page(after?: string, limit = 500): Promise<BenefitLedger[]> {
    const page = await this.table.scan({ ...(after !== undefined && { after: { partition: after, row: ROW } }), limit });
    return page.map((entity) => entity.value);
  }
}
