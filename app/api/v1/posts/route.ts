import { created, ok, route } from '@/lib/http/route';
import { createPostUndoable } from '@/lib/posts/commands';
import { createPostInput, listPostsInput } from '@/lib/posts/input';
import { listPosts } from '@/lib/posts/queries';

export const GET = route({
  summary: 'List your posts: by time, filtered by range, status, account and words; `nextCursor` pages on',
  success: { status: 200, description: '`{ posts, nextCursor }`: at most `limit` (default 50, at most 200) posts; `nextCursor` is null on the last page' },
  auth: 'posts:read',
  query: listPostsInput,
  handle: async ({ actor, query }) => ok(await listPosts(actor.userId, query)),
});

export const POST = route({
  summary: 'Create a post (draft, scheduled, or added to the queue)',
  success: { status: 201, description: '`{ post }`, `queueSlot` when added to the queue, and `undo` (`{ token, expiresAt }`, for POST /api/v1/posts/undo) when it was scheduled' },
  auth: 'posts:write',
  body: createPostInput,
  handle: async ({ actor, body }) => {
    const { post, undo } = await createPostUndoable(actor.userId, body);
    // Added to the queue: say which slot it took.
    return created(body.queue ? { post, queueSlot: post.scheduledAt, undo } : { post, undo });
  },
});
