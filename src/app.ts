/**
 * The composition root: store -> services -> dialogs -> bot -> adapter -> HTTP server. Everything
 * the process runs is wired here, so tests and CLIs build the same application.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ConversationState, PrivateConversationState } from 'botbuilder';
import type { Server } from 'restify';
import { createAdapter } from './adapter/adapter.js';
import { CloudProactiveMessenger, type ProactiveMessenger } from './adapter/proactive.js';
import { startDailyReminders } from './jobs/dailyReminders.js';
import { createNotifyToken, NOTIFY_PATH, notifyHandler, publishNotifyEndpoint, unpublishNotifyEndpoint } from './jobs/notifyEndpoint.js';
import { PartnerBot } from './bot/partnerBot.js';
import { sharedKnowledgeBase } from './knowledge/knowledgeBase.js';
import { CardRenderer } from './cards/renderer.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { MainDialog } from './dialogs/mainDialog.js';
import { CardSender } from './dialogs/turn.js';
import type { Logger } from './logger.js';
import { createServer } from './server/server.js';
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
  /** Starts listening; resolves with the base URL (e.g. http://127.0.0.1:3978). */
  listen(): Promise<string>;
  /** Stops accepting requests and closes the stores. */
  close(): Promise<void>;
}

/** The router with every flow and the services behind them (shared by the server and the dialog tests). */
export function createMainDialog(parts: {
  stores: DataStores;
  clock: Clock;
  logger: Logger;
  cards: CardSender;
  messenger: ProactiveMessenger;
  provisioner?: BenefitProvisioner;
}): MainDialog {
  const { stores, clock, logger, cards, messenger } = parts;
  return new MainDialog(
    {
      benefits: new BenefitsService(stores.directory, parts.provisioner ?? new LocalProvisioner(), clock, stores.audit),
      support: new SupportService(stores.directory, clock, stores.audit),
      helpdesk: new HelpdeskService(stores.directory, stores.audit, clock),
      cases: new CaseService(stores.directory, stores.cases, stores.conversations, stores.audit, clock),
      audit: stores.audit,
      knowledgeLog: stores.knowledge,
      messenger,
      logger,
      clock,
    },
    cards,
  );
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config, clock, logger, stores } = options;
  const renderer = await CardRenderer.load();
  // Load and index the knowledge base now (about 150 ms), not during the first user's turn.
  sharedKnowledgeBase();
  // Our KeyValueStore has Bot Framework's Storage contract; state lives in its own lowdb file.
  const conversationState = new ConversationState(stores.state);
  const dialogStates = new PrivateConversationState(stores.state);
  const cards = new CardSender(renderer);
  const adapter = createAdapter(config, logger, dialogStates);
  const messenger = new CloudProactiveMessenger({ adapter, botAppId: config.auth?.appId ?? '', logger });
  const mainDialog = createMainDialog({ stores, clock, logger, cards, messenger, provisioner: options.provisioner });
  const bot = new PartnerBot(conversationState, dialogStates, stores.conversations, clock, mainDialog, cards, logger);
  const reminders = startDailyReminders({
    organizations: () => stores.directory.listOrganizations(),
    directory: stores.directory,
    conversations: stores.conversations,
    messenger,
    clock,
    logger,
    audit: stores.audit,
    atUtc: config.remindersAtUtc,
  });
  const notifyToken = createNotifyToken();
  const server = createServer({
    processActivity: (req, res) => adapter.process(req, res, (context) => bot.run(context)),
    health: () => stores.directory.ping(),
    version: VERSION,
    logger,
  });
  // `npm run notify` runs the reminders now, through the running server (which holds the store).
  server.post(NOTIFY_PATH, notifyHandler({ token: notifyToken, trigger: reminders.trigger, logger }));

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
          // The notify CLI runs on this machine: always reach the server over loopback.
          publishNotifyEndpoint(config.dataDir, `http://127.0.0.1:${port}`, notifyToken).then(() => resolve(url), reject);
        });
      }),
    close: async () => {
      reminders.stop();
      await unpublishNotifyEndpoint(config.dataDir, notifyToken).catch(() => undefined);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections would hold close() open for seconds; requests in flight finish.
      server.server.closeIdleConnections();
      await closed;
      await stores.close();
    },
  };
}
