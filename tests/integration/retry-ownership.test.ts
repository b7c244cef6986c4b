import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessionActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { posts } from '@/lib/db/schema';
import { createPost, retryPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';
import { createUserWithAccount } from '../support/fixtures';
import { session } from '../support/signed-in';
import { refusal } from '../support/refusal';

const ADMIN_X_USER_ID = '7000000000000000042';
// Read by lib/config on first use, which comes after these lines in this file's own process.
process.env.ADMIN_X_USER_IDS = ADMIN_X_USER_ID;

/** The one user whose X account is named in ADMIN_X_USER_IDS (an X user id connects once). */
let admin: ReturnType<typeof createUserWithAccount> | undefined;
const theAdmin = () => (admin ??= createUserWithAccount({ xUserId: ADMIN_X_USER_ID }));

async function failedPostOf(owner: Awaited<ReturnType<typeof createUserWithAccount>>) {
  const post = await createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text: 'went wrong' }] }));
  await db().update(posts).set({ status: 'failed', lastError: 'X said no', attempts: 3 }).where(eq(posts.id, post.id));
  return post;
}

describe('who may retry a failed post (lib/posts decides, not the route)', () => {
  it('the owner may; another user who is not an admin finds nothing there', async () => {
    const owner = await createUserWithAccount();
    const stranger = await createUserWithAccount();
    const post = await failedPostOf(owner);
    expect((await refusal(retryPost(sessionActor(stranger.user.id), post.id))).status).toBe(404);
    expect((await getPost(owner.user.id, post.id)).status).toBe('failed');
    expect((await retryPost(sessionActor(owner.user.id), post.id)).status).toBe('queued');
  });

  it("an admin may retry anyone's, and the post stays its owner's", async () => {
    const owner = await createUserWithAccount();
    const post = await failedPostOf(owner);
    const retried = await retryPost(sessionActor((await theAdmin()).user.id), post.id);
    expect(retried).toMatchObject({ id: post.id, status: 'queued', accountId: owner.account.id, attempts: 0, error: null });
    expect((await getPost(owner.user.id, post.id)).status).toBe('queued');
  });

  it('the retry route answers the same: 401 for nobody, 404 for a stranger, the post for an admin', async () => {
    const { POST } = await import('@/app/api/v1/posts/[id]/retry/route');
    const owner = await createUserWithAccount();
    const stranger = await createUserWithAccount();
    const post = await failedPostOf(owner);
    const call = () => POST(new Request(`http://localhost:3000/api/v1/posts/${post.id}/retry`, { method: 'POST' }), { params: Promise.resolve({ id: post.id }) });

    expect((await call()).status).toBe(401);
    session.userId = stranger.user.id;
    const refused = await call();
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({ error: 'Post not found' });
    expect((await getPost(owner.user.id, post.id)).status).toBe('failed');

    session.userId = (await theAdmin()).user.id;
    const retried = await call();
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ post: { id: post.id, status: 'queued', accountId: owner.account.id } });
  });
});
