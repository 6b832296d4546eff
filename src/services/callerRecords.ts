import type { Caller, CallerRecords } from '../domain/access.js';
import type { DirectoryUser } from '../domain/types.js';
import type { DirectoryStore } from '../store/types.js';

/**
 * Loads what the access rules need about a caller: their directory entry, the organization of the
 * tenant they are signed in to (from the channel only), and its users. `etag` is the organization's,
 * for a conditional write that follows.
 */
export async function loadCallerRecords(
  directory: DirectoryStore,
  caller: Caller,
): Promise<CallerRecords & { etag?: string }> {
  const [user, org] = await Promise.all([
    caller.aadObjectId ? directory.getUser(caller.aadObjectId) : undefined,
    caller.tenantId ? directory.getOrganization(caller.tenantId) : undefined,
  ]);
  const colleagues = org ? await directory.listUsersOfTenant(org.value.tenantId) : [];
  return { caller, user: user?.value, organization: org?.value, colleagues, etag: org?.etag };
}

/**
 * The caller's directory entry when they are a helpdesk agent: the HelpdeskAgent role, signed in to
 * their own tenant, and that tenant is the operator's, not a partner organization's (a partner's
 * employee with the role by mistake must not get the cross-tenant view).
 */
export async function loadAgent(directory: DirectoryStore, caller: Caller): Promise<DirectoryUser | undefined> {
  if (!caller.aadObjectId || !caller.tenantId) return undefined;
  const user = (await directory.getUser(caller.aadObjectId))?.value;
  if (!user || !user.roles.includes('HelpdeskAgent') || user.tenantId !== caller.tenantId) return undefined;
  return (await directory.getOrganization(user.tenantId)) ? undefined : user;
}
