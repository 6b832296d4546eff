/** `npm start`: the newcomer's command. The bot server, with the demo directory on a first run. */
import { runServer } from './runServer.js';

await runServer({ demo: true });
