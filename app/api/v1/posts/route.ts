import { created, ok, route } from '@/lib/http/route';
import { createPostUndoable } from '@/lib/posts/commands';
import { createPostInput, listPostsInput } from '@/lib/posts/input';
import { listPosts } from '@/lib/posts/queries';

export const GET = route({
  summary: 'List your posts',
  auth: 'posts:read',
  query: listPostsInput,
  handle: async ({ actor, query }) => ok({ posts: await listPosts(actor.userId, query) }),
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
