/**
 * Load for the scenarios: sandbox accounts connected to Herald, posts made through Herald's own
 * createPost, and what the X sandbox received for them.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { connectAccount } from '../lib/accounts/commands';
import { db } from '../lib/db';
import { posts, users } from '../lib/db/schema';
import { createPost } from '../lib/posts/commands';
import { createPostInput } from '../lib/posts/input';
import { setTimeout as delay } from 'node:timers/promises';
import { log } from './env/log';
import type { SandboxProcess } from './env/sandbox';
import { summarize, type Summary } from './stats';

/** Runs `fn` over `items` with at most `concurrency` calls in flight; results in input order. */
export async function pool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(lanes);
  return results;
}

export interface BenchAccount {
  userId: string;
  accountId: string;
  username: string;
  xUserId: string;
}

interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
}

/**
 * `count` sandbox users, each with real tokens minted by the sandbox, connected to a Herald user
 * of their own through lib/accounts' connectAccount (which encrypts the tokens), as signing in does.
 * Minting is off in a sandbox unless asked for: startSandboxChild (bench/env.ts) sets
 * SANDBOX_ALLOW_TOKEN_MINTING=1.
 */
export async function setupAccounts(sandbox: SandboxProcess, tag: string, count: number, concurrency: number): Promise<BenchAccount[]> {
  const indexes = Array.from({ length: count }, (_, i) => i);
  return pool(indexes, concurrency, async (i) => {
    const username = `hb${tag}_${i}`;
    const user = await sandbox.control<{ id: string; username: string; name: string }>('POST', '/users', { username, name: `Bench ${i}` });
    const tokens = await sandbox.control<TokenResponse>('POST', '/tokens', { username });
    const [herald] = await db().insert(users).values({ name: user.name }).returning();
    if (!herald) throw new Error('user insert returned no row');
    const account = await connectAccount(herald.id, { id: user.id, username: user.username, name: user.name, avatarUrl: null }, {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: new Date(Date.now() + tokens.expires_in * 1000),
      scope: tokens.scope,
    });
    return { userId: herald.id, accountId: account.id, username: user.username, xUserId: user.id };
  });
}

export interface PostSpec {
  account: BenchAccount;
  text: string;
  at: Date;
}

export interface CreatedPost {
  id: string;
  text: string;
  scheduledAtMs: number;
  account: BenchAccount;
}

export interface CreationStats {
  count: number;
  elapsedMs: number;
  perSecond: number;
  concurrency: number;
}

/** A text unique per post (the sandbox refuses the same text twice from one user). */
export function postText(prefix: string, i: number): string {
  return `${prefix} #${i} ${randomBytes(4).toString('hex')}`;
}

/**
 * Posts made the one way Herald makes them: the API's input schema, then createPost (insert +
 * delayed BullMQ job in one transaction). Several creations run at once.
 */
export async function createPosts(specs: readonly PostSpec[], concurrency: number): Promise<{ created: CreatedPost[]; stats: CreationStats }> {
  const started = performance.now();
  let done = 0;
  const progress = setInterval(() => log(`  created ${done}/${specs.length}`), 10_000);
  try {
    const created = await pool(specs, concurrency, async (spec) => {
      const input = createPostInput.parse({ accountId: spec.account.accountId, parts: [{ text: spec.text }], scheduledAt: spec.at.toISOString() });
      const view = await createPost(spec.account.userId, input);
      done++;
      if (!view.scheduledAt) throw new Error('created post has no scheduled time');
      return { id: view.id, text: spec.text, scheduledAtMs: Date.parse(view.scheduledAt), account: spec.account };
    });
    const elapsedMs = performance.now() - started;
    return { created, stats: { count: specs.length, elapsedMs, perSecond: (specs.length / elapsedMs) * 1000, concurrency } };
  } finally {
    clearInterval(progress);
  }
}

export type StatusCounts = Record<string, number>;

export async function postStatusCounts(): Promise<StatusCounts> {
  const rows = await db()
    .select({ status: posts.status, n: sql<number>`count(*)::int` })
    .from(posts)
    .groupBy(posts.status);
  const counts: StatusCounts = {};
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/**
 * Waits until `expected` posts have ended (published or failed) in Postgres, or until the
 * deadline; then a short quiet period so that late duplicates, if any, would still be seen.
 */
export async function waitForSettled(expected: number, deadline: number, pollMs = 500): Promise<{ counts: StatusCounts; settled: boolean }> {
  let counts = await postStatusCounts();
  while (Date.now() < deadline) {
    const ended = (counts.published ?? 0) + (counts.failed ?? 0);
    if (ended >= expected) return { counts, settled: true };
    await delay(pollMs);
    counts = await postStatusCounts();
  }
  const ended = (counts.published ?? 0) + (counts.failed ?? 0);
  return { counts, settled: ended >= expected };
}

interface SandboxTweet {
  id: string;
  text: string;
  created_at: number;
}

interface SandboxRequest {
  seq: number;
  status: number | null;
  time: number;
  body: unknown;
  dropped: boolean;
}

function bodyText(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'text' in body) {
    const t = (body as { text: unknown }).text;
    return typeof t === 'string' ? t : undefined;
  }
  return undefined;
}

export interface Outcome {
  created: number;
  /** Posts with exactly one sandbox post. */
  deliveredOnce: number;
  /** Created posts with no sandbox post. */
  lost: number;
  /** Sandbox posts beyond the first for one Herald text. */
  duplicated: number;
  /** Herald texts sent to POST /2/tweets more than once (the sandbox refuses a second copy with 403, which would hide a double publish). */
  duplicateAttempts: number;
  /** Create calls answered with something other than 201, by status. */
  otherStatuses: Record<string, number>;
  statusCounts: StatusCounts;
  /** Sandbox arrival of the create request − scheduled_at. */
  lateness: Summary;
  /** Sandbox created_at (after the added latency and handling) − scheduled_at. */
  latenessCreated: Summary;
  firstArrival: number;
  lastArrival: number;
  /** Sandbox arrival time of the accepted create call, by Herald post id. */
  arrivalById: Record<string, number>;
}

/** What the sandbox received for the scenario's posts (texts start with `prefix`). */
export async function collectOutcome(sandbox: SandboxProcess, created: readonly CreatedPost[], prefix: string): Promise<Outcome> {
  const [tweets, requests] = await Promise.all([
    sandbox.control<SandboxTweet[]>('GET', '/tweets'),
    sandbox.control<SandboxRequest[]>('GET', '/requests?path=%2F2%2Ftweets&method=POST'),
  ]);
  const tweetsByText = new Map<string, SandboxTweet[]>();
  for (const t of tweets) {
    if (!t.text.startsWith(prefix)) continue;
    tweetsByText.set(t.text, [...(tweetsByText.get(t.text) ?? []), t]);
  }
  const requestsByText = new Map<string, SandboxRequest[]>();
  const otherStatuses: Record<string, number> = {};
  for (const r of requests) {
    const text = bodyText(r.body);
    if (!text?.startsWith(prefix)) continue;
    requestsByText.set(text, [...(requestsByText.get(text) ?? []), r]);
    if (r.status !== 201) {
      const key = r.dropped ? 'dropped' : String(r.status);
      otherStatuses[key] = (otherStatuses[key] ?? 0) + 1;
    }
  }
  let deliveredOnce = 0;
  let lost = 0;
  let duplicated = 0;
  let duplicateAttempts = 0;
  const lateness: number[] = [];
  const latenessCreated: number[] = [];
  const arrivalById: Record<string, number> = {};
  let firstArrival = Number.POSITIVE_INFINITY;
  let lastArrival = Number.NEGATIVE_INFINITY;
  for (const post of created) {
    const ts = tweetsByText.get(post.text) ?? [];
    if (ts.length === 0) lost++;
    else if (ts.length === 1) deliveredOnce++;
    else duplicated += ts.length - 1;
    const rs = requestsByText.get(post.text) ?? [];
    if (rs.length > 1) duplicateAttempts++;
    const accepted = rs.find((r) => r.status === 201);
    if (accepted) {
      arrivalById[post.id] = accepted.time;
      lateness.push(accepted.time - post.scheduledAtMs);
      firstArrival = Math.min(firstArrival, accepted.time);
      lastArrival = Math.max(lastArrival, accepted.time);
    }
    const first = ts[0];
    if (first) latenessCreated.push(first.created_at - post.scheduledAtMs);
  }
  return {
    created: created.length,
    deliveredOnce,
    lost,
    duplicated,
    duplicateAttempts,
    otherStatuses,
    statusCounts: await postStatusCounts(),
    lateness: summarize(lateness),
    latenessCreated: summarize(latenessCreated),
    firstArrival,
    lastArrival,
    arrivalById,
  };
}

/** Empties posts between scenarios (accounts stay). */
export async function truncatePosts(): Promise<void> {
  await db().execute(sql`truncate table post_attempts, post_parts, posts`);
}

export interface Phases {
  /** scheduled_at → post_parts.sent_at: BullMQ hands the job over, claim, token, parts (worker clock). */
  dueToSent: Summary;
  /** sent_at → sandbox arrival: marking the part sent, then the X client's request. */
  sentToArrival: Summary;
  /** sandbox arrival → posts.published_at: X's answer (incl. the added latency), recording the id, finishing. */
  arrivalToPublished: Summary;
}

/**
 * Where each post's time went, from Herald's own timestamps (post_parts.sent_at is written just
 * before the create call, posts.published_at when it finishes) and the sandbox's arrival time.
 * Undefined when the schema has no sent_at column.
 */
export async function publishPhases(admin: postgres.Sql, created: readonly CreatedPost[], arrivalById: Record<string, number>): Promise<Phases | undefined> {
  let rows: { id: string; sent: number | null; published: number | null }[];
  try {
    rows = await admin<{ id: string; sent: number | null; published: number | null }[]>`
      select p.id::text as id, extract(epoch from pp.sent_at)::float8 * 1000 as sent, extract(epoch from p.published_at)::float8 * 1000 as published
      from posts p join post_parts pp on pp.post_id = p.id and pp.position = 0`;
  } catch {
    return undefined;
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const dueToSent: number[] = [];
  const sentToArrival: number[] = [];
  const arrivalToPublished: number[] = [];
  for (const post of created) {
    const row = byId.get(post.id);
    const arrival = arrivalById[post.id];
    if (!row || row.sent === null) continue;
    dueToSent.push(row.sent - post.scheduledAtMs);
    if (arrival !== undefined) {
      sentToArrival.push(arrival - row.sent);
      if (row.published !== null) arrivalToPublished.push(row.published - arrival);
    }
  }
  return { dueToSent: summarize(dueToSent), sentToArrival: summarize(sentToArrival), arrivalToPublished: summarize(arrivalToPublished) };
}
