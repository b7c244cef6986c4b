/** GET /2/users/me, and X user objects shared with the timeline's `includes.users`. */
import { authenticate, isReply, type Ctx } from './context';
import { json, type JsonObject, type Reply } from './http-util';
import { fieldEnum, operationParamEnum } from './openapi';
import { invalidParam } from './problems';
import type { SandboxState, SandboxUser } from './state';

/** Parses a comma-separated field list, checking it against X's enum. Returns the bad value on error. */
export function parseList(raw: string | null, allowed: string[]): { ok: true; values: Set<string> } | { ok: false; bad: string } {
  if (raw === null) return { ok: true, values: new Set() };
  const values = raw.split(',').map((s) => s.trim());
  for (const v of values) if (!allowed.includes(v)) return { ok: false, bad: v };
  return { ok: true, values: new Set(values) };
}

export function notOneOf(param: string, bad: string, allowed: string[], headers: Record<string, string>): Reply {
  return invalidParam(param, bad, `The \`${param}\` query parameter value [${bad}] is not one of [${allowed.join(',')}]`, headers);
}

export function avatarUrl(baseUrl: string, user: SandboxUser): string {
  return `${baseUrl}/__sandbox/avatars/${user.id}_normal.svg`;
}

/** An X user object with the default fields (id, name, username) plus the requested ones. */
export function userObject(state: SandboxState, user: SandboxUser, fields: Set<string>, baseUrl: string): JsonObject {
  const o: JsonObject = { id: user.id, name: user.name, username: user.username };
  if (fields.has('created_at')) o.created_at = user.createdAt;
  if (fields.has('description')) o.description = user.description;
  if (fields.has('profile_image_url')) o.profile_image_url = avatarUrl(baseUrl, user);
  if (fields.has('protected')) o.protected = false;
  if (fields.has('verified')) o.verified = false;
  if (fields.has('verified_type')) o.verified_type = 'none';
  if (fields.has('url')) o.url = '';
  if (fields.has('subscription_type')) o.subscription_type = user.subscriptionType;
  if (fields.has('public_metrics')) {
    o.public_metrics = {
      followers_count: 0,
      following_count: 0,
      tweet_count: state.timelines.get(user.id)?.length ?? 0,
      listed_count: 0,
      like_count: 0,
      media_count: 0,
    };
  }
  if (fields.has('most_recent_tweet_id') || fields.has('most_recent_post_id')) {
    const tl = state.timelines.get(user.id);
    const last = tl?.[tl.length - 1];
    if (last) o[fields.has('most_recent_tweet_id') ? 'most_recent_tweet_id' : 'most_recent_post_id'] = last;
  }
  return o;
}

export const USER_FIELDS = [...new Set([...fieldEnum('user.fields'), 'most_recent_tweet_id', 'pinned_tweet_id'])].sort();

/** GET /2/users/me */
export function usersMe(ctx: Ctx): Reply {
  const a = authenticate(ctx, 'GET /2/users/me');
  if (isReply(a)) return a;
  const fields = parseList(ctx.url.searchParams.get('user.fields'), USER_FIELDS);
  if (!fields.ok) return notOneOf('user.fields', fields.bad, USER_FIELDS, a.headers);
  const expansionsAllowed = [...new Set([...operationParamEnum('GET /2/users/me', 'expansions'), 'pinned_tweet_id', 'most_recent_tweet_id'])].sort();
  const expansions = parseList(ctx.url.searchParams.get('expansions'), expansionsAllowed);
  if (!expansions.ok) return notOneOf('expansions', expansions.bad, expansionsAllowed, a.headers);
  return json(200, { data: userObject(ctx.state, a.user, fields.values, ctx.baseUrl) }, a.headers);
}

/** A small generated avatar (X's profile_image_url points at an image; this one is local). */
export function avatarSvg(state: SandboxState, file: string): Reply {
  const id = /^(\d+)/.exec(file)?.[1] ?? '';
  const user = state.users.get(id);
  const letter = (user?.username[0] ?? '?').toUpperCase();
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><rect width="96" height="96" rx="48" fill="hsl(${hue},55%,45%)"/><text x="48" y="62" font-family="sans-serif" font-size="44" text-anchor="middle" fill="#fff">${letter.replace(/[<&>]/g, '')}</text></svg>`;
  return { status: user ? 200 : 404, text: svg, contentType: 'image/svg+xml', headers: { 'cache-control': 'public, max-age=3600' } };
}
