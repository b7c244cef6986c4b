import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AdapterAccountType } from 'next-auth/adapters';

// Auth.js tables: the property names are the adapter's contract, the SQL names are ours.
export const users = pgTable('users', {
  id: text('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text('name'),
  email: text('email').unique(),
  emailVerified: timestamp('email_verified', { mode: 'date' }),
  image: text('image'),
  /** IANA zone the calendar uses; null means "the browser's". */
  timeZone: text('time_zone'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Auth.js's record of which sign-in provider account belongs to which user: named apart from
 * x_accounts (the X accounts Herald publishes to), which are a different thing.
 */
export const authAccounts = pgTable(
  'auth_accounts',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<AdapterAccountType>().notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    // Token columns exist because the adapter writes them; lib/auth strips the values so
    // the only copy of X tokens is the encrypted one in x_accounts.
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable('sessions', {
  sessionToken: text('session_token').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expires: timestamp('expires', { mode: 'date' }).notNull(),
});

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: timestamp('expires', { mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** `disconnected`: the owner disconnected it; Herald revoked and deleted its tokens. */
export const xAccountStatus = pgEnum('x_account_status', ['active', 'reconnect_needed', 'disconnected']);

/**
 * An X account connected for publishing. Tokens are AES-256-GCM ciphertexts bound to this
 * account's X user id (lib/accounts/token-crypto); null once the account is disconnected.
 */
export const xAccounts = pgTable(
  'x_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    xUserId: text('x_user_id').notNull(),
    username: text('username').notNull(),
    name: text('name').notNull(),
    avatarUrl: text('avatar_url'),
    accessTokenEnc: text('access_token_enc'),
    refreshTokenEnc: text('refresh_token_enc'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }).notNull(),
    /**
     * While set and in the future, one process is refreshing the tokens at X. Taken and released
     * in short transactions of their own: nobody holds a row lock while X is asked.
     */
    refreshLeaseUntil: timestamp('refresh_lease_until', { withTimezone: true }),
    scopes: text('scopes').notNull(),
    status: xAccountStatus('status').notNull().default('active'),
    /**
     * X's `subscription_type` as last read from /2/users/me (None, Basic, Premium, PremiumPlus):
     * Premium and PremiumPlus may post long text (lib/x/rules textLimitFor). Text, not an enum:
     * X calls its list an example, and an unknown value simply gets the ordinary limit.
     */
    subscriptionType: text('subscription_type').notNull().default('None'),
    /** When Herald last asked X for it (sign-in, connect, the daily refresh); a failed ask counts too. Null: never. */
    subscriptionCheckedAt: timestamp('subscription_checked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('x_accounts_x_user_id_key').on(t.xUserId),
    index('x_accounts_user_id_idx').on(t.userId),
    // The daily subscription refresh takes the active accounts asked longest ago (never asked first).
    index('x_accounts_subscription_due_idx').on(t.subscriptionCheckedAt.asc().nullsFirst()).where(sql`${t.status} = 'active'`),
  ],
);

export const postStatus = pgEnum('post_status', [
  'draft',
  'scheduled',
  'queued',
  'publishing',
  'published',
  'failed',
  'cancelled',
]);

/** Statuses of a post waiting to be published: it has a time and a job, and holds a place in its user's cap. */
export const WAITING_STATUSES = ['scheduled', 'queued'] as const satisfies readonly PostStatus[];

export const isWaiting = (status: PostStatus): boolean => (WAITING_STATUSES as readonly string[]).includes(status);

/** Who may reply to a published post: X's reply_settings (REPLY_SETTINGS in lib/x/rules; a test keeps the two equal). Null: everyone. */
/**
 * Why a publish attempt did not succeed, as a class admins filter by: X's answer (lib/x/errors
 * XFailure kinds), or Herald's own refusals before sending.
 */
export const failureClass = pgEnum('failure_class', ['permanent', 'unauthorized', 'rate_limited', 'transient', 'unknown_outcome', 'reconnect_needed', 'invalid_post']);
export type FailureClass = (typeof failureClass.enumValues)[number];

export const replySetting = pgEnum('reply_setting', ['following', 'mentionedUsers', 'subscribers', 'verified']);

export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Short and unique: names the post's queue jobs (lib/queue publishJobId), which keeps them small in Redis. */
    jobKey: bigint('job_key', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    xAccountId: uuid('x_account_id')
      .notNull()
      .references(() => xAccounts.id, { onDelete: 'cascade' }),
    /** Ties together posts composed at once (the same text for several accounts). */
    groupId: uuid('group_id').notNull().defaultRandom(),
    status: postStatus('status').notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    /** Bumped by every edit, reschedule and cancel; a queue job for an older revision is stale. */
    revision: integer('revision').notNull().default(1),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The class of lastError; null with it. */
    lastErrorClass: failureClass('last_error_class'),
    /** When a transient failure's retry runs; shown as "retrying — attempt n of m, next at T". */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** While publishing: the worker's claim expires here (database clock), after which another may claim it. */
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    /** New at every claim; every later write of the claim's holder checks it, so a worker that lost its claim is fenced out. */
    claimToken: uuid('claim_token'),
    publishedUrl: text('published_url'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /**
     * The post took its time from its account's posting queue (lib/schedules): it holds that slot
     * while it waits. A time set by hand clears it; it means nothing once the post stops waiting.
     */
    queueSlot: boolean('queue_slot').notNull().default(false),
    /** Sent with every part of the thread; null lets everyone reply. */
    replySettings: replySetting('reply_settings'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('posts_user_scheduled_idx').on(t.userId, t.scheduledAt),
    // The posts list and the calendar's range, paged by (time, id): lib/posts/list-cursor's order.
    index('posts_user_time_idx').on(t.userId, sql`coalesce(${t.scheduledAt}, 'infinity'::timestamptz)`, t.id),
    // Backstop for the queue's per-account lock: two waiting posts never hold one slot.
    uniqueIndex('posts_queue_slot_key')
      .on(t.xAccountId, t.scheduledAt)
      .where(sql`${t.queueSlot} and ${t.status} in ('scheduled', 'queued', 'publishing')`),
    index('posts_due_idx')
      .on(t.scheduledAt)
      .where(sql`${t.status} in ('scheduled', 'queued', 'publishing')`),
    // The admin list: newest failures first, paged by (updated_at, id); read backwards.
    index('posts_failed_idx')
      .on(t.updatedAt, t.id)
      .where(sql`${t.status} = 'failed'`),
    // The admin list filtered by account, owner or error class: the same order within each.
    index('posts_failed_account_idx')
      .on(t.xAccountId, t.updatedAt, t.id)
      .where(sql`${t.status} = 'failed'`),
    index('posts_failed_user_idx')
      .on(t.userId, t.updatedAt, t.id)
      .where(sql`${t.status} = 'failed'`),
    index('posts_failed_class_idx')
      .on(t.lastErrorClass, t.updatedAt, t.id)
      .where(sql`${t.status} = 'failed'`),
    // The sweep of cancelled posts past their retention.
    index('posts_cancelled_idx')
      .on(t.updatedAt)
      .where(sql`${t.status} = 'cancelled'`),
  ],
);

/** A weekly posting slot: weekday and local wall-clock time (HH:MM) in the schedule's zone. */
export interface WeeklySlot {
  day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  time: string;
}

/**
 * An X account's posting schedule (lib/schedules). Slots and blackout dates are small capped
 * lists always read and written whole, hence jsonb rather than rows.
 */
export const accountSchedules = pgTable('account_schedules', {
  xAccountId: uuid('x_account_id')
    .primaryKey()
    .references(() => xAccounts.id, { onDelete: 'cascade' }),
  /** IANA zone the slots' local times and the blackout dates are in; fixed when the schedule is saved. */
  timeZone: text('time_zone').notNull(),
  slots: jsonb('slots').$type<WeeklySlot[]>().notNull().default([]),
  /** Local dates (YYYY-MM-DD) in time_zone on which no slot is offered. */
  blackoutDates: jsonb('blackout_dates').$type<string[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The kinds of media X takes (MEDIA_KINDS in lib/x/rules; a test keeps the two equal). */
export const mediaKind = pgEnum('media_kind', ['image', 'gif', 'video']);

/**
 * A file a user uploaded to Herald's media storage (MEDIA_DIR). Posts refer to it by id; it is
 * uploaded to X at publish time, because X's media ids expire.
 */
export const media = pgTable(
  'media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Path of the file relative to MEDIA_DIR. */
    storageKey: text('storage_key').notNull(),
    /** Sniffed from the file's first bytes, never taken from the client. */
    mimeType: text('mime_type').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    kind: mediaKind('kind').notNull(),
    /** From the image's header when it is cheap to read; null otherwise. */
    width: integer('width'),
    height: integer('height'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Last time a post was saved with this file: the sweep leaves recently used files alone. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('media_user_id_idx').on(t.userId)],
);

/** One media item of a post part: a row of `media` (the user's own) and its alt text. */
export interface PartMedia {
  mediaId: string;
  altText?: string;
}

/** A part's poll (X's CreatePostsPoll, in Herald's spelling). */
export interface PartPoll {
  options: string[];
  durationMinutes: number;
}

/** A part's media already uploaded to X ahead of the post's time, in the part's order. */
export interface PreparedMedia {
  /** X's media ids, one per item of the part's `media`. */
  xMediaIds: string[];
  /** When the first of them expires at X (ISO 8601): after that they are uploaded again. */
  expiresAt: string;
}

export const postParts = pgTable(
  'post_parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    media: jsonb('media').$type<PartMedia[]>().notNull().default([]),
    /** Set the moment X returns it, so a retry never posts this part again. */
    xPostId: text('x_post_id'),
    /**
     * Set just before the create call is sent. A part with this set and no X id may be on X
     * already (the worker died, the connection dropped): look before sending it again.
     */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Media uploaded to X ahead of time (lib/publishing/prepare); replaced parts lose it with their row. */
    xMedia: jsonb('x_media').$type<PreparedMedia>(),
    poll: jsonb('poll').$type<PartPoll>(),
    /** The X post this part quotes. */
    quotePostId: text('quote_post_id'),
    /** The existing X post the thread answers: the first part's only (later parts answer the part before). */
    replyToPostId: text('reply_to_post_id'),
  },
  (t) => [
    check('post_parts_reply_first_only', sql`${t.replyToPostId} is null or ${t.position} = 0`),
    uniqueIndex('post_parts_post_position_key').on(t.postId, t.position),
    // "Is this file still used by a post?" for the media sweep.
    index('post_parts_media_idx').using('gin', sql`${t.media} jsonb_path_ops`),
    // The posts list's search (ILIKE '%words%'): trigrams find rare words without reading every post.
    index('post_parts_text_trgm_idx').using('gin', sql`${t.text} gin_trgm_ops`),
  ],
);

/**
 * Admins named by handle (ADMIN_X_USERNAMES) are pinned to the X user id that held the handle
 * when they first signed in: a handle can change hands, the id cannot.
 */
export const adminHandlePins = pgTable('admin_handle_pins', {
  username: text('username').primaryKey(),
  xUserId: text('x_user_id').notNull(),
  pinnedAt: timestamp('pinned_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What an API token may be allowed to do (lib/auth/actor's Scope). A browser session may do all of it. */
export const tokenScope = pgEnum('token_scope', ['posts:read', 'posts:write']);

/**
 * A personal API token: `Authorization: Bearer <token>` acts as its owner within its scopes. Only
 * the SHA-256 of the token is kept (it is 256 random bits, so a fast hash is enough); the token
 * itself is shown once, when created. Revoked tokens stay listed, and refused.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scopes: tokenScope('scopes').array().notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The token's first characters, so a person can tell their tokens apart. */
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId, t.createdAt)],
);

export type User = typeof users.$inferSelect;
export type XAccount = typeof xAccounts.$inferSelect;
export type Post = typeof posts.$inferSelect;
export type PostPart = typeof postParts.$inferSelect;
export type PostStatus = (typeof postStatus.enumValues)[number];
export type Media = typeof media.$inferSelect;
export type AccountSchedule = typeof accountSchedules.$inferSelect;
export type XAccountStatus = (typeof xAccountStatus.enumValues)[number];
export type ApiToken = typeof apiTokens.$inferSelect;
export type TokenScope = (typeof tokenScope.enumValues)[number];

// ---- Webhooks (lib/webhooks) ------------------------------------------------------------------

/** What a webhook may subscribe to: lib/events/types EVENT_TYPES (lib/webhooks/commands only compiles while each of those is one of these). */
export const webhookEvent = pgEnum('webhook_event', ['post.scheduled', 'post.published', 'post.failed', 'account.reconnect_needed']);

/**
 * A URL a user asked Herald to POST their events to. The signing secret is sealed (lib/crypto),
 * not hashed: every delivery needs it back to sign its body. It is shown once, when created.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: webhookEvent('events').array().notNull(),
    secretEnc: text('secret_enc').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhooks_user_idx').on(t.userId, t.createdAt)],
);

/** pending: queued or waiting for its next attempt; the others are final. */
export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', ['pending', 'delivered', 'failed', 'refused']);

/**
 * One event sent to one webhook, with how its last attempt went. `body` is the exact JSON sent,
 * so every retry signs and sends the same bytes. Only the newest few per webhook are kept.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: webhookEvent('event_type').notNull(),
    body: text('body').notNull(),
    status: webhookDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** The receiver's HTTP status at the last attempt; null when none came (refused, timed out). */
    responseStatus: integer('response_status'),
    /** The start of the receiver's answer at the last attempt (capped). */
    responseBody: text('response_body'),
    /** Why the last attempt did not deliver, in words. */
    error: text('error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt)],
);

export type Webhook = typeof webhooks.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookEvent = (typeof webhookEvent.enumValues)[number];
// ── Admin console (issue 10): the publishing switch and the audit log of admin actions ──

/**
 * One row (id is always true): whether publishing is paused. Postgres holds it so that the pause
 * outlives worker restarts and a Redis flush; the worker reads it before every publish job.
 */
export const publishingState = pgTable(
  'publishing_state',
  {
    id: boolean('id').primaryKey().default(true),
    paused: boolean('paused').notNull().default(false),
    changedBy: text('changed_by').references(() => users.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('publishing_state_one_row', sql`${t.id}`)],
);

export const adminAction = pgEnum('admin_action', ['pause', 'resume', 'retry', 'retry_matching', 'cancel']);
export type AdminAction = (typeof adminAction.enumValues)[number];

/** The filter of the failed-posts list an action applied to (null fields: not filtered on). */
export interface AdminFilter {
  accountId: string | null;
  userId: string | null;
  errorClass: FailureClass | null;
}

/** Who did what to which posts, when. `postIds` keeps at most the first 100; `count` is them all. */
export const adminAudit = pgTable(
  'admin_audit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Kept when the admin's user is deleted: the record is of what happened.
    adminUserId: text('admin_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: adminAction('action').notNull(),
    postIds: uuid('post_ids').array().notNull().default(sql`'{}'::uuid[]`),
    filter: jsonb('filter').$type<AdminFilter>(),
    count: integer('count').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('admin_audit_at_idx').on(t.at, t.id)],
);
export type AdminAuditRow = typeof adminAudit.$inferSelect;
// ── Notifications and token health (issue 10; lib/notifications, lib/mail, lib/accounts/token-health) ──

/** What a user is told about in the app (the bell) and by email; a subset of lib/events EVENT_TYPES. */
export const notificationType = pgEnum('notification_type', ['post.failed', 'account.reconnect_needed']);

/**
 * One line of a user's notification list. Title and body are written when it is made (the
 * @username and the reason as they were then); `link` is a path inside Herald. Each user keeps
 * the newest NOTIFICATIONS_KEPT_PER_USER (lib/notifications/store); older ones are swept as new ones come.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: notificationType('type').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The list, newest first, paged by (created_at, id); also the cap's sweep.
    index('notifications_user_created_idx').on(t.userId, t.createdAt, t.id),
    // The bell's count.
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);

/**
 * Where a user's notification emails go. X's sign-in gives Herald no address, so the user sets one
 * on the Settings page; without one no email is sent. Kept apart from users.email (Auth.js's,
 * unique): two Herald users may share an inbox.
 */
export const notificationSettings = pgTable('notification_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  email: text('email'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** When the token health check (lib/accounts/token-health) last took this account; one row per account checked. */
export const tokenChecks = pgTable('token_checks', {
  xAccountId: uuid('x_account_id')
    .primaryKey()
    .references(() => xAccounts.id, { onDelete: 'cascade' }),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
});

export type Notification = typeof notifications.$inferSelect;
export type NotificationType = (typeof notificationType.enumValues)[number];
// ---- Publish attempts (issue 10: each post's attempt history) ---------------------------------

/** How one claimed attempt at publishing ended. */
export const attemptOutcome = pgEnum('attempt_outcome', ['published', 'retry', 'failed']);

/**
 * One row per attempt a worker made at publishing a post: written with the statement that ends
 * the attempt (lib/publishing/attempts), so the history costs the hot path no extra round trip.
 * Jobs that found nothing to do (stale, too early) are not attempts.
 */
export const postAttempts = pgTable(
  'post_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    /** The post's attempt count when this attempt was claimed (1 for the first). */
    attempt: integer('attempt').notNull(),
    /** When the worker claimed the post (database clock). */
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
    /** The worker process that made it (host-pid, as in its heartbeat). */
    worker: text('worker').notNull(),
    outcome: attemptOutcome('outcome').notNull(),
    /** The HTTP status X answered the attempt's last call with; null when X gave no answer. */
    xStatus: integer('x_status'),
    errorClass: failureClass('error_class'),
    /** Herald's reason, as shown on the post (bounded when written). */
    error: text('error'),
  },
  (t) => [index('post_attempts_post_idx').on(t.postId, t.id)],
);

export type PostAttempt = typeof postAttempts.$inferSelect;
export type AttemptOutcome = (typeof attemptOutcome.enumValues)[number];
// --- Idempotency keys (issue 10, point 7): lib/idempotency ---

/**
 * An `Idempotency-Key` a user sent with a POST, and the answer it got: the same key and body
 * within 24 hours gets that answer again and creates nothing. `status` is null while the first
 * request is still running (a second one meanwhile is a 409). Swept after 24 hours.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** `POST /api/v1/posts`: the same key on another route is another request. */
    request: text('request').notNull(),
    /** SHA-256 (hex) of the body as sent; null until a streamed body (an upload) has been read. */
    bodyHash: text('body_hash'),
    status: integer('status'),
    responseBody: text('response_body'),
    responseType: text('response_type'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
