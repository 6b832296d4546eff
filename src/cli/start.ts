/**
 * `npm start`: the newcomer's command. The bot server on the demo directory (loaded into an empty
 * DATA_DIR), plus Microsoft 365 Agents Playground, a Teams-like chat window, pointed at it.
 *
 *   npm start                  you are Ana Admin, partner admin of Contoso (can activate)
 *   npm start -- --as ben      any demo person: ana ben cleo dario wanda ema nils hal stranger newcomer
 *   npm start -- --locale de-DE  the chat window sends that locale (it always sends en-US by itself)
 *
 * PLAYGROUND=off runs the bot alone; PLAYGROUND_PORT picks the chat window's port (default 56150).
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { isLocale } from '../devtools/localeRelay.js';
import { isPlaygroundPersona, PLAYGROUND_PERSONAS, PlaygroundError, startPlayground } from '../devtools/playground.js';
import { runServer } from './runServer.js';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let as = 'ana';
let locale: string | undefined;
try {
  const { values } = parseArgs({ options: { as: { type: 'string' }, locale: { type: 'string' } }, strict: true });
  as = values.as?.toLowerCase() ?? as;
  locale = values.locale;
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm start [-- --as <${PLAYGROUND_PERSONAS.join('|')}>] [--locale de-DE]`);
}
if (locale !== undefined && !isLocale(locale)) fail(`--locale must be a locale such as de-DE or en-US, not "${locale}".`);
if (!isPlaygroundPersona(as)) fail(`Unknown demo person "${as}". Choose one of: ${PLAYGROUND_PERSONAS.join(', ')}.`);

const playgroundSetting = (process.env.PLAYGROUND ?? 'on').toLowerCase();
if (!['on', 'off'].includes(playgroundSetting)) fail(`PLAYGROUND must be "on" or "off", not "${process.env.PLAYGROUND}".`);
const port = Number(process.env.PLAYGROUND_PORT ?? '56150');
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PLAYGROUND_PORT must be a port number (0-65535), not "${process.env.PLAYGROUND_PORT}".`);

const withPlayground = playgroundSetting === 'on';
const server = await runServer({
  demo: true,
  hint: withPlayground ? undefined : 'Talk to it from another terminal: npm run chat -- --as ana   (who else: npm run chat -- --list-users)',
});

if (withPlayground && server.authenticated) {
  console.log('MicrosoftAppId is set, so the local chat window (which sends no Bot Framework token) is not started.');
} else if (withPlayground) {
  try {
    const playground = await startPlayground({
      botEndpoint: `${server.url}/api/messages`,
      as,
      dir: join(resolve(server.dataDir), 'playground'),
      port,
      ...(locale !== undefined && { locale }),
    });
    let stopping = false;
    server.onStop(async () => {
      stopping = true;
      await playground.stop();
    });
    console.log(`\nOpen ${playground.url} to chat with the bot as a demo user (${as}). Ctrl-C stops both.\n`);
    if (port > 0 && !playground.url.endsWith(`:${port}`)) {
      console.log(`(Port ${port} was taken, so the chat window uses ${new URL(playground.url).port}.)`);
    }
    void playground.exited.then((code) => {
      if (!stopping) console.error(`The chat window (playground) stopped (exit code ${code}); the bot keeps running. Also try: npm run chat`);
    });
  } catch (error) {
    if (!(error instanceof PlaygroundError)) throw error;
    console.error(`${error.message}\nThe bot keeps running; you can talk to it with: npm run chat -- --as ${as}`);
  }
}
