'use client';

import { useMemo } from 'react';
import type { Prices } from '@/lib/posts/cost';
import { useBrowserTimeZone } from '../use-browser-time-zone';
import type { AccountOption } from './types';
import { CalendarWorkspace } from './calendar-workspace';
import { useCalendarUrl } from './use-calendar-url';

export interface PostCalendarProps {
  accounts: AccountOption[];
  /** The user's setting; null means "follow the browser". */
  userTimeZone: string | null;
  /** X's prices per post, from the server's configuration (components never read it themselves). */
  prices: Prices;
}

/**
 * The calendar page's client side. It waits for the browser's zone (unknown on the server)
 * before drawing anything time-related, so times never flash in the wrong zone. The rest of
 * its state (view, date, zone of a shared link, filters, the open post) is in the address.
 */
export function PostCalendar({ accounts, userTimeZone, prices }: PostCalendarProps) {
  const browserZone = useBrowserTimeZone();
  const accountIds = useMemo(() => accounts.map((a) => a.id), [accounts]);
  const url = useCalendarUrl(accountIds);
  if (!browserZone) return <CalendarSkeleton />;
  const ownZone = userTimeZone ?? browserZone;
  const zone = url.query.tz ?? ownZone;
  const source = url.query.tz && url.query.tz !== ownZone ? 'link' : userTimeZone ? 'setting' : 'browser';
  return <CalendarWorkspace key={zone} accounts={accounts} zone={zone} zoneSource={source} ownZone={ownZone} prices={prices} url={url} />;
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
