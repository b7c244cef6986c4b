import type { ApiFailure } from '../api/client';

/** API errors placed next to the field they are about, the rest shown as an alert. */
export interface ComposerErrors {
  general: string[];
  /** The account picker. */
  accounts: string[];
  scheduledAt: string[];
  /** By part key. */
  parts: Record<number, string[]>;
  /** A part's media (`parts.N.media`, an item's alt text), by part key. */
  media: Record<number, string[]>;
  /**
   * A part's poll, quote and reply target, by part key, then by the API's field below the part:
   * `poll`, `poll.options`, `poll.options.1`, `poll.durationMinutes`, `quotePostId`, `replyToPostId`.
   */
  extras: Record<number, Record<string, string[]>>;
  /** Who can reply, by the key of the post's first part (the post's own key while it is on screen). */
  replySettings: Record<number, string[]>;
}

export const NO_ERRORS: ComposerErrors = { general: [], accounts: [], scheduledAt: [], parts: {}, media: {}, extras: {}, replySettings: {} };

/**
 * How the answer's field names map to the composer: the part keys of each post, in the order sent,
 * and how to name the post in a message not tied to a part. `grouped`: the body was
 * `{ posts: [...] }`, so fields read `posts.N.parts.M.text`.
 */
export interface ErrorLayout {
  grouped: boolean;
  posts: { label: string; partKeys: number[] }[];
}

const GROUPED = /^posts\.(\d+)\.(.+)$/;
const PART_TEXT = /^parts\.(\d+)(?:\.text)?$/;
const PART_MEDIA = /^parts\.(\d+)\.media(?:\.\d+(?:\.[A-Za-z]+)?)?$/;
const PART_EXTRA = /^parts\.(\d+)\.(poll(?:\.options(?:\.\d+)?|\.durationMinutes)?|quotePostId|replyToPostId)$/;

const add = (byKey: Record<number, string[]>, key: number, messages: string[]) => ({ ...byKey, [key]: [...(byKey[key] ?? []), ...messages] });

/** Maps the API's `fields` keys (`parts.0.text`, `posts.1.parts.0.text`, `scheduledAt`, ...) to the composer's fields. */
export function composerErrors(failure: ApiFailure, layout: ErrorLayout): ComposerErrors {
  let out: ComposerErrors = { ...NO_ERRORS, general: [], accounts: [], scheduledAt: [] };
  if (Object.keys(failure.fields).length === 0) return { ...out, general: [failure.error] };
  for (const [name, messages] of Object.entries(failure.fields)) {
    const grouped = layout.grouped ? GROUPED.exec(name) : null;
    const postIndex = grouped ? Number(grouped[1]) : 0;
    const key = grouped ? grouped[2]! : name;
    // A group-level field ("posts") belongs to no one post.
    const post = layout.grouped && !grouped ? undefined : layout.posts[postIndex];
    const part = PART_TEXT.exec(key);
    const media = PART_MEDIA.exec(key);
    const extra = PART_EXTRA.exec(key);
    const partKey = (match: RegExpExecArray) => post?.partKeys[Number(match[1])];
    const textKey = part ? partKey(part) : undefined;
    const mediaKey = media ? partKey(media) : undefined;
    const extraKey = extra ? partKey(extra) : undefined;
    const postKey = key === 'replySettings' ? post?.partKeys[0] : undefined;
    if (textKey !== undefined) out = { ...out, parts: add(out.parts, textKey, messages) };
    else if (mediaKey !== undefined) out = { ...out, media: add(out.media, mediaKey, messages) };
    else if (extra && extraKey !== undefined) {
      const fields = out.extras[extraKey] ?? {};
      out = { ...out, extras: { ...out.extras, [extraKey]: { ...fields, [extra[2]!]: [...(fields[extra[2]!] ?? []), ...messages] } } };
    } else if (postKey !== undefined) out = { ...out, replySettings: add(out.replySettings, postKey, messages) };
    else if (key === 'scheduledAt') out.scheduledAt.push(...messages);
    else if (key === 'accountId') out.accounts.push(...messages.map((m) => (layout.grouped && post ? `${post.label}: ${m}` : m)));
    // "parts" (too many, none), "publishNow", "_" and anything new: not tied to one input.
    else out.general.push(...messages.map((m) => (layout.grouped && post ? `${post.label}: ${m}` : m)));
  }
  return out;
}

export function hasErrors(errors: ComposerErrors): boolean {
  const keyed = [errors.parts, errors.media, errors.extras, errors.replySettings].reduce((n, byKey) => n + Object.keys(byKey).length, 0);
  return errors.general.length + errors.accounts.length + errors.scheduledAt.length + keyed > 0;
}

function without<T>(byKey: Record<number, T>, key: number): Record<number, T> {
  if (!byKey[key]) return byKey;
  const out = { ...byKey };
  delete out[key];
  return out;
}

export const withoutPartError = (errors: ComposerErrors, partKey: number): ComposerErrors =>
  errors.parts[partKey] ? { ...errors, parts: without(errors.parts, partKey) } : errors;

export const withoutMediaError = (errors: ComposerErrors, partKey: number): ComposerErrors =>
  errors.media[partKey] ? { ...errors, media: without(errors.media, partKey) } : errors;

/**
 * Without the errors of a part's extras: of one field group (`poll` clears every poll field,
 * `poll.options.1` included), or all of them when no field is named (the part is gone).
 */
export function withoutExtraError(errors: ComposerErrors, partKey: number, field?: 'poll' | 'quotePostId' | 'replyToPostId'): ComposerErrors {
  const fields = errors.extras[partKey];
  if (!fields) return errors;
  const kept = field ? Object.fromEntries(Object.entries(fields).filter(([name]) => name !== field && !name.startsWith(`${field}.`))) : {};
  const extras = Object.keys(kept).length > 0 ? { ...errors.extras, [partKey]: kept } : without(errors.extras, partKey);
  return { ...errors, extras };
}

export const withoutReplySettingsError = (errors: ComposerErrors, postKey: number | undefined): ComposerErrors =>
  postKey !== undefined && errors.replySettings[postKey] ? { ...errors, replySettings: without(errors.replySettings, postKey) } : errors;
