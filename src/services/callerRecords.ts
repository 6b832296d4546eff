import type { Caller, CallerRecords } from '../domain/access.js';
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
