/** The control API under /__sandbox/ (never on X's paths): recording, reset, faults, tokens, users. */
import { z } from 'zod';
import type { Ctx } from './context';
import { faultListInput } from './faults';
import { isJsonObject, json, type JsonValue, type Reply } from './http-util';
import { failProcessing, processingInfo } from './media';
import { mintTokens } from './oauth';
import { SCOPES } from './openapi';
import { SUBSCRIPTION_TYPES, type SandboxState, type SandboxUser, type TweetRecord } from './state';
import { avatarSvg } from './users';

function bad(message: string): Reply {
  return json(400, { error: message });
}

function bodyOf(ctx: Ctx): JsonValue | undefined {
  const p = ctx.parsed;
  if (p.kind === 'json') return p.value;
  if (p.kind === 'empty') return {};
  if (p.kind === 'form') return p.value;
  return undefined;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };

function parse<T>(ctx: Ctx, schema: z.ZodType<T>): Parsed<T> {
  const body = bodyOf(ctx);
  if (body === undefined) return { ok: false, reply: bad('expected a JSON body') };
  const r = schema.safeParse(body);
  if (!r.success) {
    return { ok: false, reply: bad(r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')) };
  }
  return { ok: true, value: r.data };
}

export function tweetView(state: SandboxState, t: TweetRecord): Record<string, JsonValue> {
  return {
    id: t.id,
    author_id: t.authorId,
    username: state.users.get(t.authorId)?.username ?? null,
    text: t.text,
    reply_to: t.replyTo,
    conversation_id: t.conversationId,
    quote_tweet_id: t.quoteTweetId,
    media_ids: t.mediaIds,
    // What reached X, as sent: the poll, the reply target and who may reply (null: everyone).
    poll: isJsonObject(t.body) && isJsonObject(t.body.poll) ? t.body.poll : null,
    reply_settings: t.replySettings,
    created_at: t.createdAtMs,
    created_at_iso: new Date(Math.floor(t.createdAtMs)).toISOString(),
    deleted: t.deleted,
    body: t.body,
  };
}

function userView(u: SandboxUser): Record<string, JsonValue> {
  return { id: u.id, username: u.username, name: u.name, created_at: u.createdAt, subscription_type: u.subscriptionType };
}

const userIdBody = z.object({ userId: z.string().optional(), username: z.string().optional() }).strict();

function resolveUserId(state: SandboxState, b: { userId?: string | undefined; username?: string | undefined }): string | undefined | null {
  if (b.userId !== undefined) return b.userId;
  if (b.username !== undefined) return state.userByUsername(b.username)?.id ?? null;
  return undefined;
}

const windowInput = z.object({ limit: z.number().int().min(0), windowSeconds: z.number().int().min(1).default(900) });
const configInput = z
  .object({
    accessTokenTtlSeconds: z.number().int().min(1).optional(),
    codeTtlSeconds: z.number().int().min(1).optional(),
    mediaProcessingMs: z.number().int().min(0).optional(),
    replyRestrictions: z.boolean().optional(),
    maxWeightedLength: z.number().int().min(1).optional(),
    premiumMaxWeightedLength: z.number().int().min(1).optional(),
    imageMaxBytes: z.number().int().min(1).optional(),
    gifMaxBytes: z.number().int().min(1).optional(),
    videoMaxBytes: z.number().int().min(1).optional(),
  })
  .strict();
const rateLimitsInput = z
  .object({
    windows: z.record(z.string(), windowInput).optional(),
    tweetsPer24h: z.number().int().min(0).nullable().optional(),
  })
  .strict();

const MINTING_OFF =
  'POST /__sandbox/tokens (tokens without the consent page) is off: start the sandbox with ' +
  'allowTokenMinting: true (startSandbox) or SANDBOX_ALLOW_TOKEN_MINTING=1 (x-sandbox/main.ts)';

/** Routes /__sandbox/...; returns undefined when no route matches. */
export function control(ctx: Ctx): Reply | undefined {
  const { state, method } = ctx;
  const route = ctx.path.slice('/__sandbox'.length) || '/';

  if (route === '/health' && method === 'GET') return json(200, { ok: true });

  if (route === '/tweets' && method === 'GET') {
    const q = ctx.url.searchParams;
    const byUser = q.get('userId') ?? (q.get('username') ? state.userByUsername(q.get('username') ?? '')?.id ?? '-' : null);
    const out: Record<string, JsonValue>[] = [];
    for (const id of state.createdOrder) {
      const t = state.tweets.get(id);
      if (!t || (byUser !== null && t.authorId !== byUser)) continue;
      out.push(tweetView(state, t));
    }
    return json(200, out);
  }

  if (route === '/requests' && method === 'GET') {
    const q = ctx.url.searchParams;
    const p = q.get('path');
    const m = q.get('method')?.toUpperCase();
    const since = Number(q.get('since') ?? '0');
    return json(
      200,
      state.requests.filter((r) => (p === null || r.path === p) && (m === undefined || r.method === m) && r.seq > since),
    );
  }

  if (route === '/reset' && method === 'POST') {
    state.reset();
    return json(200, { reset: true });
  }

  if (route === '/faults') {
    if (method === 'GET') return json(200, state.faults.list());
    if (method === 'DELETE') {
      state.faults.clear();
      return json(200, { cleared: true });
    }
    if (method === 'POST') {
      const parsed = parse(ctx, faultListInput);
      if (!parsed.ok) return parsed.reply;
      const input = parsed.value;
      const added = state.faults.add(Array.isArray(input) ? input : [input]);
      return json(201, added);
    }
  }

  if (route === '/latency') {
    if (method === 'GET') return json(200, { ms: state.latencyMs });
    if (method === 'POST') {
      const parsed = parse(ctx, z.object({ ms: z.number().min(0).max(600_000) }).strict());
      if (!parsed.ok) return parsed.reply;
      const input = parsed.value;
      state.latencyMs = input.ms;
      return json(200, { ms: state.latencyMs });
    }
    if (method === 'DELETE') {
      state.latencyMs = 0;
      return json(200, { ms: 0 });
    }
  }

  if (route === '/config') {
    if (method === 'GET') return json(200, state.config);
    if (method === 'POST') {
      const parsed = parse(ctx, configInput);
      if (!parsed.ok) return parsed.reply;
      const input = parsed.value;
      for (const [k, v] of Object.entries(input)) if (v !== undefined) Object.assign(state.config, { [k]: v });
      return json(200, state.config);
    }
  }

  if (route === '/rate-limits') {
    if (method === 'GET') return json(200, state.config.rateLimits);
    if (method === 'POST') {
      const parsed = parse(ctx, rateLimitsInput);
      if (!parsed.ok) return parsed.reply;
      const input = parsed.value;
      const rl = state.config.rateLimits;
      if (input.windows) for (const [k, v] of Object.entries(input.windows)) rl.windows[k] = v;
      if (input.tweetsPer24h !== undefined) rl.tweetsPer24h = input.tweetsPer24h;
      state.rate.config = rl;
      state.rate.clear();
      return json(200, rl);
    }
  }

  if (route === '/users') {
    if (method === 'GET') return json(200, [...state.users.values()].map(userView));
    if (method === 'POST') {
      const parsed = parse(
        ctx,
        z
          .object({
            username: z.string().regex(/^@?[A-Za-z0-9_]{1,15}$/),
            name: z.string().min(1).max(50).optional(),
            id: z.string().regex(/^[0-9]{1,19}$/).optional(),
            subscriptionType: z.enum(SUBSCRIPTION_TYPES).optional(),
          })
          .strict(),
      );
      if (!parsed.ok) return parsed.reply;
      const input = parsed.value;
      const username = input.username.replace(/^@/, '');
      const existing = state.userByUsername(username);
      if (existing) return json(200, userView(existing));
      if (input.id !== undefined && state.users.has(input.id)) return bad(`user id ${input.id} is taken`);
      const u = state.addUser({
        username,
        ...(input.name ? { name: input.name } : {}),
        ...(input.id ? { id: input.id } : {}),
        ...(input.subscriptionType ? { subscriptionType: input.subscriptionType } : {}),
      });
      return json(201, userView(u));
    }
  }

  // A user gains or loses X Premium (GET /2/users/me's subscription_type, and the post length limit).
  if (route === '/users/subscription' && method === 'POST') {
    const parsed = parse(ctx, userIdBody.extend({ subscriptionType: z.enum(SUBSCRIPTION_TYPES) }));
    if (!parsed.ok) return parsed.reply;
    const userId = resolveUserId(state, parsed.value);
    const user = userId ? state.users.get(userId) : undefined;
    if (!user) return bad('unknown user (give userId or username)');
    user.subscriptionType = parsed.value.subscriptionType;
    state.changed();
    return json(200, userView(user));
  }

  if (route === '/tokens') {
    if (method === 'GET') {
      const now = state.clock.now();
      return json(200, {
        access: [...state.accessTokens.values()].map((t) => ({
          token: `…${t.token.slice(-4)}`,
          userId: t.userId,
          clientId: t.clientId,
          scopes: t.scopes,
          expiresAt: t.expiresAtMs,
          expired: t.expiresAtMs <= now,
        })),
        refresh: [...state.refreshTokens.values()].map((t) => ({
          token: `…${t.token.slice(-4)}`,
          userId: t.userId,
          clientId: t.clientId,
          scopes: t.scopes,
        })),
      });
    }
    if (method === 'POST') {
      if (!state.allowTokenMinting) return json(404, { error: MINTING_OFF });
      const parsed = parse(
        ctx,
        z
          .object({
            userId: z.string().optional(),
            username: z.string().optional(),
            clientId: z.string().optional(),
            scopes: z.array(z.string()).optional(),
          })
          .strict(),
      );
      if (!parsed.ok) return parsed.reply;
      const input = parsed.value;
      const userId = resolveUserId(state, input);
      if (!userId || !state.users.has(userId)) return bad('unknown user (give userId or username)');
      const client = input.clientId !== undefined ? state.clients.get(input.clientId) : state.clients.values().next().value;
      if (!client) return bad('unknown client');
      const scopes = input.scopes ?? ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'];
      const unknown = scopes.filter((s) => !(s in SCOPES));
      if (unknown.length) return bad(`unknown scopes: ${unknown.join(', ')}`);
      return mintTokens(ctx, client, userId, scopes);
    }
  }

  if (route === '/tokens/expire' && method === 'POST') {
    const parsed = parse(ctx, userIdBody.extend({ inSeconds: z.number().int().min(0).optional() }));
    if (!parsed.ok) return parsed.reply;
    const input = parsed.value;
    const userId = resolveUserId(state, input);
    if (userId === null) return bad('unknown username');
    // Expired now (default), or expiring in `inSeconds` (tests of refreshing ahead of expiry).
    const now = state.clock.now();
    const at = input.inSeconds ? now + input.inSeconds * 1000 : now - 1;
    let n = 0;
    for (const t of state.accessTokens.values()) {
      if (userId === undefined || t.userId === userId) {
        t.expiresAtMs = Math.min(t.expiresAtMs, at);
        n++;
      }
    }
    state.changed();
    return json(200, { expired: n });
  }

  if ((route === '/tokens/revoke-refresh' || route === '/tokens/revoke') && method === 'POST') {
    const parsed = parse(ctx, userIdBody);
    if (!parsed.ok) return parsed.reply;
    const input = parsed.value;
    const userId = resolveUserId(state, input);
    if (userId === null) return bad('unknown username');
    let refresh = 0;
    let access = 0;
    for (const [k, t] of state.refreshTokens) {
      if (userId === undefined || t.userId === userId) {
        state.refreshTokens.delete(k);
        refresh++;
      }
    }
    if (route === '/tokens/revoke') {
      for (const [k, t] of state.accessTokens) {
        if (userId === undefined || t.userId === userId) {
          state.accessTokens.delete(k);
          access++;
        }
      }
    }
    state.changed();
    return json(200, { revokedRefresh: refresh, revokedAccess: access });
  }

  if (route === '/media' && method === 'GET') {
    const now = state.clock.now();
    return json(
      200,
      [...state.media.values()].map((m) => ({
        id: m.id,
        media_key: m.mediaKey,
        owner_id: m.ownerId,
        media_type: m.mediaType,
        media_category: m.category,
        total_bytes: m.totalBytes,
        phase: m.phase,
        chunked: m.chunked,
        processing_info: (processingInfo(m, now) ?? null) as JsonValue,
        alt_text: m.altText,
      })),
    );
  }

  const failMatch = /^\/media\/([0-9]+)\/fail$/.exec(route);
  if (failMatch && method === 'POST') {
    const m = state.media.get(failMatch[1] ?? '');
    if (!m) return json(404, { error: 'unknown media id' });
    const body = bodyOf(ctx) ?? null;
    const given = isJsonObject(body) ? body.message : undefined;
    failProcessing(m, typeof given === 'string' ? given : 'Unsupported video format.', state.clock.now());
    return json(200, { id: m.id, failed: true });
  }

  const avatar = /^\/avatars\/([A-Za-z0-9_.-]+)$/.exec(route);
  if (avatar && method === 'GET') return avatarSvg(state, avatar[1] ?? '');

  return undefined;
}
