'use client';

import type { Prices } from '@/lib/posts/cost';
import { useBrowserTimeZone } from '../use-browser-time-zone';
import type { AccountOption } from '../calendar/types';
import type { PostsFilter } from './filter';
import { ListSkeleton } from './list-states';
import { PostsWorkspace } from './posts-workspace';

export interface PostsPageProps {
  accounts: AccountOption[];
  /** The user's setting; null means "follow the browser". */
  userTimeZone: string | null;
  prices: Prices;
  /** What the address asks for, parsed on the server (components/posts/filter). */
  filter: PostsFilter;
  /** What in the address was ignored, and why. */
  problems: string[];
}

/**
 * The posts page's client side. Like the calendar, it waits for the browser's zone (unknown on the
 * server) before showing times or asking for a date range, so neither is ever in the wrong zone.
 */
export function PostsPage({ accounts, userTimeZone, prices, filter, problems }: PostsPageProps) {
  const browserZone = useBrowserTimeZone();
  if (!browserZone) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Posts</h1>
        <ListSkeleton />
      </div>
    );
  }
  const zone = userTimeZone ?? browserZone;
  return <PostsWorkspace accounts={accounts} zone={zone} zoneSource={userTimeZone ? 'setting' : 'browser'} prices={prices} filter={filter} problems={problems} />;
}
