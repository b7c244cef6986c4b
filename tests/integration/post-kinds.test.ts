import { and, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDb, db } from '@/lib/db';
import { postParts, posts, xAccounts } from '@/lib/db/schema';
import { getPost } from '@/lib/posts/queries';
import { closeQueue } from '@/lib/queue';
import { createUserWithAccount } from '../support/fixtures';

// Who is signed in, for the routes (Auth.js needs Next's request context to read its cookie).
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('@/lib/auth/session', () => ({
  currentUser: async () => (session.userId ? { id: session.userId, name: null, image: null } : null),
}));

const { POST } = await import('@/app/api/v1/posts/route');
const { PATCH } = await import('@/app/api/v1/posts/[id]/route');
const { POST: POST_GROUP } = await import('@/app/api/v1/post-groups/route');

afterAll(async () => {
  await closeQueue();
  await closeDb();
});

beforeEach(() => {
  session.userId = null;
});

const base = 'http://localhost:3000/api/v1/posts';
const json = (method: string, url: string, body: unknown) =>
  new Request(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function create(body: unknown) {
  const res = await POST(json('POST', base, body), { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as { post?: { id: string }; error?: string; fields?: Record<string, string[]> } };
}

async function patch(id: string, body: unknown) {
  const res = await PATCH(json('PATCH', `${base}/${id}`, body), { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as { error?: string; fields?: Record<string, string[]> } };
}

async function signedIn() {
  const owner = await createUserWithAccount();
  session.userId = owner.user.id;
  return owner;
}

const savedPosts = async (userId: string) => db().select({ id: posts.id }).from(posts).where(eq(posts.userId, userId));

const poll = { options: ['Tea', 'Coffee'], durationMinutes: 1440 };

describe('polls, quotes, replies and who can reply through /api/v1/posts', () => {
  it('saves each kind and gives back what was saved, with a link turned into its id', async () => {
    const { user, account } = await signedIn();
    const created = await create({
      accountId: account.id,
      replySettings: 'mentionedUsers',
      parts: [
        { text: 'Which one?', poll, replyToPostId: 'https://x.com/jack/status/20?s=46' },
        { text: 'Worth a read', quotePostId: 'https://twitter.com/i/web/status/1346889436626259968' },
      ],
    });
    expect(created.status).toBe(201);
    const saved = await getPost(user.id, created.body.post!.id);
    expect(saved.replySettings).toBe('mentionedUsers');
    expect(saved.parts.map(({ text, poll: p, quotePostId, replyToPostId }) => ({ text, poll: p, quotePostId, replyToPostId }))).toEqual([
      { text: 'Which one?', poll, quotePostId: null, replyToPostId: '20' },
      { text: 'Worth a read', poll: null, quotePostId: '1346889436626259968', replyToPostId: null },
    ]);
    expect(created.body.post).toEqual(saved);

    // A plain post stays plain: everyone may reply.
    const plain = await create({ accountId: account.id, parts: [{ text: 'hello' }] });
    expect(await getPost(user.id, plain.body.post!.id)).toMatchObject({ replySettings: null, parts: [{ poll: null, quotePostId: null, replyToPostId: null }] });
  });

  const part = (extra: Record<string, unknown>) => ({ parts: [{ text: 'hi', ...extra }] });
  it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
    ['a poll with 1 option', part({ poll: { ...poll, options: ['only'] } }), { 'parts.0.poll.options': ['A poll has 2 to 4 options'] }],
    ['a poll with 5 options', part({ poll: { ...poll, options: ['a', 'b', 'c', 'd', 'e'] } }), { 'parts.0.poll.options': ['A poll has 2 to 4 options'] }],
    ['an empty option', part({ poll: { ...poll, options: ['a', '   '] } }), { 'parts.0.poll.options.1': ['Option 2 is empty'] }],
    ['an option of 26 characters', part({ poll: { ...poll, options: ['a'.repeat(26), 'b'] } }), { 'parts.0.poll.options.0': ['Option 1 is 26 characters; X allows 25'] }],
    ['an option with a NUL', part({ poll: { ...poll, options: ['a\u0000', 'b'] } }), { 'parts.0.poll.options.0': ['Contains a NUL character (\\u0000), which cannot be stored'] }],
    ['a very long option', part({ poll: { ...poll, options: ['a'.repeat(5000), 'b'] } }), { 'parts.0.poll.options.0': ['An option has at most 25 characters'] }],
    ['two equal options', part({ poll: { ...poll, options: ['Tea', 'tea'] } }), { 'parts.0.poll.options.1': ['Option 2 is the same as an earlier one'] }],
    ['a poll of 4 minutes', part({ poll: { ...poll, durationMinutes: 4 } }), { 'parts.0.poll.durationMinutes': ['A poll runs 5 minutes to 7 days (5 to 10080 minutes)'] }],
    ['a poll of 10081 minutes', part({ poll: { ...poll, durationMinutes: 10081 } }), { 'parts.0.poll.durationMinutes': ['A poll runs 5 minutes to 7 days (5 to 10080 minutes)'] }],
    ['a duration as text', part({ poll: { ...poll, durationMinutes: '60' } }), { 'parts.0.poll.durationMinutes': ['The poll duration is a number of minutes'] }],
    ['an unknown poll field', part({ poll: { ...poll, reply_settings: 'following' } }), { 'parts.0.poll': [expect.stringContaining('reply_settings')] }],
    ['a poll with media', part({ poll, media: [{ id: crypto.randomUUID() }] }), { 'parts.0.poll': ['A post with a poll cannot have media too'] }],
    ['a poll quoting a post', part({ poll, quotePostId: '20' }), { 'parts.0.poll': ['A post with a poll cannot quote another post'] }],
    ['a bad quote link', part({ quotePostId: 'https://example.com/jack/status/20' }), { 'parts.0.quotePostId': ["Paste a post's link or id"] }],
    ['a quote id that is a number', part({ quotePostId: 20 }), { 'parts.0.quotePostId': ["Paste a post's link or id"] }],
    ['a bad reply link', part({ replyToPostId: 'https://x.com/jack' }), { 'parts.0.replyToPostId': ["Paste a post's link or id"] }],
    [
      'a reply target on a second part',
      { parts: [{ text: 'one' }, { text: 'two', replyToPostId: '20' }] },
      { 'parts.1.replyToPostId': ['Only the first part can reply to another post; the others reply to the part before'] },
    ],
    ['who can reply: everyone spelled out', { ...part({}), replySettings: 'everyone' }, { replySettings: ['Must be one of following, mentionedUsers, subscribers, verified (leave it out for everyone)'] }],
    ['who can reply: a wrong case', { ...part({}), replySettings: 'Verified' }, { replySettings: ['Must be one of following, mentionedUsers, subscribers, verified (leave it out for everyone)'] }],
  ])('refuses %s with a 400 naming the field, and saves nothing', async (_, body, fields) => {
    const { user, account } = await signedIn();
    const res = await create({ accountId: account.id, ...body });
    expect(res).toEqual({ status: 400, body: { error: 'Invalid input', fields } });
    expect(await savedPosts(user.id)).toEqual([]);
  });

  // Every other shape a client could send for these fields: each one a 400 naming its field.
  it.each<[string, Record<string, unknown>, string]>([
    ['a poll without options', part({ poll: { durationMinutes: 60 } }), 'parts.0.poll.options'],
    ['a poll without a duration', part({ poll: { options: ['a', 'b'] } }), 'parts.0.poll.durationMinutes'],
    ['a duration in part minutes', part({ poll: { ...poll, durationMinutes: 60.5 } }), 'parts.0.poll.durationMinutes'],
    ['options as one string', part({ poll: { ...poll, options: 'Tea, Coffee' } }), 'parts.0.poll.options'],
    ['an option that is a number', part({ poll: { ...poll, options: ['Tea', 2] } }), 'parts.0.poll.options.1'],
    ['a poll that is not an object', part({ poll: 'yes' }), 'parts.0.poll'],
    ['a null poll', part({ poll: null }), 'parts.0.poll'],
    ['an empty quote', part({ quotePostId: '' }), 'parts.0.quotePostId'],
    ['a quote id of 20 digits', part({ quotePostId: '1'.repeat(20) }), 'parts.0.quotePostId'],
    ['a quote link to a profile', part({ quotePostId: 'https://x.com/jack/status/' }), 'parts.0.quotePostId'],
    ['a null reply target', part({ replyToPostId: null }), 'parts.0.replyToPostId'],
    ['a reply target of letters', part({ replyToPostId: 'abc' }), 'parts.0.replyToPostId'],
    ['who can reply as a number', { ...part({}), replySettings: 1 }, 'replySettings'],
    ['who can reply empty', { ...part({}), replySettings: '' }, 'replySettings'],
    ['who can reply on a part', part({ replySettings: 'following' }), 'parts.0'],
  ])('refuses %s with a 400 naming its field, and saves nothing', async (_, body, field) => {
    const { user, account } = await signedIn();
    const res = await create({ accountId: account.id, ...body });
    expect(res.status).toBe(400);
    expect(res.body.fields?.[field]).toEqual([expect.stringMatching(/\S/)]);
    expect(await savedPosts(user.id)).toEqual([]);
  });

  it('refuses a bad value in one post of a group, naming that post, and saves none of them', async () => {
    const owner = await signedIn();
    const other = await createUserWithAccount();
    // A second account of the same user.
    await db().update(xAccounts).set({ userId: owner.user.id }).where(eq(xAccounts.id, other.account.id));
    const res = await POST_GROUP(
      json('POST', 'http://localhost:3000/api/v1/post-groups', {
        posts: [
          { accountId: owner.account.id, parts: [{ text: 'one', poll }] },
          { accountId: other.account.id, replySettings: 'friends', parts: [{ text: 'two', quotePostId: 'https://x.com/jack' }] },
        ],
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fields?: Record<string, string[]> };
    expect(body.fields).toEqual({
      'posts.1.replySettings': ['Must be one of following, mentionedUsers, subscribers, verified (leave it out for everyone)'],
      'posts.1.parts.0.quotePostId': ["Paste a post's link or id"],
    });
    expect(await savedPosts(owner.user.id)).toEqual([]);
  });

  it('refuses bad quotes and reply targets in PATCH without changing anything', async () => {
    const { user, account } = await signedIn();
    const created = await create({ accountId: account.id, parts: [{ text: 'first', quotePostId: '5' }, { text: 'second' }] });
    const id = created.body.post!.id;
    const before = await getPost(user.id, id);
    for (const [body, field] of [
      [{ parts: [{ text: 'first', quotePostId: 'https://x.com/jack' }, { text: 'second' }] }, 'parts.0.quotePostId'],
      [{ parts: [{ text: 'first' }, { text: 'second', replyToPostId: '9' }] }, 'parts.1.replyToPostId'],
      [{ parts: [{ text: 'first', poll, quotePostId: '5' }, { text: 'second' }] }, 'parts.0.poll'],
      [{ parts: [{ text: 'first', poll: { ...poll, durationMinutes: 0 } }, { text: 'second' }] }, 'parts.0.poll.durationMinutes'],
      [{ replySettings: 'everyone' }, 'replySettings'],
    ] as const) {
      const res = await patch(id, body);
      expect(res.status).toBe(400);
      expect(res.body.fields?.[field]).toEqual([expect.stringMatching(/\S/)]);
    }
    expect(await getPost(user.id, id)).toEqual(before);
  });

  it('changes them with PATCH while the post is editable, refusing bad values without changing anything', async () => {
    const { user, account } = await signedIn();
    const created = await create({ accountId: account.id, parts: [{ text: 'first' }] });
    const id = created.body.post!.id;
    const before = await getPost(user.id, id);

    expect(await patch(id, { replySettings: 'nobody' })).toMatchObject({ status: 400, body: { fields: { replySettings: [expect.any(String)] } } });
    expect(await patch(id, { parts: [{ text: 'first', poll: { ...poll, options: ['x'] } }] })).toMatchObject({
      status: 400,
      body: { fields: { 'parts.0.poll.options': ['A poll has 2 to 4 options'] } },
    });
    expect(await getPost(user.id, id)).toEqual(before);

    expect((await patch(id, { replySettings: 'verified', parts: [{ text: 'first', poll, replyToPostId: '77' }] })).status).toBe(200);
    expect(await getPost(user.id, id)).toMatchObject({ replySettings: 'verified', parts: [{ poll, replyToPostId: '77' }] });

    // null opens replies to everyone again; parts sent without a poll lose it.
    expect((await patch(id, { replySettings: null, parts: [{ text: 'first' }] })).status).toBe(200);
    expect(await getPost(user.id, id)).toMatchObject({ replySettings: null, parts: [{ poll: null, replyToPostId: null }] });
  });

  it('keeps who can reply once part of the thread is on X', async () => {
    const { user, account } = await signedIn();
    const created = await create({ accountId: account.id, parts: [{ text: 'one' }, { text: 'two' }] });
    const id = created.body.post!.id;
    await db()
      .update(postParts)
      .set({ xPostId: '123' })
      .where(and(eq(postParts.postId, id), eq(postParts.position, 0)));
    await db().update(posts).set({ status: 'failed' }).where(eq(posts.id, id));
    expect(await patch(id, { replySettings: 'following' })).toEqual({
      status: 409,
      body: { error: 'Part of this thread is already on X; who can reply can no longer be changed.' },
    });
    expect((await getPost(user.id, id)).replySettings).toBeNull();
  });
});
