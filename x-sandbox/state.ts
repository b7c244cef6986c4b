/**
 * Everything the sandbox remembers. Lookups are Maps (benchmarks push 10,000 posts): posts by id,
 * each user's timeline as an id list, and each user's post texts as a Set for the duplicate check.
 * Optionally persisted as JSON (dev mode), written at most once a second and on close.
 */
import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { IdGenerator } from './ids';
import { FaultTable } from './faults';
import { systemClock, type Clock } from './clock';
import { RateLimiter, defaultRateLimitConfig, type RateLimitConfig } from './rate-limit';
import type { JsonValue } from './http-util';

export interface SandboxUser {
  id: string;
  username: string;
  name: string;
  createdAt: string;
  description: string;
  /** X's `subscription_type`: Premium and PremiumPlus may post up to premiumMaxWeightedLength. */
  subscriptionType: SubscriptionType;
}

/** The values X documents for `User.subscription_type`. */
export const SUBSCRIPTION_TYPES = ['None', 'Basic', 'Premium', 'PremiumPlus'] as const;
export type SubscriptionType = (typeof SUBSCRIPTION_TYPES)[number];

/** Long posts (up to premiumMaxWeightedLength) for Premium and PremiumPlus, as on X. */
export const maxWeightedLengthFor = (config: SandboxConfig, user: SandboxUser): number =>
  user.subscriptionType === 'Premium' || user.subscriptionType === 'PremiumPlus' ? config.premiumMaxWeightedLength : config.maxWeightedLength;

export interface SandboxClient {
  clientId: string;
  clientSecret?: string;
  /** The app's registered callback URLs: the authorize page redirects to these only (exact match). */
  redirectUris: readonly string[];
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256' | 'plain';
  scopes: string[];
  userId: string;
  expiresAtMs: number;
  used: boolean;
}

export interface AccessTokenRecord {
  token: string;
  clientId: string;
  userId: string;
  scopes: string[];
  expiresAtMs: number;
  grantId: string;
  issuedAtMs: number;
}

export interface RefreshTokenRecord {
  token: string;
  clientId: string;
  userId: string;
  scopes: string[];
  grantId: string;
  issuedAtMs: number;
}

export interface TweetRecord {
  id: string;
  authorId: string;
  text: string;
  replyTo: string | null;
  inReplyToUserId: string | null;
  conversationId: string;
  quoteTweetId: string | null;
  mediaIds: string[];
  /** Wall-clock ms with sub-ms precision. */
  createdAtMs: number;
  deleted: boolean;
  replySettings: string | null;
  /** The JSON body as received (for tests that inspect what was sent). */
  body: JsonValue;
}

export type MediaKind = 'image' | 'gif' | 'video' | 'subtitles' | 'other';

export interface MediaRecord {
  id: string;
  mediaKey: string;
  ownerId: string;
  additionalOwners: string[];
  mediaType: string;
  category: string;
  kind: MediaKind;
  totalBytes: number;
  /** segment_index → bytes received (chunked uploads). */
  segments: Record<string, number>;
  /** `uploading` until finalized; then processing runs from `finalizedAtMs` for `processingMs`. */
  phase: 'uploading' | 'finalized' | 'failed';
  async: boolean;
  createdAtMs: number;
  finalizedAtMs: number | null;
  processingMs: number;
  expiresAtMs: number;
  width: number | null;
  height: number | null;
  altText: string | null;
  failure: string | null;
  chunked: boolean;
}

export interface RecordedRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: JsonValue;
  userId: string | null;
  status: number | null;
  /** True when the connection was destroyed instead of answered. */
  dropped: boolean;
  fault: number | null;
  /** Wall-clock ms (sub-ms precision) when the request arrived / was answered. */
  time: number;
  durationMs: number;
}

export interface SandboxConfig {
  accessTokenTtlSeconds: number;
  codeTtlSeconds: number;
  mediaProcessingMs: number;
  /** X's self-serve rule: replies only to own posts or posts mentioning the replier. */
  replyRestrictions: boolean;
  maxWeightedLength: number;
  /** The limit for authors with X Premium (subscription_type Premium or PremiumPlus). */
  premiumMaxWeightedLength: number;
  imageMaxBytes: number;
  gifMaxBytes: number;
  videoMaxBytes: number;
  rateLimits: RateLimitConfig;
}

export function defaultConfig(): SandboxConfig {
  return {
    accessTokenTtlSeconds: 7200,
    codeTtlSeconds: 30,
    mediaProcessingMs: 1000,
    replyRestrictions: true,
    maxWeightedLength: 280,
    premiumMaxWeightedLength: 25_000,
    imageMaxBytes: 5 * 1024 * 1024,
    gifMaxBytes: 15 * 1024 * 1024,
    videoMaxBytes: 512 * 1024 * 1024,
    rateLimits: defaultRateLimitConfig(),
  };
}

const MAX_RECORDED_REQUESTS = 100_000;

interface PersistedState {
  version: 1;
  /** Files saved before subscriptions existed have users without one. */
  users: (Omit<SandboxUser, 'subscriptionType'> & { subscriptionType?: SubscriptionType })[];
  accessTokens: AccessTokenRecord[];
  refreshTokens: RefreshTokenRecord[];
  tweets: TweetRecord[];
  media: MediaRecord[];
}

export class SandboxState {
  readonly users = new Map<string, SandboxUser>();
  private readonly usersByName = new Map<string, string>();
  readonly clients = new Map<string, SandboxClient>();
  readonly codes = new Map<string, AuthCode>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly tweets = new Map<string, TweetRecord>();
  /** authorId → ids of live posts, oldest first. */
  readonly timelines = new Map<string, string[]>();
  /** authorId → texts of live posts (duplicate check). */
  private readonly textsByUser = new Map<string, Set<string>>();
  /** All posts ever created, in creation order (for /__sandbox/tweets). */
  readonly createdOrder: string[] = [];
  readonly media = new Map<string, MediaRecord>();
  requests: RecordedRequest[] = [];
  private requestSeq = 0;
  readonly faults = new FaultTable();
  latencyMs = 0;
  /**
   * Whether POST /__sandbox/tokens may hand out tokens without the consent page. Set once at
   * start-up and kept out of `config`, so that neither the control API nor a reset can turn it on.
   */
  allowTokenMinting = false;
  readonly ids = new IdGenerator();
  readonly rate: RateLimiter;
  private saveTimer: NodeJS.Timeout | null = null;
  /** The configuration the sandbox started with; `reset()` returns to it. */
  private readonly initialConfig: string;

  constructor(
    public config: SandboxConfig,
    private readonly stateFile?: string,
    /** Expiries, windows and media processing follow this clock (x-sandbox/clock.ts). */
    readonly clock: Clock = systemClock,
  ) {
    this.rate = new RateLimiter(config.rateLimits, clock);
    this.initialConfig = JSON.stringify(config);
  }

  // ---- users -------------------------------------------------------------------------------

  addUser(u: { id?: string; username: string; name?: string; description?: string; createdAt?: string; subscriptionType?: SubscriptionType }): SandboxUser {
    const existing = this.userByUsername(u.username);
    if (existing) return existing;
    const id = u.id ?? this.ids.next();
    const user: SandboxUser = {
      id,
      username: u.username,
      name: u.name ?? u.username,
      createdAt: u.createdAt ?? new Date(this.clock.now()).toISOString(),
      description: u.description ?? `Sandbox account @${u.username}`,
      subscriptionType: u.subscriptionType ?? 'None',
    };
    this.users.set(id, user);
    this.usersByName.set(u.username.toLowerCase(), id);
    this.ids.observe(id);
    this.changed();
    return user;
  }

  userByUsername(username: string): SandboxUser | undefined {
    const id = this.usersByName.get(username.replace(/^@/, '').toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  // ---- posts -------------------------------------------------------------------------------

  isDuplicate(authorId: string, text: string): boolean {
    return text !== '' && (this.textsByUser.get(authorId)?.has(text) ?? false);
  }

  /** Stores a post and indexes it (timeline, duplicate check) unless it was deleted. */
  private remember(t: TweetRecord): void {
    this.tweets.set(t.id, t);
    this.createdOrder.push(t.id);
    this.ids.observe(t.id);
    if (t.deleted) return;
    let tl = this.timelines.get(t.authorId);
    if (!tl) this.timelines.set(t.authorId, (tl = []));
    tl.push(t.id);
    if (t.text !== '') {
      let texts = this.textsByUser.get(t.authorId);
      if (!texts) this.textsByUser.set(t.authorId, (texts = new Set()));
      texts.add(t.text);
    }
  }

  addTweet(t: TweetRecord): void {
    this.remember(t);
    this.changed();
  }

  deleteTweet(t: TweetRecord): void {
    if (t.deleted) return;
    t.deleted = true;
    const tl = this.timelines.get(t.authorId);
    if (tl) {
      const i = tl.lastIndexOf(t.id);
      if (i >= 0) tl.splice(i, 1);
    }
    this.textsByUser.get(t.authorId)?.delete(t.text);
    this.changed();
  }

  // ---- tokens ------------------------------------------------------------------------------

  /** The user a bearer token belongs to, valid or not (for fault matching and request logs). */
  peekTokenUser(token: string): string | undefined {
    return this.accessTokens.get(token)?.userId;
  }

  revokeGrant(grantId: string): number {
    let n = 0;
    for (const [k, v] of this.accessTokens) {
      if (v.grantId === grantId) {
        this.accessTokens.delete(k);
        n++;
      }
    }
    for (const [k, v] of this.refreshTokens) {
      if (v.grantId === grantId) {
        this.refreshTokens.delete(k);
        n++;
      }
    }
    this.changed();
    return n;
  }

  // ---- requests ----------------------------------------------------------------------------

  recordRequest(r: Omit<RecordedRequest, 'seq'>): RecordedRequest {
    const rec: RecordedRequest = { seq: ++this.requestSeq, ...r };
    this.requests.push(rec);
    if (this.requests.length > MAX_RECORDED_REQUESTS) this.requests.splice(0, this.requests.length - MAX_RECORDED_REQUESTS);
    return rec;
  }

  // ---- reset & persistence -----------------------------------------------------------------

  /**
   * Clears posts, media, requests, faults, tokens, codes, rate-limit counters and latency, and
   * returns the configuration to the one the sandbox started with; keeps users and clients, but
   * takes away any X Premium given to them (every user starts a test without it).
   */
  reset(): void {
    Object.assign(this.config, JSON.parse(this.initialConfig) as SandboxConfig);
    for (const user of this.users.values()) user.subscriptionType = 'None';
    this.rate.config = this.config.rateLimits;
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.tweets.clear();
    this.timelines.clear();
    this.textsByUser.clear();
    this.createdOrder.length = 0;
    this.media.clear();
    this.requests = [];
    this.faults.clear();
    this.latencyMs = 0;
    this.rate.clear();
    this.changed();
  }

  changed(): void {
    if (!this.stateFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.saveNow();
    }, 1000);
    this.saveTimer.unref();
  }

  saveNow(): void {
    if (!this.stateFile) return;
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    const data: PersistedState = {
      version: 1,
      users: [...this.users.values()],
      accessTokens: [...this.accessTokens.values()],
      refreshTokens: [...this.refreshTokens.values()],
      tweets: this.createdOrder.map((id) => this.tweets.get(id)).filter((t): t is TweetRecord => t !== undefined),
      media: [...this.media.values()],
    };
    mkdirSync(path.dirname(this.stateFile), { recursive: true });
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, this.stateFile);
  }

  load(): void {
    if (!this.stateFile || !existsSync(this.stateFile)) return;
    let data: PersistedState;
    try {
      data = JSON.parse(readFileSync(this.stateFile, 'utf8')) as PersistedState;
    } catch (err) {
      throw new Error(`x-sandbox: cannot read state file ${this.stateFile}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (data.version !== 1) return;
    for (const u of data.users) {
      if (!this.users.has(u.id) && !this.userByUsername(u.username)) {
        this.users.set(u.id, { ...u, subscriptionType: u.subscriptionType ?? 'None' });
        this.usersByName.set(u.username.toLowerCase(), u.id);
        this.ids.observe(u.id);
      }
    }
    for (const t of data.accessTokens) this.accessTokens.set(t.token, t);
    for (const t of data.refreshTokens) this.refreshTokens.set(t.token, t);
    for (const t of data.tweets) this.remember(t);
    for (const m of data.media) {
      this.media.set(m.id, m);
      this.ids.observe(m.id);
    }
  }
}
