import { byId, noContent, ok, route } from '@/lib/http/route';
import { deletePost, updatePostUndoable } from '@/lib/posts/commands';
import { updatePostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';

export const GET = route({
  summary: 'Get a post',
  auth: 'posts:read',
  params: byId('Post'),
  handle: async ({ actor, params }) => ok({ post: await getPost(actor.userId, params.id) }),
});

export const PATCH = route({
  summary: 'Change a post',
  success: { status: 200, description: '`{ post }`, and `undo` (`{ token, expiresAt }`, for POST /api/v1/posts/undo) when its time or status changed' },
  auth: 'posts:write',
  params: byId('Post'),
  body: updatePostInput,
  handle: async ({ actor, params, body }) => ok(await updatePostUndoable(actor.userId, params.id, body)),
});

export const DELETE = route({
  summary: 'Delete a post',
  success: { status: 204, description: 'Deleted' },
  auth: 'posts:write',
  params: byId('Post'),
  handle: async ({ actor, params }) => {
    await deletePost(actor.userId, params.id);
    return noContent();
  },
});
