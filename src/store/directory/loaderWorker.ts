/**
 * The worker thread that loads a large directory document (see loadDocument.ts and fileDirectory.ts).
 * It sends a chunk and prepares the next, but sends no more than two ahead of what the bot has taken:
 * the bot takes each chunk in a macrotask of its own, so turns run between them. (Without this the
 * chunks queue up, and Node hands a port's whole queue over in one go: seconds without a turn.)
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDocument } from './loadDocument.js';

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
