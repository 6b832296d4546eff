/**
 * Configuration, read from the environment once at start-up and validated: a bad value stops the
 * process with a message naming the variable, instead of failing later in a chat.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const empty = (v: unknown) => (v === '' ? undefined : v);
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The parts of a connection string (keys compared case-insensitively; the values are never shown). */
function connectionStringKeys(text: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return parts;
}

const CONNECTION_STRING_HELP = 'az storage account show-connection-string --name <account> --query connectionString --output tsv';

/** What is wrong with a storage connection string (without repeating it: it holds the key), or undefined. */
export function connectionStringProblem(text: string): string | undefined {
  if (/^@Microsoft\.KeyVault\(/i.test(text.trim())) {
    return 'is an unresolved Key Vault reference: App Service could not read the secret (give the Web App\'s identity the Key Vault Secrets User role, then restart it)';
  }
  const parts = connectionStringKeys(text);
  if (parts.get('usedevelopmentstorage') === 'true') return undefined;
  const signed = parts.has('accountkey') || parts.has('sharedaccesssignature');
  const located = parts.has('accountname') || (parts.has('blobendpoint') && parts.has('tableendpoint'));
  if (signed && located) return undefined;
  return `is not a storage account connection string: it needs AccountName and AccountKey (or BlobEndpoint, TableEndpoint and SharedAccessSignature); copy it with ${CONNECTION_STRING_HELP}`;
}

/** Where the bot keeps its data: one machine (lmdb and files in DATA_DIR) or Azure Storage. */
const storeFields = {
  DATA_DIR: z.preprocess(empty, z.string().default('./data')),
  STORE: z.preprocess(empty, z.enum(['lmdb', 'azure'], { error: 'must be lmdb (one machine, DATA_DIR) or azure (Azure Storage, AZURE_STORAGE_CONNECTION_STRING)' }).default('lmdb')),
  AZURE_STORAGE_CONNECTION_STRING: z.preprocess(empty, z.string().optional()),
  AZURE_TABLE_PREFIX: z.preprocess(empty, z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,49}$/, 'must be letters and digits, starting with a letter, at most 50').default('psb')),
  AZURE_DIRECTORY_CONTAINER: z.preprocess(
    empty,
    z.string().regex(/^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a blob container name: 3-63 lower-case letters, digits and single hyphens').default('directory'),
  ),
  AZURE_DIRECTORY_POLL_SECONDS: z.preprocess(empty, z.coerce.number({ error: 'must be a number of seconds' }).min(0.1).max(3600).default(5)),
};

type StoreEnv = { STORE: 'lmdb' | 'azure'; AZURE_STORAGE_CONNECTION_STRING?: string | undefined };

function checkStore(env: StoreEnv, ctx: z.RefinementCtx): void {
  if (env.STORE !== 'azure') return;
  const path = ['AZURE_STORAGE_CONNECTION_STRING'];
  if (!env.AZURE_STORAGE_CONNECTION_STRING) {
    ctx.addIssue({ code: 'custom', path, message: `is required when STORE=azure: the storage account's connection string (${CONNECTION_STRING_HELP})` });
    return;
  }
  const problem = connectionStringProblem(env.AZURE_STORAGE_CONNECTION_STRING);
  if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
}

const storeSchema = z.object(storeFields).superRefine(checkStore);

/** The only ChannelService value the Bot Framework SDK knows besides the public cloud (empty). */
const US_GOVERNMENT_CHANNEL_SERVICE = 'https://botframework.azure.us';

const endpointUrl = z.preprocess(empty, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional());

/**
 * Where the Bot Framework's identity lives (the SDK's own setting names). Unset, the public cloud's;
 * for a sovereign cloud, or a test that serves its own OpenID metadata and keys. Each one set
 * replaces only itself (the adapter fills in the rest).
 */
const endpointFields = {
  ChannelService: z.preprocess(
    empty,
    z.literal(US_GOVERNMENT_CHANNEL_SERVICE, { error: `must be empty (the public cloud) or ${US_GOVERNMENT_CHANNEL_SERVICE} (US Government)` }).optional(),
  ),
  ToBotFromChannelOpenIdMetadataUrl: endpointUrl,
  ToBotFromChannelTokenIssuer: z.preprocess(empty, z.string().optional()),
  ToBotFromEmulatorOpenIdMetadataUrl: endpointUrl,
  ToChannelFromBotLoginUrl: endpointUrl,
  ToChannelFromBotOAuthScope: z.preprocess(empty, z.string().optional()),
  OAuthUrl: endpointUrl,
};

const schema = z
  .object({
    PORT: z.preprocess(empty, z.coerce.number().int().min(0).max(65535).default(3978)),
    ...storeFields,
    HOST: z.preprocess(empty, z.string().optional()),
    REMINDERS_AT: z.preprocess(empty, z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^off$/, 'must be HH:MM (UTC) or off').default('07:00')),
    LOG_LEVEL: z.preprocess(
      empty,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    MicrosoftAppType: z.preprocess(empty, z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant')),
    MicrosoftAppId: z.preprocess(empty, z.string().regex(GUID, 'must be the bot app registration GUID').optional()),
    MicrosoftAppPassword: z.preprocess(empty, z.string().optional()),
    MicrosoftAppTenantId: z.preprocess(empty, z.string().regex(GUID, 'must be your Entra tenant GUID').optional()),
    ...endpointFields,
    SEND_TIMEOUT_SECONDS: z.preprocess(empty, z.coerce.number({ error: 'must be a number of seconds' }).min(0.1).max(60).default(5)),
    // The flood limit (server/floodLimit.ts): per user and per tenant, messages a second and at once.
    FLOOD_USER_PER_SECOND: z.preprocess(empty, z.coerce.number({ error: 'must be a number' }).positive().default(5)),
    FLOOD_USER_BURST: z.preprocess(empty, z.coerce.number({ error: 'must be a number' }).int().min(1).default(10)),
    FLOOD_TENANT_PER_SECOND: z.preprocess(empty, z.coerce.number({ error: 'must be a number' }).positive().default(50)),
    FLOOD_TENANT_BURST: z.preprocess(empty, z.coerce.number({ error: 'must be a number' }).int().min(1).default(100)),
    FLOOD_NOTICE_SECONDS: z.preprocess(empty, z.coerce.number({ error: 'must be a number of seconds' }).min(0).max(3600).default(10)),
  })
  .superRefine((env, ctx) => {
    checkStore(env, ctx);
    if (!env.MicrosoftAppId) {
      // Without authentication anyone who reaches the port can claim any user: loopback only.
      if (env.HOST && !LOOPBACK.has(env.HOST)) {
        ctx.addIssue({
          code: 'custom',
          path: ['HOST'],
          message: `${env.HOST} is not a loopback address; without MicrosoftAppId the bot is unauthenticated and may only listen on 127.0.0.1, ::1 or localhost`,
        });
      }
      return;
    }
    if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `is required for MicrosoftAppType ${env.MicrosoftAppType}` });
    }
  });

/** Where the data is: `lmdb` (DATA_DIR on this machine) or `azure` (one storage account for every instance). */
export type StoreConfig =
  | { kind: 'lmdb' }
  | {
      kind: 'azure';
      connectionString: string;
      /** Tables are `<tablePrefix><name>`. */
      tablePrefix: string;
      /** The blob container of the partner directory. */
      container: string;
      /** How often a running bot asks whether a new directory was imported. */
      pollMs: number;
    };

export interface Config {
  port: number;
  /** Where to listen: 127.0.0.1 unless the bot is authenticated (or HOST says otherwise). */
  host: string;
  /** The data directory (with STORE=azure only the notify endpoint's file is kept there). */
  dataDir: string;
  /** Where the data is (readConfig always says; absent means lmdb). */
  store?: StoreConfig;
  logLevel: string;
  /** Daily reminder time (UTC, HH:MM), or null when reminders run only on `npm run notify`. */
  remindersAtUtc: string | null;
  /**
   * How long one reply of a turn may take to reach the channel (the serviceUrl), the SDK's retries
   * included; past it the send is given up, so an unreachable serviceUrl cannot hold a request open.
   * readConfig always says (absent: the adapter's default, 5 s).
   */
  sendTimeoutMs?: number;
  /** The per-user and per-tenant flood limit (server/floodLimit.ts); readConfig always says (absent: its defaults). */
  floodLimit?: { userPerSecond: number; userBurst: number; tenantPerSecond: number; tenantBurst: number; noticeEveryMs: number };
  /** Bot Framework authentication; absent means unauthenticated local use only. */
  auth?: {
    appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
    appId: string;
    appPassword?: string;
    tenantId?: string;
    /** Only the Bot Framework endpoints set in the environment (absent: none); the public cloud's for the rest. */
    endpoints?: BotFrameworkEndpoints;
  };
}

/** The Bot Framework identity endpoints set in the environment (see {@link endpointFields}). */
export interface BotFrameworkEndpoints {
  /** {@link US_GOVERNMENT_CHANNEL_SERVICE} for the US Government cloud's defaults. */
  channelService?: string;
  /** OpenID metadata of the channel's tokens (the keys that sign what Teams sends). */
  openIdMetadataUrl?: string;
  /** The `iss` of the channel's tokens. */
  tokenIssuer?: string;
  /** OpenID metadata for Emulator and skill tokens. */
  emulatorOpenIdMetadataUrl?: string;
  /** Where the bot gets its own token for replies (the Entra authority). */
  loginUrl?: string;
  /** The scope (audience) of the bot's own token for replies. */
  oAuthScope?: string;
  /** The user-token (OAuth) service. */
  oAuthUrl?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Loads `.env` from the working directory if there is one (never required). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

function configError(error: z.ZodError): ConfigError {
  const lines = error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  return new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example.`);
}

function storeOf(e: z.infer<typeof storeSchema>): StoreConfig {
  if (e.STORE === 'lmdb') return { kind: 'lmdb' };
  return {
    kind: 'azure',
    connectionString: e.AZURE_STORAGE_CONNECTION_STRING!,
    tablePrefix: e.AZURE_TABLE_PREFIX,
    container: e.AZURE_DIRECTORY_CONTAINER,
    pollMs: Math.round(e.AZURE_DIRECTORY_POLL_SECONDS * 1000),
  };
}

/**
 * Only where the data is (STORE, AZURE_*, DATA_DIR), for the CLIs that read or write it (import,
 * audit, kb-report): they need no bot credentials. Throws ConfigError listing every bad variable.
 */
export function readStoreConfig(env: NodeJS.ProcessEnv = process.env): { dataDir: string; store: StoreConfig } {
  const parsed = storeSchema.safeParse(env);
  if (!parsed.success) throw configError(parsed.error);
  return { dataDir: parsed.data.DATA_DIR, store: storeOf(parsed.data) };
}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw configError(parsed.error);
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST ?? (e.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    dataDir: e.DATA_DIR,
    store: storeOf(e),
    logLevel: e.LOG_LEVEL,
    remindersAtUtc: e.REMINDERS_AT === 'off' ? null : e.REMINDERS_AT,
    sendTimeoutMs: Math.round(e.SEND_TIMEOUT_SECONDS * 1000),
    floodLimit: {
      userPerSecond: e.FLOOD_USER_PER_SECOND,
      userBurst: e.FLOOD_USER_BURST,
      tenantPerSecond: e.FLOOD_TENANT_PER_SECOND,
      tenantBurst: e.FLOOD_TENANT_BURST,
      noticeEveryMs: Math.round(e.FLOOD_NOTICE_SECONDS * 1000),
    },
    auth: e.MicrosoftAppId
      ? {
          appType: e.MicrosoftAppType,
          appId: e.MicrosoftAppId,
          appPassword: e.MicrosoftAppPassword,
          tenantId: e.MicrosoftAppTenantId,
          ...endpointsOf(e),
        }
      : undefined,
  };
}

/** `{ endpoints }` with those that are set, under the names the adapter uses; `{}` when none is. */
function endpointsOf(e: { [K in keyof typeof endpointFields]?: string | undefined }): { endpoints?: BotFrameworkEndpoints } {
  const all: BotFrameworkEndpoints = {
    channelService: e.ChannelService,
    openIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl,
    tokenIssuer: e.ToBotFromChannelTokenIssuer,
    emulatorOpenIdMetadataUrl: e.ToBotFromEmulatorOpenIdMetadataUrl,
    loginUrl: e.ToChannelFromBotLoginUrl,
    oAuthScope: e.ToChannelFromBotOAuthScope,
    oAuthUrl: e.OAuthUrl,
  };
  const set = Object.entries(all).filter(([, v]) => v !== undefined);
  return set.length === 0 ? {} : { endpoints: Object.fromEntries(set) as BotFrameworkEndpoints };
}
