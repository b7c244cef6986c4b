import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { posts } from '@/lib/db/schema';
import { createPostGroupInput } from '@/lib/posts/group-input';
import { createPostGroup, getPostGroup } from '@/lib/posts/groups';
import { updatePost } from '@/lib/posts/commands';
import { postQueue } from '@/lib/queue';
import { addAccount, createUserWithAccount, jobIdOf } from '../support/fixtures';
import { session } from '../support/signed-in';
import { refusal } from '../support/refusal';

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

async function twoAccounts() {
  const { user, account } = await createUserWithAccount();
  return { userId: user.id, first: account.id, second: (await addAccount(user.id)).id };
}

const postsOf = (userId: string) => db().select().from(posts).where(eq(posts.userId, userId));

async function post(body: unknown) {
  const { POST } = await import('@/app/api/v1/post-groups/route');
  const request = new Request('http://localhost/api/v1/post-groups', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as { error?: string; fields?: Record<string, string[]>; groupId?: string; posts?: { groupId: string; accountId: string; status: string }[] } };
}

describe('several accounts composed at once', () => {
  it('creates one post per account under one group id, each scheduled with its own job', async () => {
    const { userId, first, second } = await twoAccounts();
    const at = inAnHour();
    const group = await createPostGroup(
      userId,
      createPostGroupInput.parse({
        posts: [
          { accountId: first, parts: [{ text: 'Launching today' }], scheduledAt: at },
          { accountId: second, parts: [{ text: 'We are launching today' }, { text: 'More soon' }], scheduledAt: at },
        ],
      }),
    );
    expect(group.posts.map((p) => [p.accountId, p.groupId, p.status])).toEqual([
      [first, group.groupId, 'scheduled'],
      [second, group.groupId, 'scheduled'],
    ]);
    for (const p of group.posts) expect(await postQueue().getJobState(await jobIdOf(p.id))).toBe('delayed');
  });

  it('refuses the same text for two accounts (spacing and case aside), and saves nothing', async () => {
    const { userId, first, second } = await twoAccounts();
    session.userId = userId;
    const { status, body } = await post({
      posts: [
        { accountId: first, parts: [{ text: 'Big news' }] },
        { accountId: second, parts: [{ text: '  big   NEWS ' }] },
      ],
    });
    expect(status).toBe(400);
    expect(body.fields?.['posts.1.parts.0.text']?.[0]).toMatch(/X does not allow posting identical content from several accounts/);
    expect(await postsOf(userId)).toHaveLength(0);
  });

  it('refuses one account twice, and a group of one', async () => {
    const { userId, first } = await twoAccounts();
    session.userId = userId;
    const twice = await post({ posts: [{ accountId: first, parts: [{ text: 'a' }] }, { accountId: first, parts: [{ text: 'b' }] }] });
    expect(twice.status).toBe(400);
    expect(twice.body.fields?.['posts.1.accountId']?.[0]).toMatch(/already has post 1/);
    const alone = await post({ posts: [{ accountId: first, parts: [{ text: 'a' }] }] });
    expect(alone.status).toBe(400);
    expect(alone.body.fields?.posts?.[0]).toMatch(/at least two posts/);
    expect(await postsOf(userId)).toHaveLength(0);
  });

  it('saves all or none: an account that is not the user\'s undoes the posts before it', async () => {
    const { userId, first } = await twoAccounts();
    const stranger = await createUserWithAccount();
    const input = createPostGroupInput.parse({
      posts: [
        { accountId: first, parts: [{ text: 'mine' }], scheduledAt: inAnHour() },
        { accountId: stranger.account.id, parts: [{ text: 'not mine' }], scheduledAt: inAnHour() },
      ],
    });
    expect((await refusal(createPostGroup(userId, input))).fields).toEqual({ 'posts.1.accountId': ['Unknown account'] });
    expect(await postsOf(userId)).toHaveLength(0);
  });

  it('answers 201 with the group through the API, and 401 without a session', async () => {
    const { userId, first, second } = await twoAccounts();
    const body = { posts: [{ accountId: first, parts: [{ text: 'one' }] }, { accountId: second, parts: [{ text: 'two' }] }] };
    expect((await post(body)).status).toBe(401);
    session.userId = userId;
    const answer = await post(body);
    expect(answer.status).toBe(201);
    expect(answer.body.posts?.map((p) => p.groupId)).toEqual([answer.body.groupId, answer.body.groupId]);
    expect(answer.body.posts?.map((p) => p.status)).toEqual(['draft', 'draft']);
  });

  it('reads a group back for its owner only: another user, or an unknown id, is "not found"', async () => {
    const { userId, first, second } = await twoAccounts();
    const group = await createPostGroup(userId, createPostGroupInput.parse({ posts: [{ accountId: first, parts: [{ text: 'one' }] }, { accountId: second, parts: [{ text: 'two' }] }] }));
    const read = await getPostGroup(userId, group.groupId);
    expect(read.posts.map((p) => p.accountId).sort()).toEqual([first, second].sort());
    const stranger = await createUserWithAccount();
    expect((await refusal(getPostGroup(stranger.user.id, group.groupId))).status).toBe(404);
    expect((await refusal(getPostGroup(userId, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);

    const { GET } = await import('@/app/api/v1/post-groups/[id]/route');
    const get = (id: string) => GET(new Request(`http://localhost/api/v1/post-groups/${id}`), { params: Promise.resolve({ id }) });
    session.userId = stranger.user.id;
    expect((await get(group.groupId)).status).toBe(404);
    session.userId = userId;
    const answer = await get(group.groupId);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { groupId: string; posts: unknown[] }).posts).toHaveLength(2);
    expect((await get('not-a-uuid')).status).toBe(404);
  });

  it('refuses an edit that makes one account’s post say what another’s says, and keeps the saved text', async () => {
    const { userId, first, second } = await twoAccounts();
    const group = await createPostGroup(userId, createPostGroupInput.parse({ posts: [{ accountId: first, parts: [{ text: 'Big news' }] }, { accountId: second, parts: [{ text: 'Our big news' }] }] }));
    const secondPost = group.posts[1]!;
    const refused = await refusal(updatePost(userId, secondPost.id, { parts: [{ text: ' big NEWS' }] }));
    expect(refused.status).toBe(400);
    expect(refused.fields?.['parts.0.text']?.[0]).toMatch(/The same text as @.+ post of this group: X does not allow/);
    expect((await getPostGroup(userId, group.groupId)).posts.find((p) => p.id === secondPost.id)!.parts[0]!.text).toBe('Our big news');
    // Once the other post is cancelled it will not go out: the same words are fine then.
    await updatePost(userId, group.posts[0]!.id, { status: 'cancelled' });
    expect((await updatePost(userId, secondPost.id, { parts: [{ text: 'Big news' }] })).parts[0]!.text).toBe('Big news');
  });
});
