/**
 * `npm run chat`: talk to a running bot from the terminal as any user of the partner directory, the
 * way Teams would deliver the messages (Teams-shaped activities over HTTP, replies to a local
 * connector). Cards print as text; type a button's number to press it; a card's inputs are asked
 * for one by one.
 *
 *   npm run chat -- --as ben --locale de-DE       a demo user by short name
 *   npm run chat -- --as "Jane Doe"               any directory user by name, e-mail or object id
 *   npm run chat -- --list-users [--filter x]     who one can chat as
 *   /as <user>  /users [text]  /locale <de-DE|en-US>  /group  /quit
 *
 * Where the bot is: `--bot <url>`, else the bot server running on DATA_DIR (read from .env like the
 * server does) tells it in DATA_DIR/notify.json, as for `npm run notify`.
 */
import { createInterface } from 'node:readline';
import { cardTexts } from '../cards/cardText.js';
import { ConfigError, loadDotEnv, readStoreConfig, type StoreConfig } from '../config.js';
import { startConnector } from '../devtools/recordingConnector.js';
import { teamsInstall, teamsMessage, type TeamsUser } from '../devtools/teamsActivities.js';
import { NOTIFY_FILE, readNotifyEndpoint } from '../jobs/notifyEndpoint.js';
import { CorruptDataFileError, InvalidDirectoryError, readCurrentDocument, type DirectoryDocument } from '../store/index.js';
import {
  cardButtons,
  filterPeople,
  findPerson,
  inputPrompt,
  inputValue,
  notFoundMessage,
  peopleOfDocument,
  peopleTable,
  ScreenButtons,
  type ChatPerson,
  type ScreenButton,
} from './chatSupport.js';
import { optionsOrExit, parseCliArgs, UsageError } from './cliSupport.js';

const USAGE = `Usage: npm run chat -- [--as <name|e-mail|object id>] [--locale en-US|de-DE] [--bot <url>]
       npm run chat -- --list-users [--filter <text>]
  --as          who you are: any user of the partner directory (default: ana, with the demo directory)
  --bot         the bot's address, e.g. http://127.0.0.1:3978 (default: the bot server running on DATA_DIR)
  --list-users  list the directory's users (name, e-mail, organization, role, object id) and exit
In the chat: /as <user>, /users [text], /locale de-DE, /group, /quit. Type a button's number to press it.`;

interface ChatOptions {
  as?: string;
  locale: string;
  bot?: string;
  listUsers: boolean;
  filter?: string;
}

const LOCALE = /^[a-z]{2}(-[A-Za-z]{2})?$/;

function parse(args: string[]): ChatOptions | 'help' {
  const v = parseCliArgs(args, {
    as: { type: 'string' },
    locale: { type: 'string', default: 'en-US' },
    bot: { type: 'string' },
    'list-users': { type: 'boolean', default: false },
    filter: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (v.help) return 'help';
  if (!LOCALE.test(v.locale!)) throw new UsageError(`--locale must be a language tag such as en-US or de-DE, not "${v.locale}".`);
  if (v.bot !== undefined && !/^https?:\/\/[^/\s]+/.test(v.bot)) throw new UsageError(`--bot must be the bot's base URL, e.g. http://127.0.0.1:3978, not "${v.bot}".`);
  if (v.filter !== undefined && !v['list-users']) throw new UsageError('--filter goes with --list-users.');
  return {
    ...(v.as !== undefined && { as: v.as }),
    locale: v.locale!,
    ...(v.bot !== undefined && { bot: v.bot.replace(/\/+$/, '').replace(/\/api\/messages$/, '') }),
    listUsers: v['list-users']!,
    ...(v.filter !== undefined && { filter: v.filter }),
  };
}

/** A button as printed, with the conversation its card is in (a press acts there, as in Teams). */
type PlacedButton = ScreenButton & { conversationId: string };

/** Prints `message` and ends with exit code 1. */
class ChatError extends Error {}

/** The directory the bot serves: DATA_DIR's directory.json, or with STORE=azure the storage account's. */
async function readDirectory(dataDir: string, store: StoreConfig): Promise<{ document: DirectoryDocument; where: string }> {
  try {
    if (store.kind === 'azure') {
      const { azureClients, readAzureDocument } = await import('../store/azure/index.js');
      const clients = azureClients(store);
      return { document: (await readAzureDocument(clients.container)).document, where: clients.where };
    }
    return { document: await readCurrentDocument(dataDir), where: dataDir };
  } catch (error) {
    if (error instanceof CorruptDataFileError || error instanceof InvalidDirectoryError) throw new ChatError(error.message);
    throw error;
  }
}

/** The bot's base URL: --bot, else the one the server running on `dataDir` published. */
async function locateBot(options: ChatOptions, dataDir: string, store: StoreConfig): Promise<string> {
  if (options.bot) return options.bot;
  const endpoint = await readNotifyEndpoint(dataDir).catch(() => undefined);
  const where = store.kind === 'azure' ? `${dataDir} (with STORE=azure the bot still writes ${NOTIFY_FILE} there)` : dataDir;
  if (!endpoint) {
    throw new ChatError(
      `No bot server is running on the data directory ${where}: there is no ${NOTIFY_FILE} in it (the server writes one while it runs). ` +
        'Start the bot with npm start (or npm run serve) in another terminal, with the same DATA_DIR, or say where it runs: npm run chat -- --bot http://127.0.0.1:<port>',
    );
  }
  if (!alive(endpoint.pid)) {
    throw new ChatError(
      `The bot server that ran on ${where} (process ${endpoint.pid}, ${endpoint.url}) has stopped; its ${NOTIFY_FILE} was left over. ` +
        'Start it again with npm start (or npm run serve), or give its address with --bot.',
    );
  }
  return endpoint.url;
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A copy of the card whose FactSets read "title: value", one fact per line. */
function factsAsLines(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(factsAsLines);
  if (typeof node !== 'object' || node === null) return node;
  const o = node as Record<string, unknown>;
  if (o['type'] === 'FactSet' && Array.isArray(o['facts'])) {
    const facts = o['facts'] as { title?: string; value?: string }[];
    return { type: 'TextBlock', text: facts.map((f) => `${f.title}: ${f.value}`).join('\n') };
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, factsAsLines(v)]));
}

/** Lines typed (or piped) in, one at a time, for the chat and for a card's inputs alike. */
class Lines {
  private readonly queue: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private closed = false;
  constructor(private readonly rl: ReturnType<typeof createInterface>) {
    rl.on('line', (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(line);
      } else this.queue.push(line);
    });
    rl.on('close', () => {
      this.closed = true;
      this.waiting?.(undefined);
      this.waiting = undefined;
    });
  }
  /** The next line after showing `prompt`; undefined once the input ended. */
  next(prompt: string): Promise<string | undefined> {
    this.rl.setPrompt(prompt);
    this.rl.prompt();
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.waiting = resolve));
  }
  get prompting(): boolean {
    return this.waiting !== undefined;
  }
}

async function main(args: string[]): Promise<number> {
  const parsed = optionsOrExit(args, parse, USAGE);
  if ('exit' in parsed) return parsed.exit;
  const { options } = parsed;
  let dataDir: string;
  let store: StoreConfig;
  try {
    // The same DATA_DIR and STORE as the server, which reads .env too.
    loadDotEnv();
    ({ dataDir, store } = readStoreConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const listHint = 'List them with: npm run chat -- --list-users   (in the chat: /users)';
  try {
    const directory = await readDirectory(dataDir, store);
    const people = peopleOfDocument(directory.document);
    if (options.listUsers) {
      const shown = filterPeople(people, options.filter);
      if (people.length === 0) console.log(`The partner directory of ${directory.where} has no users yet: import one with npm run import -- <file.json> (or npm start loads the demo).`);
      else if (shown.length === 0) console.log(`No user of ${directory.where} matches "${options.filter}" (${people.length} users in all).`);
      else console.log(`${peopleTable(shown)}\n(${shown.length} of ${people.length} users of ${directory.where})`);
      return 0;
    }
    const demo = people.some((p) => p.shortcut === 'ana');
    const as = options.as ?? (demo ? 'ana' : undefined);
    if (as === undefined && people.length > 0) {
      throw new ChatError(
        `Say whom to chat as: npm run chat -- --as <name|e-mail|object id>. ${listHint}`,
      );
    }
    if (people.length === 0) {
      throw new ChatError(
        `The partner directory of ${directory.where} has no users${store.kind === 'azure' ? '' : ' (is DATA_DIR right?)'}: import one with npm run import -- <file.json>, or start the demo with npm start on an empty DATA_DIR.`,
      );
    }
    const found = findPerson(people, as ?? '');
    if (found.status !== 'found') throw new ChatError(notFoundMessage(found, as ?? '', directory.where, listHint));
    const bot = await locateBot(options, dataDir, store);
    return await chat({ bot, people, person: found.person, locale: options.locale, where: directory.where, listHint });
  } catch (error) {
    if (error instanceof ChatError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

async function chat(o: { bot: string; people: ChatPerson[]; person: ChatPerson; locale: string; where: string; listHint: string }): Promise<number> {
  const { bot, people, where, listHint } = o;
  let person = o.person;
  let locale = o.locale;
  let group = false;
  const connector = await startConnector();
  const welcomed = new Set<string>();
  const screen = new ScreenButtons<PlacedButton>();
  const GROUP = '19:demo-group@thread.v2';
  const personalOf = (p: ChatPerson) => `a:chat-${p.aadObjectId}`;
  const describe = (id: string) => {
    if (id === GROUP) return 'the group chat';
    const owner = people.find((p) => personalOf(p) === id);
    return owner ? `${owner.name}'s personal chat` : `the conversation ${id}`;
  };
  const user = (): TeamsUser => ({ aadObjectId: person.aadObjectId, tenantId: person.tenantId, name: person.name });
  const conversationId = () => (group ? GROUP : personalOf(person));
  const base = () => ({
    user: user(),
    serviceUrl: connector.url,
    locale,
    conversationId: conversationId(),
    conversationType: group ? ('groupChat' as const) : ('personal' as const),
  });

  let printed = 0;
  /** The conversation of the last message printed (this chat's, unless said otherwise). */
  let lastShown = conversationId();
  /** Prints what arrived at the connector since last time: replies, and messages the bot sends on its own. */
  const printNew = (): boolean => {
    const calls = connector.calls.slice(printed);
    printed = connector.calls.length;
    for (const call of calls) {
      const a = call.activity;
      if (a.type !== 'message') continue;
      // Say where a message went whenever that changes: one of another conversation, or back here.
      if (call.conversationId !== lastShown) {
        console.log(call.conversationId === conversationId() ? `bot| (back in this chat, ${describe(call.conversationId)}:)` : `bot| (in ${describe(call.conversationId)}:)`);
        lastShown = call.conversationId;
      }
      if (call.method === 'PUT') console.log('bot| (a card was updated)');
      if (a.text) console.log(`bot> ${a.text}`);
      const buttons: PlacedButton[] = [];
      for (const attachment of a.attachments ?? []) {
        const card = factsAsLines(attachment.content);
        const own = cardButtons(card);
        const titles = new Set(own.map((x) => x.title));
        // A row that acts as a button ("› title") is listed once, numbered, with the buttons.
        for (const text of cardTexts(card, { unescape: true }).filter((t) => !titles.has(t) && !titles.has(t.replace(/^› /, '')))) {
          for (const line of text.split('\n')) console.log(`bot| ${line}`);
        }
        buttons.push(...own.map((b) => ({ ...b, conversationId: call.conversationId })));
      }
      // The newest buttons replace the older ones: a number always means what is on screen.
      for (const { number, button } of screen.show(buttons)) console.log(`bot| [${number}] ${button.title}${button.inputs.length ? ' ...' : ''}`);
    }
    return calls.length > 0;
  };

  /** Sends one activity; what the bot answers is printed as it arrives. */
  const send = async (activity: Record<string, unknown>): Promise<void> => {
    lastShown = (activity['conversation'] as { id: string }).id;
    try {
      const res = await fetch(`${bot}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      if (!res.ok) console.error(`The bot answered HTTP ${res.status}: ${await res.text()}`);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      console.error(`The bot does not answer at ${bot} (${cause}). Is it still running? Start it with npm start, or give its address with --bot.`);
      return;
    }
    printNew();
  };

  const ensureWelcomed = async () => {
    const key = `${person.aadObjectId}|${conversationId()}`;
    if (welcomed.has(key)) return;
    welcomed.add(key);
    await send(teamsInstall(base()));
  };

  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
  const lines = new Lines(rl);
  const promptText = () => `${person.name}${group ? ' (group chat)' : ''}> `;
  // Messages the bot sends on its own (reminders, case updates) show up while you type.
  const poll = setInterval(() => {
    if (printNew() && lines.prompting) rl.prompt(true);
  }, 500);
  poll.unref();

  /** Asks for each input of the pressed button's card; undefined when the input ended meanwhile. */
  const fillInputs = async (button: ScreenButton): Promise<Record<string, string> | undefined> => {
    const values: Record<string, string> = {};
    if (button.inputs.length) console.log(`(The card asks for ${button.inputs.length === 1 ? 'one field' : `${button.inputs.length} fields`} before "${button.title}".)`);
    for (const input of button.inputs) {
      for (;;) {
        const answer = await lines.next(inputPrompt(input));
        if (answer === undefined) return undefined;
        const result = inputValue(input, answer);
        if ('problem' in result) {
          console.log(`  (${result.problem}; try again)`);
          continue;
        }
        if (result.value !== undefined) values[input.id] = result.value;
        break;
      }
    }
    return values;
  };

  const press = async (button: PlacedButton): Promise<void> => {
    if (button.conversationId === personalOf(person) && group) {
      console.log('(That card is in your personal chat: /group switches back to it. Nothing was sent.)');
      return;
    }
    if (button.conversationId !== conversationId() && button.conversationId !== GROUP) {
      console.log(`(That card is in ${describe(button.conversationId)}: switch to its person with /as to press it. Nothing was sent.)`);
      return;
    }
    if (button.type === 'Action.OpenUrl') {
      console.log(`(This button opens ${button.url ?? 'a link'} in a browser; nothing was sent.)`);
      return;
    }
    if (button.type !== 'Action.Submit' && button.type !== 'Action.Execute') {
      console.log(`(A ${button.type} button cannot be pressed in the terminal; nothing was sent.)`);
      return;
    }
    const inputs = await fillInputs(button);
    if (inputs === undefined) return;
    const data = typeof button.data === 'object' && button.data !== null ? (button.data as Record<string, unknown>) : {};
    // As Teams does for Action.Submit: the card's input values go along with the button's data.
    const where = button.conversationId === GROUP ? { conversationId: GROUP, conversationType: 'groupChat' as const } : {};
    await send(teamsMessage({ ...base(), ...where, value: { ...inputs, ...data } }));
  };

  const COMMANDS = '/as <name|e-mail|object id>, /users [text], /locale de-DE|en-US, /group, /quit';
  const command = async (line: string): Promise<void> => {
    const [name, ...rest] = line.split(/\s+/);
    const arg = rest.join(' ').trim();
    switch (name) {
      case '/as': {
        if (!arg) {
          console.log(`(You are ${person.name}${person.email ? ` <${person.email}>` : ''}. Switch with /as <name|e-mail|object id>.)`);
          return;
        }
        const found = findPerson(people, arg);
        if (found.status !== 'found') {
          console.log(`(${notFoundMessage(found, arg, where, listHint)} Nothing was sent; you are still ${person.name}.)`);
          return;
        }
        person = found.person;
        console.log(`(You are now ${person.name}${person.organization ? ` of ${person.organization}` : ''}.)`);
        await ensureWelcomed();
        return;
      }
      case '/users': {
        const shown = filterPeople(people, arg || undefined);
        console.log(shown.length ? peopleTable(shown) : `(No user of ${where} matches "${arg}".)`);
        return;
      }
      case '/locale':
        if (!LOCALE.test(arg)) {
          console.log(`(Say /locale de-DE or /locale en-US; you are chatting in ${locale}.)`);
          return;
        }
        locale = arg;
        console.log(`(Now sending locale ${locale}.)`);
        return;
      case '/group':
        group = !group;
        console.log(group ? '(now in a group chat)' : '(now in a personal chat)');
        await ensureWelcomed();
        return;
      default:
        console.log(`(Unknown command ${name}; nothing was sent. Commands: ${COMMANDS}.)`);
    }
  };

  console.log(`Chatting with ${bot} as ${person.name} (${locale}). Commands: ${COMMANDS}. Type a button's number to press it.`);
  await ensureWelcomed();
  for (;;) {
    const raw = await lines.next(promptText());
    if (raw === undefined) break;
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (!line) continue;
    if (line.startsWith('/')) {
      await command(line);
      continue;
    }
    const meant = screen.interpret(line);
    if (meant.kind === 'noSuchButton') console.log(`(${meant.problem})`);
    else if (meant.kind === 'press') {
      console.log(`(pressed [${meant.number}] ${meant.button.title})`);
      await press(meant.button);
    } else await send(teamsMessage({ ...base(), text: line }));
  }
  // Replies still on their way get a moment.
  await new Promise((r) => setTimeout(r, 200));
  printNew();
  clearInterval(poll);
  rl.close();
  await connector.close();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
