import { writeFile } from 'node:fs/promises';
import { benchDirectory } from './lib/directory.js';
import { systemClock } from '../src/clock.js';
const n = Number(process.argv[2] ?? 100000);
await writeFile(process.argv[3]!, JSON.stringify(benchDirectory(n, systemClock.today())));
