/**
 * The Bot Framework adapter: authentication of incoming requests and outgoing replies, middleware,
 * and the error boundary that turns a failed turn into a short, friendly message.
 */
import {
  type Activity,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  ConnectorFactory,
  GovernmentConstants,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
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
  const auth = new ConfigurationBotFrameworkAuthentication(authSettings(config.auth));
  const sendTimeoutMs = config.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  reuseConnectorClients(auth, sendTimeoutMs, config.auth !== undefined);
  reuseUserTokenClients(auth);
  const adapter = new BotAdapter(auth);
  // With STORE=azure other instances run turns on the same store; a data directory has one server.
  adapter.use(new ProcessActivityOnce(processed.activities, { owner: processed.owner, otherInstances: config.store?.kind === 'azure', logger }));
  adapter.use(new SerializeConversationTurns());

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const a = context.activity;
    const unreachable = channelUnreachable(error, a.serviceUrl);
    if (unreachable) {
      // The channel did not take a reply: telling the user would wait as long again.
      const what =
        unreachable.reason === 'timeout'
          ? `${unreachable.host} did not take a reply within ${sendTimeoutMs} ms (SEND_TIMEOUT_SECONDS)`
          : unreachable.reason === 'token'
            ? `the bot's own token for a reply to ${unreachable.host} could not be had within ${sendTimeoutMs} ms (SEND_TIMEOUT_SECONDS; check MicrosoftAppType and its credentials or managed identity), so the channel was not reached`
            : `${unreachable.host} could not be reached (${unreachable.reason})`;
      logger.warn(
        { conversationId: a.conversation?.id, serviceUrlHost: unreachable.host, reason: unreachable.reason, timeoutMs: sendTimeoutMs, activityId: a.id },
        `gave up sending to the channel: ${what}; the rest of this turn's replies were dropped`,
      );
      return;
    }
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
 * request that fails authentication gets 401, and one whose token cannot be checked because the
 * identity metadata cannot be had gets 503, each with a short body of ours (the details go to the
 * log); any other error is thrown for the server's short 500.
 */
export function activityProcessor(adapter: BotAdapter, logic: (context: TurnContext) => Promise<void>, logger: Logger) {
  return async (body: Record<string, unknown>, authorization: string): Promise<ActivityAnswer> => {
    const activity = withDates(body);
    try {
      const invokeResponse = await adapter.runActivity(authorization, activity, logic);
      return { status: invokeResponse?.status ?? 200, ...(invokeResponse?.body !== undefined && { body: invokeResponse.body }) };
    } catch (error) {
      if (error instanceof RequestNotAuthenticated) {
        logger.warn({ err: error.cause, activityId: activity.id, channelId: activity.channelId }, 'request refused: authentication failed');
        return { status: 401, body: { error: 'Unauthorized.' } };
      }
      if (error instanceof IdentityUnavailable) {
        logger.error(
          { err: error.cause, activityId: activity.id, channelId: activity.channelId },
          'request not served: the Bot Framework OpenID metadata or signing keys could not be had, so its token cannot be checked',
        );
        return { status: 503, body: { error: 'The bot cannot check the request\'s token right now; try again later.' } };
      }
      throw error;
    }
  };
}

/** Authentication refused the request (a token missing, malformed, badly signed, expired or for someone else). */
export class RequestNotAuthenticated extends Error {
  override name = 'RequestNotAuthenticated';
}

/** The token could not be checked: the identity metadata (OpenID configuration, signing keys) could not be had. */
export class IdentityUnavailable extends Error {
  override name = 'IdentityUnavailable';
}

/** How long checking one request's token may take, the metadata and keys fetched included. */
const AUTHENTICATION_TIMEOUT_MS = 10_000;

/** The errors of jsonwebtoken's verify, which botframework-connector passes on as they are. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * What an error thrown while authenticating a request means, by its kind: the SDK's own
 * AuthenticationError carries a status (401 for a refused token, 500 when the OpenID configuration
 * or the keys answered with an error); jsonwebtoken's errors (bad signature, `alg: none`, wrong
 * algorithm, expired, not yet valid) are refusals; a failed fetch of the metadata (node-fetch's
 * FetchError, a system error such as ECONNREFUSED or ENOTFOUND) is an outage. Anything else thrown
 * while checking a token is taken as a refusal: it came from what the caller sent.
 */
export function authenticationFailure(error: unknown): RequestNotAuthenticated | IdentityUnavailable {
  const e = error as { name?: unknown; statusCode?: unknown; code?: unknown; type?: unknown } | null;
  const outage =
    (typeof e?.statusCode === 'number' && e.statusCode >= 500) ||
    e?.name === 'FetchError' ||
    e?.name === 'AbortError' ||
    (typeof e?.code === 'string' && /^E[A-Z_]+$/.test(e.code) && !TOKEN_ERRORS.has(String(e.name)));
  return outage ? new IdentityUnavailable('identity metadata unavailable', { cause: error }) : new RequestNotAuthenticated('not authenticated', { cause: error });
}

/**
 * The settings ConfigurationBotFrameworkAuthentication reads. The SDK takes either none of the
 * endpoint settings (then the public cloud's, or the US Government's for its ChannelService) or all
 * of them; so when any is set, the rest are filled in from the cloud's constants here.
 */
export function authSettings(auth: Config['auth']): Record<string, string | boolean> {
  const credentials = {
    MicrosoftAppType: auth?.appType ?? '',
    MicrosoftAppId: auth?.appId ?? '',
    MicrosoftAppPassword: auth?.appPassword ?? '',
    MicrosoftAppTenantId: auth?.tenantId ?? '',
  };
  const { channelService, ...overrides } = auth?.endpoints ?? {};
  if (Object.keys(overrides).length === 0) return { ...credentials, ...(channelService && { ChannelService: channelService }) };
  const gov = channelService === GovernmentConstants.ChannelService;
  const cloud = gov ? GovernmentConstants : AuthenticationConstants;
  return {
    ...credentials,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: overrides.loginUrl ?? cloud.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: overrides.oAuthScope ?? cloud.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: overrides.tokenIssuer ?? cloud.ToBotFromChannelTokenIssuer,
    OAuthUrl: overrides.oAuthUrl ?? cloud.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: overrides.openIdMetadataUrl ?? cloud.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: overrides.emulatorOpenIdMetadataUrl ?? cloud.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: gov ? CallerIdConstants.USGovChannel : CallerIdConstants.PublicAzureChannel,
  };
}

/** SEND_TIMEOUT_SECONDS when not set. */
export const DEFAULT_SEND_TIMEOUT_MS = 5_000;

/** A reply did not reach the channel within the send timeout (the SDK's retries included). */
export class SendTimeoutError extends Error {
  override name = 'SendTimeoutError';
  constructor(
    /** The serviceUrl's host (and port). */
    readonly host: string,
    readonly timeoutMs: number,
    cause?: unknown,
    /** Where the time went: getting the bot's own token (the request never left), or the channel's answer. */
    readonly stage: 'token' | 'reply' = 'reply',
  ) {
    super(
      stage === 'token' ? `the bot's token for a request to ${host} could not be had within ${timeoutMs} ms` : `no answer from ${host} within ${timeoutMs} ms`,
      cause === undefined ? undefined : { cause },
    );
  }
}

/** Errors of a connection that could not be made or broke (Node's codes), as the SDK's client reports them. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * Whether a turn failed because its channel (the activity's `serviceUrl`) could not be reached: a
 * send that timed out ({@link SendTimeoutError}), or one whose connection the SDK's retries could not
 * make (a RestError with a network code, for a request to that host; the store's Azure SDK throws
 * the same kind for its own hosts, and those are not the channel). `reason`: `timeout` or the code.
 */
export function channelUnreachable(error: unknown, serviceUrl: string | undefined): { host: string; reason: string } | undefined {
  if (!serviceUrl) return undefined;
  const channel = hostOf(serviceUrl);
  const chain = [...causes(error)];
  const timedOut = chain.find((e): e is SendTimeoutError => e instanceof SendTimeoutError);
  if (timedOut) return timedOut.host === channel ? { host: channel, reason: timedOut.stage === 'token' ? 'token' : 'timeout' } : undefined;
  for (const e of chain) {
    const { code, request } = e as { code?: unknown; request?: { url?: unknown } };
    if (typeof code === 'string' && NETWORK_CODES.has(code) && typeof request?.url === 'string' && hostOf(request.url) === channel) return { host: channel, reason: code };
  }
  return undefined;
}

/** `error` and its causes, at most five deep (the SDK may wrap what the pipeline threw). */
function* causes(error: unknown): Generator<unknown> {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) yield e;
}

/** botbuilder-stdlib's policy that gets the bot's token and signs the request (ServiceClientContext). */
const SDK_SIGN_POLICY = 'ServiceClientContext_Credentials_SignRequest';

/** The pipeline policy that bounds each request to the channel, its retries included. */
const SEND_DEADLINE_POLICY = 'psbSendDeadline';
/** The pipeline policy right after the SDK's signing one: a request that reached it has its token. */
const SEND_SIGNED_POLICY = 'psbSendSigned';

interface PipelineLike {
  addPolicy(policy: { name: string; sendRequest(request: any, next: (request: any) => Promise<unknown>): Promise<unknown> }, options?: { beforePolicies?: string[]; afterPolicies?: string[] }): void;
  getOrderedPolicies?(): { name: string }[];
}

/**
 * Bounds every request of this connector client (a reply, an update) to `timeoutMs` in all: the
 * SDK's client retries a refused connection for 10-13 s, and waits for ever for a server that
 * accepts the connection but never answers. Past the bound the request is aborted and the send
 * fails with {@link SendTimeoutError}. Added before the SDK's signing policy, so the bot's own token
 * fetch and the SDK's retries (and their waits) are inside the bound.
 * @returns whether the client had a pipeline to add it to.
 */
export function boundSends(connectorClient: unknown, timeoutMs: number): boolean {
  const pipeline = (connectorClient as { client?: { pipeline?: PipelineLike } })?.client?.pipeline;
  if (typeof pipeline?.addPolicy !== 'function') return false;
  const policies = pipeline.getOrderedPolicies?.() ?? [];
  if (policies.some((p) => p.name === SEND_DEADLINE_POLICY)) return true;
  const sign = policies.find((p) => p.name === SDK_SIGN_POLICY);
  // Requests that got past the signing (the bot's token fetched): a deadline before that is the
  // token's, not the channel's, and the log says so.
  const signed = new WeakSet<object>();
  const stageOf = (request: object) => (sign && !signed.has(request) ? 'token' : 'reply');
  if (sign) {
    pipeline.addPolicy(
      {
        name: SEND_SIGNED_POLICY,
        sendRequest(request: object, next) {
          signed.add(request);
          return next(request);
        },
      },
      { afterPolicies: [SDK_SIGN_POLICY] },
    );
  }
  pipeline.addPolicy(
    {
      name: SEND_DEADLINE_POLICY,
      async sendRequest(request: { url: string; abortSignal?: AbortSignal }, next) {
        const outer = request.abortSignal;
        const controller = new AbortController();
        const abort = () => controller.abort();
        outer?.addEventListener('abort', abort);
        request.abortSignal = controller.signal;
        let timer: NodeJS.Timeout | undefined;
        const host = hostOf(request.url);
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort();
            reject(new SendTimeoutError(host, timeoutMs, undefined, stageOf(request)));
          }, timeoutMs);
        });
        try {
          return await Promise.race([next(request), deadline]);
        } catch (error) {
          if (controller.signal.aborted && !outer?.aborted && !(error instanceof SendTimeoutError)) {
            throw new SendTimeoutError(host, timeoutMs, error, stageOf(request));
          }
          throw error;
        } finally {
          clearTimeout(timer);
          outer?.removeEventListener('abort', abort);
          request.abortSignal = outer;
        }
      },
    },
    sign ? { beforePolicies: [SDK_SIGN_POLICY] } : undefined,
  );
  return true;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return 'the serviceUrl';
  }
};

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
 * Checks a request's token within {@link AUTHENTICATION_TIMEOUT_MS}; what fails is thrown as
 * {@link RequestNotAuthenticated} or {@link IdentityUnavailable} (see {@link authenticationFailure}),
 * so only errors of the authentication itself are answered 401 or 503.
 */
async function authenticateBounded(
  authenticate: (activity: Activity, authHeader: string) => Promise<AuthenticateRequestResult>,
  activity: Activity,
  authHeader: string,
  authenticated: boolean,
): Promise<AuthenticateRequestResult> {
  const unsigned = authenticated ? unverifiableToken(authHeader) : undefined;
  if (unsigned) throw new RequestNotAuthenticated('not authenticated', { cause: new Error(unsigned) });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new IdentityUnavailable(`checking the token took longer than ${AUTHENTICATION_TIMEOUT_MS} ms`)),
      AUTHENTICATION_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([authenticate(activity, authHeader), deadline]);
  } catch (error) {
    if (error instanceof IdentityUnavailable) throw error;
    throw authenticationFailure(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why a bearer JWT can never pass, seen from its header alone: an algorithm the Bot Framework does
 * not sign with (`none`, HS256, ...) or no key id. The SDK would first fetch the signing keys to
 * find that out, so during an identity outage such a token got 503 instead of 401. Undefined when
 * the header is no bearer JWT (the SDK refuses those itself) or may be valid.
 */
export function unverifiableToken(authHeader: string): string | undefined {
  const [scheme, token, ...rest] = authHeader.trim().split(' ');
  if (scheme !== 'Bearer' || !token || rest.length > 0) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  let header: { alg?: unknown; kid?: unknown };
  try {
    header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof header !== 'object' || header === null) return undefined;
  if (!AuthenticationConstants.AllowedSigningAlgorithms.includes(String(header.alg))) return `token signing algorithm ${String(header.alg)} is not allowed`;
  if (typeof header.kid !== 'string' || header.kid === '') return 'token has no key id (kid)';
  return undefined;
}

/**
 * The SDK builds a new connector client (an HTTP pipeline of a dozen policies) for every inbound
 * turn, a few per cent of a turn's CPU in the profile. A client holds no per-turn state (its
 * credentials fetch and cache tokens themselves), so inbound turns reuse one per bot app id, service
 * URL and audience, each with its sends bounded ({@link boundSends}). Proactive sends
 * (createConnectorFactory) keep getting a client of their own, because proactive.ts removes the
 * SDK's retry policy from it and bounds its tries itself.
 */
function reuseConnectorClients(auth: ConfigurationBotFrameworkAuthentication, sendTimeoutMs: number, authenticated: boolean): void {
  const clients = new LRUCache<string, Promise<ConnectorClient>>({ max: 1_000 });
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticateBounded(authenticate, activity, authHeader, authenticated);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const appId = appIdOf(result.claimsIdentity);
    const reusing = new ReusingConnectorFactory(factory, appId, clients, sendTimeoutMs);
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
    private readonly sendTimeoutMs: number,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    // A client that could not be made (e.g. no token) is not kept.
    return kept(this.clients, JSON.stringify([this.appId, serviceUrl, audience ?? null]), async () => {
      const client = await this.inner.create(serviceUrl, audience);
      boundSends(client, this.sendTimeoutMs);
      return client;
    });
  }
}
