import { describe, expect, it } from 'vitest';
import type { QueueView } from '@/lib/schedules/view';
import { partView, postView } from '@/tests/support/post-view';
import { applyMove } from './moves';

const at = (h: number) => `2026-12-02T0${h}:00:00.000Z`;
const queued = (id: string, h: number) => postView({ id, status: 'scheduled', queueSlot: true, scheduledAt: at(h), parts: [partView(0, id)] });

function view(): QueueView {
  return {
    accountId: 'acc',
    timeZone: 'UTC',
    from: at(0),
    until: at(9),
    slots: [
      { at: at(1), day: 'wed', date: '2026-12-02', time: '01:00', post: queued('a', 1) },
      { at: at(2), day: 'wed', date: '2026-12-02', time: '02:00', post: null },
      { at: at(3), day: 'wed', date: '2026-12-02', time: '03:00', post: queued('b', 3) },
    ],
    offSchedule: [queued('off', 5)],
  };
}

const ids = (v: QueueView | null) => v?.slots.map((s) => (s.post ? `${s.post.id}@${s.post.scheduledAt}` : null));

describe('applyMove', () => {
  it('moves a post to a free slot and frees its own', () => {
    expect(ids(applyMove(view(), 'a', at(2)))).toEqual([null, `a@${at(2)}`, `b@${at(3)}`]);
  });

  it('swaps with the post in a held slot', () => {
    expect(ids(applyMove(view(), 'a', at(3)))).toEqual([`b@${at(1)}`, null, `a@${at(3)}`]);
  });

  it('takes an off-schedule post into a slot; the one it displaces leaves at its old time', () => {
    const moved = applyMove(view(), 'off', at(1));
    expect(ids(moved)).toEqual([`off@${at(1)}`, null, `b@${at(3)}`]);
    expect(moved?.offSchedule.map((p) => `${p.id}@${p.scheduledAt}`)).toEqual([`a@${at(5)}`]);
  });

  it('changes nothing for its own slot, an unknown post or an unknown slot', () => {
    expect(applyMove(view(), 'a', at(1))).toBeNull();
    expect(applyMove(view(), 'nope', at(2))).toBeNull();
    expect(applyMove(view(), 'a', at(8))).toBeNull();
  });
});
