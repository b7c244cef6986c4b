/**
 * Queue: many "add to the queue" requests at once over a few accounts, each with a weekly schedule.
 * Every add must get a slot of its own (the next free one under the account's queue lock, with the
 * unique index posts_queue_slot_key behind it), so the measures are: all succeeded, no two posts of
 * an account on one instant, each account's posts on exactly its first free slots, and how long one
 * add took while all the others were in flight.
 *
 * The adds go through the code POST /api/v1/posts runs (createPostInput.parse + createPost from
 * lib/posts), called in this process: running the built web app would need a production build and
 * an Auth.js session per user, which this bench does not have.
 */
import { DateTime } from 'luxon';
import { createPost } from '../../lib/posts/commands';
import { createPostInput } from '../../lib/posts/input';
import { putSchedule } from '../../lib/schedules/commands';
import { WEEKDAYS, upcomingSlots, type SlotSchedule } from '../../lib/schedules/slots';
import type { WeeklySlot } from '../../lib/db/schema';
import { log } from '../env/log';
import { postText, type BenchAccount } from '../load';
import { quantileSorted } from '../stats';
import type { BenchContext } from './context';

export interface QueueOptions {
  accounts: number;
  addsPerAccount: number;
}

export interface LatencySummary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface QueueAccountCheck {
  username: string;
  posts: number;
  /** The account's posts sit on exactly its first `addsPerAccount` slots after the start. */
  firstSlotsInOrder: boolean;
  /** Where the first difference from the expected slots is, if any. */
  firstMismatch: string | undefined;
}

export interface QueueResult {
  options: QueueOptions;
  /** Distinct Herald users behind the chosen accounts (the per-user capacity lock serialises one user's adds). */
  distinctUsers: number;
  timeZone: string;
  slotsPerWeek: number;
  blackoutDates: number;
  /** The zone's daylight-saving change the slots straddle, and how many of each account's slots come before it. */
  dstChange: { at: string; offsetBefore: string; offsetAfter: string; slotsBefore: number } | undefined;
  firstSlot: string;
  lastSlot: string;
  dbPoolMax: number;
  /** From firing the first add until the last one resolved. */
  wallMs: number;
  /** CPU this process (where the adds run) used over that time, user + system. */
  processCpuMs: number;
  latency: LatencySummary;
  /**
   * posts.created_at (now(): the start of the add's transaction, once it had a pooled connection)
   * − the moment the adds were fired: when each transaction got going, against when its add resolved.
   */
  transactionStart: LatencySummary;
  /** 8-week windows of slot instants (takeQueueSlot's chunks) the last add of an account computed, from now to its slot. */
  chunksScanned: number;
  succeeded: number;
  /** Rejected adds by error message. */
  errors: Record<string, number>;
  /** Checked in Postgres afterwards. */
  rows: number;
  queuedRows: number;
  distinctSlots: number;
  doubleBooked: number;
  accountsInOrder: number;
  accountChecks: QueueAccountCheck[];
  /** Slots taken whose local time in the zone is not one of the schedule's times (a DST slip). */
  offLocalTime: number;
  delayedJobs: number;
}

const TIME_ZONE = 'Europe/Berlin';
const TIMES = ['09:00', '17:30'];
const SLOTS: WeeklySlot[] = WEEKDAYS.flatMap((day) => TIMES.map((time) => ({ day, time })));
/** takeQueueSlot's window (lib/schedules/take.ts): it computes a schedule's instants this many weeks at a time, from now. */
const CHUNK_MS = 8 * 7 * 24 * 3600_000;
const STATUSES_WAITING = ['scheduled', 'queued', 'publishing'];

/** The zone's next change of UTC offset after `from` (scanned hour by hour; at most about seven months away in Europe/Berlin). */
function nextOffsetChange(zone: string, from: DateTime): DateTime {
  let t = from.setZone(zone).startOf('hour');
  const offset = t.offset;
  for (let i = 0; i < 400 * 24; i++) {
    t = t.plus({ hours: 1 });
    if (t.offset !== offset) return t;
  }
  throw new Error(`no offset change in ${zone} within 400 days`);
}

/**
 * Blackout dates from today until `daysBefore` days before the zone's next daylight-saving change
 * (today at least, so no slot falls due while the adds run), so that the queue's slots straddle the
 * change whatever the date of the run.
 */
function blackoutBeforeChange(now: DateTime, change: DateTime, daysBefore: number): string[] {
  const today = now.setZone(TIME_ZONE).startOf('day');
  const lastBlackout = DateTime.max(today, change.setZone(TIME_ZONE).startOf('day').minus({ days: daysBefore }));
  const dates: string[] = [];
  for (let d = today; d <= lastBlackout; d = d.plus({ days: 1 })) dates.push(d.toISODate() ?? '');
  return dates;
}

function summarizeLatency(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    min: n ? sorted[0]! : Number.NaN,
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    max: n ? sorted[n - 1]! : Number.NaN,
    mean: n ? sorted.reduce((s, v) => s + v, 0) / n : Number.NaN,
  };
}

function offsetLabel(t: DateTime): string {
  return t.toFormat('ZZ');
}

export async function runQueue(ctx: BenchContext, opts: QueueOptions): Promise<QueueResult> {
  await ctx.reset();
  const accounts: BenchAccount[] = ctx.accounts.slice(0, opts.accounts);
  if (accounts.length < opts.accounts) throw new Error(`queue needs ${opts.accounts} accounts, the bench has ${accounts.length}`);
  const prefix = `hb-queue-${ctx.runId}`;

  const now = DateTime.utc();
  const change = nextOffsetChange(TIME_ZONE, now);
  // About half of each account's slots before the change, half after.
  const blackoutDates = blackoutBeforeChange(now, change, Math.ceil(opts.addsPerAccount / TIMES.length / 2));
  const schedule: SlotSchedule = { timeZone: TIME_ZONE, slots: SLOTS, blackoutDates };
  for (const a of accounts) await putSchedule(a.userId, a.accountId, { timeZone: TIME_ZONE, slots: SLOTS, blackoutDates });
  const startedAt = new Date();
  const expected = upcomingSlots(schedule, startedAt, new Date(startedAt.getTime() + 400 * 24 * 3600_000)).slice(0, opts.addsPerAccount);
  const first = expected[0];
  const last = expected[expected.length - 1];
  if (!first || !last || expected.length < opts.addsPerAccount) throw new Error('the schedule offers too few slots');
  const slotsBefore = expected.filter((at) => at.getTime() < change.toMillis()).length;
  log(
    `queue: ${accounts.length} accounts, ${SLOTS.length} slots a week in ${TIME_ZONE}, ${blackoutDates.length} blackout dates; ` +
      `slots ${first.toISOString()} … ${last.toISOString()} (${slotsBefore} before the offset change at ${change.toISO()})`,
  );

  // Accounts interleaved, so every account's queue is contended from the first add on.
  const total = accounts.length * opts.addsPerAccount;
  const specs = Array.from({ length: total }, (_, i) => ({ account: accounts[i % accounts.length]!, text: postText(prefix, i) }));
  log(`queue: firing ${total} adds at once`);
  const firedAt = Date.now();
  const cpuBefore = process.cpuUsage();
  const fired = performance.now();
  const outcomes = await Promise.all(
    specs.map(async (spec) => {
      const start = performance.now();
      try {
        const input = createPostInput.parse({ accountId: spec.account.accountId, parts: [{ text: spec.text }], queue: true });
        await createPost(spec.account.userId, input);
        return { ms: performance.now() - start, error: undefined };
      } catch (error) {
        return { ms: performance.now() - start, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const wallMs = performance.now() - fired;
  const cpu = process.cpuUsage(cpuBefore);
  const errors: Record<string, number> = {};
  for (const o of outcomes) if (o.error !== undefined) errors[o.error] = (errors[o.error] ?? 0) + 1;
  const succeeded = outcomes.filter((o) => o.error === undefined);
  log(`queue: ${succeeded.length}/${total} adds succeeded in ${(wallMs / 1000).toFixed(2)} s`);

  // Afterwards, from Postgres itself.
  const sql = ctx.database.sql;
  const ids = accounts.map((a) => a.accountId);
  const rows = await sql<{ account: string; at: Date; queue_slot: boolean; status: string; began: number }[]>`
    select x_account_id::text as account, scheduled_at as at, queue_slot, status::text as status,
           extract(epoch from created_at)::float8 * 1000 as began
    from posts where x_account_id = any(${ids}::uuid[]) order by x_account_id, scheduled_at`;
  const [distinct] = await sql<{ n: number }[]>`
    select count(*)::int as n from (select distinct x_account_id, scheduled_at from posts where x_account_id = any(${ids}::uuid[])) d`;
  const [doubled] = await sql<{ n: number }[]>`
    select count(*)::int as n from (
      select x_account_id, scheduled_at from posts
      where status::text = any(${STATUSES_WAITING}) and scheduled_at is not null
      group by x_account_id, scheduled_at having count(*) > 1) d`;

  const accountChecks = accounts.map((a): QueueAccountCheck => {
    const taken = rows.filter((r) => r.account === a.accountId).map((r) => r.at.getTime());
    const i = expected.findIndex((at, k) => taken[k] !== at.getTime());
    const mismatch = i >= 0 ? i : taken.length > expected.length ? expected.length : -1;
    return {
      username: a.username,
      posts: taken.length,
      firstSlotsInOrder: mismatch === -1,
      firstMismatch:
        mismatch === -1
          ? undefined
          : `slot ${mismatch + 1}: expected ${expected[mismatch]?.toISOString() ?? 'none'}, found ${taken[mismatch] === undefined ? 'none' : new Date(taken[mismatch]).toISOString()}`,
    };
  });
  const offLocalTime = rows.filter((r) => !TIMES.includes(DateTime.fromJSDate(r.at, { zone: TIME_ZONE }).toFormat('HH:mm'))).length;
  const delayedJobs = await ctx.redis.client.zcard(`${ctx.env.QUEUE_PREFIX}:post-queue:delayed`);

  return {
    options: opts,
    distinctUsers: new Set(accounts.map((a) => a.userId)).size,
    timeZone: TIME_ZONE,
    slotsPerWeek: SLOTS.length,
    blackoutDates: blackoutDates.length,
    dstChange:
      slotsBefore > 0 && slotsBefore < expected.length
        ? { at: change.toUTC().toISO() ?? '', offsetBefore: offsetLabel(change.minus({ hours: 1 })), offsetAfter: offsetLabel(change), slotsBefore }
        : undefined,
    firstSlot: first.toISOString(),
    lastSlot: last.toISOString(),
    dbPoolMax: Number(process.env.DB_POOL_MAX),
    wallMs,
    processCpuMs: (cpu.user + cpu.system) / 1000,
    latency: summarizeLatency(succeeded.map((o) => o.ms)),
    transactionStart: summarizeLatency(rows.map((r) => r.began - firedAt)),
    chunksScanned: Math.ceil((last.getTime() - startedAt.getTime()) / CHUNK_MS),
    succeeded: succeeded.length,
    errors,
    rows: rows.length,
    queuedRows: rows.filter((r) => r.queue_slot && r.status === 'scheduled').length,
    distinctSlots: distinct?.n ?? 0,
    doubleBooked: doubled?.n ?? 0,
    accountsInOrder: accountChecks.filter((c) => c.firstSlotsInOrder).length,
    accountChecks,
    offLocalTime,
    delayedJobs,
  };
}
