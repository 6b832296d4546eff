/**
 * A second process on an lmdb store, for lmdbBackend.test.ts:
 *   writer.ts <path> increment <n>   n version-checked increments of one counter (retried on conflict)
 *   writer.ts <path> insert          inserts rows until killed, printing each acknowledged row
 *   writer.ts <path> read            prints the counter, read by a process of its own
 */
import { LmdbBackend } from '../../../src/store/lmdb/lmdbBackend.js';
import { PreconditionFailedError } from '../../../src/store/types.js';

const [path, mode, count] = process.argv.slice(2);
const backend = new LmdbBackend(path!);
const table = backend.table<{ n: number }>('meta');
if (mode === 'increment') {
  let conflicts = 0;
  for (let i = 0; i < Number(count); i++) {
    for (;;) {
      const current = (await table.get('p', 'counter'))!;
      try {
        await table.replace('p', 'counter', { n: current.value.n + 1 }, current.etag);
        break;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        conflicts += 1;
      }
    }
  }
  console.log(`done ${conflicts}`);
  await backend.close();
} else if (mode === 'read') {
  console.log(`counter ${(await table.get('p', 'counter'))?.value.n}`);
  await backend.close();
} else {
  for (let i = 0; ; i++) {
    await table.insert('rows', `row-${String(i).padStart(6, '0')}`, { n: i });
    process.stdout.write(`acked ${i}\n`);
  }
}
