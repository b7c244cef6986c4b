import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionActor } from '@/lib/auth/actor';
import { closeDb, db } from '@/lib/db';
import { posts } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { createPost, retryPost, updatePost } from '@/lib/posts/commands';
import { createPostInput, updatePostInput } from '@/lib/posts/input';
import { closeQueue } from '@/lib/queue';
import { createUserWithAccount } from '../support/fixtures';
import { refusal } from '../support/refusal';

// Read by lib/config on first use, after these lines, in this file's own process.
process.env.MAX_SCHEDULED_POSTS_PER_USER = '5';
process.env.SCHEDULE_HORIZON_DAYS = '30';

afterAll(async () => {
  await closeQueue();
  await closeDb();
});

const DAY = 24 * 3600_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('what one user may pile up', () => {
  it('caps scheduled posts per user, even when they all arrive at once; drafts are not counted', async () => {
    const { user, account } = await createUserWithAccount();
    const schedule = (i: number) => createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: `p${i}` }], scheduledAt: at(3600_000 + i) }));
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => schedule(i)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as AppError);
    expect(refused).toHaveLength(7);
    for (const error of refused) {
      expect(error.status).toBe(409);
      expect(error.message).toMatch(/already have 5 posts scheduled/);
    }
    const saved = await db().select().from(posts).where(eq(posts.userId, user.id));
    expect(saved).toHaveLength(5);

    // A draft is fine; scheduling it is not, until one goes out or is unscheduled.
    const draft = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'later' }] }));
    expect((await refusal(updatePost(user.id, draft.id, updatePostInput.parse({ scheduledAt: at(7200_000) })))).status).toBe(409);
    await updatePost(user.id, saved[0]!.id, updatePostInput.parse({ scheduledAt: null }));
    expect((await updatePost(user.id, draft.id, updatePostInput.parse({ scheduledAt: at(7200_000) }))).status).toBe('scheduled');
    // Moving an already scheduled post is not a new one.
    expect((await updatePost(user.id, draft.id, updatePostInput.parse({ scheduledAt: at(9000_000) }))).status).toBe('scheduled');

    // Retrying a failed post takes a place too.
    await db().update(posts).set({ status: 'failed' }).where(eq(posts.id, saved[0]!.id));
    expect((await refusal(retryPost(sessionActor(user.id), saved[0]!.id))).status).toBe(409);
  });

  it('refuses times beyond the scheduling horizon with a field error', () => {
    const accountId = crypto.randomUUID();
    const far = createPostInput.safeParse({ accountId, parts: [{ text: 'x' }], scheduledAt: at(31 * DAY) });
    expect(far.success).toBe(false);
    expect(far.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['scheduledAt: Must be within 30 days from now']);
    expect(createPostInput.safeParse({ accountId, parts: [{ text: 'x' }], scheduledAt: at(29 * DAY) }).success).toBe(true);
    expect(updatePostInput.safeParse({ scheduledAt: at(31 * DAY) }).success).toBe(false);
  });
});
