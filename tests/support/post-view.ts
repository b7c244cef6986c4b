import type { PostView } from '@/lib/posts/view';

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
    parts: [
      { position: 0, text: 'one', xPostId: null, media: [] },
      { position: 1, text: 'two', xPostId: null, media: [] },
    ],
    url: null,
    error: null,
    publishedAt: null,
    nextAttemptAt: null,
    retry: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}
