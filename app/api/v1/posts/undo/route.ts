import { ok, route } from '@/lib/http/route';
import { undoPosts } from '@/lib/posts/undo';
import { undoInput } from '@/lib/posts/undo-input';

/** The `undo` token an action answered with, sent back within its seconds: the posts as they were. */
export const POST = route({
  summary: 'Undo the last change of time or status (within 10 seconds)',
  description:
    'Takes the `undo.token` that creating or changing a post answered with. Puts every post it names back as it was, all or none: 409 when too late, when a post changed since, or when publishing has started.',
  success: { status: 200, description: '`{ posts }`: the posts as they are again' },
  auth: 'posts:write',
  body: undoInput,
  handle: async ({ actor, body }) => ok({ posts: await undoPosts(actor.userId, body.token) }),
});
