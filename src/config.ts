/**
 * Configuration, read from the environment once at start-up and validated: a bad value stops the
 * process with a message naming the variable, instead of failing later in a chat.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const empty = (v: unknown) => (v === '' ? undefined : v);
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const schema = z
  .object({
    PORT: z.preprocess(empty, z.coerce.number().int().min(0).max(65535).default(3978)),
    DATA_DIR: z.preprocess(empty, z.string().default('./data')),
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
  })
  .superRefine((env, ctx) => {
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

export interface Config {
  port: number;
  /** Where to listen: 127.0.0.1 unless the bot is authenticated (or HOST says otherwise). */
  host: string;
  dataDir: string;
  logLevel: string;
  /** Daily reminder time (UTC, HH:MM), or null when reminders run only on `npm run notify`. */
  remindersAtUtc: string | null;
  /** Bot Framework authentication; absent means unauthenticated local use only. */
  auth?: {
    appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
    appId: string;
    appPassword?: string;
    tenantId?: string;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Loads `.env` from the working directory if there is one (never required). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example.`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST ?? (e.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    remindersAtUtc: e.REMINDERS_AT === 'off' ? null : e.REMINDERS_AT,
    auth: e.MicrosoftAppId
      ? { appType: e.MicrosoftAppType, appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, tenantId: e.MicrosoftAppTenantId }
      : undefined,
  };
}
