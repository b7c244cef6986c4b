'use client';

import type { Prices } from '@/lib/posts/cost';
import type { AccountOption } from '../calendar/types';
import { useBrowserTimeZone } from '../use-browser-time-zone';
import { QueueWorkspace } from './queue-workspace';

export interface QueuePageProps {
  account: AccountOption;
  accounts: AccountOption[];
  /** The user's setting; null means "follow the browser". */
  userTimeZone: string | null;
  /** X's prices per post, from the server's configuration, for the composer's cost line. */
  prices: Prices;
}

/** The queue page's client side: waits for the browser's zone (unknown on the server), as the calendar does. */
export function QueuePage({ account, accounts, userTimeZone, prices }: QueuePageProps) {
  const browserZone = useBrowserTimeZone();
  if (!browserZone) {
    return (
      <div aria-busy="true" className="flex flex-col gap-4">
        <div className="h-9 w-64 animate-pulse rounded-lg bg-slate-200/70" />
        <div className="h-96 animate-pulse rounded-xl bg-slate-200/50" />
        <span className="sr-only">Loading the queue…</span>
      </div>
    );
  }
  return <QueueWorkspace account={account} accounts={accounts} zone={userTimeZone ?? browserZone} prices={prices} />;
}
