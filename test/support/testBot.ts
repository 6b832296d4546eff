/**
 * The whole bot (activity handler, router, dialogs, services, the real data directory in a temp
 * directory: the directory document, lmdb and the logs; real card templates) behind botbuilder's
 * TestAdapter, for dialog tests that read what a user would see.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityTypes, INVOKE_RESPONSE_KEY, TestAdapter, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { ProcessActivityOnce, SerializeConversationTurns } from '../../src/adapter/middleware.js';
import { createMainDialog } from '../../src/app.js';
import { createBotStates, PartnerBot } from '../../src/bot/partnerBot.js';
import { CardRenderer } from '../../src/cards/renderer.js';
import { fixedClock, type Clock } from '../../src/clock.js';
import type { DemoPerson } from '../../src/demo/demoDirectory.js';
import { CardSender } from '../../src/dialogs/turn.js';
import { createLogger } from '../../src/logger.js';
import type { ProactiveMessenger } from '../../src/adapter/proactive.js';
import {
  createRuntimeStores,
  DATA_FILES,
  directoryFileOf,
  FileDirectory,
  importIntoDocument,
  JsonlAuditLog,
  JsonlKnowledgeLog,
  LmdbBackend,
  MemoryBackend,
  openDataDir,
  writeDocument,
  type LocalDataStores,
  type StoreBackend,
} from '../../src/store/index.js';
import { emptyDocument } from '../../src/store/directory/document.js';
import { servedRuntime } from '../../src/store/runtime/runtimeStores.js';
import { cardActions, cardTexts } from '../../src/cards/cardText.js';
import type { Organization } from '../../src/domain/types.js';
import { Organizations } from '../../src/services/organizations.js';

export const TEST_TODAY = '2026-11-24';

/** Records what the bot sends into other conversations. */
export class RecordedMessenger implements ProactiveMessenger {
  readonly sent: { conversationId: string; activity: Partial<Activity>; id: string }[] = [];
  async send(reference: Record<string, unknown>, activities: Partial<Activity>[]): Promise<string[]> {
    const conversationId = (reference['conversation'] as { id: string }).id;
    return activities.map((activity) => {
      const id = `proactive-${this.sent.length + 1}`;
      this.sent.push({ conversationId, activity, id });
      return id;
    });
  }
  async update(): Promise<void> {}
}
const renderer = new CardRenderer();

/**
 * Records the messages the bot updates in place (`updateActivity`): botbuilder's TestAdapter only
 * swaps them in its queue of this turn's replies, where a message posted in an earlier turn is not.
 */
class RecordingTestAdapter extends TestAdapter {
  readonly updated: Partial<Activity>[] = [];
  override updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    this.updated.push(activity);
    return super.updateActivity(context, activity);
  }

  /** Keeps a turn's invoke answer where CloudAdapter keeps it (the middleware stores it for redeliveries); TestAdapter does not. */
  override sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const answer = activities.find((a) => a.type === ActivityTypes.InvokeResponse);
    if (answer) context.turnState.set(INVOKE_RESPONSE_KEY, answer);
    return super.sendActivities(context, activities);
  }
}

/** Who is talking: a demo person or any Teams user. */
export type Who = DemoPerson;

export interface Reply {
  /** Plain text of a text reply, or undefined for a card. */
  text?: string;
  /** Every visible string of the card, when the reply is a card. */
  cardTexts: string[];
  /** The card's buttons. */
  buttons: { title: string; data?: unknown }[];
  /** Everything visible, joined: handy for `contain` assertions. */
  all: string;
  activity: Partial<Activity>;
}

export interface TestBot {
  stores: LocalDataStores;
  dataDir: string;
  /** What the bot sent into other conversations. */
  messenger: RecordedMessenger;
  /** The messages the bot replaced in place (each with the id of the message it replaces), in order. */
  updated: Partial<Activity>[];
  /** An organization as the bot sees it now: the directory's entry with its current contracts. */
  organization(tenantId: string): Promise<Organization>;
  /** Sends a message (text or a card submit `value`) and returns the bot's replies. */
  say(who: Who, input: string | { value: Record<string, unknown> }, options?: SayOptions): Promise<Reply[]>;
  /**
   * Says 'hi' first (first contact: the welcome card), then `input`, both with `options`, and
   * returns the replies to `input` only.
   */
  afterHello(who: Who, input: string | { value: Record<string, unknown> }, options?: SayOptions): Promise<Reply[]>;
  /** Builds the Teams-shaped message activity that `say` would send. */
  message(who: Who, input: string | { value: Record<string, unknown> }, options?: SayOptions): Partial<Activity>;
  /** Sends any activity as is and returns the bot's replies. */
  send(activity: Partial<Activity>): Promise<Reply[]>;
  /**
   * Presses a button of the newest card that has it, like a user: `button` is a choice id
   * (`yes`, `own`, ...) or a button title. Throws when no card shows such a button.
   */
  press(who: Who, button: string, options?: SayOptions): Promise<Reply[]>;
  /**
   * Presses an `Action.Execute` button as Teams does (an `adaptiveCard/action` invoke; `verb`
   * `activation.refresh` is Teams asking for the card as `who` sees it). Returns the messages the
   * bot sent and its invoke response.
   */
  execute(
    who: Who,
    verb: string,
    data?: Record<string, unknown>,
    options?: SayOptions,
  ): Promise<{ replies: Reply[]; response: { status: number; body: { statusCode: number; type: string; value: unknown } } }>;
  /** Sends several activities at the same time (a double click) and returns all replies. */
  sendConcurrently(activities: Partial<Activity>[]): Promise<Reply[]>;
  close(): Promise<void>;
}

export interface SayOptions {
  locale?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  conversationId?: string;
  id?: string;
  /** The message whose card button this is (Teams sends it with a press). */
  replyToId?: string;
}

function toReply(activity: Partial<Activity>): Reply {
  const card = activity.attachments?.[0]?.content as Record<string, unknown> | undefined;
  const texts = card ? cardTexts(card) : [];
  const buttons = card ? cardActions(card).map((a) => ({ title: a.title, data: a.data })) : [];
  const all = [activity.text ?? '', ...texts, ...buttons.map((b) => b.title)].join('\n');
  return { text: activity.text, cardTexts: texts, buttons, all, activity };
}

/**
 * Makes the next audit line fail, once, as if the process died right there: the write a flow makes
 * just before its audit line (an activation, a recorded incident) is stored, the turn ends with an
 * error, and the user sees nothing. For tests of a resend after a crash.
 */
export function dieAtNextAuditLine(bot: TestBot): void {
  const audit = bot.stores.audit;
  const append = audit.append.bind(audit);
  let dies = true;
  audit.append = async (entry) => {
    if (dies) {
      dies = false;
      throw new Error('the process died here');
    }
    return append(entry);
  };
}

/** Imports `directory` (import format) into a fresh directory document in `dataDir`, as `npm run import` would. */
export async function writeTestDirectory(dataDir: string, directory: unknown, clock: Clock = fixedClock(TEST_TODAY)): Promise<void> {
  const imported = await importIntoDocument(directory, emptyDocument(), clock.now());
  if (!imported.ok) throw new Error(`test directory invalid: ${JSON.stringify(imported.problems)}`);
  await writeDocument(directoryFileOf(dataDir), imported.document, { checked: true });
}

/** A fresh data directory in a temp folder with `directory` imported, opened as the server opens it. */
export async function openTestDataDir(
  directory: unknown,
  clock: Clock = fixedClock(TEST_TODAY),
): Promise<{ dataDir: string; stores: LocalDataStores; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'psb-data-'));
  await writeTestDirectory(dataDir, directory, clock);
  const stores = await openDataDir(dataDir, { watch: false, now: () => clock.now() });
  return {
    dataDir,
    stores,
    async close() {
      await stores.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createTestBot(directory: unknown, clock: Clock = fixedClock(TEST_TODAY)): Promise<TestBot> {
  const dataDir = await mkdtemp(join(tmpdir(), 'psb-dialogs-'));
  await writeTestDirectory(dataDir, directory, clock);
  const stores = await openDataDir(dataDir, { watch: false, now: () => clock.now() });
  return assembleTestBot(stores, clock, { owner: 'test-bot', shown: [] }, async () => {
    await stores.close();
    await rm(dataDir, { recursive: true, force: true });
  });
}

/** Several bot instances (as behind a load balancer) on one run-time store, and that store. */
export interface TestInstances {
  instances: TestBot[];
  /** The shared backend, as the instances see it (after `wrap`). */
  backend: StoreBackend;
  close(): Promise<void>;
}

export interface TestInstancesOptions {
  /** The run-time store they share: the in-memory twin, or lmdb in the data directory. */
  backend: 'memory' | 'lmdb';
  /** How many instances (default 2). */
  count?: number;
  /** Wraps the shared backend, e.g. to hold a write until the test releases it. */
  wrap?: (backend: StoreBackend) => StoreBackend;
  clock?: Clock;
}

/**
 * Bot instances as several processes would run them on one store: each with its own adapter (and
 * the middleware that claims activities and serializes a conversation's turns), bot, dialogs,
 * services and entity stores, sharing only the run-time backend (and the directory and logs). What
 * the user saw is shared too: `press` finds a button on a card any instance sent, as in one chat.
 */
export async function createTestInstances(directory: unknown, options: TestInstancesOptions): Promise<TestInstances> {
  const clock = options.clock ?? fixedClock(TEST_TODAY);
  const dataDir = await mkdtemp(join(tmpdir(), 'psb-instances-'));
  await writeTestDirectory(dataDir, directory, clock);
  const inner = options.backend === 'memory' ? new MemoryBackend() : new LmdbBackend(join(dataDir, DATA_FILES.runtime));
  const backend = options.wrap ? options.wrap(inner) : inner;
  const shared = {
    directory: await FileDirectory.open(directoryFileOf(dataDir), { watch: false }),
    audit: new JsonlAuditLog(join(dataDir, DATA_FILES.audit)),
    knowledge: new JsonlKnowledgeLog(join(dataDir, DATA_FILES.knowledge)),
  };
  const shown: Reply[] = [];
  const instances = Array.from({ length: options.count ?? 2 }, (_, i) => {
    const runtime = createRuntimeStores(backend, { now: () => clock.now() });
    const stores: LocalDataStores = {
      dataDir,
      ...shared,
      runtime,
      ...servedRuntime(runtime),
      ping: () => runtime.ping(),
      close: async () => {},
    };
    return assembleTestBot(stores, clock, { owner: `instance-${i + 1}`, shown }, async () => {});
  });
  return {
    instances,
    backend,
    async close() {
      await shared.directory.close();
      await Promise.all([shared.audit.flush(), shared.knowledge.flush()]);
      await inner.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The bot on `stores`, behind a TestAdapter of its own. */
function assembleTestBot(stores: LocalDataStores, clock: Clock, instance: { owner: string; shown: Reply[] }, close: () => Promise<void>): TestBot {
  const { conversationState, dialogStates } = createBotStates(stores.state);
  // Messages to other conversations (helpdesk case cards, partner notices): recorded here; the e2e
  // tests send them for real through CloudAdapter to the recording connector.
  const sent = new RecordedMessenger();
  const cards = new CardSender(renderer);
  const mainDialog = createMainDialog({ stores, clock, logger: createLogger('silent'), cards, messenger: sent });
  const bot = new PartnerBot(conversationState, dialogStates, stores.conversations, clock, mainDialog, cards, undefined, new Organizations(stores.directory, stores.ledgers));
  const adapter = new RecordingTestAdapter((context) => bot.run(context));
  adapter.use(new ProcessActivityOnce(stores.activities, { owner: instance.owner, now: () => clock.now() }));
  adapter.use(new SerializeConversationTurns());

  function message(who: Who, input: string | { value: Record<string, unknown> }, options: SayOptions = {}): Partial<Activity> {
    const conversationType = options.conversationType ?? 'personal';
    return {
      type: ActivityTypes.Message,
      id: options.id ?? `m-${Math.random().toString(36).slice(2)}`,
      channelId: 'msteams',
      locale: options.locale ?? 'en-US',
      from: { id: `29:${who.aadObjectId}`, name: who.name, aadObjectId: who.aadObjectId },
      recipient: { id: '28:bot', name: 'Partner Support' },
      conversation: {
        id: options.conversationId ?? `a:${who.aadObjectId}`,
        conversationType,
        tenantId: who.tenantId,
        isGroup: conversationType !== 'personal',
        name: '',
      },
      channelData: { tenant: { id: who.tenantId } },
      ...(options.replyToId ? { replyToId: options.replyToId } : {}),
      ...(typeof input === 'string' ? { text: input } : { value: input.value }),
    };
  }

  const { shown } = instance;
  async function send(activity: Partial<Activity>): Promise<Reply[]> {
    adapter.activeQueue.splice(0);
    await adapter.processActivity(activity);
    const replies = adapter.activeQueue.splice(0).map(toReply);
    shown.push(...replies);
    return replies;
  }

  function press(who: Who, button: string, options: SayOptions = {}): Promise<Reply[]> {
    for (let i = shown.length - 1; i >= 0; i--) {
      const found = shown[i]!.buttons.find((b) => b.title === button || (b.data as { choice?: string } | undefined)?.choice === button);
      if (found) return send(message(who, { value: found.data as Record<string, unknown> }, options));
    }
    throw new Error(`no card shows a button "${button}"`);
  }

  return {
    stores,
    dataDir: stores.dataDir,
    messenger: sent,
    updated: adapter.updated,
    async organization(tenantId) {
      const loaded = await new Organizations(stores.directory, stores.ledgers).load(tenantId);
      if (!loaded) throw new Error(`no organization ${tenantId} in the test directory`);
      return loaded.organization;
    },
    message,
    say: (who, input, options = {}) => send(message(who, input, options)),
    async afterHello(who, input, options = {}) {
      await send(message(who, 'hi', options));
      return send(message(who, input, options));
    },
    send,
    press,
    async execute(who, verb, data = {}, options = {}) {
      const base = message(who, '', options);
      const invoke: Partial<Activity> = {
        ...base,
        type: ActivityTypes.Invoke,
        name: 'adaptiveCard/action',
        text: undefined,
        value: { action: { type: 'Action.Execute', verb, data }, trigger: verb.endsWith('refresh') ? 'automatic' : 'manual' },
      };
      const all = await send(invoke);
      const responseActivity = all.find((r) => r.activity.type === 'invokeResponse');
      if (!responseActivity) throw new Error('the bot sent no invoke response');
      const replies = all.filter((r) => r.activity.type !== 'invokeResponse');
      return { replies, response: responseActivity.activity.value as never };
    },
    async sendConcurrently(activities) {
      adapter.activeQueue.splice(0);
      await Promise.all(activities.map((a) => adapter.processActivity(a)));
      return adapter.activeQueue.splice(0).map(toReply);
    },
    close,
  };
}
