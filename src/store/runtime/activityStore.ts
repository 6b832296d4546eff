/**
 * Processed activities on an {@link EntityTable}, partitioned by the UTC day of the claim, so that
 * expiry drops whole old days (a key range), never scans what is current. A lookup checks today's
 * and yesterday's partitions: a redelivery arrives within minutes, rarely across midnight.
 */
import { createHash } from 'node:crypto';
import { PreconditionFailedError, type ActivityClaim, type ActivityStore, type EntityTable, type ProcessedActivity } from '../types.js';

const day = (at: Date) => at.toISOString().slice(0, 10);
const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
/**
 * One row per activity of a conversation. Percent-encoding keeps the two ids apart (it never makes
 * a space) and control characters out; ids too long for a key are replaced by their hash.
 */
function rowOf(conversationId: string, activityId: string): string {
  const row = `${encodeURIComponent(conversationId)} ${encodeURIComponent(activityId)}`;
  return row.length <= 480 ? row : `sha256 ${createHash('sha256').update(row).digest('hex')}`;
}

const started = (owner: string, at: Date, leaseUntil: Date | undefined): ProcessedActivity => ({
  status: 'started',
  owner,
  at: at.toISOString(),
  ...(leaseUntil && { leaseUntil: leaseUntil.toISOString() }),
});

export class TableActivityStore implements ActivityStore {
  constructor(private readonly table: EntityTable<ProcessedActivity>) {}

  async claim(conversationId: string, activityId: string, owner: string, at: Date, leaseUntil?: Date): Promise<ActivityClaim> {
    const row = rowOf(conversationId, activityId);
    const today = day(at);
    const yesterday = await this.table.get(dayBefore(today), row);
    if (yesterday) return { claimed: false, record: yesterday.value, handle: { day: dayBefore(today), etag: yesterday.etag } };
    const record = started(owner, at, leaseUntil);
    const etag = await this.table.insert(today, row, record);
    if (etag !== undefined) return { claimed: true, record, handle: { day: today, etag } };
    const stored = await this.table.get(today, row);
    // Gone between the insert and the read (an expiry sweep): claim it again.
    if (!stored) return this.claim(conversationId, activityId, owner, at, leaseUntil);
    return { claimed: false, record: stored.value, handle: { day: today, etag: stored.etag } };
  }

  async takeOver(conversationId: string, activityId: string, claim: ActivityClaim, owner: string, at: Date, leaseUntil?: Date): Promise<ActivityClaim | undefined> {
    const record = started(owner, at, leaseUntil);
    try {
      const etag = await this.table.replace(claim.handle.day, rowOf(conversationId, activityId), record, claim.handle.etag);
      return { claimed: true, record, handle: { day: claim.handle.day, etag } };
    } catch {
      return undefined;
    }
  }

  async renew(conversationId: string, activityId: string, claim: ActivityClaim, leaseUntil: Date): Promise<ActivityClaim | undefined> {
    const record: ProcessedActivity = { ...claim.record, leaseUntil: leaseUntil.toISOString() };
    try {
      const etag = await this.table.replace(claim.handle.day, rowOf(conversationId, activityId), record, claim.handle.etag);
      return { claimed: true, record, handle: { day: claim.handle.day, etag } };
    } catch (error) {
      if (error instanceof PreconditionFailedError) return undefined;
      throw error;
    }
  }

  async reread(conversationId: string, activityId: string, claim: ActivityClaim): Promise<ActivityClaim | undefined> {
    const stored = await this.table.get(claim.handle.day, rowOf(conversationId, activityId));
    return stored && { claimed: false, record: stored.value, handle: { day: claim.handle.day, etag: stored.etag } };
  }

  async finish(conversationId: string, activityId: string, claim: ActivityClaim, outcome: ProcessedActivity): Promise<void> {
    await this.table.upsert(claim.handle.day, rowOf(conversationId, activityId), outcome);
  }

  async sweep(now: Date): Promise<number> {
    const keepFrom = dayBefore(day(now));
    let removed = 0;
    for (;;) {
      // Partitions are days, so the oldest come first.
      const page = await this.table.scan({ limit: 100 });
      const old = page.filter((entity) => entity.partition < keepFrom);
      if (old.length === 0) return removed;
      for (const partition of new Set(old.map((entity) => entity.partition))) {
        const rows = old.filter((entity) => entity.partition === partition);
        await this.table.batch(partition, rows.map((entity) => ({ op: 'delete' as const, row: entity.row })));
        removed += rows.length;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
