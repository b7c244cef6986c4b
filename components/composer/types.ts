import type { PostView } from '@/lib/posts/view';

/** What the composer opens for: a new post (optionally at a picked time) or an existing one. */
export type ComposerTarget = { kind: 'create'; at: Date | null } | { kind: 'edit'; post: PostView };

/** The three ways to save. */
export type ComposerIntent = 'schedule' | 'draft' | 'now';



/** What the composer cannot edit yet (poll, quote, reply target), kept as saved so an edit never drops it. */
export type KeptPartFields = Pick<PostView['parts'][number], 'poll' | 'quotePostId' | 'replyToPostId'>;
