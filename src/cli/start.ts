/**
 * `npm start`: the newcomer's command. The bot server on the demo directory (loaded into an empty
 * DATA_DIR), plus Microsoft 365 Agents Playground, a Teams-like chat window, pointed at it.
 *
 *   npm start                  you are Ana Admin, partner admin of Contoso (can activate)
 *   npm start -- --as ben      a demo person (ana ben cleo dario wanda ema nils hal stranger newcomer), or any
 *                              user of the directory served: --as jane@fabrikam.com, "Jane Miller", an object id
 *   npm start -- --locale de-DE  the chat window sends that locale (it always sends en-US by itself)
 *
 * PLAYGROUND=off runs the bot alone; PLAYGROUND_PORT picks the chat window's port (default 56150).
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { isLocale } from '../devtools/localeRelay.js';
import { loadDotEnv, readStoreConfig } from '../config.js';
import { DEMO_PEOPLE } from '../demo/demoDirectory.js';
import { isPlaygroundPersona, PLAYGROUND_PERSONAS, PlaygroundError, startPlayground, type PlaygroundUser } from '../devtools/playground.js';
import { isEmptyDataDir, readCurrentDocument } from '../store/index.js';
import { findPerson, notFoundMessage, peopleOfDocument, type ChatPerson } from './chatSupport.js';
import { runServer } from './runServer.js';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let as: string | undefined;
let locale: string | undefined;
try {
  const { values } = parseArgs({ options: { as: { type: 'string' }, locale: { type: 'string' } }, strict: true });
  as = values.as;
  locale = values.locale;
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm start [-- --as <name|e-mail|object id>] [--locale de-DE]   (who: npm run chat -- --list-users)`);
}
if (locale !== undefined && !isLocale(locale)) fail(`--locale must be a locale such as de-DE or en-US, not "${locale}".`);

const playgroundUser = (p: ChatPerson): PlaygroundUser => ({
  key: p.shortcut ?? p.aadObjectId,
  name: p.name,
  ...(p.email !== undefined && { email: p.email }),
  aadObjectId: p.aadObjectId,
  tenantId: p.tenantId,
});

const LIST_HINT = 'List them with: npm run chat -- --list-users';

/**
 * Whom the chat window is: `--as` among the people of the directory in `dataDir` (the demo's short
 * names too), by default the demo's Ana. A directory not filled yet is the demo's (npm start loads
 * it), so only a demo person fits; with STORE=azure (no local directory) likewise.
 * Either the person, or why not.
 */
async function chatWindowUser(dataDir: string, local: boolean): Promise<{ me: PlaygroundUser; people: PlaygroundUser[] } | { problem: string }> {
  const document = local && !(await isEmptyDataDir(dataDir)) ? await readCurrentDocument(dataDir) : undefined;
  if (!document || document.users.length === 0) {
    const key = (as ?? 'ana').toLowerCase();
    if (!isPlaygroundPersona(key)) return { problem: `Unknown demo person "${as}". Choose one of: ${PLAYGROUND_PERSONAS.join(', ')}.` };
    return { me: { key, ...DEMO_PEOPLE[key] }, people: PLAYGROUND_PERSONAS.map((k) => ({ key: k, ...DEMO_PEOPLE[k] })) };
  }
  const people = peopleOfDocument(document);
  const found = findPerson(people, as ?? 'ana');
  if (found.status === 'found') return { me: playgroundUser(found.person), people: people.map(playgroundUser) };
  if (as === undefined) {
    return { problem: `The partner directory of ${dataDir} is not the demo's: say whom the chat window is, npm start -- --as <name|e-mail|object id>. ${LIST_HINT}` };
  }
  const known = people.some((p) => p.shortcut) ? ` (the demo's people: ${PLAYGROUND_PERSONAS.join(', ')})` : '';
  return { problem: `${notFoundMessage(found, as, dataDir, LIST_HINT)}${found.status === 'unknown' ? known : ''}` };
}

const playgroundSetting = (process.env.PLAYGROUND ?? 'on').toLowerCase();
if (!['on', 'off'].includes(playgroundSetting)) fail(`PLAYGROUND must be "on" or "off", not "${process.env.PLAYGROUND}".`);
const port = Number(process.env.PLAYGROUND_PORT ?? '56150');
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PLAYGROUND_PORT must be a port number (0-65535), not "${process.env.PLAYGROUND_PORT}".`);

const withPlayground = playgroundSetting === 'on';
// Checked before the bot starts, so a name that fits nobody stops at once (exit 2), nothing started.
let where: { dataDir: string; local: boolean } | undefined;
if (withPlayground || as !== undefined) {
  try {
    loadDotEnv();
    const { dataDir, store } = readStoreConfig();
    where = { dataDir, local: store.kind !== 'azure' };
  } catch {
    // A bad setting: the server's start says which.
  }
  if (where) {
    const checked = await chatWindowUser(where.dataDir, where.local).catch(() => undefined);
    // Without --as on a directory that is not the demo's, the bot starts anyway and says how to pick someone.
    if (checked && 'problem' in checked && as !== undefined) fail(checked.problem);
  }
}
const server = await runServer({
  demo: true,
  hint: withPlayground ? undefined : 'Talk to it from another terminal: npm run chat -- --as ana   (who else: npm run chat -- --list-users)',
});

if (withPlayground && server.authenticated) {
  console.log('MicrosoftAppId is set, so the local chat window (which sends no Bot Framework token) is not started.');
} else if (withPlayground) {
  const user = await chatWindowUser(server.dataDir, where?.local ?? true);
  if ('problem' in user) console.error(`${user.problem}\nThe bot keeps running without the chat window; Ctrl-C stops it.`);
  else try {
    const playground = await startPlayground({
      botEndpoint: `${server.url}/api/messages`,
      as: user.me,
      people: user.people,
      dir: join(resolve(server.dataDir), 'playground'),
      port,
      ...(locale !== undefined && { locale }),
    });
    let stopping = false;
    server.onStop(async () => {
      stopping = true;
      await playground.stop();
    });
    const who = isPlaygroundPersona(user.me.key) ? `a demo user (${user.me.key})` : `${user.me.name} (${user.me.email ?? user.me.aadObjectId})`;
    console.log(`\nOpen ${playground.url} to chat with the bot as ${who}. Ctrl-C stops both.\n`);
    if (port > 0 && !playground.url.endsWith(`:${port}`)) {
      console.log(`(Port ${port} was taken, so the chat window uses ${new URL(playground.url).port}.)`);
    }
    void playground.exited.then((code) => {
      if (!stopping) console.error(`The chat window (playground) stopped (exit code ${code}); the bot keeps running. Also try: npm run chat`);
    });
  } catch (error) {
    if (!(error instanceof PlaygroundError)) throw error;
    console.error(`${error.message}\nThe bot keeps running; you can talk to it with: npm run chat -- --as ${user.me.email ?? user.me.aadObjectId}`);
  }
}
