import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Prices } from './posts/cost';

/** The sandbox's fixed OAuth client: only ever valid against the local X sandbox. */
const SANDBOX_CLIENT = { id: 'herald-sandbox', secret: 'herald-sandbox-secret' } as const;

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const url = z.url({ protocol: /^https?$/ });
/**
 * A price in US dollars: a plain non-negative decimal with at most 6 places (a micro-dollar, the
 * unit lib/posts/cost counts in, so a configured price is never rounded). Empty means the default.
 */
const usd = (fallback: number) =>
  optional
    .pipe(z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, 'must be a non-negative amount in US dollars with at most 6 decimals, e.g. 0.015').optional())
    .transform((v) => (v === undefined ? fallback : Number(v)));
const listOf = (v: string) =>
  v
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').default('postgres://postgres@127.0.0.1:5432/herald'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('herald'),
  AUTH_SECRET: optional.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  AUTH_URL: url.default('http://localhost:3000'),
  ENCRYPTION_KEY: optional.pipe(
    z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .optional(),
  ),
  X_CLIENT_ID: optional,
  X_CLIENT_SECRET: optional,
  X_AUTHORIZE_URL: optional.pipe(url.optional()),
  X_API_URL: optional.pipe(url.optional()),
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4100),
  /** Sandbox mode only: where Herald's servers reach the sandbox, and where browsers do (containers). */
  SANDBOX_URL: optional.pipe(url.optional()),
  SANDBOX_PUBLIC_URL: optional.pipe(url.optional()),
  ADMIN_X_USER_IDS: z
    .string()
    .default('')
    .refine((v) => listOf(v).every((id) => /^[0-9]{1,20}$/.test(id)), 'must be comma-separated numeric X user ids'),
  ADMIN_X_USERNAMES: z.string().default(''),
  HERALD_SANDBOX: z.enum(['', '0', '1']).default(''),
  X_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  X_MEDIA_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
  X_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // At most 10 MiB: Next's request proxy (proxy.ts) keeps no more of a body than that.
  MAX_JSON_BODY_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(1024 * 1024),
  MAX_SCHEDULED_POSTS_PER_USER: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  SCHEDULE_HORIZON_DAYS: z.coerce.number().int().min(1).max(36_500).default(730),
  MEDIA_PREPARE_LEAD_MS: z.coerce.number().int().min(0).max(23 * 3600_000).default(30 * 60_000),
  CANCELLED_POST_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(30),
  WORKER_HEALTH_FILE: optional,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(10),
  PUBLISH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  PUBLISH_RETRY_BASE_MS: z.coerce.number().int().min(10).default(5_000),
  PUBLISH_LEASE_MS: z.coerce.number().int().min(1_000).default(30_000),
  PUBLISH_LEAD_MS: z.coerce.number().int().min(0).max(10_000).default(50),
  /** Tests lower these two to see a worker go stale, or a lost scheduler come back, in a second. */
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(50).max(60_000).default(5_000),
  SCHEDULER_CHECK_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set by `npm run dev`/`npm start` for each process they run: the `service` field of its logs. */
  HERALD_SERVICE: optional.pipe(z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be lower-case letters, digits and -').optional()),
  MEDIA_DIR: optional,
  /** The bearer token /api/metrics asks for; without it the metrics are not served at all (404). */
  METRICS_TOKEN: optional.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /** The port the worker serves its own /api/metrics on; without it the worker serves none. */
  WORKER_METRICS_PORT: optional.pipe(z.string().regex(/^\d{1,5}$/, 'must be a port number').transform(Number).pipe(z.number().int().min(1).max(65535)).optional()),
  /** What X bills per post created through its API; a post holding a link costs more. */
  X_PRICE_POST_USD: usd(0.015),
  X_PRICE_POST_WITH_URL_USD: usd(0.2),
  /** Tests and private networks only: webhooks may then reach private addresses, over plain http too. */
  HERALD_WEBHOOK_ALLOW_PRIVATE: z.enum(['', '0', '1']).default(''),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  /** Notification emails: both set, or neither (no email). The URL may carry the SMTP password: never logged. */
  SMTP_URL: optional.pipe(z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL').optional()),
  MAIL_FROM: optional.pipe(z.string().max(320).regex(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, 'must be an address, e.g. Herald <herald@example.com>').optional()),
  /** Requests per minute; 0 turns that limit off. */
  API_RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(0).max(1_000_000).default(120),
  API_RATE_LIMIT_PER_USER: z.coerce.number().int().min(0).max(1_000_000).default(300),
  SIGNIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(0).max(1_000_000).default(10),
  SIGNIN_RATE_LIMIT_TOTAL: z.coerce.number().int().min(0).max(1_000_000).default(300),
  /** How many proxies in front of Herald append to X-Forwarded-For; 0: the header is not trusted. */
  TRUST_PROXY: z.coerce
    .number({ error: 'must be the number of proxies in front of Herald, 0 for none' })
    .int()
    .min(0)
    .max(10)
    .default(0),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  authSecret: string;
  authUrl: string;
  encryptionKey: Buffer;
  x: {
    clientId: string;
    clientSecret: string | undefined;
    authorizeUrl: string;
    apiUrl: string;
    /** No X app configured: Herald talks to the local X sandbox. */
    sandbox: boolean;
  };
  sandboxPort: number;
  /** X user ids (permanent) of Herald's admins. */
  adminXUserIds: ReadonlySet<string>;
  /** Handles (lower case, no @) that become admins at their first sign-in, pinned to that X user id. */
  adminUsernames: ReadonlySet<string>;
  /** Timeouts of calls to X: connecting, a whole request, and a whole media request (chunks, images). */
  xTimeouts: { connectMs: number; requestMs: number; mediaMs: number };
  /** The largest JSON body a route reads; beyond it the answer is 413 before the body is read. */
  maxJsonBodyBytes: number;
  /** Posts one user may have scheduled or queued at once. */
  maxScheduledPostsPerUser: number;
  /** How far ahead a post may be scheduled. */
  scheduleHorizonDays: number;
  /** How long before a post's time its media is uploaded to X (X's media ids live 24 hours). */
  mediaPrepareLeadMs: number;
  /** Cancelled posts are deleted this long after they were cancelled. */
  cancelledPostRetentionDays: number;
  /** The file a worker touches while it is consuming: its container healthcheck reads it. */
  workerHealthFile: string;
  workerConcurrency: number;
  /** Transient failures are retried with exponential backoff and jitter, up to this many attempts. */
  publishMaxAttempts: number;
  publishRetryBaseMs: number;
  /**
   * How long a worker's claim on a post (and BullMQ's lock on its job) lasts unless renewed:
   * the time after which a killed worker's post is taken over by another worker.
   */
  publishLeaseMs: number;
  /**
   * How long before a post's time its job fires. The worker claims the post and gets everything
   * ready, then sends at the time itself: the queue's own delivery delay no longer makes it late.
   */
  publishLeadMs: number;
  /** How often a worker writes its heartbeat; it is taken for dead after three missed beats. */
  workerHeartbeatMs: number;
  /** How often each worker checks that the periodic jobs (the scheduler's tick) are still in Redis. */
  schedulerCheckMs: number;
  /** Postgres connections one process's pool opens at most. */
  dbPoolMax: number;
  port: number;
  logLevel: string;
  /** Names the process in its logs (web, worker, x). */
  service: string;
  /** X's price per created post, without and with a link (shown in the composer and on the calendar). */
  xPrices: Prices;
  /** Absolute path of Herald's media storage: one directory shared by the web app and the worker. */
  mediaDir: string;
  webhooks: {
    /** HERALD_WEBHOOK_ALLOW_PRIVATE=1: loopback, private and link-local targets and plain http are allowed. */
    allowPrivate: boolean;
    /** One delivery attempt, connecting to the last byte kept of the answer. */
    timeoutMs: number;
    /** The first retry's delay; each next one doubles it. */
    retryBaseMs: number;
  };
  /** Where notification emails go out (lib/mail); undefined: Herald sends no email. */
  mail: { smtpUrl: string; from: string } | undefined;
  /** Bearer token of /api/metrics (web and worker); undefined: metrics are not served. */
  metricsToken: string | undefined;
  /** Where the worker serves its metrics; undefined: it serves none. */
  workerMetricsPort: number | undefined;
  /** Requests per minute (0: no limit): each API token; each user, whether by session or by token. */
  apiRateLimit: { perToken: number; perUser: number };
  /** Sign-in attempts per minute (0: no limit): from one client address, and from everyone together. */
  signInRateLimit: { perIp: number; total: number };
  /** Proxies in front of Herald that append the address they saw to X-Forwarded-For (0: trust none). */
  trustProxy: number;
}

/** The process cannot start as it is set up: the message is one line saying why and what to do. */
export class StartupError extends Error {}

export class ConfigError extends StartupError {}

/**
 * The project directory, from the working directory. Next's standalone server chdirs into
 * `.next/standalone` before anything reads the configuration, so a relative default resolved
 * there would name a different directory than the worker's (which runs from the project).
 */
function projectDir(cwd: string): string {
  const standalone = `${path.sep}.next${path.sep}standalone`;
  return cwd.endsWith(standalone) ? cwd.slice(0, -standalone.length) || path.sep : cwd;
}

/** Dev and test only: a secret made once and kept in .herald/ so sessions survive restarts. */
function localSecret(): string {
  const dir = path.resolve('.herald');
  const file = path.join(dir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue?.path.join('.') ?? '?'} ${issue?.message ?? ''}`.trim());
  }
  const e = parsed.data;
  // Real X tokens need real secrets; a sandbox run (no X app) may use generated ones.
  const production = e.NODE_ENV === 'production' && Boolean(e.X_CLIENT_ID);
  if (production && !e.AUTH_SECRET) throw new ConfigError('Invalid configuration: AUTH_SECRET is required in production when X_CLIENT_ID is set');
  if (production && !e.ENCRYPTION_KEY) throw new ConfigError('Invalid configuration: ENCRYPTION_KEY is required in production when X_CLIENT_ID is set');
  if (e.X_CLIENT_SECRET && !e.X_CLIENT_ID) throw new ConfigError('Invalid configuration: X_CLIENT_SECRET is set but X_CLIENT_ID is not');
  // The sandbox hands out tokens to anyone who types a name: never let it stand in for X by accident.
  if (e.NODE_ENV === 'production' && !e.X_CLIENT_ID && e.HERALD_SANDBOX !== '1') {
    throw new ConfigError('Invalid configuration: X_CLIENT_ID is not set; in production set it (your X app), or set HERALD_SANDBOX=1 to run against the local X sandbox on purpose');
  }

  if (Boolean(e.SMTP_URL) !== Boolean(e.MAIL_FROM)) throw new ConfigError('Invalid configuration: set SMTP_URL and MAIL_FROM together (or neither, to send no email)');

  const authSecret = e.AUTH_SECRET ?? localSecret();
  const sandbox = !e.X_CLIENT_ID;
  const sandboxUrl = (e.SANDBOX_URL ?? `http://127.0.0.1:${e.SANDBOX_PORT}`).replace(/\/$/, '');
  const sandboxPublicUrl = (e.SANDBOX_PUBLIC_URL ?? sandboxUrl).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    authSecret,
    authUrl: e.AUTH_URL.replace(/\/$/, ''),
    encryptionKey: e.ENCRYPTION_KEY
      ? Buffer.from(e.ENCRYPTION_KEY, 'base64')
      : createHash('sha256').update(`herald-dev-encryption:${authSecret}`).digest(),
    x: {
      clientId: e.X_CLIENT_ID ?? SANDBOX_CLIENT.id,
      clientSecret: sandbox ? SANDBOX_CLIENT.secret : e.X_CLIENT_SECRET,
      authorizeUrl: e.X_AUTHORIZE_URL ?? (sandbox ? `${sandboxPublicUrl}/i/oauth2/authorize` : 'https://x.com/i/oauth2/authorize'),
      apiUrl: (e.X_API_URL ?? (sandbox ? sandboxUrl : 'https://api.x.com')).replace(/\/$/, ''),
      sandbox,
    },
    sandboxPort: e.SANDBOX_PORT,
    adminXUserIds: new Set(listOf(e.ADMIN_X_USER_IDS)),
    adminUsernames: new Set(listOf(e.ADMIN_X_USERNAMES).map((u) => u.replace(/^@/, '').toLowerCase())),
    xTimeouts: { connectMs: e.X_CONNECT_TIMEOUT_MS, requestMs: e.X_TIMEOUT_MS, mediaMs: e.X_MEDIA_TIMEOUT_MS },
    maxJsonBodyBytes: e.MAX_JSON_BODY_BYTES,
    maxScheduledPostsPerUser: e.MAX_SCHEDULED_POSTS_PER_USER,
    scheduleHorizonDays: e.SCHEDULE_HORIZON_DAYS,
    mediaPrepareLeadMs: e.MEDIA_PREPARE_LEAD_MS,
    cancelledPostRetentionDays: e.CANCELLED_POST_RETENTION_DAYS,
    workerHealthFile: path.resolve(projectDir(cwd), e.WORKER_HEALTH_FILE ?? path.join(tmpdir(), 'herald-worker-alive')),
    workerConcurrency: e.WORKER_CONCURRENCY,
    publishMaxAttempts: e.PUBLISH_MAX_ATTEMPTS,
    publishRetryBaseMs: e.PUBLISH_RETRY_BASE_MS,
    publishLeaseMs: e.PUBLISH_LEASE_MS,
    publishLeadMs: e.PUBLISH_LEAD_MS,
    workerHeartbeatMs: e.WORKER_HEARTBEAT_MS,
    schedulerCheckMs: e.SCHEDULER_CHECK_MS,
    dbPoolMax: e.DB_POOL_MAX,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    service: e.HERALD_SERVICE ?? 'herald',
    mediaDir: path.resolve(projectDir(cwd), e.MEDIA_DIR ?? '.herald/media'),
    xPrices: { postUsd: e.X_PRICE_POST_USD, postWithUrlUsd: e.X_PRICE_POST_WITH_URL_USD },
    webhooks: { allowPrivate: e.HERALD_WEBHOOK_ALLOW_PRIVATE === '1', timeoutMs: e.WEBHOOK_TIMEOUT_MS, retryBaseMs: e.WEBHOOK_RETRY_BASE_MS },
    mail: e.SMTP_URL && e.MAIL_FROM ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    metricsToken: e.METRICS_TOKEN,
    workerMetricsPort: e.WORKER_METRICS_PORT,
    apiRateLimit: { perToken: e.API_RATE_LIMIT_PER_TOKEN, perUser: e.API_RATE_LIMIT_PER_USER },
    signInRateLimit: { perIp: e.SIGNIN_RATE_LIMIT_PER_IP, total: e.SIGNIN_RATE_LIMIT_TOTAL },
    trustProxy: e.TRUST_PROXY,
  };
}

let cached: Config | undefined;

/** Read lazily so that `next build` can import modules without a runtime environment. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
