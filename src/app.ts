/**
 * The composition root: store -> services -> dialogs -> bot -> adapter -> HTTP server. Everything
 * the process runs is wired here, so tests and CLIs build the same application.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { activityProcessor, createAdapter } from './adapter/adapter.js';
import { CloudProactiveMessenger, type ProactiveMessenger } from './adapter/proactive.js';
import { startDailyReminders } from './jobs/dailyReminders.js';
import { createNotifyToken, NOTIFY_PATH, notifyHandler, publishNotifyEndpoint, unpublishNotifyEndpoint } from './jobs/notifyEndpoint.js';
import { createBotStates, PartnerBot } from './bot/partnerBot.js';
import { sharedKnowledgeBase, type KnowledgeBase } from './knowledge/knowledgeBase.js';
import { CardRenderer } from './cards/renderer.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { MainDialog } from './dialogs/mainDialog.js';
import { CardSender } from './dialogs/turn.js';
import type { Logger } from './logger.js';
import { answerFlooded, FloodLimit } from './server/floodLimit.js';
import { createServer } from './server/server.js';
import { startStallMonitor } from './server/stallMonitor.js';
import { Organizations } from './services/organizations.js';
import { BenefitsService } from './services/benefitsService.js';
import { CaseService } from './services/caseService.js';
import { HelpdeskService } from './services/helpdeskService.js';
import { SupportService } from './services/supportService.js';
import { LocalProvisioner, type BenefitProvisioner } from './services/provisioner.js';
import type { DataStores } from './store/types.js';

export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export interface AppOptions {
  config: Config;
  clock: Clock;
  logger: Logger;
  stores: DataStores;
  provisioner?: BenefitProvisioner;
}

export interface App {
  server: Server;
  /**
   * Starts listening; resolves with a base URL this machine reaches the server on (e.g.
   * http://127.0.0.1:3978; loopback when it listens on every interface). {@link listening} says
   * where it really listens.
   */
  listen(): Promise<string>;
  /** Where the server listens, read from the bound socket (after listen()). */
  listening(): Listening;
  /** Stops accepting requests and closes the stores. */
  close(): Promise<void>;
}

/** Where a server really listens, read from its bound socket. */
export interface Listening {
  /** The address bound, e.g. 127.0.0.1, 0.0.0.0 or :: */
  address: string;
  port: number;
  /** Bound to the wildcard address: reachable on every network interface of the machine, not only loopback. */
  everyInterface: boolean;
  /** `address:port` as written in a URL (IPv6 in brackets), e.g. 0.0.0.0:3978 or [::1]:3978. */
  hostPort: string;
  /** A base URL this machine reaches the server on: loopback when bound to every interface. */
  localUrl: string;
}

/** {@link Listening} of a bound socket's address. */
export function listeningOf(bound: AddressInfo): Listening {
  const everyInterface = bound.address === '0.0.0.0' || bound.address === '::';
  const inUrl = (address: string) => (address.includes(':') ? `[${address}]` : address);
  const local = everyInterface ? (bound.address === '::' ? '[::1]' : '127.0.0.1') : inUrl(bound.address);
  return {
    address: bound.address,
    port: bound.port,
    everyInterface,
    hostPort: `${inUrl(bound.address)}:${bound.port}`,
    localUrl: `http://${local}:${bound.port}`,
  };
}

/** The router with every flow and the services behind them (shared by the server and the dialog tests). */
export function createMainDialog(parts: {
  stores: DataStores;
  clock: Clock;
  logger: Logger;
  cards: CardSender;
  messenger: ProactiveMessenger;
  provisioner?: BenefitProvisioner;
  /** The knowledge base (loaded and indexed once per process when not given). */
  knowledgeBase?: KnowledgeBase;
}): MainDialog {
  const { stores, clock, logger, cards, messenger } = parts;
  const organizations = new Organizations(stores.directory, stores.ledgers);
  return new MainDialog(
    {
      benefits: new BenefitsService(organizations, parts.provisioner ?? new LocalProvisioner(), clock, stores.audit, { logger, idsShown: stores.conversations }),
      support: new SupportService(organizations, clock, stores.audit),
      helpdesk: new HelpdeskService(organizations, stores.audit, clock),
      cases: new CaseService(organizations, stores.cases, stores.conversations, stores.audit, clock),
      audit: stores.audit,
      knowledgeLog: stores.knowledge,
      knowledgeBase: parts.knowledgeBase ?? sharedKnowledgeBase(),
      messenger,
      logger,
      clock,
    },
    cards,
  );
}

/** How often expired state and old activity ids are swept from the run-time store. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Sweeps the run-time store a minute after start, then every hour; never two sweeps at once. */
function startSweeps(stores: DataStores, clock: Clock, logger: Logger): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const removed = await stores.sweep(clock.now());
      if (removed.state + removed.activities > 0) logger.info(removed, 'swept expired state and activity ids');
    } catch (error) {
      logger.error({ err: error }, 'sweeping the run-time store failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void sweep(), 60_000);
  const every = setInterval(() => void sweep(), SWEEP_EVERY_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config, clock, logger, stores } = options;
  const renderer = await CardRenderer.load();
  // Load and index the knowledge base now (about 150 ms), not during the first user's turn.
  sharedKnowledgeBase();
  // Conversation and dialog state: one entity per key in the run-time store, written with the eTag
  // read in the turn, so several bot instances on one store never overwrite each other unseen.
  const { conversationState, dialogStates } = createBotStates(stores.state);
  const cards = new CardSender(renderer);
  const adapter = createAdapter(config, logger, dialogStates, { activities: stores.activities, owner: randomUUID() });
  const messenger = new CloudProactiveMessenger({ adapter, botAppId: config.auth?.appId ?? '', logger, sendTimeoutMs: config.sendTimeoutMs });
  const mainDialog = createMainDialog({ stores, clock, logger, cards, messenger, provisioner: options.provisioner });
  const organizations = new Organizations(stores.directory, stores.ledgers);
  const bot = new PartnerBot(conversationState, dialogStates, stores.conversations, clock, mainDialog, cards, logger, organizations);
  const reminders = startDailyReminders({
    organizations: () => organizations.withContracts(),
    usersOf: (tenantId) => stores.directory.current().usersOfTenant(tenantId),
    conversations: stores.conversations,
    messenger,
    clock,
    logger,
    audit: stores.audit,
    atUtc: config.remindersAtUtc,
  });
  const notifyToken = createNotifyToken();
  // A turn held back by the flood limit runs no dialog, only the notice (server/floodLimit.ts).
  const runTurn = activityProcessor(adapter, (context) => bot.run(context), logger);
  const server = createServer({
    processActivity: (activity, authorization, flooded) =>
      flooded
        ? activityProcessor(adapter, (context) => answerFlooded(context, flooded), logger)(activity, authorization)
        : runTurn(activity, authorization),
    // Elapsed time for the buckets: the monotonic clock, not the (injectable) date clock.
    floodLimit: new FloodLimit(config.floodLimit ?? {}, () => performance.now()),
    health: () => stores.ping(),
    version: VERSION,
    logger,
  });
  // `npm run notify` runs the reminders now, through the running server (which holds the store).
  server.post(NOTIFY_PATH, notifyHandler({ token: notifyToken, trigger: reminders.trigger, logger }));
  const stopSweeps = startSweeps(stores, clock, logger);
  const stopStallMonitor = startStallMonitor(logger);

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port, localUrl } = listeningOf(server.address() as AddressInfo);
          // The notify CLI runs on this machine: always reach the server over loopback.
          publishNotifyEndpoint(config.dataDir, `http://127.0.0.1:${port}`, notifyToken).then(() => resolve(localUrl), reject);
        });
      }),
    listening: () => listeningOf(server.address() as AddressInfo),
    close: async () => {
      reminders.stop();
      stopSweeps();
      stopStallMonitor();
      await unpublishNotifyEndpoint(config.dataDir, notifyToken).catch(() => undefined);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections would hold close() open for seconds; requests in flight finish.
      server.server.closeIdleConnections();
      await closed;
      await stores.close();
    },
  };
}
