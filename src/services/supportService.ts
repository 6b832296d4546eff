/**
 * Self-service after activation: the incident balance, recording a used incident, the "already
 * associated" diagnosis and the support route. Every call re-reads the directory and re-checks the
 * caller from the channel; nothing a card sends back is trusted.
 */
import type { Clock } from '../clock.js';
import { adminsOf, checkActivator, checkMember, type Caller, type Member, type Refusal } from '../domain/access.js';
import { balanceOf, normalizeCaseRef, recordIncident, type BenefitBalance, type RecordOutcome } from '../domain/balance.js';
import { entitlementOn, isCurrentContract } from '../domain/entitlements.js';
import {
  diagnoseAlreadyAssociated,
  supportRoute,
  type AssociationDiagnosis,
  type Concern,
  type ToldUnusable,
  type SupportRoute,
} from '../domain/troubleshooting.js';
import type { BenefitKind, DirectoryUser, Organization } from '../domain/types.js';
import { emptyLedger, withIncident } from '../domain/benefits.js';
import { PreconditionFailedError, type AuditLog } from '../store/types.js';
import { conflictBackoff } from '../util/backoff.js';
import { KeyedQueue } from '../util/keyedQueue.js';
import type { LoadedCallerRecords, Organizations } from './organizations.js';
import { maskId } from './helpdeskService.js';

export type BalanceResult =
  | { status: 'refused'; refusal: Refusal }
  | { status: 'noContract'; member: Member; admins: DirectoryUser[]; callerMayActivate: boolean }
  /** Never activated, and no active membership to activate (F11). */
  | { status: 'noMembership'; member: Member }
  | { status: 'balances'; member: Member; balances: BenefitBalance[] };

export type RecordResult =
  | { status: 'refused'; refusal: Refusal }
  | { status: 'recorded'; member: Member; balance: BenefitBalance; caseRef: string }
  | { status: 'notRecorded'; member: Member; reason: Exclude<RecordOutcome, { ok: true }>['reason']; kind: BenefitKind; caseRef: string };

export type IncidentTargets =
  | { status: 'refused'; refusal: Refusal }
  /** The current contracts an incident can be recorded on (empty: none). */
  | { status: 'ok'; member: Member; balances: BenefitBalance[] };

/**
 * How often a recording is tried in all when other writers keep changing the organization's ledger.
 * Within one instance recordings of an organization queue, so the writers that collide are the
 * instances (each collision means another one's recording went in); with a random wait between
 * tries (conflictBackoff) two instances recording 200 cases each at once all get through. Five tries
 * without a wait, as before, lost about one recording in ten to "kept changing" on Azure Storage.
 */
const RECORD_ATTEMPTS = 25;

export class SupportService {
  /** Recordings of one organization run one at a time here; the eTag covers other writers. */
  private readonly writes = new KeyedQueue();

  /** @param audit where recorded incidents are logged (who, tenant, what, when); optional in tests. */
  constructor(
    private readonly organizations: Organizations,
    private readonly clock: Clock,
    private readonly audit?: AuditLog,
  ) {}

  /** Every contract of the caller's organization with its balance and warnings (F13, F16, F21). */
  async balance(caller: Caller): Promise<BalanceResult> {
    const records = await this.organizations.callerRecords(caller);
    const check = checkMember(records);
    if (!check.ok) return { status: 'refused', refusal: check.refusal };
    const { organization } = check.member;
    const today = this.clock.today();
    if (organization.benefits.length === 0) {
      // Nothing was ever activated; with no active membership nothing can be (F11).
      if (entitlementOn(organization.memberships, today).active.length === 0) return { status: 'noMembership', member: check.member };
      return {
        status: 'noContract',
        member: check.member,
        admins: adminsOf(records.colleagues),
        callerMayActivate: checkActivator(records, today).ok,
      };
    }
    const balances = organization.benefits
      .map((b) => balanceOf(b, organization.memberships, today))
      .sort((a, b) => a.benefit.kind.localeCompare(b.benefit.kind) || b.benefit.end.localeCompare(a.benefit.end));
    return { status: 'balances', member: check.member, balances };
  }

  /** The current contracts a used incident can be recorded on. */
  async incidentTargets(caller: Caller): Promise<IncidentTargets> {
    const check = checkMember(await this.organizations.callerRecords(caller));
    if (!check.ok) return { status: 'refused', refusal: check.refusal };
    const { organization } = check.member;
    const today = this.clock.today();
    const balances = organization.benefits
      .filter((b) => isCurrentContract(b, today))
      .map((b) => balanceOf(b, organization.memberships, today));
    return { status: 'ok', member: check.member, balances };
  }

  /**
   * What recording would do now, without writing: the same checks as `recordIncident`, so the user
   * hears "already recorded" or "no incidents left" before being asked to confirm.
   */
  async checkIncident(caller: Caller, kind: BenefitKind, caseRef: string): Promise<RecordResult> {
    const attempt = this.apply(await this.organizations.callerRecords(caller), kind, caseRef);
    if (attempt.status !== 'apply') return attempt;
    const { member, outcome, ref } = attempt;
    return { status: 'recorded', member, balance: balanceOf(outcome.benefit, member.organization.memberships, this.clock.today()), caseRef: ref };
  }

  /** Applies the recording rules to what was read: the refusal, or the changed benefits to save. */
  private apply(records: LoadedCallerRecords, kind: BenefitKind, caseRef: string) {
    const check = checkMember(records);
    if (!check.ok) return { status: 'refused' as const, refusal: check.refusal };
    const { user, organization } = check.member;
    const by = { aadObjectId: user.aadObjectId, name: user.name };
    const recorded = records.ledger?.value.incidents ?? [];
    const outcome = recordIncident(organization.benefits, organization.memberships, kind, caseRef, by, this.clock.now(), this.clock.today(), recorded);
    const ref = normalizeCaseRef(caseRef);
    if (!outcome.ok) return { status: 'notRecorded' as const, member: check.member, reason: outcome.reason, kind, caseRef: ref };
    return { status: 'apply' as const, member: check.member, outcome, ref, by };
  }

  /**
   * Records that the caller's organization used an incident of `kind` for case `caseRef`. Safe
   * under concurrency: a conflicting write is re-read and re-applied, so two recordings at once both
   * count, and the same case sent twice at once counts once.
   */
  async recordIncident(caller: Caller, kind: BenefitKind, caseRef: string): Promise<RecordResult> {
    return this.writes.run(caller.tenantId ?? '', async () => {
      for (let tried = 0; tried < RECORD_ATTEMPTS; tried++) {
        if (tried > 0) await conflictBackoff(tried);
        const records = await this.organizations.callerRecords(caller);
        const attempt = this.apply(records, kind, caseRef);
        if (attempt.status !== 'apply') return attempt;
        const { member: { user, organization }, outcome, ref, by } = attempt;
        const today = this.clock.today();
        try {
          const ledger = withIncident(records.ledger?.value ?? emptyLedger(organization.tenantId), outcome.incident);
          await this.organizations.ledgers.save(ledger, records.ledger?.etag);
          const benefits = organization.benefits.map((b) => (b.kind === outcome.benefit.kind ? outcome.benefit : b));
          const member = { user, organization: { ...organization, benefits } };
          await this.audit?.append({
            at: this.clock.now().toISOString(),
            actor: by,
            tenantId: organization.tenantId,
            partnerId: organization.partnerId,
            action: 'incident.recorded',
            details: { kind, caseRef: ref, contract: maskId(outcome.benefit.contractId) },
          });
          return { status: 'recorded', member, balance: balanceOf(outcome.benefit, organization.memberships, today), caseRef: ref };
        } catch (error) {
          if (!(error instanceof PreconditionFailedError)) throw error;
          // Someone else recorded or changed something meanwhile: apply ours to the new state.
        }
      }
      throw new Error(`recordIncident: the organization kept changing during ${RECORD_ATTEMPTS} attempts`);
    });
  }

  /** The caller's organization (when they belong to one) and what its directory record says (F20-F22). */
  async diagnoseAlreadyAssociated(caller: Caller): Promise<{ organization?: Organization; diagnosis: AssociationDiagnosis }> {
    const check = checkMember(await this.organizations.callerRecords(caller));
    const organization = check.ok ? check.member.organization : undefined;
    return { organization, diagnosis: diagnoseAlreadyAssociated(organization, this.clock.today()) };
  }

  /** Where to take a problem, and whether the caller's organization is covered (F15-F19, F23). */
  async route(caller: Caller, concern: Concern, told?: ToldUnusable): Promise<{ organization?: Organization; route: SupportRoute }> {
    const check = checkMember(await this.organizations.callerRecords(caller));
    const organization = check.ok ? check.member.organization : undefined;
    return { organization, route: supportRoute(concern, organization, this.clock.today(), told) };
  }
}
