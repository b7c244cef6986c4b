/**
 * X's rules for what a post may hold: text and thread limits, media kinds, sizes and mixes.
 * One module, free of any import, shared by the browser (composer), the API's validation and
 * the publisher, so the three can never disagree.
 */

/** X's limit in weighted characters for an account without X Premium. */
export const X_MAX_WEIGHTED_LENGTH = 280;

/**
 * The longest post X takes from any account (Premium: 25,000 characters). Longer text is refused
 * before it is counted: twitter-text's parse grows with the square of the length on some inputs
 * (text like `a.a.a…`), and a post X can never accept is not worth a millisecond.
 */
export const X_MAX_TEXT_UNITS = 25_000;

const count = (n: number) => n.toLocaleString('en');

/** Null when a weighted length fits X's limit, else the message a person sees. */
export function lengthProblem(weighted: number, limit = X_MAX_WEIGHTED_LENGTH): string | null {
  return weighted > limit ? `Post text is ${count(weighted)} characters; X allows ${count(limit)}` : null;
}

/** X's limit in weighted characters for an account with X Premium (Premium or PremiumPlus). */
export const X_PREMIUM_MAX_WEIGHTED_LENGTH = 25_000;

/**
 * X's `subscription_type` values that allow long posts. X documents the field as open-ended
 * ("e.g.: Basic, Premium, PremiumPlus or None"), so anything else, unknown values included,
 * gets the ordinary limit: Herald would rather refuse early than have X refuse at publish time.
 */
const LONG_POST_SUBSCRIPTIONS: readonly string[] = ['Premium', 'PremiumPlus'];

export const hasLongPosts = (subscriptionType: string | null): boolean =>
  subscriptionType !== null && LONG_POST_SUBSCRIPTIONS.includes(subscriptionType);

/**
 * The weighted length X allows in each post of an account, replies included: X applies its
 * Premium limit to every post the account writes, so each part of a thread may be long too.
 */
export const textLimitFor = (subscriptionType: string | null): number =>
  hasLongPosts(subscriptionType) ? X_PREMIUM_MAX_WEIGHTED_LENGTH : X_MAX_WEIGHTED_LENGTH;

/** Null when a part fits the account's limit, else a message that says why the limit is what it is. */
export function accountLengthProblem(weighted: number, account: { username: string; subscriptionType: string | null }): string | null {
  const limit = textLimitFor(account.subscriptionType);
  if (weighted <= limit) return null;
  if (hasLongPosts(account.subscriptionType)) return `Post text is ${count(weighted)} characters; X allows ${count(limit)}, even with X Premium.`;
  return (
    `Post text is ${count(weighted)} characters: @${account.username} does not have X Premium, so X allows ${count(limit)}. ` +
    `Longer posts need X Premium (if @${account.username} has just subscribed, sign in with it again so Herald sees it).`
  );
}

/** Why the publisher stopped a post before sending it: the account lost Premium since the post was written. */
export function lapsedPremiumProblem(
  weighted: number,
  account: { username: string; subscriptionType: string | null },
  /** Which part of a thread (1-based), when the post has several. */
  part?: { number: number; of: number },
): string {
  const limit = textLimitFor(account.subscriptionType);
  const what = part && part.of > 1 ? `part ${part.number} of this thread is` : 'this post is';
  return (
    `@${account.username} no longer has X Premium: ${what} ${count(weighted)} characters, over the ${count(limit)} X allows ` +
    'without Premium. Shorten it or renew Premium, then retry.'
  );
}

/** The most parts a thread may have in Herald (X itself has no hard cap; this keeps a publish bounded). */
export const MAX_THREAD_PARTS = 25;

export const MEDIA_KINDS = ['image', 'gif', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** X's size limits per kind. */
export const MEDIA_MAX_BYTES: Readonly<Record<MediaKind, number>> = {
  image: 5 * 1024 * 1024,
  gif: 15 * 1024 * 1024,
  video: 512 * 1024 * 1024,
};

/** The largest file Herald takes at all (the video limit). */
export const MEDIA_MAX_UPLOAD_BYTES = MEDIA_MAX_BYTES.video;

/** The types Herald recognises from a file's first bytes, and their kinds. */
export const MEDIA_TYPES: Readonly<Record<string, MediaKind>> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'gif',
  'video/mp4': 'video',
  'video/quicktime': 'video',
};

/** For the file picker's `accept`: a hint only, the server looks at the bytes. */
export const MEDIA_ACCEPT = [...Object.keys(MEDIA_TYPES), '.jpg', '.jpeg', '.png', '.webp', '.gif', '.mp4', '.mov'].join(',');

export const MEDIA_TYPES_TEXT = 'JPEG, PNG or WebP images, GIFs, and MP4 or MOV videos';

/** X's limit on alt text. */
export const ALT_TEXT_MAX_LENGTH = 1000;

const KIND_NAMES: Record<MediaKind, string> = { image: 'images', gif: 'GIFs', video: 'videos' };

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1).replace(/\.0$/, '') : Math.round(mb)} MB`;
}

/** Null when the size is within X's limit for the kind, else a message a person can act on. */
export function sizeProblem(kind: MediaKind, bytes: number): string | null {
  const max = MEDIA_MAX_BYTES[kind];
  if (bytes <= max) return null;
  return `This file is ${formatBytes(bytes)}; X allows ${KIND_NAMES[kind]} up to ${formatBytes(max)}.`;
}

/** For a file refused while it streams in (its full size is not known yet). */
export function overLimitMessage(kind: MediaKind): string {
  return `This file is over ${formatBytes(MEDIA_MAX_BYTES[kind])}, X's limit for ${KIND_NAMES[kind]}.`;
}

/** X's rule for one post: up to 4 images, or exactly 1 GIF, or exactly 1 video; no mixing. */
export const MAX_IMAGES_PER_PART = 4;

/** Null when a part may carry media of these kinds, else why not (one message). */
export function mediaRuleProblem(kinds: readonly MediaKind[]): string | null {
  const images = kinds.filter((k) => k === 'image').length;
  const gifs = kinds.filter((k) => k === 'gif').length;
  const videos = kinds.filter((k) => k === 'video').length;
  if (gifs + videos > 0 && kinds.length > 1) {
    if (images > 0) return 'A post with a GIF or a video cannot have images too.';
    if (gifs > 0 && videos > 0) return 'A post can have a GIF or a video, not both.';
    return gifs > 0 ? 'A post can have only one GIF.' : 'A post can have only one video.';
  }
  if (images > MAX_IMAGES_PER_PART) return `A post can have at most ${MAX_IMAGES_PER_PART} images.`;
  return null;
}

/**
 * What more a part with these kinds may take, for the composer: null when nothing more
 * (with the reason), else the kinds it still accepts.
 */
export function roomFor(kinds: readonly MediaKind[]): { accepts: MediaKind[]; reason: null } | { accepts: []; reason: string } {
  if (kinds.length === 0) return { accepts: ['image', 'gif', 'video'], reason: null };
  if (kinds.includes('gif')) return { accepts: [], reason: 'A post with a GIF can have nothing else attached.' };
  if (kinds.includes('video')) return { accepts: [], reason: 'A post with a video can have nothing else attached.' };
  if (kinds.length >= MAX_IMAGES_PER_PART) return { accepts: [], reason: `A post can have at most ${MAX_IMAGES_PER_PART} images.` };
  return { accepts: ['image'], reason: null };
}

// ---- Polls, quotes, replies and who may reply (X's `POST /2/tweets`: CreatePostsRequest) ----

/** CreatePostsPoll: 2 to 4 options of 1 to 25 characters, open 5 minutes to 7 days. */
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 4;
export const POLL_OPTION_MAX_LENGTH = 25;
export const POLL_MIN_MINUTES = 5;
export const POLL_MAX_MINUTES = 7 * 24 * 60;

/** A poll as Herald keeps it; sent to X as `poll: { options, duration_minutes }`. */
export interface PollSpec {
  options: string[];
  durationMinutes: number;
}

/** X counts a poll option's length in characters (code points), not UTF-16 units. */
export const optionLength = (option: string): number => [...option].length;

/**
 * The problems of one poll, each with the path (below the poll) it belongs to. Besides X's
 * limits, Herald refuses two equal options: X's description is silent on it, and a poll whose
 * choices cannot be told apart is never what a person meant.
 */
export function pollProblems(poll: PollSpec): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const { options, durationMinutes } = poll;
  if (options.length < POLL_MIN_OPTIONS || options.length > POLL_MAX_OPTIONS) {
    problems.push({ path: ['options'], message: `A poll has ${POLL_MIN_OPTIONS} to ${POLL_MAX_OPTIONS} options` });
  }
  const seen = new Set<string>();
  for (const [index, option] of options.entries()) {
    const length = optionLength(option);
    if (length === 0) problems.push({ path: ['options', index], message: `Option ${index + 1} is empty` });
    else if (length > POLL_OPTION_MAX_LENGTH) {
      problems.push({ path: ['options', index], message: `Option ${index + 1} is ${length} characters; X allows ${POLL_OPTION_MAX_LENGTH}` });
    } else if (seen.has(option.toLowerCase())) problems.push({ path: ['options', index], message: `Option ${index + 1} is the same as an earlier one` });
    seen.add(option.toLowerCase());
  }
  if (!Number.isInteger(durationMinutes) || durationMinutes < POLL_MIN_MINUTES || durationMinutes > POLL_MAX_MINUTES) {
    problems.push({ path: ['durationMinutes'], message: `A poll runs ${POLL_MIN_MINUTES} minutes to 7 days (${POLL_MIN_MINUTES} to ${POLL_MAX_MINUTES} minutes)` });
  }
  return problems;
}

/** Said by the API when a part combines them, and by the composer beside the control it disables. */
export const POLL_WITH_MEDIA_MESSAGE = 'A post with a poll cannot have media too';
export const POLL_WITH_QUOTE_MESSAGE = 'A post with a poll cannot quote another post';

/**
 * What one post may combine. X's long-standing rule for `POST /2/tweets`: a poll is exclusive of
 * media and of a quoted post (X refuses the request). A quote with media is allowed.
 */
export function partKindProblem(part: { poll?: unknown; quotePostId?: unknown; mediaCount: number }): { field: 'poll'; message: string } | null {
  if (!part.poll) return null;
  if (part.mediaCount > 0) return { field: 'poll', message: POLL_WITH_MEDIA_MESSAGE };
  if (part.quotePostId) return { field: 'poll', message: POLL_WITH_QUOTE_MESSAGE };
  return null;
}

/** CreatePostsRequest.reply_settings; absent means everyone may reply. */
export const REPLY_SETTINGS = ['following', 'mentionedUsers', 'subscribers', 'verified'] as const;
export type ReplySetting = (typeof REPLY_SETTINGS)[number];

/** What a person sees for anything that is neither a post id nor a post's link. */
export const POST_REF_MESSAGE = "Paste a post's link or id";

/** X's post ids: `^[0-9]{1,19}$` (PostId in X's OpenAPI description). */
const POST_ID = /^[0-9]{1,19}$/;

/**
 * A post's link on X or Twitter: `https://x.com/<user>/status/<id>` (also twitter.com, www.,
 * mobile., without the scheme), `/i/web/status/<id>`, with anything after the id (`/photo/1`,
 * a query string, a fragment).
 */
const POST_URL = /^(?:https?:\/\/)?(?:(?:www|mobile)\.)?(?:x|twitter)\.com\/(?:i\/web|[A-Za-z0-9_]{1,15})\/status\/([0-9]{1,19})(?:[/?#].*)?$/i;

/** The id a pasted post id or post link names, or null when it names none. */
export function parsePostRef(input: string): string | null {
  const value = input.trim();
  // Longer than any link worth reading: refused before any pattern runs.
  if (value.length > 2048) return null;
  if (POST_ID.test(value)) return value;
  return POST_URL.exec(value)?.[1] ?? null;
}
