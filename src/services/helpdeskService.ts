/**
 * The helpdesk's cross-tenant view: partner lookup with masked IDs, the reveal (audited), and the
 * cases. Only directory users with the HelpdeskAgent role get anything here; every call checks it
 * again on the server, whatever a card sent.
 */
import type { Clock } from '../clock.js';
import { adminsOf, type Caller } from '../domain/access.js';
import { balanceOf, type BenefitBalance } from '../domain/balance.js';
import { entitlementOn, type Entitlement } from '../domain/entitlements.js';
import type { DirectoryUser, Organization } from '../domain/types.js';
import type { AuditLog, DirectorySnapshot } from '../store/types.js';
import type { Organizations } from './organizations.js';

/** Everything an agent sees about one partner. */
export interface PartnerSummary {
  organization: Organization;
  entitlement: Entitlement;
  balances: BenefitBalance[];
  admins: DirectoryUser[];
  /** Whether the Access IDs and Contract IDs are shown in full (after "Reveal"). */
  revealed: boolean;
}

export type LookupResult =
  | { status: 'notAgent' }
  | { status: 'none'; query: string }
  | { status: 'many'; matches: Pick<Organization, 'tenantId' | 'name' | 'partnerId'>[] }
  /** One partner; `person` when the query named one of its users (e-mail address or object id). */
  | { status: 'one'; summary: PartnerSummary; person?: DirectoryUser }
  /** A user of no partner organization (the helpdesk's own people). */
  | { status: 'person'; person: DirectoryUser };

/** The case lists: an agent's "assigned to me", "open", "unassigned", a partner's; a partner user's own ("mine"). */
export type CaseListKind = 'assignedToMe' | 'open' | 'unassigned' | 'partner' | 'mine';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Keeps the last four characters: enough to tell contracts apart on a call, not to use them. */
export function maskId(id: string): string {
  return id.length <= 4 ? '••••' : `••••${id.slice(-4)}`;
}


export class HelpdeskService {
  constructor(
    private readonly organizations: Organizations,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The caller's directory entry when they are a helpdesk agent signed in to their own tenant. */
  async agentOf(caller: Caller): Promise<DirectoryUser | undefined> {
    return this.organizations.agentOf(caller);
  }

  /**
   * Finds partners by partner id, tenant id or name (typos tolerated; the best-matching names, as
   * Organizations.findPartners keeps them).
   */
  async lookup(caller: Caller, query: string): Promise<LookupResult> {
    if (!(await this.agentOf(caller))) return { status: 'notAgent' };
    const q = query.trim();
    const snapshot = this.organizations.snapshot();
    // A person: by e-mail address, or an object id that is no tenant's; then the organization they belong to.
    const people = EMAIL.test(q)
      ? snapshot.usersByEmail(q)
      : GUID.test(q) && !snapshot.organization(q)
        ? [snapshot.user(q)].filter((u) => u !== undefined)
        : undefined;
    if (people) {
      if (people.length === 0) return { status: 'none', query: q };
      const orgs = people.flatMap((u) => [snapshot.organization(u.tenantId)].filter((o) => o !== undefined));
      if (orgs.length === 0) return { status: 'person', person: people[0]! };
      if (orgs.length > 1) return { status: 'many', matches: orgs.slice(0, 5).map(({ tenantId, name, partnerId }) => ({ tenantId, name, partnerId })) };
      const person = people.find((u) => u.tenantId === orgs[0]!.tenantId)!;
      return { status: 'one', summary: await this.summarize(snapshot, orgs[0]!.tenantId, false), person };
    }
    const matches = this.organizations.findPartners(q, snapshot);
    if (matches.length === 0) return { status: 'none', query: q };
    if (matches.length > 1) return { status: 'many', matches: matches.slice(0, 5).map(({ tenantId, name, partnerId }) => ({ tenantId, name, partnerId })) };
    return { status: 'one', summary: await this.summarize(snapshot, matches[0]!.tenantId, false) };
  }

  /**
   * One partner's summary; with `reveal`, the IDs in full, recorded in the audit log. Undefined
   * when the caller is no agent or the tenant is unknown.
   */
  async summary(caller: Caller, tenantId: string, reveal: boolean): Promise<PartnerSummary | undefined> {
    const agent = await this.agentOf(caller);
    if (!agent) return undefined;
    const snapshot = this.organizations.snapshot();
    const organization = snapshot.organization(tenantId);
    if (!organization) return undefined;
    if (reveal) {
      await this.audit.append({
        at: this.clock.now().toISOString(),
        actor: { aadObjectId: agent.aadObjectId, name: agent.name },
        tenantId: organization.tenantId,
        partnerId: organization.partnerId,
        action: 'ids.reveal',
      });
    }
    return this.summarize(snapshot, organization.tenantId, reveal);
  }

  /** The summary from the snapshot the caller looked the partner up in (one directory version per answer). */
  private async summarize(snapshot: DirectorySnapshot, tenantId: string, revealed: boolean): Promise<PartnerSummary> {
    const today = this.clock.today();
    const { organization } = (await this.organizations.load(tenantId, snapshot))!;
    return {
      organization,
      entitlement: entitlementOn(organization.memberships, today),
      balances: organization.benefits.map((b) => balanceOf(b, organization.memberships, today)),
      admins: adminsOf(snapshot.usersOfTenant(tenantId)),
      revealed,
    };
  }
}
