import { describe, expect, it } from 'vitest';
import { answerFingerprint, DUE_SOON_MS, nextPollDelay, POLL_FAST_MS, POLL_MAX_MS, SETTLE_MS, type PolledPost } from './poll-policy';

const now = Date.parse('2026-03-10T12:00:00.000Z');
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
const HOUR = 3_600_000;

function post(overrides: Partial<PolledPost> = {}): PolledPost {
  return { id: 'p1', status: 'scheduled', revision: 1, updatedAt: at(-HOUR), scheduledAt: at(HOUR), nextAttemptAt: null, ...overrides };
}

/** The waits a calendar goes through when every answer is the same as the one before. */
function quietWaits(posts: PolledPost[], count: number): number[] {
  const waits: number[] = [];
  let previousMs: number | null = null;
  for (let i = 0; i < count; i++) {
    const wait = nextPollDelay({ previousMs, fresh: previousMs === null, posts, now });
    if (wait === null) throw new Error('expected polling');
    waits.push(wait);
    previousMs = wait;
  }
  return waits;
}

describe('nextPollDelay', () => {
  it('does not poll when nothing on screen can change by itself', () => {
    const settled = [post({ status: 'published' }), post({ id: 'p2', status: 'draft', scheduledAt: null }), post({ id: 'p3', status: 'failed' })];
    expect(nextPollDelay({ previousMs: null, fresh: true, posts: settled, now })).toBeNull();
    expect(nextPollDelay({ previousMs: null, fresh: true, posts: [], now })).toBeNull();
  });

  it('starts fast, then doubles the wait while answers come back unchanged', () => {
    expect(quietWaits([post()], 5)).toEqual([3_000, 6_000, 12_000, 24_000, 48_000]);
  });

  it('never waits longer than the ceiling', () => {
    const waits = quietWaits([post()], 12);
    expect(Math.max(...waits)).toBe(POLL_MAX_MS);
    expect(waits.slice(-4)).toEqual([POLL_MAX_MS, POLL_MAX_MS, POLL_MAX_MS, POLL_MAX_MS]);
  });

  it('asks far less often than every 3 s over the first minutes when nothing changes', () => {
    let elapsed = 0;
    let polls = 0;
    for (const wait of quietWaits([post()], 50)) {
      elapsed += wait;
      if (elapsed > 5 * 60_000) break;
      polls++;
    }
    expect(polls).toBeLessThanOrEqual(10); // every 3 s would be 100
  });

  it('goes back to fast when the answer changed or the person acted', () => {
    expect(nextPollDelay({ previousMs: POLL_MAX_MS, fresh: true, posts: [post()], now })).toBe(POLL_FAST_MS);
    expect(nextPollDelay({ previousMs: 24_000, fresh: true, posts: [post()], now })).toBe(POLL_FAST_MS);
  });

  it('is fast while a scheduled post is due within the next minute, or just overdue', () => {
    for (const offset of [DUE_SOON_MS, 20_000, 0, -30_000, -SETTLE_MS]) {
      expect(nextPollDelay({ previousMs: POLL_MAX_MS, fresh: false, posts: [post(), post({ id: 'p2', scheduledAt: at(offset) })], now })).toBe(POLL_FAST_MS);
    }
  });

  it('is fast while a post is publishing or queued to go out now', () => {
    const publishing = post({ status: 'publishing', updatedAt: at(-2_000) });
    expect(nextPollDelay({ previousMs: POLL_MAX_MS, fresh: false, posts: [publishing], now })).toBe(POLL_FAST_MS);
    const queued = post({ status: 'queued', scheduledAt: at(-1_000), updatedAt: at(-1_000) });
    expect(nextPollDelay({ previousMs: POLL_MAX_MS, fresh: false, posts: [queued], now })).toBe(POLL_FAST_MS);
  });

  it('backs off for a queued post whose retry is minutes away (a rate limit), until it comes near', () => {
    const waiting = post({ status: 'queued', scheduledAt: at(-60_000), updatedAt: at(-50_000), nextAttemptAt: at(15 * 60_000) });
    expect(nextPollDelay({ previousMs: 12_000, fresh: false, posts: [waiting], now })).toBe(24_000);
    const near = { ...waiting, nextAttemptAt: at(30_000) };
    expect(nextPollDelay({ previousMs: 12_000, fresh: false, posts: [near], now })).toBe(POLL_FAST_MS);
  });

  it('backs off again for a post stuck long past its time (polling fast would not move it)', () => {
    const stuck = post({ status: 'publishing', updatedAt: at(-SETTLE_MS - 1_000) });
    expect(nextPollDelay({ previousMs: 24_000, fresh: false, posts: [stuck], now })).toBe(48_000);
  });

  it('wakes up when the next post becomes due soon rather than sleeping past it', () => {
    const later = post({ scheduledAt: at(DUE_SOON_MS + 10_000) });
    expect(nextPollDelay({ previousMs: 48_000, fresh: false, posts: [later], now })).toBe(10_000);
    const almost = post({ scheduledAt: at(DUE_SOON_MS + 1_000) });
    expect(nextPollDelay({ previousMs: 48_000, fresh: false, posts: [almost], now })).toBe(POLL_FAST_MS);
  });
});

describe('answerFingerprint', () => {
  const answer = [post(), post({ id: 'p2', status: 'draft', scheduledAt: null })];

  it('is the same for the same posts', () => {
    expect(answerFingerprint(answer)).toBe(answerFingerprint(answer.map((p) => ({ ...p }))));
  });

  it('changes with a status, a revision, an update, or a post coming or going', () => {
    const base = answerFingerprint(answer);
    expect(answerFingerprint([post({ status: 'published' }), answer[1]!])).not.toBe(base);
    expect(answerFingerprint([post({ revision: 2 }), answer[1]!])).not.toBe(base);
    expect(answerFingerprint([post({ updatedAt: at(0) }), answer[1]!])).not.toBe(base);
    expect(answerFingerprint([answer[0]!])).not.toBe(base);
    expect(answerFingerprint([...answer, post({ id: 'p3' })])).not.toBe(base);
  });
});
