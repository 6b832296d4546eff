/**
 * The benefit use cases the flows call: what the caller's organization is entitled to, whether the
 * caller may activate, the activation itself, and the IDs. Every call re-reads the directory and
 * re-checks the caller on the server: nothing a card sends back is trusted.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
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
import { PreconditionFailedError, type AuditLog, type ConversationStore } from '../store/types.js';
import { recordIdsShown } from '../jobs/idsShown.js';
import { conflictBackoff } from '../util/backoff.js';
import { KeyedQueue } from '../util/keyedQueue.js';
import type { Organizations } from './organizations.js';
import { maskId } from './helpdeskService.js';
import type { BenefitProvisioner, IssuedIds } from './provisioner.js';

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

/** How long an activation claim holds without its holder finishing: then it counts as abandoned (a crashed instance). */
export const ACTIVATION_CLAIM_MS = 30_000;
/** How often an activation waiting for another instance's looks whether that one has finished. */
const CLAIM_POLL_MS = 100;
/** How often the IDs are stored into the ledger in all, when other writers (recordings) keep changing it. */
const SAVE_ATTEMPTS = 25;

/** An activation claim this service holds. */
interface HeldClaim {
  owner: string;
  etag: string;
  /** IDs a holder before us got and did not store (it died): stored instead of asking again. */
  issued: IssuedIds[];
  /** IDs this holder got and has not stored yet (noted in the claim). */
  unstored?: IssuedIds[];
}

export interface BenefitsServiceOptions {
  /** Real time for the activation claims' expiry (default Date.now; the domain clock may be fixed in tests). */
  now?: () => number;
  /** How long a claim holds (default {@link ACTIVATION_CLAIM_MS}). */
  claimMs?: number;
  logger?: Logger;
  /** Where to note who was shown the IDs (the reminder job then does not announce them to them). */
  idsShown?: Pick<ConversationStore, 'setSetting'>;
}

export class BenefitsService {
  private readonly activations = new KeyedQueue();
  private readonly now: () => number;
  private readonly claimMs: number;

  /** @param audit where activations are recorded (who, tenant, what, when); optional in tests. */
  constructor(
    private readonly organizations: Organizations,
    private readonly provisioner: BenefitProvisioner,
    private readonly clock: Clock,
    private readonly audit?: AuditLog,
    private readonly options: BenefitsServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.claimMs = options.claimMs ?? ACTIVATION_CLAIM_MS;
  }

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
   * Idempotent: when everything is active it returns the existing IDs and issues none.
   *
   * IDs are asked for only by the holder of the organization's activation claim in the store (a
   * conditional insert, so one bot instance of several holds it), since Partner Center keeps every
   * ID it issues: an activation that then lost the race to store them would leave IDs issued that
   * nobody knows. Another activation of the organization at the same time, on this instance or
   * another, waits until the claim is released and then finds the contracts (and shows the same
   * IDs). A claim whose holder died mid-activation counts as abandoned after
   * {@link ACTIVATION_CLAIM_MS} and is taken over, with any IDs the dead holder had already got.
   */
  async activate(caller: Caller, shown?: ShownActivation): Promise<ActivationResult> {
    // One activation per organization at a time in this process (no store polling between them).
    const tenantId = caller.tenantId ?? '';
    return this.activations.run(tenantId, () => this.activateOnce(caller, shown));
  }

  private async activateOnce(caller: Caller, shown?: ShownActivation): Promise<ActivationResult> {
    const plan = this.plan(await this.records(caller));
    if (plan.status !== 'ready') return plan;
    if (shown && !sameActivation(shown, shownActivation(plan))) return { status: 'changed' };
    const tenantId = plan.member.organization.tenantId;
    // Held by another activation (another instance's) meanwhile: waits, then sees what it did.
    const claim = await this.claim(tenantId);
    try {
      return await this.activateHolding(caller, shown, tenantId, claim);
    } finally {
      await this.letGo(tenantId, claim).catch((error: unknown) => {
        // It runs out on its own; until then another activation of the organization waits.
        this.options.logger?.warn({ err: error, tenantId }, 'could not release the activation claim');
      });
    }
  }

  /**
   * Releases the claim; when this activation failed with IDs it did not store (the store refused),
   * leaves them in a claim that has run out instead, so that the next attempt stores those.
   */
  private async letGo(tenantId: string, claim: HeldClaim): Promise<void> {
    const ledgers = this.organizations.ledgers;
    if (!claim.unstored) {
      await ledgers.releaseActivationClaim(tenantId, claim.etag);
      return;
    }
    await ledgers.putActivationClaim(tenantId, { owner: claim.owner, until: new Date(this.now()).toISOString(), issued: claim.unstored }, claim.etag);
  }

  /**
   * Takes the organization's activation claim, waiting while another activation holds it. A claim
   * past its expiry, or unchanged for as long as a claim holds by this process's own clock (the
   * instances' clocks may differ), is abandoned and taken over.
   */
  private async claim(tenantId: string): Promise<HeldClaim> {
    const ledgers = this.organizations.ledgers;
    const owner = randomUUID();
    const fresh = () => ({ owner, until: new Date(this.now() + this.claimMs).toISOString() });
    let seen: { etag: string; since: number } | undefined;
    for (;;) {
      const etag = await ledgers.putActivationClaim(tenantId, fresh());
      if (etag !== undefined) return { owner, etag, issued: [] };
      const held = await ledgers.activationClaim(tenantId);
      // Released between the insert and the read: try again.
      if (!held) continue;
      if (seen?.etag !== held.etag) seen = { etag: held.etag, since: performance.now() };
      if (Date.parse(held.value.until) <= this.now() || performance.now() - seen.since > this.claimMs) {
        const issued = held.value.issued ?? [];
        const taken = await ledgers.putActivationClaim(tenantId, { ...fresh(), ...(issued.length > 0 && { issued }) }, held.etag);
        if (taken === undefined) continue;
        this.options.logger?.warn({ tenantId, previous: held.value.owner, issued: issued.length }, 'took over an abandoned activation claim');
        return { owner, etag: taken, issued };
      }
      await new Promise((resolve) => setTimeout(resolve, CLAIM_POLL_MS));
    }
  }

  /** The activation, with the claim held: plans again on what is stored now, gets the IDs once, stores them. */
  private async activateHolding(caller: Caller, shown: ShownActivation | undefined, tenantId: string, claim: HeldClaim): Promise<ActivationResult> {
    let issued: IssuedIds[] | undefined;
    for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      if (attempt > 0) await conflictBackoff(attempt);
      const records = await this.records(caller);
      const plan = this.plan(records);
      // Done by whoever held the claim just before us (any IDs of ours are moot then).
      if (plan.status !== 'ready') {
        delete claim.unstored;
        return plan;
      }
      if (shown && !sameActivation(shown, shownActivation(plan))) return { status: 'changed' };
      const { member } = plan;
      const kinds = plan.lines.map((l) => l.kind);
      issued ??= await this.issue(member.organization, kinds, claim, tenantId);
      const activatedAt = this.clock.now().toISOString();
      const activatedBy = { aadObjectId: member.user.aadObjectId, name: member.user.name };
      const activations: Activation[] = issued
        .filter((ids) => kinds.includes(ids.kind))
        .map((ids) => ({ ...ids, start: plan.contractStart, end: plan.contractEnd, activatedBy, activatedAt }));
      try {
        const ledger = withActivations(records.ledger?.value ?? emptyLedger(tenantId), activations);
        const saved = await this.organizations.ledgers.save(ledger, records.ledger?.etag);
        delete claim.unstored;
        const organization = { ...member.organization, benefits: currentBenefits(records.contracts, saved.value) };
        const activatedKinds = new Set(activations.map((a) => a.kind));
        const activated = organization.benefits.filter((b) => activatedKinds.has(b.kind));
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
        // Something else changed the ledger (an incident recorded meanwhile): store the same IDs
        // into what is stored now; never ask for new ones.
      }
    }
    throw new Error(`activation: the organization kept changing during ${SAVE_ATTEMPTS} attempts`);
  }

  /** The IDs for `kinds`: those a dead holder got, and new ones for the rest, noted in the claim before they are stored. */
  private async issue(organization: Organization, kinds: readonly BenefitKind[], claim: HeldClaim, tenantId: string): Promise<IssuedIds[]> {
    const kept = claim.issued.filter((ids) => kinds.includes(ids.kind));
    const missing = kinds.filter((kind) => !kept.some((ids) => ids.kind === kind));
    if (missing.length === 0) return kept;
    const issued = [...kept, ...(await this.provisioner.provision(organization, missing))];
    const etag = await this.organizations.ledgers.putActivationClaim(
      tenantId,
      { owner: claim.owner, until: new Date(this.now() + this.claimMs).toISOString(), issued: issued.map(({ kind, accessId, contractId }) => ({ kind, accessId, contractId })) },
      claim.etag,
    );
    if (etag === undefined) {
      this.options.logger?.warn({ tenantId }, 'the activation claim was taken over while the provisioner answered; storing these IDs all the same');
    } else {
      claim.etag = etag;
      claim.unstored = issued;
    }
    return issued;
  }

  /**
   * Notes that `caller` was just shown the IDs of `tenantId` in a personal chat, so that the reminder
   * job does not tell them later that the IDs are available. Never fails the turn.
   */
  async idsShown(caller: Caller, tenantId: string): Promise<void> {
    if (!this.options.idsShown || !caller.aadObjectId) return;
    try {
      await recordIdsShown(this.options.idsShown, tenantId, caller.aadObjectId, this.clock.now());
    } catch (error) {
      this.options.logger?.warn({ err: error, tenantId }, 'could not note that the IDs were shown');
    }
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
