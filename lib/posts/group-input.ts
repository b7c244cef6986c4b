import { z } from 'zod';
import { createPostInput } from './input';
import { contentKey, IDENTICAL_CONTENT_REASON } from './same-content';

/** The most posts one group holds: one per account, and few people post to more at once. */
export const MAX_GROUP_POSTS = 20;

/**
 * `POST /api/v1/post-groups`: one createPost body per account, saved together. Each account once;
 * no two posts with the same text, since X forbids posting identical content from several accounts.
 */
export const createPostGroupInput = z
  .strictObject({
    posts: z
      .array(createPostInput)
      .min(2, 'A group has at least two posts, one per account (one post alone is POST /api/v1/posts)')
      .max(MAX_GROUP_POSTS, `A group has at most ${MAX_GROUP_POSTS} posts`),
  })
  .superRefine(({ posts }, ctx) => {
    const accounts = new Map<string, number>();
    const contents = new Map<string, number>();
    for (const [index, post] of posts.entries()) {
      const sameAccount = accounts.get(post.accountId);
      if (sameAccount !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['posts', index, 'accountId'], message: `This account already has post ${sameAccount + 1} of this group; each account gets one post` });
      } else accounts.set(post.accountId, index);
      const key = contentKey(post.parts);
      const sameText = contents.get(key);
      if (sameText !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['posts', index, 'parts', 0, 'text'],
          message: `The same text as post ${sameText + 1}: ${IDENTICAL_CONTENT_REASON}`,
        });
      } else contents.set(key, index);
    }
  });

export type CreatePostGroupInput = z.infer<typeof createPostGroupInput>;
