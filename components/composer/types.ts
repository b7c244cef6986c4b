import type { PostView } from '@/lib/posts/view';

/**
 * What the composer opens for: a new post (optionally at a picked time, for a chosen account), or
 * a saved one with the other posts of its group (`group`, when the opener knows them), edited side by side.
 */
export type ComposerTarget = { kind: 'create'; at: Date | null; accountId?: string } | { kind: 'edit'; post: PostView; group?: PostView[] };

/** The ways to save: at a time, as a draft, now, or in the account's next free queue slot. */
export type ComposerIntent = 'schedule' | 'draft' | 'now' | 'queue';
