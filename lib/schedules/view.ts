import type { WeeklySlot } from '../db/schema';
import type { PostView } from '../posts/view';

/** An account's posting schedule as the API shows and takes it. */
export interface ScheduleView {
  accountId: string;
  timeZone: string;
  slots: WeeklySlot[];
  blackoutDates: string[];
}

/** One upcoming slot: its instant, its local date and time in the schedule's zone, and the waiting post there, if any. */
export interface QueueSlotView {
  at: string;
  day: WeeklySlot['day'];
  date: string;
  time: string;
  post: PostView | null;
}

export interface QueueView {
  accountId: string;
  timeZone: string;
  from: string;
  until: string;
  slots: QueueSlotView[];
  /** Posts that took a slot which the schedule no longer has (it was edited since): still queued, at their time. */
  offSchedule: PostView[];
}
