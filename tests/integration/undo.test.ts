import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { postParts, posts, type Post } from '@/lib/db/schema';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { undoOffer, type UndoOffer } from '@/lib/posts/undo-token';
import type { PostView } from '@/lib/posts/view';
import { postQueue } from '@/lib/queue';
import { putSchedule } from '@/lib/schedules/commands';
import { callRoute, type Answer } from '../support/call-route';
import { addAccount, createUserWithAccount, jobIdOf } from '../support/fixtures';
import { session } from '../support/signed-in';

const postsRoute = () => import('@/app/api/v1/posts/route');
const postRoute = () => import('@/app/api/v1/posts/[id]/route');
const groupsRoute = () => import('@/app/api/v1/post-groups/route');
const undoRoute = () => import('@/app/api/v1/posts/undo/route');

type Owner = Awaited<ReturnType<typeof createUserWithAccount>>;

const inHours = (h: number) => new Date(Date.now() + h * 3600_000);

async function signedIn(): Promise<Owner> {
  const owner = await createUserWithAccount();
  session.userId = owner.user.id;
  return owner;
}

const draftOf = (owner: Owner, text = 'undo me') => createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text }] }));
const scheduledOf = (owner: Owner, at: Date, text = 'undo me') =>
  createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text }], scheduledAt: at.toISOString() }));

async function patch(id: string, body: unknown): Promise<Answer> {
  return callRoute((await postRoute()).PATCH, 'PATCH', `/api/v1/posts/${id}`, { params: { id }, body });
}

async function undo(token: string): Promise<Answer> {
  return callRoute((await undoRoute()).POST, 'POST', '/api/v1/posts/undo', { body: { token } });
}

const offerOf = (answer: Answer) => answer.body.undo as UndoOffer;

async function row(id: string): Promise<Post> {
  const [found] = await db().select().from(posts).where(eq(posts.id, id));
  return found!;
}

/** The fields an undo puts back, as stored. */
const timeFields = (p: Post) => ({
  status: p.status,
  scheduledAt: p.scheduledAt?.toISOString() ?? null,
  queueSlot: p.queueSlot,
  attempts: p.attempts,
  lastError: p.lastError,
  lastErrorClass: p.lastErrorClass,
  nextAttemptAt: p.nextAttemptAt?.toISOString() ?? null,
});

async function jobState(postId: string, revision: number) {
  return postQueue().getJobState(await jobIdOf(postId, revision));
}

describe('undo of a change of time or status', () => {
  it('a move: back to the old time, the old time’s job queued for a new revision, the moved one’s gone', async () => {
    const owner = await signedIn();
    const at = inHours(1);
    const post = await scheduledOf(owner, at);
    const before = timeFields(await row(post.id));
    const moved = await patch(post.id, { scheduledAt: inHours(3).toISOString() });
    expect(moved.status).toBe(200);
    expect(Date.parse(offerOf(moved).expiresAt) - Date.now()).toBeGreaterThan(8_000);
    expect(await jobState(post.id, 2)).toBe('delayed');

    const undone = await undo(offerOf(moved).token);
    expect(undone.status).toBe(200);
    expect((undone.body.posts as PostView[])[0]).toMatchObject({ id: post.id, status: 'scheduled', scheduledAt: at.toISOString(), revision: 3 });
    expect(timeFields(await row(post.id))).toEqual(before);
    expect(await jobState(post.id, 2)).toBe('unknown');
    const job = await postQueue().getJob(await jobIdOf(post.id, 3));
    expect(job!.timestamp + (job!.opts.delay ?? 0)).toBeGreaterThan(at.getTime() - 60_000);
    expect(job!.timestamp + (job!.opts.delay ?? 0)).toBeLessThan(at.getTime() + 60_000);
  });

  it('Schedule of a draft: back to a draft with no job; the text edited in the same save stays', async () => {
    const owner = await signedIn();
    const post = await draftOf(owner, 'first words');
    const scheduled = await patch(post.id, { scheduledAt: inHours(2).toISOString(), parts: [{ text: 'better words' }] });
    const undone = await undo(offerOf(scheduled).token);
    expect(undone.status).toBe(200);
    expect((undone.body.posts as PostView[])[0]).toMatchObject({ status: 'draft', scheduledAt: null, parts: [{ text: 'better words' }] });
    expect(await jobState(post.id, 2)).toBe('unknown');
    expect(await jobState(post.id, 3)).toBe('unknown');
  });

  it('a cancel: scheduled again at its time, with its job', async () => {
    const owner = await signedIn();
    const at = inHours(5);
    const post = await scheduledOf(owner, at);
    const cancelled = await patch(post.id, { status: 'cancelled' });
    expect((cancelled.body.post as PostView).status).toBe('cancelled');
    const undone = await undo(offerOf(cancelled).token);
    expect((undone.body.posts as PostView[])[0]).toMatchObject({ status: 'scheduled', scheduledAt: at.toISOString() });
    expect(await jobState(post.id, 3)).toBe('delayed');
  });

  it('publishNow through the API: undone before a worker takes it, a draft again and its job gone', async () => {
    const owner = await signedIn();
    const post = await draftOf(owner);
    const now = await patch(post.id, { publishNow: true });
    expect((now.body.post as PostView).status).toBe('queued');
    expect(await jobState(post.id, 2)).not.toBe('unknown');
    const undone = await undo(offerOf(now).token);
    expect((undone.body.posts as PostView[])[0]).toMatchObject({ status: 'draft', scheduledAt: null });
    expect(await jobState(post.id, 2)).toBe('unknown');
  });

  it('a post created scheduled becomes a draft, keeping its text', async () => {
    const owner = await signedIn();
    const made = await callRoute((await postsRoute()).POST, 'POST', '/api/v1/posts', {
      body: { accountId: owner.account.id, parts: [{ text: 'typed with care' }], scheduledAt: inHours(1).toISOString() },
    });
    expect(made.status).toBe(201);
    const post = made.body.post as PostView;
    const undone = await undo(offerOf(made).token);
    expect((undone.body.posts as PostView[])[0]).toMatchObject({ id: post.id, status: 'draft', scheduledAt: null, parts: [{ text: 'typed with care' }] });
    expect(await jobState(post.id, 1)).toBe('unknown');
  });

  it('a draft saved as a draft, or an edit of text alone, offers no undo', async () => {
    const owner = await signedIn();
    const made = await callRoute((await postsRoute()).POST, 'POST', '/api/v1/posts', { body: { accountId: owner.account.id, parts: [{ text: 'just a draft' }] } });
    expect(made.body.undo).toBeUndefined();
    const edited = await patch((made.body.post as PostView).id, { parts: [{ text: 'still a draft' }] });
    expect(edited.body.undo).toBeUndefined();
  });

  it('a failed post rescheduled: failed again with its attempts and error as they were', async () => {
    const owner = await signedIn();
    const post = await draftOf(owner);
    await db()
      .update(posts)
      .set({ status: 'failed', attempts: 4, lastError: 'X said no', lastErrorClass: 'permanent', scheduledAt: new Date(Date.now() - 60_000) })
      .where(eq(posts.id, post.id));
    const before = timeFields(await row(post.id));
    const rescheduled = await patch(post.id, { scheduledAt: inHours(1).toISOString() });
    expect((rescheduled.body.post as PostView).attempts).toBe(0);
    const undone = await undo(offerOf(rescheduled).token);
    expect(undone.status).toBe(200);
    expect(timeFields(await row(post.id))).toEqual(before);
  });

  it('a queued post moved by hand gets its queue slot back, unless another post took it since', async () => {
    const owner = await signedIn();
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
    await putSchedule(owner.user.id, owner.account.id, { timeZone: 'UTC', slots: days.map((day) => ({ day, time: '06:00' })), blackoutDates: [] });
    const queued = await createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text: 'in a slot' }], queue: true }));
    const before = timeFields(await row(queued.id));
    expect(before.queueSlot).toBe(true);

    const moved = await patch(queued.id, { scheduledAt: inHours(100).toISOString() });
    expect(await undo(offerOf(moved).token)).toMatchObject({ status: 200 });
    expect(timeFields(await row(queued.id))).toEqual(before);

    const away = inHours(100).toISOString();
    const movedAgain = await patch(queued.id, { scheduledAt: away });
    const taker = await createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text: 'took the slot' }], queue: true }));
    expect(taker.scheduledAt).toBe(before.scheduledAt);
    const refused = await undo(offerOf(movedAgain).token);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/taken its queue slot/);
    expect(timeFields(await row(queued.id))).toMatchObject({ scheduledAt: away, queueSlot: false });
  });
});

describe('what undo refuses', () => {
  it('a token changed by one character: 400', async () => {
    const owner = await signedIn();
    const post = await draftOf(owner);
    const { token } = offerOf(await patch(post.id, { scheduledAt: inHours(1).toISOString() }));
    const [data, mac] = token.split('.') as [string, string];
    const json = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as { x: number };
    const later = Buffer.from(JSON.stringify({ ...json, x: json.x + 3600_000 }), 'utf8').toString('base64url');
    for (const bad of [`${later}.${mac}`, `${data}.${mac.slice(0, -2)}AA`, data, `${token}.x`, 'x'.repeat(20_000)]) {
      const answer = await undo(bad);
      expect(answer.status).toBe(400);
      expect(answer.body.error === 'This undo link is not valid' || answer.body.fields?.token?.[0] === 'This undo link is not valid').toBe(true);
    }
    expect((await row(post.id)).status).toBe('scheduled');
    const extra = await callRoute((await undoRoute()).POST, 'POST', '/api/v1/posts/undo', { body: { token, also: 1 } });
    expect(extra.status).toBe(400);
  });

  it('too late: 409, and nothing changes', async () => {
    const owner = await signedIn();
    const post = await draftOf(owner);
    const scheduled = await patch(post.id, { scheduledAt: inHours(1).toISOString() });
    const stored = await row(post.id);
    const stale = undoOffer(owner.user.id, [{ after: stored, before: { ...stored, status: 'draft', scheduledAt: null } }], Date.now() - 16_000)!;
    const answer = await undo(stale.token);
    expect(answer).toMatchObject({ status: 409, body: { error: 'Too late to undo' } });
    expect((await row(post.id)).status).toBe('scheduled');
    expect(scheduled.status).toBe(200);
  });

  it('another user’s token names no post of theirs: 404', async () => {
    const owner = await signedIn();
    const post = await draftOf(owner);
    const { token } = offerOf(await patch(post.id, { scheduledAt: inHours(1).toISOString() }));
    await signedIn();
    const answer = await undo(token);
    expect(answer.status).toBe(404);
    expect((await row(post.id)).status).toBe('scheduled');
  });

  it('a post changed since (another edit): 409, nothing undone', async () => {
    const owner = await signedIn();
    const post = await draftOf(owner);
    const { token } = offerOf(await patch(post.id, { scheduledAt: inHours(1).toISOString() }));
    await patch(post.id, { parts: [{ text: 'edited after' }] });
    const answer = await undo(token);
    expect(answer).toMatchObject({ status: 409, body: { error: 'The post changed since; nothing was undone' } });
    expect((await row(post.id)).status).toBe('scheduled');
  });

  it('publishing started or done, or a part already on X: 409 that says so', async () => {
    const owner = await signedIn();
    for (const state of ['publishing', 'published', 'part on X'] as const) {
      const post = await draftOf(owner, `started ${state}`);
      const { token } = offerOf(await patch(post.id, { publishNow: true }));
      if (state === 'part on X') await db().update(postParts).set({ xPostId: '1234567890' }).where(eq(postParts.postId, post.id));
      else await db().update(posts).set({ status: state }).where(eq(posts.id, post.id));
      const answer = await undo(token);
      expect(answer).toMatchObject({ status: 409, body: { error: 'Publishing has started; it can no longer be undone' } });
    }
  });

  it('a group: one post changed since leaves every post of the group as it is', async () => {
    const owner = await signedIn();
    const second = await addAccount(owner.user.id);
    const made = await callRoute((await groupsRoute()).POST, 'POST', '/api/v1/post-groups', {
      body: { posts: [owner.account, second].map((a, i) => ({ accountId: a.id, parts: [{ text: `group ${i}` }], scheduledAt: inHours(2).toISOString() })) },
    });
    expect(made.status).toBe(201);
    const [first, other] = made.body.posts as PostView[];
    await patch(other!.id, { parts: [{ text: 'group changed' }] });
    const refused = await undo(offerOf(made).token);
    expect(refused.status).toBe(409);
    expect((await row(first!.id)).status).toBe('scheduled');
    expect(await jobState(first!.id, 1)).toBe('delayed');

    const again = await callRoute((await groupsRoute()).POST, 'POST', '/api/v1/post-groups', {
      body: { posts: [owner.account, second].map((a, i) => ({ accountId: a.id, parts: [{ text: `group again ${i}` }], scheduledAt: inHours(2).toISOString() })) },
    });
    const undone = await undo(offerOf(again).token);
    expect((undone.body.posts as PostView[]).map((p) => p.status)).toEqual(['draft', 'draft']);
  });
});
