/**
 * `npm run report`: the helpdesk report as an HTML page with charts (see src/report/reportCli.ts
 * for the options). Reads DATA_DIR and STORE from the environment and `.env`, as the server does.
 */
import { systemClock } from '../clock.js';
import { loadDotEnv } from '../config.js';
import { reportMain } from '../report/reportCli.js';

loadDotEnv();
process.exitCode = await reportMain(process.argv.slice(2), { clock: systemClock });
