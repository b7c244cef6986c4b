/** The queue section of RESULTS.md: many adds to the posting queue at once, and what Postgres holds afterwards. */
import type { LatencySummary, QueueResult } from '../scenarios/queue';
import { fmtMs } from '../stats';
import { mdTable, num } from './tables';

const cells = (l: LatencySummary) => [num(l.n), fmtMs(l.min), fmtMs(l.p50), fmtMs(l.p95), fmtMs(l.p99), fmtMs(l.max), fmtMs(l.mean)];

export function queueSection(q: QueueResult): string[] {
  const total = q.options.accounts * q.options.addsPerAccount;
  const errorList = Object.entries(q.errors);
  const dst = q.dstChange;
  const md: string[] = ['## Queue: adds to the posting queue at once', ''];
  md.push(
    `${num(total)} adds fired at once, ${num(q.options.addsPerAccount)} on each of ${q.options.accounts} accounts (${q.distinctUsers} distinct Herald users: ` +
      `each bench account has a user of its own, so the per-user capacity lock and the per-account queue lock contend in the same groups of ${num(q.options.addsPerAccount)}). ` +
      `Each add is the code \`POST /api/v1/posts\` with \`"queue": true\` runs, \`createPostInput.parse\` + \`createPost\` (lib/posts), **called in the bench process, ` +
      'not over HTTP** (running the built web app would need a production build and an Auth.js session per user): the latency leaves out Next.js ' +
      `routing, the session lookup and JSON. The adds share this process's Postgres pool of ${q.dbPoolMax} connections; each is one transaction ` +
      '(per-user lock, account queue lock, free-slot search, insert) followed by its delayed BullMQ job. No worker runs.',
    '',
    `Each account's schedule (\`putSchedule\`, lib/schedules): ${q.slotsPerWeek} slots a week (every day 09:00 and 17:30) in ${q.timeZone}, with ` +
      `${num(q.blackoutDates)} blackout dates from today so that the slots straddle the zone's next daylight-saving change` +
      (dst ? ` (${dst.at}, ${dst.offsetBefore} → ${dst.offsetAfter}; ${dst.slotsBefore} of each account's slots come before it)` : ' (this run\'s slots did not straddle it)') +
      `. The slots to fill ran from ${q.firstSlot} to ${q.lastSlot}.`,
    '',
    mdTable(
      ['measure', 'value'],
      [
        ['adds that succeeded', `${num(q.succeeded)} of ${num(total)}`],
        ['errors', errorList.length ? errorList.map(([m, n]) => `${n} × ${m}`).join('; ') : 'none'],
        ['wall time, first add fired → last resolved', fmtMs(q.wallMs)],
        [
          'CPU of the process running the adds over that time (one JavaScript thread)',
          `${fmtMs(q.processCpuMs)} (${(q.processCpuMs / q.wallMs).toFixed(2)} cores, ${fmtMs(q.processCpuMs / total)} per add)`,
        ],
        ['posts in Postgres / of them `scheduled` holding a queue slot', `${num(q.rows)} / ${num(q.queuedRows)}`],
        ['distinct (account, scheduled_at)', num(q.distinctSlots)],
        ['double-booked (account, scheduled_at) with more than one waiting post', num(q.doubleBooked)],
        [`accounts whose posts are exactly their first ${q.options.addsPerAccount} slots, in order, no gap`, `${q.accountsInOrder} of ${q.options.accounts}`],
        [`posts whose local time in ${q.timeZone} is not 09:00 or 17:30`, num(q.offLocalTime)],
        ['delayed jobs in Redis', num(q.delayedJobs)],
      ],
    ),
    '',
    mdTable(
      ['one add', 'n', 'min', 'p50', 'p95', 'p99', 'max', 'mean'],
      [
        ['start → resolved', ...cells(q.latency)],
        ['fired → its transaction began (posts.created_at)', ...cells(q.transactionStart)],
      ],
    ),
    '',
    'An add resolves after its transaction commits, its delayed job is queued and the post is read back (`getPost`); that read waits in ' +
      "the pool's queue behind the transactions not yet started, which is why adds tend to resolve together even though their transactions " +
      `ran one after another. Finding the free slot computes the schedule's instants in 8-week windows from now (luxon, in this process); ` +
      `with the blackout dates, the last slot is ${q.chunksScanned} windows away.`,
    '',
    'Checked afterwards in the bench database: `count(distinct (x_account_id, scheduled_at))`; double-booked = groups of ' +
      "`(x_account_id, scheduled_at)` among posts in a waiting status (`scheduled`, `queued`, `publishing`) `having count(*) > 1`; and each account's " +
      `posts ordered by time compared one by one with the first ${q.options.addsPerAccount} instants \`upcomingSlots\` gives for its schedule from the start of the run.`,
    '',
  );
  const off = q.accountChecks.filter((c) => !c.firstSlotsInOrder);
  if (off.length) md.push('Accounts off their first slots:', '', ...off.map((c) => `- @${c.username} (${c.posts} posts): ${c.firstMismatch ?? ''}`), '');
  return md;
}
