/**
 * When each person was last shown their organization's Access IDs and Contract IDs in a personal
 * chat (asked for them, or activated or pressed "Activate" once already active). The reminder job
 * reads it so that "the IDs are now available" is not announced to someone who has seen them since
 * the activation. Kept as a small setting per person in the conversation store (one row, replaced).
 */
import type { ConversationStore } from '../store/types.js';

/** The setting's name: per tenant and person (ids compared case-insensitively). */
export const idsShownSetting = (tenantId: string, aadObjectId: string) => `idsShown:${tenantId.toLowerCase()}:${aadObjectId.toLowerCase()}`;

/** Notes that the person was shown the IDs at `at`. */
export async function recordIdsShown(store: Pick<ConversationStore, 'setSetting'>, tenantId: string, aadObjectId: string, at: Date): Promise<void> {
  await store.setSetting(idsShownSetting(tenantId, aadObjectId), at.toISOString());
}

/** When the person was last shown the IDs (ISO), or undefined. */
export async function idsShownAt(store: Pick<ConversationStore, 'getSetting'>, tenantId: string, aadObjectId: string): Promise<string | undefined> {
  return store.getSetting(idsShownSetting(tenantId, aadObjectId));
}
