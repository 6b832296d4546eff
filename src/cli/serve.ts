/** `npm run serve`: the bot server only, on the data in DATA_DIR. */
import { runServer } from './runServer.js';

await runServer({ demo: false });
