import type { PostView } from '@/lib/posts/view';
import type { QueueView } from '@/lib/schedules/view';

/** Posts in a slot that can be dropped elsewhere: waiting ones (one being published stays). */
export function canMove(post: PostView): boolean {
  return post.status === 'scheduled' && post.queueSlot;
}

/**
 * The queue as it will be once `postId` is dropped on the slot at `slotAt`, as the server does it:
 * onto a free slot it moves, onto a held one the two swap (the other post takes the dropped one's
 * time, which for an off-schedule post leaves that one off the schedule). Null when nothing
 * changes (the post's own slot, or an unknown post or slot), so no request is sent.
 */
export function applyMove(view: QueueView, postId: string, slotAt: string): QueueView | null {
  const target = view.slots.find((s) => s.at === slotAt);
  const fromSlot = view.slots.find((s) => s.post?.id === postId);
  const moving = fromSlot?.post ?? view.offSchedule.find((p) => p.id === postId);
  if (!target || !moving || fromSlot === target) return null;
  const displaced = target.post;
  const oldTime = moving.scheduledAt;
  const slots = view.slots.map((slot) => {
    if (slot === target) return { ...slot, post: { ...moving, scheduledAt: slot.at } };
    if (slot === fromSlot) return { ...slot, post: displaced ? { ...displaced, scheduledAt: slot.at } : null };
    return slot;
  });
  const offSchedule = fromSlot
    ? view.offSchedule
    : [...view.offSchedule.filter((p) => p.id !== postId), ...(displaced ? [{ ...displaced, scheduledAt: oldTime }] : [])];
  return { ...view, slots, offSchedule };
}
