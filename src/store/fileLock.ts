/**
 * An exclusive lock held by a live process: a file created with O_EXCL that names the process (pid,
 * its start time, the host). A lock whose process is gone (ended, crashed, `kill -9`) is taken over
 * at once: there is no stale timeout to wait out. On Linux the start time from /proc tells a
 * reused pid from the holder.
 */
import { readFileSync } from 'node:fs';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';

/** Who holds a lock. */
export interface LockHolder {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux), or null. */
  startedAt: number | null;
  host: string;
  /** What the holder is doing, e.g. "the bot server on port 3978". */
  purpose: string;
  /** ISO timestamp. */
  since: string;
}

/** Thrown when a live process holds the lock. */
export class LockedError extends Error {
  constructor(
    readonly file: string,
    readonly holder: LockHolder,
  ) {
    super(`${holder.purpose} (process ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ''}, since ${holder.since}) holds ${file}.`);
    this.name = 'LockedError';
  }
}

/** A process's start time in clock ticks since boot, from /proc; null where there is none. */
export function processStartTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote `holder` still runs (on another host: assumed so). */
export function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = processStartTime(holder.pid);
  return holder.startedAt === null || started === null || started === holder.startedAt;
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const holder = JSON.parse(await readFile(file, 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' ? holder : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Unreadable (a crash while writing it): nobody can prove they hold it.
    return { pid: -1, startedAt: null, host: hostname(), purpose: 'an unknown process', since: '' };
  }
}

async function takeOver(file: string, dead: LockHolder | undefined): Promise<void> {
  const guard = `${file}.takeover`;
  try {
    await (await open(guard, 'wx')).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Someone else is taking over; a guard left by a process that died there is old.
    const age = Date.now() - (await stat(guard).then((s) => s.mtimeMs, () => Date.now()));
    if (age > 5_000) await unlink(guard).catch(() => undefined);
    else await new Promise((resolve) => setTimeout(resolve, 50));
    return;
  }
  try {
    const now = await readHolder(file);
    if (now && dead && now.pid === dead.pid && now.since === dead.since) await unlink(file).catch(() => undefined);
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/**
 * Takes the lock file `file` for this process, or throws {@link LockedError} naming the live
 * holder. Resolves with the function that releases it (idempotent; it removes the file only while
 * it is still ours).
 */
export async function acquireLock(file: string, purpose: string): Promise<() => Promise<void>> {
  const me: LockHolder = { pid: process.pid, startedAt: processStartTime(process.pid), host: hostname(), purpose, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(`${JSON.stringify(me)}\n`);
      } finally {
        await handle.close();
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        const holder = await readHolder(file);
        if (holder?.pid === me.pid && holder.since === me.since) await unlink(file).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(file);
    if (holder && holder.pid !== -1 && isAlive(holder)) throw new LockedError(file, holder);
    // The holder is gone: remove its file and try again. One process at a time does that (the
    // takeover file), and only while the file still names the dead holder, so two processes
    // starting together never both end up holding the lock.
    await takeOver(file, holder);
  }
  const holder = await readHolder(file);
  throw new LockedError(file, holder ?? { ...me, purpose: 'another process' });
}
