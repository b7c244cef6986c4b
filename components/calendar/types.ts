import type { AccountOption } from '@/lib/accounts/view';
import type { PostView } from '@/lib/posts/view';

/** What the calendar and the composer need to know about an account. */
export type { AccountOption };

/** A post on the calendar. start/end are calendar dates (see zoned-time.ts), not instants. */
export interface CalendarPost {
  id: string;
  title: string;
  start: Date;
  end: Date;
  allDay: false;
  post: PostView;
  /** The other accounts' posts composed with this one (its group), by @username: shown as linked. */
  linkedWith: string[];
  /** The zone the calendar shows, for times other than start/end. */
  zone: string;
}

/** Statuses the worker may still act on: while one is on screen the calendar polls. */
export const IN_FLIGHT_STATUSES: ReadonlySet<PostView['status']> = new Set(['scheduled', 'queued', 'publishing']);

/** Statuses whose time can be changed by dragging (the API refuses the others or they make no sense to move). */
export const DRAGGABLE_STATUSES: ReadonlySet<PostView['status']> = new Set(['scheduled', 'draft', 'failed']);
