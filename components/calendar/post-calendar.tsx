'use client';

import type { Prices } from '@/lib/posts/cost';
import { useBrowserTimeZone } from '../use-browser-time-zone';
import type { AccountOption } from './types';
import { CalendarWorkspace } from './calendar-workspace';

export interface PostCalendarProps {
  accounts: AccountOption[];
  /** The user's setting; null means "follow the browser". */
  userTimeZone: string | null;
  /** X's prices per post, from the server's configuration (components never read it themselves). */
  prices: Prices;
  /** A post to open at once (the page's `?post=`). */
  openPostId?: string;
}

/**
 * The calendar page's client side. It waits for the browser's zone (unknown on the server)
 * before drawing anything time-related, so times never flash in the wrong zone.
 */
export function PostCalendar({ accounts, userTimeZone, prices, openPostId }: PostCalendarProps) {
  const browserZone = useBrowserTimeZone();
  if (!browserZone) return <CalendarSkeleton />;
  const zone = userTimeZone ?? browserZone;
  return <CalendarWorkspace key={zone} accounts={accounts} zone={zone} zoneSource={userTimeZone ? 'setting' : 'browser'} prices={prices} openPostId={openPostId} />;
}

function CalendarSkeleton() {
  return (
    <div aria-busy="true" className="flex flex-col gap-4">
      <div className="h-9 w-48 animate-pulse rounded-lg bg-slate-200/70" />
      <div className="h-[640px] animate-pulse rounded-xl bg-slate-200/50" />
      <span className="sr-only">Loading the calendar…</span>
    </div>
  );
}
