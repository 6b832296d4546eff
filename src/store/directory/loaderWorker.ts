/**
 * The worker thread that loads a large directory document (see loadDocument.ts and fileDirectory.ts).
 * It sends a chunk and prepares the next, but sends no more than two ahead of what the bot has taken:
 * the bot takes each chunk in a macrotask of its own, so turns run between them. (Without this the
 * chunks queue up, and Node hands a port's whole queue over in one go: seconds without a turn.)
 */
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { loadDocument } from './loadDocument.js';

// Serving comes first: on a busy core, this thread runs only when the bot's own thread does not
// need it. On Linux a thread's id works as a process id for setpriority; elsewhere nothing changes.
try {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, constants.priority.PRIORITY_LOW);
} catch {
  // no /proc (not Linux), or not allowed: the worker keeps the normal priority
}

const AHEAD = 2;
const { file } = workerData as { file: string; module: string };
let unacknowledged = 0;
let wake: (() => void) | undefined;
parentPort!.on('message', () => {
  unacknowledged -= 1;
  wake?.();
  wake = undefined;
});
await loadDocument(file, async (message) => {
  while (unacknowledged >= AHEAD) await new Promise<void>((resolve) => (wake = resolve));
  unacknowledged += 1;
  parentPort!.postMessage(message);
});
