/**
 * `npm run chat`: talk to a running bot from the terminal as one of the demo users, the way Teams
 * would deliver the messages (Teams-shaped activities over HTTP, replies to a local connector).
 * Cards print as text; type a button's number to press it.
 *
 *   npm run chat -- --as ben --locale de-DE
 *   /as <name>  switch user    /locale <de-DE|en-US>    /group  toggle group chat    /quit
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { cardActions, cardTexts } from '../cards/cardText.js';
import { DEMO_PEOPLE } from '../demo/demoDirectory.js';
import { startConnector } from '../devtools/recordingConnector.js';
import { teamsInstall, teamsMessage, type TeamsUser } from '../devtools/teamsActivities.js';

const PEOPLE: Record<string, TeamsUser> = DEMO_PEOPLE;

const { values } = parseArgs({
  options: {
    as: { type: 'string', default: 'ana' },
    locale: { type: 'string', default: 'en-US' },
    bot: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 3978}` },
  },
});

let user = PEOPLE[values.as!];
if (!user) {
  console.error(`Unknown demo user "${values.as}". Choose one of: ${Object.keys(PEOPLE).join(', ')}`);
  process.exit(2);
}
let locale = values.locale!;
let group = false;
let buttons: { title: string; data?: unknown }[] = [];
const connector = await startConnector();
const welcomed = new Set<string>();

const conversationId = () => (group ? '19:demo-group@thread.v2' : `a:chat-${user!.aadObjectId}`);

/** Sends one activity and prints what the bot answered. */
async function send(activity: Record<string, unknown>): Promise<void> {
  try {
    const res = await fetch(`${values.bot}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (!res.ok) console.error(`The bot answered HTTP ${res.status}: ${await res.text()}`);
  } catch {
    console.error(`The bot is not reachable at ${values.bot}. Start it with "npm start" in another terminal.`);
    return;
  }
  buttons = [];
  printNew();
}

let printed = 0;
/** Prints what arrived at the connector since last time: replies, and proactive messages (reminders, case updates). */
function printNew(): void {
  for (const call of connector.calls.slice(printed)) {
    const a = call.activity;
    if (a.type !== 'message') continue;
    if (call.method === 'PUT') console.log('bot| (a card was updated)');
    if (a.text) console.log(`bot> ${a.text}`);
    for (const attachment of a.attachments ?? []) {
      const card = factsAsLines(attachment.content);
      const actions = cardActions(card);
      const titles = new Set(actions.map((x) => x.title));
      // A row that acts as a button ("› title") is listed once, numbered, with the buttons.
      for (const text of cardTexts(card, { unescape: true }).filter((t) => !titles.has(t) && !titles.has(t.replace(/^› /, '')))) {
        for (const line of text.split('\n')) console.log(`bot| ${line}`);
      }
      for (const action of actions) {
        buttons.push({ title: action.title, data: action.data });
        console.log(`bot| [${buttons.length}] ${action.title}`);
      }
    }
  }
  printed = connector.calls.length;
}
// Messages the bot sends on its own (reminders, case updates) show up while you type.
const poll = setInterval(printNew, 500);
poll.unref();

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

async function ensureWelcomed(): Promise<void> {
  const key = `${user!.aadObjectId}|${conversationId()}`;
  if (welcomed.has(key)) return;
  welcomed.add(key);
  await send(teamsInstall({ user: user!, serviceUrl: connector.url, locale, conversationId: conversationId(), conversationType: group ? 'groupChat' : 'personal' }));
}

console.log(`Chatting with ${values.bot} as ${user.name} (${locale}). /as NAME, /locale de-DE, /group, /quit. Type a button's number to press it.`);
await ensureWelcomed();
const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
rl.setPrompt(`${user.name}> `);
rl.prompt();
for await (const raw of rl) {
  const line = raw.trim();
  if (line === '/quit' || line === '/exit') break;
  const [command, arg] = line.split(/\s+/, 2);
  if (command === '/as' && arg && PEOPLE[arg]) {
    user = PEOPLE[arg]!;
    await ensureWelcomed();
  } else if (command === '/locale' && arg) {
    locale = arg;
  } else if (command === '/group') {
    group = !group;
    console.log(group ? '(now in a group chat)' : '(now in a personal chat)');
    await ensureWelcomed();
  } else if (line) {
    const pressed = /^\d+$/.test(line) ? buttons[Number(line) - 1] : undefined;
    const base = { user: user!, serviceUrl: connector.url, locale, conversationId: conversationId(), conversationType: group ? ('groupChat' as const) : ('personal' as const) };
    await send(teamsMessage(pressed ? { ...base, value: pressed.data as Record<string, unknown> } : { ...base, text: line }));
  }
  rl.setPrompt(`${user!.name}> `);
  rl.prompt();
}
rl.close();
await connector.close();
