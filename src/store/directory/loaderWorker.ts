/** The worker thread that loads a large directory document (see loadDocument.ts and fileDirectory.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDocument } from './loadDocument.js';

const { file } = workerData as { file: string; module: string };
await loadDocument(file, (message) => parentPort!.postMessage(message));
