/**
 * The "Access ID is already associated" error (F20-F22) and which support route fits a problem
 * (F15, F17-F19, F23, F24, F26). Pure rules over an organization's directory record.
 */
import { balanceOf, type BenefitBalance } from './balance.js';
import { entitlementOn, isCurrentContract } from './entitlements.js';
import type { Benefit, IsoDate, Organization } from './types.js';

/** What the directory says about the cloud contract behind an "already associated" error. */
export type AssociationDiagnosis =
  /** The bot does not know the organization: ask the user. */
  | { kind: 'unknown' }
  /** No active membership: there is no benefit to link at all (F11). */
  | { kind: 'noActiveMembership' }
  /** Only Action Pack: no Signature Cloud Support at all (F7). */
  | { kind: 'actionPack' }
  /** Entitled to cloud support, but it was never activated (F25). */
  | { kind: 'notActivated' }
  /** Scenario 2: the cloud contract expired (F21). */
  | { kind: 'expired'; balance: BenefitBalance }
  /** Scenario 2: the 5-pack / 10-pack has no incidents left (F21). */
  | { kind: 'usedUp'; balance: BenefitBalance }
  /** The contract is valid with incidents left: scenario 1, already linked to this account (F20). */
  | { kind: 'valid'; balance: BenefitBalance };

/** Reads the cloud contract's state from the directory on `today`. */
export function diagnoseAlreadyAssociated(org: Organization | undefined, today: IsoDate): AssociationDiagnosis {
  if (!org) return { kind: 'unknown' };
  const cloud = org.benefits.filter((b) => b.kind === 'SignatureCloudSupport');
  const current = cloud.find((b) => isCurrentContract(b, today));
  if (current) {
    const balance = balanceOf(current, org.memberships, today);
    return balance.remaining === 0 ? { kind: 'usedUp', balance } : { kind: 'valid', balance };
  }
  const latest = [...cloud].sort((a, b) => a.end.localeCompare(b.end)).at(-1);
  if (latest) return { kind: 'expired', balance: balanceOf(latest, org.memberships, today) };
  const entitlement = entitlementOn(org.memberships, today);
  if (entitlement.active.length === 0) return { kind: 'noActiveMembership' };
  return entitlement.cloudSupport ? { kind: 'notActivated' } : { kind: 'actionPack' };
}

/** What a problem concerns, as the support-route question asks it. */
export type Concern = 'onPremises' | 'cloud' | 'cspCustomer' | 'presales';

/** Why the organization's benefit does not cover a problem. */
export type GapReason = 'actionPack' | 'notActivated' | 'expired' | 'usedUp' | 'toldExpired' | 'toldUsedUp' | 'toldUnusable' | 'noMembership' | 'unknownOrganization';

/** What the user said of the contract when the directory may not know yet (F21: expired, or no incidents left). */
export type ToldUnusable = 'expired' | 'usedUp' | 'expiredOrUsedUp';
const TOLD_GAP: Record<ToldUnusable, GapReason> = { expired: 'toldExpired', usedUp: 'toldUsedUp', expiredOrUsedUp: 'toldUnusable' };

export interface SupportRoute {
  concern: Concern;
  /** Covered by the organization's benefit; undefined when the bot cannot tell. */
  covered?: boolean;
  gap?: GapReason;
  /** The contract that covers it, when there is one. */
  balance?: BenefitBalance;
  /** Paid plans to consider (F23): Advanced is for cloud products only. */
  recommend: ('advanced' | 'premier')[];
}

function contractState(org: Organization, kind: Benefit['kind'], today: IsoDate): { gap?: GapReason; balance?: BenefitBalance } {
  const ofKind = org.benefits.filter((b) => b.kind === kind);
  const current = ofKind.find((b) => isCurrentContract(b, today));
  if (current) {
    const balance = balanceOf(current, org.memberships, today);
    return balance.remaining === 0 ? { gap: 'usedUp', balance } : { balance };
  }
  const entitlement = entitlementOn(org.memberships, today);
  const entitledNow = kind === 'SignatureCloudSupport' ? entitlement.cloudSupport : entitlement.productSupport;
  // An expired contract while the membership still entitles: activating again is the next step.
  if (ofKind.length) return { gap: entitledNow ? 'notActivated' : 'expired' };
  if (entitlement.active.length === 0) return { gap: 'noMembership' };
  if (kind === 'SignatureCloudSupport' && !entitlement.cloudSupport) return { gap: 'actionPack' };
  return { gap: 'notActivated' };
}

/**
 * The route for a problem (F15, F17-F19, F24, F26) and whether the organization's benefit covers
 * it; when it does not, the paid plans to consider (F23).
 */
export function supportRoute(concern: Concern, org: Organization | undefined, today: IsoDate, told?: ToldUnusable): SupportRoute {
  if (concern === 'cspCustomer' || concern === 'presales') return { concern, recommend: [] };
  // Advanced is for cloud products only (F23).
  const plans: SupportRoute['recommend'] = concern === 'cloud' ? ['advanced', 'premier'] : ['premier'];
  // The user knows their contract better than an imported directory may: a new plan is the way (F21, F23).
  if (told) return { concern, covered: false, gap: TOLD_GAP[told], recommend: plans };
  if (!org) return { concern, gap: 'unknownOrganization', recommend: plans };
  const { gap, balance } = contractState(org, concern === 'cloud' ? 'SignatureCloudSupport' : 'ProductSupport', today);
  // Not activated yet is no reason to buy anything: activating is the next step (F25).
  const needsPlan = gap !== undefined && gap !== 'notActivated';
  return { concern, covered: gap === undefined, gap, balance, recommend: needsPlan ? plans : [] };
}
