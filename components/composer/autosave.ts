import { z } from 'zod';
import type { PostView } from '@/lib/posts/view';
import { REPLY_SETTINGS } from '@/lib/x/rules';
import { newItemKey, type MediaItem } from './media-items';
import { initialState, type ComposerState, type DraftStart, type PartState } from './state';

/**
 * What the composer autosaves, as pure functions: a snapshot of what the person wrote (per account:
 * the parts' text, the uploaded media with alt text, the other part fields as they are; the time),
 * how it is stored (key, version, size cap, expiry) and read back (validated: a snapshot that is
 * corrupt, of another version or too old is ignored, never trusted). The browser side is ./use-autosave.
 */

/** Bump when the snapshot's shape changes: older snapshots are then ignored. */
export const SNAPSHOT_VERSION = 2;
/** A draft nobody came back to in a week is dropped. */
export const SNAPSHOT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** Characters of JSON: a long thread fits, and a few snapshots stay far under the browser's ~5 MB. */
export const SNAPSHOT_MAX_CHARS = 256 * 1024;
/** The snapshots kept per browser; the oldest go first. */
export const SNAPSHOTS_KEPT = 20;

export const KEY_PREFIX = 'herald.draft.';

// In the browser the Content Security Policy forbids eval: zod must not even try its compiled
// parsers (its probe with `new Function` is itself reported as a violation). Set before any schema
// is built; nothing else in the browser bundle parses with zod.
z.config({ jitless: true });

/** What a snapshot is of: a new post, or the saved post a composer was opened on. */
export type DraftTarget = { kind: 'new' } | { kind: 'post'; postId: string };

/** Per user, so two people on one browser never see each other's text. */
export function snapshotKey(userId: string, target: DraftTarget): string {
  return `${KEY_PREFIX}${userId}.${target.kind === 'new' ? 'new' : `post.${target.postId}`}`;
}

/** The user a stored key belongs to, and whether it is their new-post draft. */
export function parseKey(key: string): { userId: string; target: DraftTarget } | null {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const rest = key.slice(KEY_PREFIX.length);
  const match = /^([^.]+)\.(?:(new)|post\.(.+))$/.exec(rest);
  if (!match) return null;
  return { userId: match[1]!, target: match[2] ? { kind: 'new' } : { kind: 'post', postId: match[3]! } };
}

/** A part's fields other than its text and media (poll, quote, reply target, ...), kept as they are. */
type PartFields = Omit<PartState, 'key' | 'text' | 'media'>;

/**
 * Checks those fields when reading a snapshot back. Typed against PartState: when its fields
 * change, this stops compiling, and SNAPSHOT_VERSION should be bumped with it.
 */
const partFields: z.ZodType<PartFields> = z.object({
  kinds: z.object({
    poll: z.object({ options: z.array(z.string().max(1000)).max(10), durationMinutes: z.number() }).nullable(),
    // As typed (a pasted link stays a link): ./part-kinds.
    quote: z.string().max(2000).nullable(),
    replyTo: z.string().max(2000).nullable(),
  }),
});

const mediaSnapshot = z.object({
  id: z.string().min(1).max(100),
  kind: z.enum(['image', 'gif', 'video']),
  mimeType: z.string().max(100),
  name: z.string().max(1000),
  altText: z.string().max(10_000),
});

const partSnapshot = z.object({
  text: z.string(),
  media: z.array(mediaSnapshot).max(10),
  fields: partFields,
});

const postSnapshot = z.object({
  accountId: z.string().max(100),
  /** The saved post this column edits, and its revision when the composer opened it. */
  postId: z.string().max(100).nullable(),
  revision: z.number().int().nullable(),
  replySettings: z.enum(REPLY_SETTINGS).nullable(),
  parts: z.array(partSnapshot).min(1).max(100),
});

const snapshotSchema = z.object({
  v: z.literal(SNAPSHOT_VERSION),
  savedAt: z.number(),
  /** The group of the saved post (to reopen it after a reload); null for a new post. */
  groupId: z.string().max(100).nullable(),
  posts: z.array(postSnapshot).min(1).max(50),
  /** The picked time as an instant; null when none (or not a valid one). */
  when: z.string().max(40).nullable(),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
type PartSnapshot = z.infer<typeof partSnapshot>;

function fieldsOf({ key: _key, text: _text, media: _media, ...fields }: PartState): PartFields {
  return fields;
}

/** What the composer shows, as a snapshot: uploaded media only (a file still uploading cannot be kept). */
export function toSnapshot(state: ComposerState, when: Date | null, now: number): Snapshot {
  const groupId = state.posts.find((d) => d.saved)?.saved?.groupId ?? null;
  return {
    v: SNAPSHOT_VERSION,
    savedAt: now,
    groupId,
    when: when && !Number.isNaN(when.getTime()) ? when.toISOString() : null,
    posts: state.posts.map((d) => ({
      accountId: d.accountId,
      postId: d.saved?.id ?? null,
      revision: d.saved?.revision ?? null,
      replySettings: d.replySettings,
      parts: d.parts.map(
        (p): PartSnapshot => ({
          text: p.text,
          media: p.media.flatMap((m) => (m.status === 'ready' && m.id ? [{ id: m.id, kind: m.kind, mimeType: m.mimeType, name: m.name, altText: m.altText }] : [])),
          fields: fieldsOf(p),
        }),
      ),
    })),
  };
}

/** The JSON to store, or null when it is over the cap (the caller then keeps nothing and warns on leave). */
export function encodeSnapshot(snapshot: Snapshot): string | null {
  const json = JSON.stringify(snapshot);
  return json.length > SNAPSHOT_MAX_CHARS ? null : json;
}

/** A stored snapshot, or null for anything that is not a current, unexpired one. */
export function decodeSnapshot(raw: string | null, now: number): Snapshot | null {
  if (raw === null || raw.length > SNAPSHOT_MAX_CHARS) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = snapshotSchema.safeParse(value);
  if (!parsed.success) return null;
  // A savedAt in the future (a clock changed) counts as now, not as forever young.
  const age = now - Math.min(parsed.data.savedAt, now);
  return age > SNAPSHOT_MAX_AGE_MS ? null : parsed.data;
}

/** Of the stored keys (with their snapshot's savedAt, or null when unreadable), the ones to remove. */
export function keysToDrop(entries: { key: string; savedAt: number | null }[]): string[] {
  const valid = entries.filter((e) => e.savedAt !== null).sort((a, b) => b.savedAt! - a.savedAt!);
  return [...entries.filter((e) => e.savedAt === null).map((e) => e.key), ...valid.slice(SNAPSHOTS_KEPT).map((e) => e.key)];
}

function mediaItem(m: Snapshot['posts'][number]['parts'][number]['media'][number]): MediaItem {
  return { key: newItemKey(), id: m.id, kind: m.kind, mimeType: m.mimeType, name: m.name, altText: m.altText, status: 'ready', file: null, progress: 1, error: null };
}

const partsOf = (parts: PartSnapshot[]): Omit<PartState, 'key'>[] => parts.map((p) => ({ ...p.fields, text: p.text, media: p.media.map(mediaItem) }));

/**
 * A new post's snapshot as the composer's start. Accounts no longer among `accountIds` (disconnected
 * meanwhile) are left out; when none is left, the first post's text stays, waiting for an account.
 */
export function newPostStart(snapshot: Snapshot, accountIds: string[], fallbackAccountId: string): DraftStart[] {
  const known = snapshot.posts.filter((p) => accountIds.includes(p.accountId));
  const posts = known.length > 0 ? known : snapshot.posts.slice(0, 1).map((p) => ({ ...p, accountId: fallbackAccountId }));
  return posts.map((p) => ({ accountId: p.accountId, saved: null, replySettings: p.replySettings, parts: partsOf(p.parts) }));
}

export type EditRestore =
  /** Every post the snapshot edited is still at the revision it was edited from. */
  | { kind: 'current'; posts: DraftStart[] }
  /** Some post changed since (edited elsewhere, published): restoring would overwrite that. */
  | { kind: 'stale'; posts: DraftStart[] }
  /** Nothing in it applies to these posts. */
  | { kind: 'none' };

/** Saved posts' snapshot over the posts as they are now: each column takes its own post's edits. */
export function editStart(snapshot: Snapshot, saved: PostView[]): EditRestore {
  let applied = 0;
  let stale = false;
  const posts = saved.map((post): DraftStart => {
    const edits = snapshot.posts.find((p) => p.postId === post.id);
    // A post of the group the draft did not touch opens as saved.
    if (!edits) return { accountId: post.accountId, saved: post, replySettings: post.replySettings, parts: initialState({ kind: 'saved', posts: [post] }, '').posts[0]!.parts };
    applied += 1;
    if (edits.revision !== post.revision) stale = true;
    return { accountId: post.accountId, saved: post, replySettings: edits.replySettings, parts: partsOf(edits.parts) };
  });
  if (applied === 0) return { kind: 'none' };
  return { kind: stale ? 'stale' : 'current', posts };
}

/** The content of the posts: what a person would call "what I wrote" (not the picked accounts). */
function contentOf(state: ComposerState): unknown[] {
  return state.posts.map((d) => ({ replySettings: d.replySettings, parts: d.parts.map((p) => ({ text: p.text, media: p.media.map((m) => [m.id ?? m.key, m.altText]), fields: fieldsOf(p) })) }));
}

/** A blank part's other fields, to tell a poll or quote set on an otherwise empty post. */
const blankFields = () => JSON.stringify(fieldsOf(initialState({ kind: 'new', accountId: '' }, '').posts[0]!.parts[0]!));

/**
 * Whether closing would lose something. A new post: any text, media or other part field set
 * (picking accounts or a time alone is not writing). A saved post: its parts or time changed
 * from `opened`, the state it was opened with before any restore.
 */
export function isDirty(state: ComposerState, opened: ComposerState, isNew: boolean): boolean {
  if (isNew) {
    const blank = blankFields();
    return state.posts.some((d) => d.parts.some((p) => p.text.trim() !== '' || p.media.length > 0 || JSON.stringify(fieldsOf(p)) !== blank));
  }
  return state.when !== opened.when || JSON.stringify(contentOf(state)) !== JSON.stringify(contentOf(opened));
}

/** "just now", "5 minutes ago", "2 hours ago", "3 days ago". */
export function timeAgo(then: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - then) / 60_000);
  if (minutes < 1) return 'just now';
  const [n, unit] = minutes < 60 ? [minutes, 'minute'] : minutes < 60 * 24 ? [Math.floor(minutes / 60), 'hour'] : [Math.floor(minutes / (60 * 24)), 'day'];
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}
