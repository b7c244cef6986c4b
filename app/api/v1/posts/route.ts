import { created, ok, route } from '@/lib/http/route';
import { createPost } from '@/lib/posts/commands';
import { createPostInput, listPostsInput } from '@/lib/posts/input';
import { listPosts } from '@/lib/posts/queries';

export const GET = route({
  auth: 'posts:read',
  query: listPostsInput,
  handle: async ({ actor, query }) => ok({ posts: await listPosts(actor.userId, query) }),
});

export const POST = route({
  auth: 'posts:write',
  body: createPostInput,
  handle: async ({ actor, body }) => {
    const post = await createPost(actor.userId, body);
    // Added to the queue: say which slot it took.
    return created(body.queue ? { post, queueSlot: post.scheduledAt } : { post });
  },
});
