import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  /** Prefix of the rate-limit counters in Redis: deployments (or test runs) sharing a Redis keep separate counts. */
  RATE_LIMIT_NAMESPACE: z.string().regex(/^[\w:.-]{1,64}$/).default('patchroom'),
  PATCHROOM_DATA_DIR: z.string().default('.data'),
  /** Serve the collab WebSocket in this process (the embedded default); off for a separate api tier. */
  SERVE_COLLAB: flag.default(true),
  /** Serve the built web client from apps/web/dist. */
  SERVE_WEB: flag.default(true),
  WEB_DIST: z.string().optional(),
  TLDRAW_LICENSE_KEY: z.string().optional(),
  /** Secure cookies: on in production unless explicitly turned off (plain-http test setups). */
  COOKIE_SECURE: flag.optional(),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  TRUST_PROXY: flag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  rateLimitNamespace: string;
  dataDir: string;
  serveCollab: boolean;
  webDist: string | null;
  tldrawLicenseKey: string | null;
  cookieSecure: boolean;
  trustProxy: boolean;
  logLevel: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_WEB_DIST = new URL('../../web/dist', import.meta.url).pathname;

/** Reads configuration from the environment; every value has a safe development default. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    rateLimitNamespace: e.RATE_LIMIT_NAMESPACE,
    dataDir: resolve(e.PATCHROOM_DATA_DIR),
    serveCollab: e.SERVE_COLLAB,
    webDist: e.SERVE_WEB ? resolve(e.WEB_DIST ?? DEFAULT_WEB_DIST) : null,
    tldrawLicenseKey: e.TLDRAW_LICENSE_KEY ?? null,
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
  };
}
