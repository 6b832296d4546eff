/**
 * Waits before trying a conditional write again after another writer won (several bot instances
 * writing one entity at once): a random time up to `baseMs * 2^attempt`, at most `maxMs` ("full
 * jitter"), so writers that collided once spread out instead of colliding again in lockstep.
 */
export function conflictBackoff(attempt: number, baseMs = 5, maxMs = 250): Promise<void> {
  const ms = Math.random() * Math.min(maxMs, baseMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
