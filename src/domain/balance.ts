/**
 * Incident balances of activated contracts, and recording a used incident. Pure: the caller loads
 * the organization and stores the result.
 */
import { daysBetween } from './dates.js';
import { contractAllowance, isCurrentContract, type Allowance } from './entitlements.js';
import type { RecordedIncident } from './benefits.js';
import type { Activator, Benefit, BenefitKind, IsoDate, Membership } from './types.js';

/** Why a contract needs attention. */
export type BalanceWarning = 'expired' | 'endsSoon' | 'fewLeft' | 'usedUp';

/** Days before the end from which a contract counts as ending soon. */
export const ENDS_SOON_DAYS = 30;
/** Remaining incidents at or below which a contract counts as running low (above zero). */
export const FEW_LEFT = 2;

export interface BenefitBalance {
  benefit: Benefit;
  /** The contract's allowance, from the memberships on its first day; undefined when unknown. */
  allowance?: Allowance;
  used: number;
  /** Incidents left; undefined for unlimited or unknown allowances. */
  remaining?: number;
  /** Days from today to the last valid day (negative once expired). */
  daysLeft: number;
  warnings: BalanceWarning[];
}

/** The balance of one contract on `today` (F13, F16, F21). */
export function balanceOf(benefit: Benefit, memberships: readonly Membership[], today: IsoDate): BenefitBalance {
  const allowance = contractAllowance(memberships, benefit.kind, benefit.start, benefit.end);
  const used = benefit.incidentsUsed;
  const remaining = allowance && !allowance.unlimited ? Math.max(0, allowance.incidents - used) : undefined;
  const daysLeft = daysBetween(today, benefit.end);
  const warnings: BalanceWarning[] = [];
  if (!isCurrentContract(benefit, today)) warnings.push('expired');
  else if (daysLeft <= ENDS_SOON_DAYS) warnings.push('endsSoon');
  if (remaining === 0) warnings.push('usedUp');
  else if (remaining !== undefined && remaining <= FEW_LEFT) warnings.push('fewLeft');
  return { benefit, allowance, used, remaining, daysLeft, warnings };
}

/**
 * A case reference as stored and compared: upper case, without spaces or separators, without a
 * leading "SR", "case", "Fall" or "ticket" label, so "SR 2611-2300-4000-1234" and
 * "2611230040001234" are the same case.
 */
export function normalizeCaseRef(caseRef: string): string {
  return caseRef
    .toUpperCase()
    .replace(/^\s*(?:SR|CASE|FALL|TICKET)\s*(?:NUMBER|NR\.?|NO\.?|#)?\s*[:#]?\s*/, '')
    .replace(/[\s.#_/-]+/g, '');
}

/** Whether a text is acceptable as a support case reference. */
export function isCaseRef(caseRef: string): boolean {
  const ref = normalizeCaseRef(caseRef);
  return /^[A-Z0-9]{6,32}$/.test(ref) && (ref.match(/\d/g)?.length ?? 0) >= 4;
}

export type RecordOutcome =
  /** `benefit` is the contract as it is after recording; `incident` is what to add to the ledger. */
  | { ok: true; benefit: Benefit; incident: RecordedIncident }
  | { ok: false; reason: 'noContract' | 'expired' | 'usedUp' | 'duplicate' | 'badCaseRef'; benefit?: Benefit };

/**
 * Records a used incident against the organization's current contract of `kind`: one incident
 * fewer, never below zero, never the same case reference twice in the organization (`recorded`
 * holds every case recorded before, on any contract, old ones included); an unlimited contract
 * records the case without counting it.
 */
export function recordIncident(
  benefits: readonly Benefit[],
  memberships: readonly Membership[],
  kind: BenefitKind,
  caseRef: string,
  by: Activator,
  now: Date,
  today: IsoDate,
  recorded: readonly RecordedIncident[] = [],
): RecordOutcome {
  // The contract first: "there is no such contract" does not depend on the case number.
  const ofKind = benefits.filter((b) => b.kind === kind);
  const benefit = ofKind.find((b) => isCurrentContract(b, today));
  if (!benefit) return { ok: false, reason: ofKind.length ? 'expired' : 'noContract', benefit: ofKind[0] };
  if (!isCaseRef(caseRef)) return { ok: false, reason: 'badCaseRef' };
  const ref = normalizeCaseRef(caseRef);
  const earlier = recorded.find((c) => normalizeCaseRef(c.caseRef) === ref);
  const duplicate = earlier
    ? (benefits.find((b) => b.kind === earlier.kind) ?? benefit)
    : benefits.find((b) => b.cases?.some((c) => normalizeCaseRef(c.caseRef) === ref));
  if (duplicate) return { ok: false, reason: 'duplicate', benefit: duplicate };
  const balance = balanceOf(benefit, memberships, today);
  if (balance.remaining === 0) return { ok: false, reason: 'usedUp', benefit };
  const counted = balance.allowance ? !balance.allowance.unlimited : true;
  const record = { caseRef: ref, recordedBy: by, recordedAt: now.toISOString(), counted };
  const updated: Benefit = {
    ...benefit,
    incidentsUsed: benefit.incidentsUsed + (counted ? 1 : 0),
    cases: [...(benefit.cases ?? []), record],
  };
  return { ok: true, benefit: updated, incident: { ...record, kind: benefit.kind, contractId: benefit.contractId } };
}
