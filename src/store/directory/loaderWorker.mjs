// Starts loaderWorker.ts in a worker thread: workers do not inherit tsx's loader, so register it here.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.module);
