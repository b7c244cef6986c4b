/** POST /2/tweets, DELETE /2/tweets/{id}, GET /2/users/{id}/tweets. */
import twitterText from 'twitter-text';
import { authenticate, isReply, withHeaders, type Ctx } from './context';
import { isJsonObject, json, preciseNow, type JsonObject, type JsonValue, type Reply } from './http-util';
import { mediaUsableBy } from './media';
import { fieldEnum, operationParamEnum, validateAgainst } from './openapi';
import {
  DUPLICATE_DETAIL,
  INVALID_MEDIA_MESSAGE,
  NOT_JSON_MESSAGE,
  REPLY_NOT_ALLOWED_DETAIL,
  REPLY_TARGET_GONE_DETAIL,
  TOO_LONG_MESSAGE,
  blankProblem,
  invalidParam,
  invalidRequest,
  resourceNotFoundError,
  tooManyRequests,
} from './problems';
import { dailyHeaders } from './rate-limit';
import { maxWeightedLengthFor, type MediaRecord, type SandboxState, type TweetRecord } from './state';
import { USER_FIELDS, notOneOf, parseList, userObject } from './users';

const ID_RE = /^[0-9]{1,19}$/;

function mentions(text: string, username: string): boolean {
  const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])[@＠]${escaped}(?![A-Za-z0-9_])`, 'i').test(text);
}

/** POST /2/tweets */
export function createTweet(ctx: Ctx): Reply {
  const state = ctx.state;
  // Every answer about creating a post carries the 24-hour user limit too, 429s included.
  const a = authenticate(ctx, 'POST /2/tweets', (userId) => dailyHeaders(state.rate.dailyState(userId)));
  if (isReply(a)) return a;
  const user = a.user;
  const headers = (): Record<string, string> => ({ ...a.headers, ...dailyHeaders(state.rate.dailyState(user.id)) });

  const p = ctx.parsed;
  if (p.kind === 'invalid-json') {
    return invalidParam('body', [], `Request body is not valid JSON: ${p.error}`, headers());
  }
  if (p.kind !== 'json') return invalidParam('Content-Type', [], NOT_JSON_MESSAGE, headers());
  const errors = validateAgainst('CreatePostsRequest', p.value);
  if (errors.length) return invalidRequest(errors, headers());
  if (!isJsonObject(p.value)) return invalidRequest([], headers());
  const body = p.value;

  const text = typeof body.text === 'string' ? body.text : '';
  const media = isJsonObject(body.media) ? body.media : undefined;
  const mediaIds = Array.isArray(media?.media_ids) ? media.media_ids.filter((x): x is string => typeof x === 'string') : [];
  const reply = isJsonObject(body.reply) ? body.reply : undefined;
  const replyTo = typeof reply?.in_reply_to_tweet_id === 'string' ? reply.in_reply_to_tweet_id : null;
  const quoteId = typeof body.quote_tweet_id === 'string' ? body.quote_tweet_id : null;

  if (body.edit_options !== undefined) {
    return invalidParam('$.edit_options', JSON.stringify(body.edit_options), '$.edit_options: editing posts is not supported by the X sandbox', headers());
  }
  // X's rule for a post with a poll (from the TweetCreateRequest descriptions X has published):
  // it carries no media and quotes no post.
  if (body.poll !== undefined && (media !== undefined || quoteId !== null)) {
    const other = media !== undefined ? 'media' : 'quote_tweet_id';
    return invalidParam(`$.${other}`, JSON.stringify(body[other]), `$.poll: a post with a poll cannot have ${other === 'media' ? 'media' : 'a quoted post'}`, headers());
  }
  if (text === '' && mediaIds.length === 0) {
    return invalidParam('text', '', 'Post text must not be empty unless media is attached.', headers());
  }
  const parsedText = twitterText.parseTweet(text);
  // X's limit is the author's: 280 weighted characters, or 25,000 with X Premium.
  if (parsedText.weightedLength > maxWeightedLengthFor(state.config, user)) {
    return invalidParam('text', text, TOO_LONG_MESSAGE, headers());
  }
  if (twitterText.extractCashtags(text).length > 1) {
    return blankProblem(403, 'Posts are limited to a maximum of one cashtag.', headers());
  }

  let replyTarget: TweetRecord | undefined;
  if (replyTo !== null) {
    replyTarget = state.tweets.get(replyTo);
    if (!replyTarget || replyTarget.deleted) return blankProblem(403, REPLY_TARGET_GONE_DETAIL, headers());
    if (state.config.replyRestrictions && replyTarget.authorId !== user.id && !mentions(replyTarget.text, user.username)) {
      return blankProblem(403, REPLY_NOT_ALLOWED_DETAIL, headers());
    }
  }
  if (quoteId !== null) {
    const quoted = state.tweets.get(quoteId);
    if (!quoted || quoted.deleted) {
      return blankProblem(403, 'You attempted to quote a Tweet that is deleted or not visible to you.', headers());
    }
  }

  if (mediaIds.length) {
    const now = state.clock.now();
    const records: MediaRecord[] = [];
    for (const id of mediaIds) {
      const m = state.media.get(id);
      if (!m || !mediaUsableBy(m, user.id, now)) return invalidParam('media.media_ids', mediaIds, INVALID_MEDIA_MESSAGE, headers());
      records.push(m);
    }
    const animated = records.filter((m) => m.kind !== 'image').length;
    if (new Set(mediaIds).size !== mediaIds.length || (animated > 0 && records.length > 1)) {
      return invalidParam('media.media_ids', mediaIds, INVALID_MEDIA_MESSAGE, headers());
    }
  }

  if (state.isDuplicate(user.id, text)) return blankProblem(403, DUPLICATE_DETAIL, headers());

  const daily = state.rate.dailyState(user.id);
  if (daily?.limited) return tooManyRequests(headers());

  const id = state.ids.next();
  const createdAtMs = preciseNow();
  const tweet: TweetRecord = {
    id,
    authorId: user.id,
    text,
    replyTo,
    inReplyToUserId: replyTarget?.authorId ?? null,
    conversationId: replyTarget?.conversationId ?? id,
    quoteTweetId: quoteId,
    mediaIds,
    createdAtMs,
    deleted: false,
    replySettings: typeof body.reply_settings === 'string' ? body.reply_settings : null,
    body: body as JsonValue,
  };
  state.addTweet(tweet);
  state.rate.consumeDaily(user.id);
  return json(201, { data: { id, text, edit_history_tweet_ids: [id] } }, headers());
}

/** DELETE /2/tweets/{id} */
export function deleteTweet(ctx: Ctx): Reply {
  const a = authenticate(ctx, 'DELETE /2/tweets/{id}');
  if (isReply(a)) return a;
  const id = ctx.params.id ?? '';
  if (!ID_RE.test(id)) return invalidParam('id', id, `The \`id\` query parameter value [${id}] is not valid`, a.headers);
  const t = ctx.state.tweets.get(id);
  if (!t || t.deleted) return json(200, { data: { deleted: false } }, a.headers);
  if (t.authorId !== a.user.id) return blankProblem(403, 'You are not allowed to delete a Tweet that is not your own.', a.headers);
  ctx.state.deleteTweet(t);
  return json(200, { data: { deleted: true } }, a.headers);
}

// ---- timeline ----------------------------------------------------------------------------------

const TWEET_FIELDS = fieldEnum('tweet.fields');
const TIMELINE = 'GET /2/users/{id}/tweets';
const EXPANSIONS = [
  ...new Set([
    ...operationParamEnum(TIMELINE, 'expansions'),
    'author_id',
    'attachments.media_keys',
    'referenced_tweets.id',
    'referenced_tweets.id.author_id',
    'in_reply_to_user_id',
    'edit_history_tweet_ids',
  ]),
].sort();
const MEDIA_FIELDS = fieldEnum('media.fields');

const B32 = '0123456789abcdefghijklmnopqrstuv';

/** Pagination tokens: base32hex of the id of the first post of the next page. */
export function encodeToken(id: string): string {
  return BigInt(id).toString(32);
}

export function decodeToken(token: string): string | undefined {
  if (!/^[0-9a-v]{1,20}$/.test(token)) return undefined;
  let n = 0n;
  for (const ch of token) n = n * 32n + BigInt(B32.indexOf(ch));
  return n.toString();
}

function iso(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}

function tweetObject(state: SandboxState, t: TweetRecord, fields: Set<string>): JsonObject {
  const o: JsonObject = { id: t.id, text: t.text, edit_history_tweet_ids: [t.id] };
  if (fields.has('edit_history_post_ids')) o.edit_history_post_ids = [t.id];
  if (fields.has('created_at')) o.created_at = iso(t.createdAtMs);
  if (fields.has('author_id')) o.author_id = t.authorId;
  if (fields.has('conversation_id')) o.conversation_id = t.conversationId;
  if (fields.has('in_reply_to_user_id') && t.inReplyToUserId) o.in_reply_to_user_id = t.inReplyToUserId;
  const refs: JsonObject[] = [];
  if (t.replyTo) refs.push({ type: 'replied_to', id: t.replyTo });
  if (t.quoteTweetId) refs.push({ type: 'quoted', id: t.quoteTweetId });
  if (fields.has('referenced_tweets') && refs.length) o.referenced_tweets = refs;
  if (fields.has('referenced_posts') && refs.length) o.referenced_posts = refs;
  if (fields.has('attachments') && t.mediaIds.length) {
    o.attachments = { media_keys: t.mediaIds.map((id) => state.media.get(id)?.mediaKey ?? `3_${id}`) };
  }
  if (fields.has('reply_settings')) o.reply_settings = t.replySettings ?? 'everyone';
  if (fields.has('possibly_sensitive')) o.possibly_sensitive = false;
  if (fields.has('lang')) o.lang = 'en';
  if (fields.has('public_metrics')) {
    o.public_metrics = { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 };
  }
  if (fields.has('edit_controls')) {
    o.edit_controls = { edits_remaining: 5, is_edit_eligible: t.mediaIds.length === 0, editable_until: iso(t.createdAtMs + 3_600_000) };
  }
  return o;
}

function mediaObject(m: MediaRecord, fields: Set<string>): JsonObject {
  const type = m.kind === 'video' ? 'video' : m.kind === 'gif' && m.async ? 'animated_gif' : 'photo';
  const o: JsonObject = { media_key: m.mediaKey, type };
  if (fields.has('width') && m.width) o.width = m.width;
  if (fields.has('height') && m.height) o.height = m.height;
  if (fields.has('alt_text') && m.altText) o.alt_text = m.altText;
  return o;
}

function parseTime(v: string | null): number | null | undefined {
  if (v === null) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** GET /2/users/{id}/tweets */
export function userTimeline(ctx: Ctx): Reply {
  const a = authenticate(ctx, TIMELINE);
  if (isReply(a)) return a;
  const state = ctx.state;
  const q = ctx.url.searchParams;
  const h = a.headers;
  const id = ctx.params.id ?? '';
  if (!ID_RE.test(id)) return invalidParam('id', id, `The \`id\` query parameter value [${id}] is not valid`, h);

  const rawMax = q.get('max_results');
  let max = 10;
  if (rawMax !== null) {
    max = Number(rawMax);
    if (!/^\d+$/.test(rawMax) || max < 5 || max > 100) {
      return invalidParam('max_results', rawMax, `The \`max_results\` query parameter value [${rawMax}] is not between 5 and 100`, h);
    }
  }
  for (const name of ['since_id', 'until_id'] as const) {
    const v = q.get(name);
    if (v !== null && !ID_RE.test(v)) return invalidParam(name, v, `The \`${name}\` query parameter value [${v}] is not valid`, h);
  }
  const start = parseTime(q.get('start_time'));
  const end = parseTime(q.get('end_time'));
  if (start === undefined) return invalidParam('start_time', q.get('start_time') ?? '', `Invalid 'start_time':'${q.get('start_time') ?? ''}'.`, h);
  if (end === undefined) return invalidParam('end_time', q.get('end_time') ?? '', `Invalid 'end_time':'${q.get('end_time') ?? ''}'.`, h);
  const exclude = parseList(q.get('exclude'), ['replies', 'retweets']);
  if (!exclude.ok) return notOneOf('exclude', exclude.bad, ['replies', 'retweets'], h);

  let fields = new Set<string>();
  for (const name of ['tweet.fields', 'post.fields'] as const) {
    const f = parseList(q.get(name), TWEET_FIELDS);
    if (!f.ok) return notOneOf(name, f.bad, TWEET_FIELDS, h);
    fields = new Set([...fields, ...f.values]);
  }
  const userFields = parseList(q.get('user.fields'), USER_FIELDS);
  if (!userFields.ok) return notOneOf('user.fields', userFields.bad, USER_FIELDS, h);
  const mediaFields = parseList(q.get('media.fields'), MEDIA_FIELDS);
  if (!mediaFields.ok) return notOneOf('media.fields', mediaFields.bad, MEDIA_FIELDS, h);
  const expansions = parseList(q.get('expansions'), EXPANSIONS);
  if (!expansions.ok) return notOneOf('expansions', expansions.bad, EXPANSIONS, h);

  let startAfter: string | null = null;
  const token = q.get('pagination_token');
  if (token !== null) {
    const decoded = decodeToken(token);
    if (!decoded) return invalidParam('pagination_token', token, `The \`pagination_token\` query parameter value [${token}] is not valid`, h);
    startAfter = decoded;
  }

  const owner = state.users.get(id);
  if (!owner) return withHeaders(json(200, { errors: [resourceNotFoundError('user', 'id', id)] }), h);

  const sinceId = q.get('since_id');
  const untilId = q.get('until_id');
  const tl = state.timelines.get(id) ?? [];
  const page: TweetRecord[] = [];
  let next: TweetRecord | undefined;
  for (let i = tl.length - 1; i >= 0; i--) {
    const t = state.tweets.get(tl[i] as string);
    if (!t) continue;
    if (startAfter !== null && BigInt(t.id) > BigInt(startAfter)) continue;
    if (sinceId !== null && BigInt(t.id) <= BigInt(sinceId)) break;
    if (untilId !== null && BigInt(t.id) >= BigInt(untilId)) continue;
    if (start !== null && t.createdAtMs < start) break;
    if (end !== null && t.createdAtMs > end) continue;
    if (exclude.values.has('replies') && t.replyTo !== null) continue;
    if (page.length === max) {
      next = t;
      break;
    }
    page.push(t);
  }
  if (page.length === 0) return json(200, { meta: { result_count: 0 } }, h);

  const body: JsonObject = { data: page.map((t) => tweetObject(state, t, fields)) };
  const includes: JsonObject = {};
  if (expansions.values.has('author_id')) includes.users = [userObject(state, owner, userFields.values, ctx.baseUrl)];
  if (expansions.values.has('attachments.media_keys')) {
    const media = page.flatMap((t) => t.mediaIds.map((mid) => state.media.get(mid)).filter((m): m is MediaRecord => m !== undefined));
    if (media.length) includes.media = media.map((m) => mediaObject(m, mediaFields.values));
  }
  if (expansions.values.has('referenced_tweets.id')) {
    const refs = page
      .flatMap((t) => [t.replyTo, t.quoteTweetId])
      .filter((x): x is string => x !== null)
      .map((rid) => state.tweets.get(rid))
      .filter((t): t is TweetRecord => t !== undefined && !t.deleted);
    if (refs.length) includes.tweets = refs.map((t) => tweetObject(state, t, fields));
  }
  if (Object.keys(includes).length) body.includes = includes;
  const meta: JsonObject = {
    result_count: page.length,
    newest_id: (page[0] as TweetRecord).id,
    oldest_id: (page[page.length - 1] as TweetRecord).id,
  };
  if (next) meta.next_token = encodeToken(next.id);
  body.meta = meta;
  return json(200, body, h);
}
