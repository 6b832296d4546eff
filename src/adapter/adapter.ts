/**
 * The Bot Framework adapter: authentication of incoming requests and outgoing replies, middleware,
 * and the error boundary that turns a failed turn into a short, friendly message.
 */
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, ConnectorFactory, type ClaimsIdentity, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config.js';
import { langOf, t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { VersionedState } from '../bot/versionedState.js';
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
  dialogStates: VersionedState,
  processed: { activities: ActivityStore; owner: string },
): BotAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppType: config.auth?.appType ?? '',
    MicrosoftAppId: config.auth?.appId ?? '',
    MicrosoftAppPassword: config.auth?.appPassword ?? '',
    MicrosoftAppTenantId: config.auth?.tenantId ?? '',
  });
  reuseConnectorClients(auth);
  reuseUserTokenClients(auth);
  const adapter = new BotAdapter(auth);
  // With STORE=azure other instances run turns on the same store; a data directory has one server.
  adapter.use(new ProcessActivityOnce(processed.activities, { owner: processed.owner, otherInstances: config.store?.kind === 'azure', logger }));
  adapter.use(new SerializeConversationTurns());

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const a = context.activity;
    logger.error(
      { err: error, activityId: a.id, type: a.type, conversationId: a.conversation?.id, channelId: a.channelId },
      'turn failed',
    );
    try {
      // A dialog that threw may throw again on the next turn: start that user's flow afresh. Only
      // the stack this turn read: another instance may have stored a newer one meanwhile.
      const reset = await dialogStates.deleteIfUnchanged(context);
      if (!reset) logger.info({ conversationId: a.conversation?.id }, 'kept the dialog state after a failed turn: not read by it, or written by another turn since');
      await context.sendActivity(t(langOf(a.locale), 'error.generic'));
      await context.sendTraceActivity('OnTurnError', `${error}`, 'https://www.botframework.com/schemas/error', 'TurnError');
    } catch (sendError) {
      logger.error({ err: sendError, conversationId: a.conversation?.id }, 'could not tell the user about a failed turn');
    }
  };
  return adapter;
}

/** CloudAdapter, with its turn entry open to {@link activityProcessor}. */
export class BotAdapter extends CloudAdapter {
  /** Authenticates `activity` and runs the turn; the invoke answer, if the turn gave one. */
  runActivity(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

/** What the HTTP server answers to one activity. */
export interface ActivityAnswer {
  status: number;
  body?: unknown;
}

/**
 * Runs one checked activity through the adapter and says what to answer, without the HTTP layer
 * `CloudAdapter.process` brings: that one builds and runs several zod schemas per request (a few
 * per cent of a turn) and answers a failed authentication with the library's message. Here a
 * request that fails authentication gets 401 with a short body (the details go to the log); any
 * other error is thrown for the server's short 500.
 */
export function activityProcessor(adapter: BotAdapter, logic: (context: TurnContext) => Promise<void>, logger: Logger) {
  return async (body: Record<string, unknown>, authorization: string): Promise<ActivityAnswer> => {
    const activity = withDates(body);
    try {
      const invokeResponse = await adapter.runActivity(authorization, activity, logic);
      return { status: invokeResponse?.status ?? 200, ...(invokeResponse?.body !== undefined && { body: invokeResponse.body }) };
    } catch (error) {
      if (error instanceof AuthenticationError) {
        logger.warn({ err: error, activityId: activity.id, channelId: activity.channelId }, 'request refused: authentication failed');
        return { status: 401, body: { error: 'Unauthorized.' } };
      }
      throw error;
    }
  };
}

/** The activity's time stamps as Dates, as the SDK's own request handling does (the raw text kept beside). */
function withDates(body: Record<string, unknown>): Activity {
  const activity = body as unknown as Activity & Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
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
    const appId = appIdOf(result.claimsIdentity);
    const reusing = new ReusingConnectorFactory(factory, appId, clients);
    return { ...result, connectorFactory: reusing };
  };
}

/**
 * The same for the user-token client (the OAuth token service), which CloudAdapter also builds anew
 * for every turn although this bot never signs users in: 3% of a turn's CPU. It holds nothing but
 * the app id and its credentials, so one per app id serves every turn.
 */
function reuseUserTokenClients(auth: ConfigurationBotFrameworkAuthentication): void {
  const clients = new LRUCache<string, Promise<UserTokenClient>>({ max: 100 });
  const create = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (identity: ClaimsIdentity) => kept(clients, appIdOf(identity), () => create(identity));
}

/** The promise kept under `key`, made with `make` when there is none; a rejected one is not kept (the next call tries again). */
function kept<T>(cache: LRUCache<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = make();
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
  return value;
}

/** The bot app id an inbound request was addressed to (empty when running without authentication). */
const appIdOf = (identity: ClaimsIdentity): string =>
  identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';

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
    // A client that could not be made (e.g. no token) is not kept.
    return kept(this.clients, JSON.stringify([this.appId, serviceUrl, audience ?? null]), () => this.inner.create(serviceUrl, audience));
  }
}
