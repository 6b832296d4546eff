/**
 * Benefit ledgers (domain/benefits.ts) on an {@link EntityTable}: one entity per tenant, in a
 * partition of its own, written only with the eTag that was read. Claims on activations are rows
 * of the `settings` table (partition `activation`, one row per tenant), so that the ledgers table
 * holds nothing but ledgers (the reminders page through it).
 */
import type { BenefitLedger } from '../../domain/benefits.js';
import { PreconditionFailedError, type ActivationClaim, type EntityTable, type LedgerStore, type Versioned } from '../types.js';

const ROW = 'ledger';
const CLAIMS = 'activation';

export class TableLedgerStore implements LedgerStore {
  constructor(
    private readonly table: EntityTable<BenefitLedger>,
    private readonly claims: EntityTable<ActivationClaim>,
  ) {}

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

  activationClaim(tenantId: string): Promise<Versioned<ActivationClaim> | undefined> {
    return this.claims.get(CLAIMS, tenantId.toLowerCase());
  }

  async putActivationClaim(tenantId: string, claim: ActivationClaim, ifMatch?: string): Promise<string | undefined> {
    const row = tenantId.toLowerCase();
    if (ifMatch === undefined) return this.claims.insert(CLAIMS, row, claim);
    try {
      return await this.claims.replace(CLAIMS, row, claim, ifMatch);
    } catch (error) {
      if (error instanceof PreconditionFailedError) return undefined;
      throw error;
    }
  }

  releaseActivationClaim(tenantId: string, ifMatch: string): Promise<boolean> {
    return this.claims.delete(CLAIMS, tenantId.toLowerCase(), ifMatch);
  }
}
