import type { FailureClass, Media, PartPoll, Post, PostPart, PostStatus } from '../db/schema';
import type { MediaKind, ReplySetting } from '../x/rules';

export interface PartMediaView {
  id: string;
  kind: MediaKind;
  mimeType: string;
  altText: string | null;
}

export interface PostPartView {
  position: number;
  text: string;
  xPostId: string | null;
  media: PartMediaView[];
  poll: PartPoll | null;
  /** The X post this part quotes. */
  quotePostId: string | null;
  /** The existing X post the thread answers (first part only). */
  replyToPostId: string | null;
}

/** The post object the JSON API and the calendar share. */
export interface PostView {
  id: string;
  accountId: string;
  accountUsername: string;
  groupId: string;
  status: PostStatus;
  scheduledAt: string | null;
  /** It waits in a slot of its account's posting queue (scheduledAt is that slot). */
  queueSlot: boolean;
  revision: number;
  attempts: number;
  parts: PostPartView[];
  /** Who may reply on X; null: everyone. */
  replySettings: ReplySetting | null;
  url: string | null;
  error: string | null;
  /** What kind of failure `error` is (lib/db/schema failureClass). */
  errorClass: FailureClass | null;
  publishedAt: string | null;
  nextAttemptAt: string | null;
  /** While a transient failure waits for its next attempt. */
  retry: { attempt: number; of: number; nextAt: string } | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function partMedia(part: PostPart, media: ReadonlyMap<string, Media>): PartMediaView[] {
  return part.media.flatMap((m) => {
    const row = media.get(m.mediaId);
    return row ? [{ id: row.id, kind: row.kind, mimeType: row.mimeType, altText: m.altText ?? null }] : [];
  });
}

/** `media`: the rows of every media item the parts name (an unknown one is left out). */
export function toPostView(post: Post, parts: PostPart[], accountUsername: string, maxAttempts: number, media: ReadonlyMap<string, Media> = new Map()): PostView {
  return {
    id: post.id,
    accountId: post.xAccountId,
    accountUsername,
    groupId: post.groupId,
    status: post.status,
    scheduledAt: iso(post.scheduledAt),
    // The flag is left as it was when a post stops waiting (published, cancelled, made a draft): it holds no slot then.
    queueSlot: post.queueSlot && (post.status === 'scheduled' || post.status === 'queued' || post.status === 'publishing'),
    revision: post.revision,
    attempts: post.attempts,
    parts: [...parts]
      .sort((a, b) => a.position - b.position)
      .map((p) => ({
        position: p.position,
        text: p.text,
        xPostId: p.xPostId,
        media: partMedia(p, media),
        poll: p.poll ?? null,
        quotePostId: p.quotePostId,
        replyToPostId: p.replyToPostId,
      })),
    replySettings: post.replySettings,
    url: post.publishedUrl,
    error: post.lastError,
    errorClass: post.lastErrorClass,
    publishedAt: iso(post.publishedAt),
    nextAttemptAt: iso(post.nextAttemptAt),
    retry:
      post.status === 'queued' && post.nextAttemptAt
        ? { attempt: post.attempts + 1, of: Math.max(maxAttempts, post.attempts + 1), nextAt: post.nextAttemptAt.toISOString() }
        : null,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}
