import { created, route } from '@/lib/http/route';
import { createPostGroupInput } from '@/lib/posts/group-input';
import { createPostGroup } from '@/lib/posts/groups';

/** One post per account, composed together: `{ posts: [<createPost body>…] }` → `{ groupId, posts }`. */
export const POST = route({
  summary: 'Create one post per account, composed together',
  success: { status: 201, description: '`{ groupId, posts }`, and `undo` (`{ token, expiresAt }`, for POST /api/v1/posts/undo) when they were scheduled' },
  auth: 'posts:write',
  body: createPostGroupInput,
  handle: async ({ actor, body }) => created(await createPostGroup(actor.userId, body)),
});
