/**
 * The reminder job: for every organization with activated benefits, tells its admins in their
 * personal chat when a contract ends soon or runs low on incidents, and tells its users who have
 * talked to the bot that the IDs are available after an activation (never the IDs themselves).
 *
 * Each condition (domain/reminders.ts) is delivered once per recipient: the delivery key is claimed
 * with `ConversationStore.markSent` before sending, so a run that overlaps or repeats never sends it
 * twice. A delivery that surely failed gives its mark back (`releaseSent`, only the mark it made),
 * so the next run sends it; one that timed out waiting for Teams' answer may have arrived and stays
 * marked (never twice rather than maybe twice). Recipients the bot cannot reach (no stored personal
 * conversation: they never talked to it) are not marked, so they get the reminder on a later run
 * once they have, while the condition still holds. "The IDs are available" is not sent to someone
 * who has been shown the IDs since the activation (idsShown.ts): it would be old news to them.
 */
import type { Activity } from 'botbuilder';
import type { ProactiveMessenger } from '../adapter/proactive.js';
import type { Clock } from '../clock.js';
import { adminsOf } from '../domain/access.js';
import { deliveryKey, reminderConditions, type ReminderCondition } from '../domain/reminders.js';
import type { DirectoryUser, Organization } from '../domain/types.js';
import { formatDate, formatList, langOf, t, type Lang } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { AuditLog, ConversationStore, StoredConversation } from '../store/types.js';
import { idsShownAt } from './idsShown.js';
import { rt } from './reminderStrings.js';

export interface ReminderJobDeps {
  /** Every organization that has contracts, with them (visited in the background, a page at a time). */
  organizations(): AsyncIterable<Organization>;
  /** The directory's users of a tenant. */
  usersOf(tenantId: string): readonly DirectoryUser[];
  conversations: ConversationStore;
  messenger: ProactiveMessenger;
  clock: Clock;
  logger: Logger;
  audit?: AuditLog;
}

export interface ReminderSummary {
  /** Reminders delivered in this run. */
  sent: number;
  /** Reminders already delivered before (to that recipient). */
  skipped: number;
  /** Deliveries (or organizations) that failed; logged. */
  failed: number;
  /** Recipients without a stored personal conversation (never talked to the bot); tried again next run. */
  unreachable: number;
  /** "The IDs are available" not sent: the person has been shown the IDs since the activation. */
  seen: number;
}

const SYSTEM_ACTOR = { aadObjectId: 'system', name: 'reminder job' };

/** Runs every reminder that is due today, once. Never throws for one organization's trouble. */
export async function runReminders(deps: ReminderJobDeps): Promise<ReminderSummary> {
  const { clock, logger } = deps;
  const summary: ReminderSummary = { sent: 0, skipped: 0, failed: 0, unreachable: 0, seen: 0 };
  const today = clock.today();
  let organizations = 0;
  for await (const organization of deps.organizations()) {
    organizations += 1;
    if (organization.benefits.length === 0) continue;
    const conditions = reminderConditions(organization, today);
    if (conditions.length === 0) continue;
    try {
      await remindOrganization(deps, organization, conditions, summary);
    } catch (error) {
      summary.failed += 1;
      logger.error({ err: error, tenantId: organization.tenantId }, 'reminders for an organization failed');
    }
  }
  logger.info({ ...summary, organizations }, 'reminders run finished');
  return summary;
}

async function remindOrganization(
  deps: ReminderJobDeps,
  organization: Organization,
  conditions: ReminderCondition[],
  summary: ReminderSummary,
): Promise<void> {
  const { tenantId } = organization;
  const users = deps.usersOf(tenantId);
  const admins = adminsOf(users);
  const needsUsers = conditions.some((c) => c.audience === 'users');
  const chats = latestByUser([
    ...(admins.length ? await deps.conversations.personalOf(tenantId, admins.map((a) => a.aadObjectId)) : []),
    ...(needsUsers ? await deps.conversations.personalInTenant(tenantId) : []),
  ], tenantId);

  for (const condition of conditions) {
    const activator = condition.kind === 'activated' ? condition.activatedBy?.aadObjectId.toLowerCase() : undefined;
    const recipients: DirectoryUser[] =
      condition.audience === 'admins'
        ? admins
        : // Users who talked to the bot, except whoever activated (they saw the IDs then).
          users.filter((u) => chats.has(idKey(u.aadObjectId)) && idKey(u.aadObjectId) !== activator);
    for (const user of recipients) {
      const chat = chats.get(idKey(user.aadObjectId));
      if (!chat) {
        summary.unreachable += 1;
        continue;
      }
      if (condition.kind === 'activated' && (await seenSince(deps, tenantId, user, condition.activatedAt))) {
        summary.seen += 1;
        continue;
      }
      await deliver(deps, organization, condition, user, chat, summary);
    }
  }
}

async function deliver(
  deps: ReminderJobDeps,
  organization: Organization,
  condition: ReminderCondition,
  user: DirectoryUser,
  chat: StoredConversation,
  summary: ReminderSummary,
): Promise<void> {
  const { clock, logger } = deps;
  const key = deliveryKey(condition, user.aadObjectId);
  const log = { tenantId: organization.tenantId, reminder: condition.kind, recipient: user.aadObjectId, conversationId: chat.key };
  const at = clock.now().toISOString();
  let marked = false;
  try {
    marked = await deps.conversations.markSent(key, at);
    if (!marked) {
      summary.skipped += 1;
      return;
    }
    const lang = langOf(typeof chat.reference.locale === 'string' ? chat.reference.locale : undefined);
    const activity: Partial<Activity> = { type: 'message', text: reminderText(lang, organization, condition), textFormat: 'plain' };
    await deps.messenger.send(chat.reference, [activity]);
    summary.sent += 1;
    logger.info(log, 'reminder sent');
    await audit(deps, organization, 'reminder.sent', condition, user);
  } catch (error) {
    summary.failed += 1;
    // A send that surely did not arrive is tried again by the next run; one that timed out waiting
    // for the channel's answer may have arrived, so it stays marked (never twice rather than maybe twice).
    const mayHaveArrived = (error as { name?: unknown; stage?: unknown }).name === 'SendTimeoutError' && (error as { stage?: unknown }).stage !== 'token';
    if (marked && !mayHaveArrived) {
      await deps.conversations.releaseSent(key, at).catch((releaseError: unknown) => logger.error({ ...log, err: releaseError }, 'could not take back the reminder mark'));
    }
    logger.error({ ...log, err: error, retried: marked && !mayHaveArrived }, 'reminder not delivered');
    await audit(deps, organization, 'reminder.failed', condition, user);
  }
}

/** The reminder's text in `lang`; never contains an Access ID or Contract ID. */
export function reminderText(lang: Lang, organization: Organization, condition: ReminderCondition): string {
  const org = organization.name;
  switch (condition.kind) {
    case 'endsSoon': {
      const params = { org, kind: t(lang, `kind.${condition.benefit.kind}`), days: condition.daysLeft, end: formatDate(lang, condition.benefit.end) };
      const key = condition.daysLeft <= 0 ? 'reminder.endsToday' : condition.daysLeft === 1 ? 'reminder.endsTomorrow' : 'reminder.endsSoon';
      return `${rt(lang, key, params)}\n\n${rt(lang, 'reminder.balanceHint')}`;
    }
    case 'fewLeft': {
      const params = { org, kind: t(lang, `kind.${condition.benefit.kind}`), remaining: condition.remaining, end: formatDate(lang, condition.benefit.end) };
      if (condition.remaining === 0) return rt(lang, 'reminder.noneLeft', params);
      const key = condition.remaining === 1 ? 'reminder.oneLeft' : 'reminder.fewLeft';
      return `${rt(lang, key, params)}\n\n${rt(lang, 'reminder.balanceHint')}`;
    }
    case 'activated':
      return rt(lang, 'reminder.activated', { org, kinds: formatList(lang, condition.benefits.map((b) => t(lang, `kind.${b.kind}`))) });
  }
}

/** Whether `user` has been shown the IDs at or after `activatedAt` (ISO instants). */
async function seenSince(deps: ReminderJobDeps, tenantId: string, user: DirectoryUser, activatedAt: string): Promise<boolean> {
  const shown = await idsShownAt(deps.conversations, tenantId, user.aadObjectId);
  if (shown === undefined) return false;
  const [shownMs, activatedMs] = [Date.parse(shown), Date.parse(activatedAt)];
  return Number.isFinite(shownMs) && Number.isFinite(activatedMs) && shownMs >= activatedMs;
}

/** Entra object ids and tenant ids compare case-insensitively (the conversation store lowercases them). */
const idKey = (id: string) => id.toLowerCase();

/** Each user's most recently updated personal conversation in this tenant, by lowercased object id. */
function latestByUser(conversations: StoredConversation[], tenantId: string): Map<string, StoredConversation> {
  const byUser = new Map<string, StoredConversation>();
  for (const c of conversations) {
    if (!c.aadObjectId || (c.tenantId && idKey(c.tenantId) !== idKey(tenantId))) continue;
    if (c.conversationType && c.conversationType !== 'personal') continue;
    const seen = byUser.get(idKey(c.aadObjectId));
    if (!seen || seen.updatedAt < c.updatedAt) byUser.set(idKey(c.aadObjectId), c);
  }
  return byUser;
}

async function audit(
  deps: ReminderJobDeps,
  organization: Organization,
  action: 'reminder.sent' | 'reminder.failed',
  condition: ReminderCondition,
  user: DirectoryUser,
): Promise<void> {
  if (!deps.audit) return;
  const benefits = condition.kind === 'activated' ? condition.benefits : [condition.benefit];
  try {
    await deps.audit.append({
      at: deps.clock.now().toISOString(),
      actor: SYSTEM_ACTOR,
      tenantId: organization.tenantId,
      partnerId: organization.partnerId,
      action,
      details: {
        reminder: condition.kind,
        benefit: benefits.map((b) => b.kind).join(','),
        recipient: user.aadObjectId,
        ...(condition.kind === 'fewLeft' && { remaining: condition.remaining }),
      },
    });
  } catch (error) {
    deps.logger.error({ err: error, action }, 'could not write the audit entry for a reminder');
  }
}
