/**
 * Who may do what (F9-F12): activation needs a Global admin or MPN partner admin on an
 * MPN-associated account of an organization with an active membership; the IDs are for every user
 * of that organization. Pure: callers load the entities, these rules decide.
 */
import { entitlementOn, type Entitlement } from './entitlements.js';
import type { DirectoryUser, IsoDate, Organization, Role } from './types.js';

/** F9: the roles that may activate. */
export const ACTIVATING_ROLES: readonly Role[] = ['GlobalAdmin', 'MpnPartnerAdmin'];

/** Who is asking, as the channel reports it (never from card data). */
export interface Caller {
  aadObjectId?: string;
  tenantId?: string;
  /** Display name the channel sent; used only when the directory has none. */
  name?: string;
}

/** Why a caller is refused; each reason has its own explanation and next step for the user. */
export type Refusal =
  /** The conversation carries no tenant, or a tenant that is not in the directory. */
  | { reason: 'unknownTenant'; tenantId?: string }
  /** The tenant is known but the user is not in the directory. */
  | { reason: 'unknownUser'; organization: Organization; admins: DirectoryUser[]; aadObjectId?: string }
  /** The directory places the user in another tenant than the one they are signed in to. */
  | { reason: 'wrongTenant'; user: DirectoryUser }
  /** Helpdesk staff are not partner users. */
  | { reason: 'helpdeskOnly'; user: DirectoryUser }
  /** F10: the account is associated only with CSP, not with MPN. */
  | { reason: 'cspAccount'; user: DirectoryUser; organization: Organization; admins: DirectoryUser[] }
  /** F11: the organization has no active membership (or the user is on the wrong account). */
  | { reason: 'noActiveMembership'; user: DirectoryUser; organization: Organization }
  /** F9: the user lacks the Global admin / MPN partner admin role. */
  | { reason: 'notAdmin'; user: DirectoryUser; organization: Organization; admins: DirectoryUser[] };

export type RefusalReason = Refusal['reason'];

/** A caller recognized as a user of a partner organization. */
export interface Member {
  user: DirectoryUser;
  organization: Organization;
}

/** What the rules need to know about the caller, loaded by the caller's service. */
export interface CallerRecords {
  caller: Caller;
  user?: DirectoryUser;
  organization?: Organization;
  /** The users of `organization` (for naming its admins). */
  colleagues: DirectoryUser[];
}

export function isActivatingAdmin(user: DirectoryUser): boolean {
  return user.roles.some((r) => ACTIVATING_ROLES.includes(r));
}

/** The organization's users who may activate (F9), by name. */
export function adminsOf(colleagues: readonly DirectoryUser[]): DirectoryUser[] {
  return colleagues.filter((u) => isActivatingAdmin(u) && u.accountProgram === 'MPN');
}

/**
 * Whether the caller is a user of a partner organization (enough to see that organization's IDs,
 * F12); otherwise the refusal that explains why not.
 */
export function checkMember(records: CallerRecords): { ok: true; member: Member } | { ok: false; refusal: Refusal } {
  const { caller, user, organization, colleagues } = records;
  if (user && caller.tenantId && user.tenantId !== caller.tenantId) {
    return { ok: false, refusal: { reason: 'wrongTenant', user } };
  }
  if (user && user.roles.includes('HelpdeskAgent') && !organization) {
    return { ok: false, refusal: { reason: 'helpdeskOnly', user } };
  }
  if (!organization) return { ok: false, refusal: { reason: 'unknownTenant', tenantId: caller.tenantId } };
  if (!user) {
    return { ok: false, refusal: { reason: 'unknownUser', organization, admins: adminsOf(colleagues), aadObjectId: caller.aadObjectId } };
  }
  return { ok: true, member: { user, organization } };
}

/**
 * Whether the caller may activate the organization's benefits on `today` (F9-F11). Checks run in the
 * order a user can act on them: who you are, which account (F10), whether there is anything to
 * activate (F11), and only then your role (F9), so nobody is sent to an admin who could not help.
 */
export function checkActivator(
  records: CallerRecords,
  today: IsoDate,
): { ok: true; member: Member; entitlement: Entitlement } | { ok: false; refusal: Refusal } {
  const membership = checkMember(records);
  if (!membership.ok) return membership;
  const { user, organization } = membership.member;
  const admins = adminsOf(records.colleagues);
  if (user.accountProgram === 'CSP') return { ok: false, refusal: { reason: 'cspAccount', user, organization, admins } };
  const entitlement = entitlementOn(organization.memberships, today);
  if (entitlement.active.length === 0) {
    return { ok: false, refusal: { reason: 'noActiveMembership', user, organization } };
  }
  if (!isActivatingAdmin(user)) return { ok: false, refusal: { reason: 'notAdmin', user, organization, admins } };
  return { ok: true, member: membership.member, entitlement };
}
