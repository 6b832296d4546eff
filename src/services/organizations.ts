/**
 * What the services read about organizations and people: the partner directory (the newest
 * snapshot, taken once per call so a decision never mixes two versions) joined with the benefit
 * ledger the bot wrote (activations, recorded cases), giving each organization its current
 * contracts (domain/benefits.ts).
 */
import { currentBenefits, type BenefitLedger, type ImportedContract } from '../domain/benefits.js';
import type { Caller, CallerRecords } from '../domain/access.js';
import type { DirectoryUser, Organization } from '../domain/types.js';
import type { DirectoryOrganization, DirectorySnapshot, DirectorySource, LedgerStore, Versioned } from '../store/types.js';

/** A caller's records, with the ledger as read (its eTag guards the write that may follow). */
export interface LoadedCallerRecords extends CallerRecords {
  ledger?: Versioned<BenefitLedger>;
  /** The organization's imported contracts, as in the snapshot read (for recomputing after a write). */
  contracts: readonly ImportedContract[];
}

/** An organization of the directory with its current contracts from `ledger`. */
export function withBenefits(org: DirectoryOrganization, ledger: BenefitLedger | undefined): Organization {
  return { tenantId: org.tenantId, name: org.name, partnerId: org.partnerId, memberships: org.memberships, benefits: currentBenefits(org.contracts, ledger) };
}

export class Organizations {
  constructor(
    private readonly directory: DirectorySource,
    readonly ledgers: LedgerStore,
  ) {}

  /**
   * Partners by partner id, tenant id or name (typos tolerated; the best-matching names only, as the
   * directory's name index scores them). For the helpdesk's lookup and its "cases of" list alike.
   */
  findPartners(query: string, snapshot = this.snapshot()): DirectoryOrganization[] {
    const q = query.trim();
    if (/^\d{4,10}$/.test(q)) return [snapshot.organizationByPartnerId(q)].filter((o) => o !== undefined);
    if (GUID.test(q)) return [snapshot.organization(q)].filter((o) => o !== undefined);
    const found = snapshot.searchOrganizations(q, 50);
    const best = Math.max(0, ...found.map((x) => x.score));
    return found.filter((x) => x.score === best).map((x) => x.organization);
  }

  /** The directory as it is now; hold on to it for the rest of one decision. */
  snapshot(): DirectorySnapshot {
    return this.directory.current();
  }

  /** The organization of `tenantId` with its current contracts, and its ledger; undefined when not in the directory. */
  async load(
    tenantId: string,
    snapshot = this.snapshot(),
  ): Promise<{ organization: Organization; ledger?: Versioned<BenefitLedger>; contracts: readonly ImportedContract[] } | undefined> {
    const org = snapshot.organization(tenantId);
    if (!org) return undefined;
    const ledger = await this.ledgers.get(org.tenantId);
    return { organization: withBenefits(org, ledger?.value), contracts: org.contracts, ...(ledger && { ledger }) };
  }

  /**
   * What the access rules need about a caller: their directory entry, the organization of the
   * tenant they are signed in to (from the channel only), its users, and its ledger.
   */
  async callerRecords(caller: Caller): Promise<LoadedCallerRecords> {
    const snapshot = this.snapshot();
    const user = caller.aadObjectId ? snapshot.user(caller.aadObjectId) : undefined;
    const loaded = caller.tenantId ? await this.load(caller.tenantId, snapshot) : undefined;
    const colleagues = loaded ? [...snapshot.usersOfTenant(loaded.organization.tenantId)] : [];
    return { caller, user, organization: loaded?.organization, colleagues, contracts: loaded?.contracts ?? [], ...(loaded?.ledger && { ledger: loaded.ledger }) };
  }

  /**
   * The caller's directory entry when they are a helpdesk agent: the HelpdeskAgent role, signed in
   * to their own tenant, and that tenant is the operator's, not a partner organization's (a
   * partner's employee with the role by mistake must not get the cross-tenant view).
   */
  agentOf(caller: Caller): DirectoryUser | undefined {
    if (!caller.aadObjectId || !caller.tenantId) return undefined;
    const snapshot = this.snapshot();
    const user = snapshot.user(caller.aadObjectId);
    if (!user || !user.roles.includes('HelpdeskAgent') || user.tenantId !== caller.tenantId) return undefined;
    return snapshot.organization(user.tenantId) ? undefined : user;
  }

  /**
   * Every organization that has contracts (imported, or activated in the bot), with them. Walks the
   * ledgers and the directory a page at a time, yielding to the event loop in between, so a daily
   * job over 100,000 organizations never holds up a turn.
   */
  async *withContracts(): AsyncIterable<Organization> {
    const snapshot = this.snapshot();
    const seen = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const ledgers = await this.ledgers.page(after, 200);
      if (ledgers.length === 0) break;
      for (const ledger of ledgers) {
        const org = snapshot.organization(ledger.tenantId);
        seen.add(ledger.tenantId);
        if (org) yield withBenefits(org, ledger);
      }
      after = ledgers[ledgers.length - 1]!.tenantId;
    }
    let visited = 0;
    for (const org of snapshot.organizations()) {
      if (++visited % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (org.contracts.length > 0 && !seen.has(org.tenantId)) yield withBenefits(org, undefined);
    }
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

