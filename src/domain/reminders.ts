/**
 * Which reminders an organization's benefits call for on a given day. Pure: the reminder job
 * loads the organization, asks this module, and sends each condition once per recipient.
 *
 * Every condition has a stable `key` that names the condition instance, so "once per condition,
 * not every day" is a set-membership check on the key (ConversationStore.markSent):
 * - `${tenantId}:${kind}:${contractId}:endsSoon`: once per contract, when it has ENDS_SOON_DAYS or
 *   fewer days left (a renewed contract has a new contract id, hence a new reminder);
 * - `${tenantId}:${kind}:${contractId}:fewLeft:${remaining}`: once per contract and remaining count
 *   at or below FEW_LEFT (so at most "2 left", "1 left", "none left": each is news, caused by a
 *   recorded incident, and never repeats on later days);
 * - `${tenantId}:activated:${contractId}[+${contractId}...]`: once per activation in the bot (the
 *   contracts it created, which share `activatedAt`), for the organization's users: one notice per
 *   activation rather than one per contract. Only within ACTIVATION_NOTICE_DAYS of the activation,
 *   so a user who first talks to the bot months later is not told old news.
 * Expired contracts call for nothing. Unlimited or unknown allowances never run low.
 */
import { ENDS_SOON_DAYS, FEW_LEFT, balanceOf } from './balance.js';
import { daysBetween } from './dates.js';
import { isCurrentContract } from './entitlements.js';
import type { Activator, Benefit, IsoDate, Organization } from './types.js';

/** Days after an activation in the bot during which its users are told that the IDs are available. */
export const ACTIVATION_NOTICE_DAYS = 30;

export type ReminderCondition =
  /** For the admins: a current contract ends within ENDS_SOON_DAYS. */
  | { kind: 'endsSoon'; key: string; audience: 'admins'; tenantId: string; benefit: Benefit; daysLeft: number }
  /** For the admins: FEW_LEFT or fewer incidents are left (0 included). */
  | { kind: 'fewLeft'; key: string; audience: 'admins'; tenantId: string; benefit: Benefit; remaining: number }
  /** For the organization's users: the benefits were activated in the bot; the IDs can be asked for (F12). */
  | {
      kind: 'activated';
      key: string;
      audience: 'users';
      tenantId: string;
      benefits: Benefit[];
      activatedAt: string;
      activatedBy?: Activator;
    };

export type ReminderKind = ReminderCondition['kind'];

/** The reminder conditions of `organization` on `today`: activations first, then per contract. */
export function reminderConditions(organization: Organization, today: IsoDate): ReminderCondition[] {
  const { tenantId, memberships } = organization;
  const current = organization.benefits.filter((b) => isCurrentContract(b, today));
  const conditions: ReminderCondition[] = [];

  const activations = new Map<string, Benefit[]>();
  for (const b of current) {
    if (b.source !== 'bot' || !b.activatedAt) continue;
    const age = daysBetween(b.activatedAt.slice(0, 10), today);
    if (age < 0 || age > ACTIVATION_NOTICE_DAYS) continue;
    activations.set(b.activatedAt, [...(activations.get(b.activatedAt) ?? []), b]);
  }
  for (const [activatedAt, benefits] of [...activations].sort(([a], [b]) => a.localeCompare(b))) {
    const ids = benefits.map((b) => b.contractId).sort();
    conditions.push({
      kind: 'activated',
      key: `${tenantId}:activated:${ids.join('+')}`,
      audience: 'users',
      tenantId,
      benefits,
      activatedAt,
      ...(benefits[0]?.activatedBy && { activatedBy: benefits[0].activatedBy }),
    });
  }

  for (const benefit of current) {
    const balance = balanceOf(benefit, memberships, today);
    const base = `${tenantId}:${benefit.kind}:${benefit.contractId}`;
    if (balance.daysLeft <= ENDS_SOON_DAYS) {
      conditions.push({ kind: 'endsSoon', key: `${base}:endsSoon`, audience: 'admins', tenantId, benefit, daysLeft: balance.daysLeft });
    }
    if (balance.remaining !== undefined && balance.remaining <= FEW_LEFT) {
      conditions.push({
        kind: 'fewLeft',
        key: `${base}:fewLeft:${balance.remaining}`,
        audience: 'admins',
        tenantId,
        benefit,
        remaining: balance.remaining,
      });
    }
  }
  return conditions;
}

/** The key recorded when `condition` was delivered to one person (each recipient gets it once; ids compare case-insensitively). */
export function deliveryKey(condition: ReminderCondition, aadObjectId: string): string {
  return `${condition.key}:to:${aadObjectId.toLowerCase()}`;
}
