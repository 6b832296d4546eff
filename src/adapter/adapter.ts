/**
 * The Bot Framework adapter: authentication of incoming requests and outgoing replies, middleware,
 * and the error boundary that turns a failed turn into a short, friendly message.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type BotState,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config.js';
import { langOf, t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { ActivityStore } from '../store/types.js';
import { ProcessActivityOnce, SerializeConversationTurns } from './middleware.js';

/**
 * @param dialogStates the state a failed turn resets (the dialog stack), so the next message starts
 *   afresh instead of failing again in the same step.
 * @param processed where the ids of processed activities are kept, so a redelivery acts once;
 *   `owner` is this process's random id.
 */
export function createAdapter(
  config: Config,
  logger: Logger,
  dialogStates: BotState,
  processed: { activities: ActivityStore; owner: string },
): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppType: config.auth?.appType ?? '',
    MicrosoftAppId: config.auth?.appId ?? '',
    MicrosoftAppPassword: config.auth?.appPassword ?? '',
    MicrosoftAppTenantId: config.auth?.tenantId ?? '',
  });
  reuseConnectorClients(auth);
  const adapter = new CloudAdapter(auth);
  adapter.use(new ProcessActivityOnce(processed.activities, { owner: processed.owner, logger }));
  adapter.use(new SerializeConversationTurns());

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const a = context.activity;
    logger.error(
      { err: error, activityId: a.id, type: a.type, conversationId: a.conversation?.id, channelId: a.channelId },
      'turn failed',
    );
    try {
      // A dialog that threw may throw again on the next turn: start that user's flow afresh.
      await dialogStates.delete(context);
      await context.sendActivity(t(langOf(a.locale), 'error.generic'));
      await context.sendTraceActivity('OnTurnError', `${error}`, 'https://www.botframework.com/schemas/error', 'TurnError');
    } catch (sendError) {
      logger.error({ err: sendError, conversationId: a.conversation?.id }, 'could not tell the user about a failed turn');
    }
  };
  return adapter;
}

/**
 * The SDK builds a new connector client (an HTTP pipeline of a dozen policies) for every inbound
 * turn, a few per cent of a turn's CPU in the profile. A client holds no per-turn state (its
 * credentials fetch and cache tokens themselves), so inbound turns reuse one per bot app id, service
 * URL and audience. Proactive sends (createConnectorFactory) keep getting a client of their own,
 * because proactive.ts removes the SDK's retry policy from it.
 */
function reuseConnectorClients(auth: ConfigurationBotFrameworkAuthentication): void {
  const clients = new LRUCache<string, Promise<ConnectorClient>>({ max: 1_000 });
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticate(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const appId = result.claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? result.claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
    const reusing = new ReusingConnectorFactory(factory, appId, clients);
    return { ...result, connectorFactory: reusing };
  };
}

/** Hands out the kept client for (app id, service URL, audience), making it with `inner` once. */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: LRUCache<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = JSON.stringify([this.appId, serviceUrl, audience ?? null]);
    let client = this.clients.get(key);
    if (!client) {
      client = this.inner.create(serviceUrl, audience);
      this.clients.set(key, client);
      // A client that could not be made (e.g. no token) is not kept.
      client.catch(() => this.clients.delete(key));
    }
    return client;
  }
}
