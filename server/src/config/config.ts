import path from 'node:path';

import { z } from 'zod';

/** Placeholder that a development machine may use and production must replace. */
export const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  DATA_DIR: z.string().default('.data'),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional(),
  REDIS_KEY_PREFIX: z.string().max(64).default('tt:'),
  JWT_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).default(DEV_JWT_SECRET),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CORS_ORIGINS: list.default([]),
  PUBLIC_URL: z.url().optional(),
  DEMO_DATA: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).default(900),
  TRUST_PROXY: bool.default(false),
  CLIENT_DIST: z.string().optional(),
  /** The app's clock starts at this instant (ISO 8601 with an offset) and runs on: demos and tests on a chosen date. */
  CLOCK_START: z.iso.datetime({ offset: true, error: 'must be an ISO date-time with an offset, e.g. 2026-09-05T09:00:00+07:00' }).optional(),
  /** The same as a shift from real time, for processes that must share one clock exactly (the test run sets it). */
  CLOCK_OFFSET_MS: z.coerce.number().int().optional(),
  /** Questions one user may ask the awareness helper per minute. */
  HELPER_ASKS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  /** An OpenAI-compatible endpoint the province runs itself (…/v1), to phrase the helper's answers; unset, the helper answers alone. */
  HELPER_LLM_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  HELPER_LLM_MODEL: z.string().max(200).default('default'),
  HELPER_LLM_API_KEY: z.string().max(500).optional(),
  HELPER_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4000),
  /** Where submitted files live: `local` (a folder under DATA_DIR) or `s3` (any S3-compatible store, e.g. MinIO). */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** The local folder; by default `<DATA_DIR>/media`. */
  STORAGE_DIR: z.string().optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  S3_REGION: z.string().max(64).default('us-east-1'),
  S3_BUCKET: z.string().max(63).optional(),
  S3_ACCESS_KEY_ID: z.string().max(200).optional(),
  S3_SECRET_ACCESS_KEY: z.string().max(500).optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  /** The largest file one upload may carry (a contest's own limit is checked too). */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2048 * 1024 * 1024)
    .default(500 * 1024 * 1024),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Null: start the embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | null;
  dbPoolSize: number;
  dataDir: string;
  redisUrl: string | null;
  /** Every Redis key starts with it, so that several deployments can share one Redis. */
  redisKeyPrefix: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  corsOrigins: string[];
  publicUrl: string | null;
  demoData: boolean;
  logLevel: string;
  login: { maxFailuresPerAccount: number; maxFailuresPerIp: number; lockSeconds: number };
  trustProxy: boolean;
  clientDist: string;
  /** Milliseconds added to real time by the app's Clock and the database's app_now(); 0 in production. */
  clockOffsetMs: number;
  helper: { asksPerMinute: number; llm: { url: string; model: string; apiKey: string | null; timeoutMs: number } | null };
  storage: StorageSettings;
  uploadMaxBytes: number;
}

/** Where submitted files go: a folder on this machine (the default, under the data folder), or an S3-compatible bucket. */
export type StorageSettings =
  | { driver: 'local'; root: string; tusExpirationMs?: number }
  | {
      driver: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle?: boolean;
      credentials?: { accessKeyId: string; secretAccessKey: string };
      partSize?: number;
      tusExpirationMs?: number;
    };

export class ConfigError extends Error {}

/** Parse the environment once; every bad or unsafe setting is named in one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`REDIS_URL=` in a compose file) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    const unsafe: string[] = [];
    if (set.JWT_SECRET === undefined || e.JWT_SECRET === DEV_JWT_SECRET) unsafe.push('JWT_SECRET: set a random secret of 32+ characters');
    if (e.DEMO_DATA === true) unsafe.push('DEMO_DATA: demo data never loads in production');
    if (e.DATABASE_URL === undefined) unsafe.push('DATABASE_URL: production runs on a managed PostgreSQL, not the embedded one');
    if (e.CLOCK_START !== undefined || (e.CLOCK_OFFSET_MS ?? 0) !== 0) unsafe.push('CLOCK_START / CLOCK_OFFSET_MS: production runs on real time');
    if (e.STORAGE_DRIVER === 's3') {
      if (e.S3_BUCKET === undefined) unsafe.push('S3_BUCKET: name the bucket submitted files go to');
      if (e.S3_ACCESS_KEY_ID === undefined || e.S3_SECRET_ACCESS_KEY === undefined)
        unsafe.push('S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: set the keys of the bucket');
    }
    if (unsafe.length > 0) throw new ConfigError(`Refusing to start in production:\n${unsafe.map((l) => `  ${l}`).join('\n')}`);
  }
  if (!production && e.STORAGE_DRIVER === 's3' && e.S3_BUCKET === undefined)
    throw new ConfigError('Invalid configuration:\n  S3_BUCKET: required with STORAGE_DRIVER=s3');
  const cwd = process.cwd();
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? null,
    dbPoolSize: e.DB_POOL_SIZE,
    dataDir,
    redisUrl: e.REDIS_URL ?? null,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    jwtSecret: e.JWT_SECRET,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    corsOrigins: e.CORS_ORIGINS,
    publicUrl: e.PUBLIC_URL ?? null,
    demoData: production ? false : (e.DEMO_DATA ?? true),
    logLevel: e.LOG_LEVEL,
    login: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      lockSeconds: e.LOGIN_LOCK_SECONDS,
    },
    trustProxy: e.TRUST_PROXY,
    clientDist: path.resolve(cwd, e.CLIENT_DIST ?? 'client/dist'),
    clockOffsetMs: e.CLOCK_OFFSET_MS ?? (e.CLOCK_START ? Date.parse(e.CLOCK_START) - Date.now() : 0),
    helper: {
      asksPerMinute: e.HELPER_ASKS_PER_MINUTE,
      llm: e.HELPER_LLM_URL
        ? { url: e.HELPER_LLM_URL.replace(/\/$/, ''), model: e.HELPER_LLM_MODEL, apiKey: e.HELPER_LLM_API_KEY ?? null, timeoutMs: e.HELPER_LLM_TIMEOUT_MS }
        : null,
    },
    storage:
      e.STORAGE_DRIVER === 's3'
        ? {
            driver: 's3',
            bucket: e.S3_BUCKET!,
            region: e.S3_REGION,
            endpoint: e.S3_ENDPOINT,
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
            credentials:
              e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : undefined,
          }
        : { driver: 'local', root: path.resolve(cwd, e.STORAGE_DIR ?? path.join(dataDir, 'media')) },
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
  };
}

/** Injection token for the typed Config. */
export const CONFIG = Symbol('CONFIG');
