/**
 * The benefit use cases the flows call: what the caller's organization is entitled to, whether the
 * caller may activate, the activation itself, and the IDs. Every call re-reads the directory and
 * re-checks the caller on the server: nothing a card sends back is trusted.
 */
import type { Clock } from '../clock.js';
import {
  adminsOf,
  checkActivator,
  checkMember,
  type Caller,
  type CallerRecords,
  type Member,
  type Refusal,
} from '../domain/access.js';
import { oneYearContractEnd } from '../domain/dates.js';
import {
  entitlementLines,
  entitlementOn,
  isCurrentContract,
  type Entitlement,
  type EntitlementLine,
} from '../domain/entitlements.js';
import { currentBenefits, emptyLedger, withActivations, type Activation } from '../domain/benefits.js';
import type { Benefit, BenefitKind, DirectoryUser, Organization } from '../domain/types.js';
import { PreconditionFailedError, type AuditLog } from '../store/types.js';
import { KeyedQueue } from '../util/keyedQueue.js';
import type { Organizations } from './organizations.js';
import { maskId } from './helpdeskService.js';
import type { BenefitProvisioner } from './provisioner.js';

/** The caller's organization and what it is entitled to today; undefined parts are unknown. */
export interface EntitlementView {
  organization?: Organization;
  entitlement?: Entitlement;
}

/** What a confirmation card showed: the contract start and the kinds it would activate. */
export interface ShownActivation {
  start: string;
  kinds: BenefitKind[];
}

export type ActivationPlan =
  | { status: 'refused'; refusal: Refusal }
  /**
   * Everything the organization is entitled to is already active: show the existing IDs. `refusal`
   * is set when the caller could not have activated (they may still see the IDs, F12).
   */
  | { status: 'alreadyActive'; member: Member; benefits: Benefit[]; refusal?: Refusal }
  /** These entitlement lines can be activated now. */
  | { status: 'ready'; member: Member; lines: EntitlementLine[]; contractStart: string; contractEnd: string };

export type ActivationResult =
  | { status: 'refused'; refusal: Refusal }
  | { status: 'alreadyActive'; member: Member; benefits: Benefit[]; refusal?: Refusal }
  /** What would be activated now differs from what the confirmation showed: confirm again. */
  | { status: 'changed' }
  | { status: 'activated'; member: Member; activated: Benefit[]; benefits: Benefit[] };

export type IdsResult =
  | { status: 'refused'; refusal: Refusal }
  /** No current contract: never activated, or (with `expiredOn`) every contract has expired. */
  | { status: 'notActivated'; member: Member; admins: DirectoryUser[]; expiredOn?: string; callerMayActivate: boolean }
  | { status: 'ids'; member: Member; benefits: Benefit[] }
  /** Never a contract, and no active membership: nothing to activate either (F11). */
  | { status: 'noMembership'; member: Member };

/** The shape a confirmation card carries back, so a stale card cannot activate something else. */
export function shownActivation(plan: { lines: readonly EntitlementLine[]; contractStart: string }): ShownActivation {
  return { start: plan.contractStart, kinds: plan.lines.map((l) => l.kind) };
}

const sameActivation = (a: ShownActivation, b: ShownActivation) =>
  a.start === b.start && [...a.kinds].sort().join() === [...b.kinds].sort().join();

export class BenefitsService {
  private readonly activations = new KeyedQueue();

  /** @param audit where activations are recorded (who, tenant, what, when); optional in tests. */
  constructor(
    private readonly organizations: Organizations,
    private readonly provisioner: BenefitProvisioner,
    private readonly clock: Clock,
    private readonly audit?: AuditLog,
  ) {}

  private records(caller: Caller) {
    return this.organizations.callerRecords(caller);
  }

  /** The caller's organization's entitlement today, when the caller is one of its users. */
  async entitlementView(caller: Caller): Promise<EntitlementView> {
    // The organization of the signed-in tenant: what it is entitled to is no secret inside it, so
    // a user the directory does not list yet still sees it (the IDs stay for listed users).
    const organization = caller.tenantId ? (await this.organizations.load(caller.tenantId))?.organization : undefined;
    if (!organization) return {};
    return { organization, entitlement: entitlementOn(organization.memberships, this.clock.today()) };
  }

  /** Whether the caller may activate, and what an activation would do now. Writes nothing. */
  async planActivation(caller: Caller): Promise<ActivationPlan> {
    return this.plan(await this.records(caller));
  }

  private plan(records: CallerRecords): ActivationPlan {
    const today = this.clock.today();
    const check = checkActivator(records, today);
    if (!check.ok) {
      const refusal = check.refusal;
      // A user who may not activate, of an organization that is fully active, needs the IDs rather
      // than a lesson in roles: every user of the organization may see them (F12). The refusal
      // travels along so "can I activate?" still gets an honest no.
      if (refusal.reason === 'notAdmin' || refusal.reason === 'cspAccount' || refusal.reason === 'noActiveMembership') {
        const member = { user: refusal.user, organization: refusal.organization };
        const { missing, current } = this.missingLines(member.organization, entitlementOn(member.organization.memberships, today));
        if (missing.length === 0 && current.length > 0) return { status: 'alreadyActive', member, benefits: current, refusal };
      }
      return { status: 'refused', refusal };
    }
    const { member, entitlement } = check;
    const { missing, current } = this.missingLines(member.organization, entitlement);
    if (missing.length === 0) return { status: 'alreadyActive', member, benefits: current };
    return { status: 'ready', member, lines: missing, contractStart: today, contractEnd: oneYearContractEnd(today) };
  }

  /** The entitlement lines without a current contract, and the current contracts. */
  private missingLines(organization: Organization, entitlement: Entitlement) {
    const current = organization.benefits.filter((b) => isCurrentContract(b, this.clock.today()));
    const missing = entitlementLines(entitlement).filter((line) => !current.some((b) => b.kind === line.kind));
    return { missing, current };
  }

  /**
   * Activates what the caller's organization is entitled to and does not have yet (F9, F12, F25).
   * Idempotent: when everything is active it returns the existing IDs and issues none. Concurrent
   * activations of one organization are resolved by the store's eTag: the loser re-reads and finds
   * the winner's contracts.
   */
  async activate(caller: Caller, shown?: ShownActivation): Promise<ActivationResult> {
    // One activation per organization at a time in this process, so IDs are never issued for an
    // activation that would then lose the race to store them (Partner Center would keep them).
    const tenantId = caller.tenantId ?? '';
    return this.activations.run(tenantId, () => this.activateOnce(caller, shown));
  }

  private async activateOnce(caller: Caller, shown?: ShownActivation): Promise<ActivationResult> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const records = await this.records(caller);
      const plan = this.plan(records);
      if (plan.status !== 'ready') return plan;
      if (shown && !sameActivation(shown, shownActivation(plan))) return { status: 'changed' };
      const { member } = plan;
      const issued = await this.provisioner.provision(member.organization, plan.lines.map((l) => l.kind));
      const activatedAt = this.clock.now().toISOString();
      const activatedBy = { aadObjectId: member.user.aadObjectId, name: member.user.name };
      const activations: Activation[] = issued.map((ids) => ({ ...ids, start: plan.contractStart, end: plan.contractEnd, activatedBy, activatedAt }));
      const tenantId = member.organization.tenantId;
      try {
        const ledger = withActivations(records.ledger?.value ?? emptyLedger(tenantId), activations);
        const saved = await this.organizations.ledgers.save(ledger, records.ledger?.etag);
        const organization = { ...member.organization, benefits: currentBenefits(records.contracts, saved.value) };
        const kinds = new Set(activations.map((a) => a.kind));
        const activated = organization.benefits.filter((b) => kinds.has(b.kind));
        const benefits = organization.benefits.filter((b) => isCurrentContract(b, this.clock.today()));
        await this.audit?.append({
          at: activatedAt,
          actor: activatedBy,
          tenantId,
          partnerId: organization.partnerId,
          action: 'activation',
          details: { kinds: activated.map((b) => b.kind).join(','), contracts: activated.map((b) => maskId(b.contractId)).join(',') },
        });
        return { status: 'activated', member: { ...member, organization }, activated, benefits };
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        // Someone else changed the organization (often: the same admin's double click). Re-plan.
      }
    }
    throw new Error('activation: the organization kept changing during three attempts');
  }

  /** The organization's Access IDs and Contract IDs, for any of its users (F12-F14). */
  async ids(caller: Caller): Promise<IdsResult> {
    const records = await this.records(caller);
    const check = checkMember(records);
    if (!check.ok) return { status: 'refused', refusal: check.refusal };
    const today = this.clock.today();
    const all = check.member.organization.benefits;
    const benefits = all.filter((b) => isCurrentContract(b, today));
    if (benefits.length === 0) {
      // Never a contract, and no membership to activate one with (an expired one is reported with its date below).
      if (all.length === 0 && entitlementOn(check.member.organization.memberships, today).active.length === 0) return { status: 'noMembership', member: check.member };
      const expiredOn = all.map((b) => b.end).sort().at(-1);
      const callerMayActivate = checkActivator(records, today).ok;
      return { status: 'notActivated', member: check.member, admins: adminsOf(records.colleagues), expiredOn, callerMayActivate };
    }
    return { status: 'ids', member: check.member, benefits };
  }
}
