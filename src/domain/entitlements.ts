/**
 * Entitlement rules: which support a partner organization gets from its active memberships.
 * Pure functions; every rule cites its fact in ../shared/FACTS.md.
 */
import { isWithin } from './dates.js';
import type { BenefitKind, IsoDate, Membership, Offer } from './types.js';

/** F8: the cloud competencies. Every other competency counts as "other". */
export const CLOUD_COMPETENCIES: readonly string[] = [
  'Security',
  'Cloud Business Applications',
  'Cloud Platform',
  'Cloud Productivity',
  'Enterprise Mobility Management',
  'Small and Midmarket Cloud Solutions',
];

const canonical = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
const CLOUD_SET = new Set(CLOUD_COMPETENCIES.map(canonical));

/** F8: whether a competency name is one of the cloud competencies (case and spacing ignored). */
export function isCloudCompetency(competency: string | undefined): boolean {
  return competency !== undefined && CLOUD_SET.has(canonical(competency));
}

/** An incident allowance: a number of incidents, or unlimited. */
export type Allowance = { unlimited: true } | { unlimited: false; incidents: number };

export const unlimited: Allowance = { unlimited: true };
export const incidents = (n: number): Allowance => ({ unlimited: false, incidents: n });

/** F1-F3: Microsoft Product Support (on-premises) incidents per offer. */
export const PRODUCT_SUPPORT_INCIDENTS: Readonly<Record<Offer, number>> = { ActionPack: 10, Silver: 15, Gold: 20 };

/** F4-F7: Signature Cloud Support per offer, with a cloud competency and with only other competencies. */
export const CLOUD_SUPPORT: Readonly<Record<Offer, { cloud: Allowance | null; other: Allowance | null }>> = {
  ActionPack: { cloud: null, other: null }, // F7
  Silver: { cloud: unlimited, other: incidents(5) }, // F4, F5
  Gold: { cloud: unlimited, other: incidents(10) }, // F4, F6
};

const OFFER_RANK: Readonly<Record<Offer, number>> = { ActionPack: 0, Silver: 1, Gold: 2 };

/** Offers in the order of the general table. */
export const OFFERS: readonly Offer[] = ['ActionPack', 'Silver', 'Gold'];

/** One benefit an organization is entitled to, and the membership that gives it. */
export interface EntitlementLine {
  kind: BenefitKind;
  allowance: Allowance;
  /** The membership that grants this line (the reason shown to the user). */
  basis: Membership;
  /** Fact ids the line rests on. */
  facts: string[];
}

/** What an organization is entitled to on a given day. */
export interface Entitlement {
  /** Memberships active on that day (start and end included). */
  active: Membership[];
  productSupport?: EntitlementLine;
  cloudSupport?: EntitlementLine;
}

/** Memberships active on `day` (start and end both included). */
export function activeMemberships(memberships: readonly Membership[], day: IsoDate): Membership[] {
  return memberships.filter((m) => isWithin(day, m.start, m.end));
}

/** The highest-ranked membership; among equals, one with a cloud competency first. */
function best(memberships: readonly Membership[]): Membership | undefined {
  return [...memberships].sort(
    (a, b) =>
      OFFER_RANK[b.offer] - OFFER_RANK[a.offer] ||
      Number(isCloudCompetency(b.competency)) - Number(isCloudCompetency(a.competency)),
  )[0];
}

/**
 * The organization's entitlement on `day`, from its active memberships: the highest level wins for
 * Product Support (F1-F3); any cloud competency at Silver or Gold gives unlimited Signature Cloud
 * Support (F4), otherwise Gold gives 10 and Silver 5 (F5, F6); Action Pack gives none (F7, F17).
 */
export function entitlementOn(memberships: readonly Membership[], day: IsoDate): Entitlement {
  const active = activeMemberships(memberships, day);
  const entitlement: Entitlement = { active };
  const top = best(active);
  if (!top) return entitlement;

  entitlement.productSupport = {
    kind: 'ProductSupport',
    allowance: incidents(PRODUCT_SUPPORT_INCIDENTS[top.offer]),
    basis: top,
    facts: [{ ActionPack: 'F1', Silver: 'F2', Gold: 'F3' }[top.offer]],
  };

  const competencyMemberships = active.filter((m) => m.offer !== 'ActionPack');
  const cloud = best(competencyMemberships.filter((m) => isCloudCompetency(m.competency)));
  if (cloud) {
    entitlement.cloudSupport = { kind: 'SignatureCloudSupport', allowance: unlimited, basis: cloud, facts: ['F4', 'F8'] };
    return entitlement;
  }
  const other = best(competencyMemberships);
  if (other) {
    const allowance = CLOUD_SUPPORT[other.offer].other;
    if (allowance) {
      entitlement.cloudSupport = {
        kind: 'SignatureCloudSupport',
        allowance,
        basis: other,
        facts: [other.offer === 'Gold' ? 'F6' : 'F5', 'F17'],
      };
    }
  }
  return entitlement;
}

/** The entitlement lines in display order (Product Support first). */
export function entitlementLines(entitlement: Entitlement): EntitlementLine[] {
  return [entitlement.productSupport, entitlement.cloudSupport].filter((l): l is EntitlementLine => l !== undefined);
}

/**
 * The allowance of an activated contract: derived from the memberships active on the contract's
 * first day (the directory never stores incident totals; see the import schema). An imported
 * contract may start a few days before the membership that carries it: then the first day within
 * the contract on which a membership entitles to it counts.
 */
export function contractAllowance(
  memberships: readonly Membership[],
  kind: BenefitKind,
  contractStart: IsoDate,
  contractEnd: IsoDate = contractStart,
): Allowance | undefined {
  const days = [contractStart, ...memberships.map((m) => m.start).filter((d) => d > contractStart && d <= contractEnd)].sort();
  for (const day of days) {
    const e = entitlementOn(memberships, day);
    const allowance = (kind === 'ProductSupport' ? e.productSupport : e.cloudSupport)?.allowance;
    if (allowance) return allowance;
  }
  return undefined;
}

/** A contract is current until its last valid day, included (F13, F21: expired contracts are hidden). */
export function isCurrentContract(benefit: { end: IsoDate }, today: IsoDate): boolean {
  return benefit.end >= today;
}
