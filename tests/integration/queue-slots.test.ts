import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { accountSchedules, posts } from '@/lib/db/schema';
import { createPost, deletePost, updatePost } from '@/lib/posts/commands';
import { createPostInput, updatePostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';
import { postQueue } from '@/lib/queue';
import { putSchedule } from '@/lib/schedules/commands';
import { getQueue, getSchedule } from '@/lib/schedules/queries';
import { upcomingSlots, type SlotSchedule } from '@/lib/schedules/slots';
import type { WeeklySlot } from '@/lib/db/schema';
import { createUserWithAccount, jobIdOf } from '../support/fixtures';
import { session } from '../support/signed-in';
import { refusal } from '../support/refusal';

// Read by lib/config on first use, after these lines: a month of slots is enough to fill.
process.env.SCHEDULE_HORIZON_DAYS = '30';
const HORIZON_MS = 30 * 24 * 3600_000;

type Owner = Awaited<ReturnType<typeof createUserWithAccount>>;

/** Every day at 00:00, 03:00, ... 21:00 UTC: 56 slots a week. */
const everyThreeHours: WeeklySlot[] = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).flatMap((day) =>
  ['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00'].map((time) => ({ day, time })),
);

async function ownerWithSchedule(slots: WeeklySlot[] = everyThreeHours): Promise<Owner> {
  const owner = await createUserWithAccount();
  await putSchedule(owner.user.id, owner.account.id, { timeZone: 'UTC', slots, blackoutDates: [] });
  return owner;
}

const addToQueue = (owner: Owner, text = 'queued') => createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text }], queue: true }));

function slotsAhead(slots: WeeklySlot[], timeZone = 'UTC'): number[] {
  const schedule: SlotSchedule = { timeZone, slots, blackoutDates: [] };
  return upcomingSlots(schedule, new Date(), new Date(Date.now() + HORIZON_MS)).map((d) => d.getTime());
}

async function call(
  handler: (request: Request, context: { params: Promise<unknown> }) => Promise<Response>,
  method: string,
  path: string,
  opts: { id?: string; body?: unknown } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const request = new Request(`http://localhost:3000${path}`, {
    method,
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body), headers: { 'content-type': 'application/json' } }),
  });
  const response = await handler(request, { params: Promise.resolve(opts.id ? { id: opts.id } : {}) });
  return { status: response.status, json: response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>) };
}

const scheduleRoute = () => import('@/app/api/v1/accounts/[id]/schedule/route');
const queueRoute = () => import('@/app/api/v1/accounts/[id]/queue/route');
const moveRoute = () => import('@/app/api/v1/accounts/[id]/queue/move/route');
const postsRoute = () => import('@/app/api/v1/posts/route');

describe('an account schedule through the API', () => {
  it("starts empty in the user's zone (UTC without one), and PUT replaces it", async () => {
    const { GET, PUT } = await scheduleRoute();
    const owner = await createUserWithAccount();
    session.userId = owner.user.id;
    const path = `/api/v1/accounts/${owner.account.id}/schedule`;
    expect((await call(GET, 'GET', path, { id: owner.account.id })).json).toEqual({
      schedule: { accountId: owner.account.id, timeZone: 'UTC', slots: [], blackoutDates: [] },
    });
    const body = { timeZone: 'Europe/Berlin', slots: [{ day: 'mon', time: '09:00' }, { day: 'fri', time: '17:30' }], blackoutDates: ['2026-12-25'] };
    expect(await call(PUT, 'PUT', path, { id: owner.account.id, body })).toEqual({ status: 200, json: { schedule: { accountId: owner.account.id, ...body } } });
    expect((await call(GET, 'GET', path, { id: owner.account.id })).json).toEqual({ schedule: { accountId: owner.account.id, ...body } });
  });

  it("takes the user's own zone when none is given", async () => {
    const owner = await createUserWithAccount();
    const { users } = await import('@/lib/db/schema');
    await db().update(users).set({ timeZone: 'America/New_York' }).where(eq(users.id, owner.user.id));
    expect((await getSchedule(owner.user.id, owner.account.id)).timeZone).toBe('America/New_York');
    const saved = await putSchedule(owner.user.id, owner.account.id, { slots: [{ day: 'tue', time: '08:15' }] });
    expect(saved.timeZone).toBe('America/New_York');
  });

  it('refuses every bad value with a field message, and keeps what was saved', async () => {
    const { GET, PUT } = await scheduleRoute();
    const owner = await createUserWithAccount();
    session.userId = owner.user.id;
    const path = `/api/v1/accounts/${owner.account.id}/schedule`;
    const good = { timeZone: 'Europe/Berlin', slots: [{ day: 'mon', time: '09:00' }], blackoutDates: ['2026-12-25'] };
    expect((await call(PUT, 'PUT', path, { id: owner.account.id, body: good })).status).toBe(200);
    const slot = { day: 'mon', time: '10:00' };
    const bad: [unknown, string][] = [
      [{ ...good, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...good, timeZone: '' }, 'timeZone'],
      [{ ...good, slots: [{ day: 'monday', time: '09:00' }] }, 'slots.0.day'],
      [{ ...good, slots: [{ day: 'mon', time: '24:00' }] }, 'slots.0.time'],
      [{ ...good, slots: [{ day: 'mon', time: '9:00' }] }, 'slots.0.time'],
      [{ ...good, slots: [{ day: 'mon', time: '09:60' }] }, 'slots.0.time'],
      [{ ...good, slots: [slot, slot] }, 'slots'],
      [{ ...good, slots: [{ ...slot, extra: 1 }] }, 'slots.0'],
      [{ ...good, slots: Array.from({ length: 101 }, (_, i) => ({ day: 'mon', time: `${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}` })) }, 'slots'],
      [{ ...good, slots: undefined }, 'slots'],
      [{ ...good, blackoutDates: ['2026-02-30'] }, 'blackoutDates.0'],
      [{ ...good, blackoutDates: ['25.12.2026'] }, 'blackoutDates.0'],
      [{ ...good, blackoutDates: ['2026-12-25', '2026-12-25'] }, 'blackoutDates'],
      [{ ...good, blackoutDates: Array.from({ length: 367 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10)) }, 'blackoutDates'],
      [{ ...good, colour: 'red' }, '_'],
    ];
    for (const [body, field] of bad) {
      const answer = await call(PUT, 'PUT', path, { id: owner.account.id, body });
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const fields = answer.json.fields as Record<string, string[]>;
      expect(Object.keys(fields), JSON.stringify(answer.json)).toContain(field);
      expect(fields[field]?.[0]).toMatch(/\w/);
    }
    expect((await call(GET, 'GET', path, { id: owner.account.id })).json).toEqual({ schedule: { accountId: owner.account.id, ...good } });
  });

  it("answers 404 for another user's account on every queue endpoint, and changes nothing", async () => {
    const schedule = await scheduleRoute();
    const queue = await queueRoute();
    const move = await moveRoute();
    const owner = await ownerWithSchedule([{ day: 'mon', time: '09:00' }]);
    const post = await addToQueue(owner);
    const stranger = await createUserWithAccount();
    session.userId = stranger.user.id;
    const id = owner.account.id;
    const base = `/api/v1/accounts/${id}`;
    for (const answer of [
      await call(schedule.GET, 'GET', `${base}/schedule`, { id }),
      await call(schedule.PUT, 'PUT', `${base}/schedule`, { id, body: { slots: [] } }),
      await call(queue.GET, 'GET', `${base}/queue`, { id }),
      await call(move.POST, 'POST', `${base}/queue/move`, { id, body: { postId: post.id, slot: post.scheduledAt } }),
    ]) {
      expect(answer).toEqual({ status: 404, json: { error: 'Account not found' } });
    }
    expect((await getSchedule(owner.user.id, id)).slots).toEqual([{ day: 'mon', time: '09:00' }]);
  });
});

describe('adding to the queue', () => {
  it('50 concurrent adds to one account fill 50 different slots, the next 50 in order, without an error', async () => {
    const owner = await ownerWithSchedule();
    const added = await Promise.all(Array.from({ length: 50 }, (_, i) => addToQueue(owner, `post ${i}`)));
    const taken = added.map((p) => Date.parse(p.scheduledAt!)).sort((a, b) => a - b);
    expect(new Set(taken).size).toBe(50);
    expect(added.every((p) => p.status === 'scheduled' && p.queueSlot)).toBe(true);
    const ahead = slotsAhead(everyThreeHours);
    const first = ahead.indexOf(taken[0]!);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(taken).toEqual(ahead.slice(first, first + 50));
  });

  it('concurrent adds through POST /api/v1/posts each get their own slot, and the response says which', async () => {
    const { POST } = await postsRoute();
    const owner = await ownerWithSchedule();
    session.userId = owner.user.id;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => call(POST, 'POST', '/api/v1/posts', { body: { accountId: owner.account.id, parts: [{ text: `api ${i}` }], queue: true } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    const slots = answers.map((a) => a.json.queueSlot as string);
    expect(new Set(slots).size).toBe(12);
    for (const a of answers) expect((a.json.post as { scheduledAt: string }).scheduledAt).toBe(a.json.queueSlot);
  });

  it('concurrent PATCH queue:true on scheduled posts of one account take different slots (the account lock alone serialises them)', async () => {
    const owner = await ownerWithSchedule();
    const byHand = [];
    // Off any slot (half a second past a minute), and already waiting: no per-user lock is taken on the way.
    for (let i = 0; i < 10; i++) {
      const at = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 3600_000 + i * 60_000 + 500).toISOString();
      byHand.push(await createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text: `by hand ${i}` }], scheduledAt: at })));
    }
    const queued = await Promise.all(byHand.map((p) => updatePost(owner.user.id, p.id, updatePostInput.parse({ queue: true }))));
    expect(new Set(queued.map((p) => p.scheduledAt)).size).toBe(10);
    expect(queued.every((p) => p.queueSlot)).toBe(true);
  });

  it('refuses queue together with a time, or publishNow', async () => {
    const { POST } = await postsRoute();
    const owner = await ownerWithSchedule();
    session.userId = owner.user.id;
    const at = new Date(Date.now() + 3600_000).toISOString();
    for (const extra of [{ scheduledAt: at }, { publishNow: true }]) {
      const answer = await call(POST, 'POST', '/api/v1/posts', { body: { accountId: owner.account.id, parts: [{ text: 'x' }], queue: true, ...extra } });
      expect(answer.status).toBe(400);
      expect(Object.keys(answer.json.fields as object)).toContain('queue');
    }
    expect(await db().select().from(posts).where(eq(posts.xAccountId, owner.account.id))).toEqual([]);
  });

  it('answers 409 saying what to do when the account has no slots, or none free within the horizon', async () => {
    const bare = await createUserWithAccount();
    const none = await refusal(addToQueue(bare));
    expect(none.status).toBe(409);
    expect(none.message).toMatch(/no posting schedule yet: add weekly time slots/);

    const weekly = await ownerWithSchedule([{ day: 'wed', time: '12:00' }]);
    const room = slotsAhead([{ day: 'wed', time: '12:00' }]).length;
    for (let i = 0; i < room; i++) await addToQueue(weekly);
    const full = await refusal(addToQueue(weekly));
    expect(full.status).toBe(409);
    expect(full.message).toMatch(/Every slot in @\S+'s schedule for the next 30 days is taken: add slots/);
    expect(await db().select().from(posts).where(eq(posts.xAccountId, weekly.account.id))).toHaveLength(room);
  });

  it('a cancelled or deleted post frees its slot, which the next add takes', async () => {
    const owner = await ownerWithSchedule();
    const [a, b, c] = [await addToQueue(owner), await addToQueue(owner), await addToQueue(owner)];
    await updatePost(owner.user.id, b.id, updatePostInput.parse({ status: 'cancelled' }));
    expect((await getPost(owner.user.id, b.id)).queueSlot).toBe(false);
    expect((await addToQueue(owner)).scheduledAt).toBe(b.scheduledAt);
    await deletePost(owner.user.id, a.id);
    expect((await addToQueue(owner)).scheduledAt).toBe(a.scheduledAt);
    expect(Date.parse((await addToQueue(owner)).scheduledAt!)).toBeGreaterThan(Date.parse(c.scheduledAt!));
  });

  it('a queued post given a time by hand becomes an ordinary scheduled post and frees its slot; editing its text keeps it', async () => {
    const owner = await ownerWithSchedule();
    const a = await addToQueue(owner);
    const edited = await updatePost(owner.user.id, a.id, updatePostInput.parse({ parts: [{ text: 'new words' }] }));
    expect(edited).toMatchObject({ queueSlot: true, scheduledAt: a.scheduledAt });
    const byHand = new Date(Date.parse(a.scheduledAt!) + 60 * 60_000).toISOString();
    const moved = await updatePost(owner.user.id, a.id, updatePostInput.parse({ scheduledAt: byHand }));
    expect(moved).toMatchObject({ status: 'scheduled', queueSlot: false, scheduledAt: byHand });
    expect((await addToQueue(owner)).scheduledAt).toBe(a.scheduledAt);
  });

  it('a slot held by a post scheduled by hand at that instant is not free', async () => {
    const owner = await ownerWithSchedule();
    const next = new Date(slotsAhead(everyThreeHours)[1]!).toISOString();
    await createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text: 'by hand' }], scheduledAt: next }));
    const taken = new Set<string>();
    for (let i = 0; i < 3; i++) taken.add((await addToQueue(owner)).scheduledAt!);
    expect(taken.has(next)).toBe(false);
  });

  it('PATCH queue:true puts a draft in the next free slot, with its job', async () => {
    const owner = await ownerWithSchedule();
    const draft = await createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text: 'draft' }] }));
    const queued = await updatePost(owner.user.id, draft.id, updatePostInput.parse({ queue: true }));
    expect(queued).toMatchObject({ status: 'scheduled', queueSlot: true });
    expect(slotsAhead(everyThreeHours)).toContain(Date.parse(queued.scheduledAt!));
    expect(await postQueue().getJobState(await jobIdOf(draft.id))).toBe('delayed');
    expect(updatePostInput.safeParse({ queue: true, scheduledAt: null }).success).toBe(false);
  });
});

describe('the queue listing and moving posts in it', () => {
  it('lists the slots of the next weeks and the post in each', async () => {
    const { GET } = await queueRoute();
    const owner = await ownerWithSchedule([{ day: 'mon', time: '09:00' }, { day: 'thu', time: '15:00' }]);
    session.userId = owner.user.id;
    const post = await addToQueue(owner);
    const answer = await call(GET, 'GET', `/api/v1/accounts/${owner.account.id}/queue?weeks=3`, { id: owner.account.id });
    expect(answer.status).toBe(200);
    const queue = answer.json.queue as { slots: { at: string; day: string; time: string; post: { id: string } | null }[]; timeZone: string };
    expect(queue.timeZone).toBe('UTC');
    expect(queue.slots).toHaveLength(6);
    expect(queue.slots[0]).toMatchObject({ at: post.scheduledAt, post: { id: post.id } });
    expect(queue.slots.slice(1).every((s) => s.post === null)).toBe(true);
    expect(queue.slots.map((s) => `${s.day} ${s.time}`).sort()).toEqual(['mon 09:00', 'mon 09:00', 'mon 09:00', 'thu 15:00', 'thu 15:00', 'thu 15:00']);
    for (const weeks of ['0', '13', 'two', '1.5']) {
      const refused = await call(GET, 'GET', `/api/v1/accounts/${owner.account.id}/queue?weeks=${weeks}`, { id: owner.account.id });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.json.fields as object)).toEqual(['weeks']);
    }
    const unknown = await call(GET, 'GET', `/api/v1/accounts/${owner.account.id}/queue?week=2`, { id: owner.account.id });
    expect(unknown.status).toBe(400);
  });

  it('keeps Monday 09:00 local across the changes in Berlin (spring) and New York (autumn) in the listing, and skips blackout dates', async () => {
    const owner = await createUserWithAccount();
    await putSchedule(owner.user.id, owner.account.id, { timeZone: 'Europe/Berlin', slots: [{ day: 'mon', time: '09:00' }], blackoutDates: ['2026-04-06'] });
    const queue = await getQueue(owner.user.id, owner.account.id, 3, new Date('2026-03-20T00:00:00Z'));
    expect(queue.slots.map((s) => [s.at, s.date, s.time])).toEqual([
      ['2026-03-23T08:00:00.000Z', '2026-03-23', '09:00'],
      ['2026-03-30T07:00:00.000Z', '2026-03-30', '09:00'],
    ]);
    await putSchedule(owner.user.id, owner.account.id, { timeZone: 'America/New_York', slots: [{ day: 'mon', time: '09:00' }] });
    const autumn = await getQueue(owner.user.id, owner.account.id, 2, new Date('2026-10-25T00:00:00Z'));
    expect(autumn.slots.map((s) => [s.at, s.date, s.time])).toEqual([
      ['2026-10-26T13:00:00.000Z', '2026-10-26', '09:00'],
      ['2026-11-02T14:00:00.000Z', '2026-11-02', '09:00'],
    ]);
  });

  it('moves a queued post to a free slot, and swaps it with the queued post in a taken one, atomically', async () => {
    const { POST } = await moveRoute();
    const owner = await ownerWithSchedule();
    session.userId = owner.user.id;
    const [a, b] = [await addToQueue(owner, 'a'), await addToQueue(owner, 'b')];
    const path = `/api/v1/accounts/${owner.account.id}/queue/move`;
    const free = new Date(slotsAhead(everyThreeHours).find((t) => t > Date.parse(b.scheduledAt!))!).toISOString();

    const swap = await call(POST, 'POST', path, { id: owner.account.id, body: { postId: a.id, slot: b.scheduledAt } });
    expect(swap.status).toBe(200);
    expect((swap.json.posts as { id: string; scheduledAt: string; queueSlot: boolean }[]).map((p) => [p.id, p.scheduledAt, p.queueSlot])).toEqual([
      [a.id, b.scheduledAt, true],
      [b.id, a.scheduledAt, true],
    ]);
    const job = await postQueue().getJob(await jobIdOf(b.id));
    expect(job?.data).toEqual({ postId: b.id, revision: 2 });

    const move = await call(POST, 'POST', path, { id: owner.account.id, body: { postId: a.id, slot: free } });
    expect(move.status).toBe(200);
    expect((await getPost(owner.user.id, a.id)).scheduledAt).toBe(free);
    // a left b's first slot, which b gave up in the swap: free again, the next add takes it.
    expect((await addToQueue(owner)).scheduledAt).toBe(b.scheduledAt);
  });

  it('refuses a slot the schedule does not have, and a post that is not in the queue', async () => {
    const { POST } = await moveRoute();
    const owner = await ownerWithSchedule();
    session.userId = owner.user.id;
    const a = await addToQueue(owner);
    const path = `/api/v1/accounts/${owner.account.id}/queue/move`;
    const free = new Date(slotsAhead(everyThreeHours).find((t) => t > Date.parse(a.scheduledAt!))!).toISOString();
    const offSlot = new Date(Date.parse(a.scheduledAt!) + 60_000).toISOString();
    const notSlot = await call(POST, 'POST', path, { id: owner.account.id, body: { postId: a.id, slot: offSlot } });
    expect(notSlot.status).toBe(400);
    expect(Object.keys(notSlot.json.fields as object)).toEqual(['slot']);

    const byHand = await createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text: 'by hand' }], scheduledAt: offSlot }));
    const manual = await call(POST, 'POST', path, { id: owner.account.id, body: { postId: byHand.id, slot: a.scheduledAt } });
    expect(manual.status).toBe(409);
    expect(manual.json.error).toMatch(/not in the queue/);
    expect((await getPost(owner.user.id, a.id)).scheduledAt).toBe(a.scheduledAt);
    const manualHolder = await createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text: 'in a slot by hand' }], scheduledAt: free }));
    const occupied = await call(POST, 'POST', path, { id: owner.account.id, body: { postId: a.id, slot: free } });
    expect(occupied.status).toBe(409);
    expect(occupied.json.error).toMatch(/by hand is in that slot/);
    expect((await getPost(owner.user.id, manualHolder.id)).scheduledAt).toBe(free);
    const stray = await call(POST, 'POST', path, { id: owner.account.id, body: { postId: a.id, slot: a.scheduledAt, extra: true } });
    expect(stray.status).toBe(400);
  });

  it('drops the schedule with its account', async () => {
    const owner = await ownerWithSchedule();
    const { xAccounts } = await import('@/lib/db/schema');
    await db().delete(xAccounts).where(eq(xAccounts.id, owner.account.id));
    expect(await db().select().from(accountSchedules).where(eq(accountSchedules.xAccountId, owner.account.id))).toEqual([]);
  });
});
