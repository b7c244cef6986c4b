import type { PostPartView, PostView } from '@/lib/posts/view';

/** One part as the API returns it: plain text unless told otherwise. */
export function partView(position: number, text: string, overrides: Partial<PostPartView> = {}): PostPartView {
  return { position, text, xPostId: null, media: [], poll: null, quotePostId: null, replyToPostId: null, ...overrides };
}

/** A post as the API returns it, for browser-side tests: a scheduled two-part thread unless told otherwise. */
export function postView(overrides: Partial<PostView> = {}): PostView {
  return {
    id: 'p1',
    accountId: 'acc',
    accountUsername: 'alice',
    groupId: 'g',
    status: 'scheduled',
    scheduledAt: '2026-12-01T09:30:00.000Z',
    queueSlot: false,
    revision: 1,
    attempts: 0,
    parts: [partView(0, 'one'), partView(1, 'two')],
    replySettings: null,
    url: null,
    error: null,
    errorClass: null,
    publishedAt: null,
    nextAttemptAt: null,
    retry: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}
