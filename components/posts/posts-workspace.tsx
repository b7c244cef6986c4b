'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Prices } from '@/lib/posts/cost';
import type { PostView } from '@/lib/posts/view';
import * as api from '../api/client';
import type { AccountOption } from '../calendar/types';
import { ZoneNote } from '../calendar/zone-note';
import { OpenComposer } from '../composer/open-composer';
import type { OpenTarget } from '../composer/open-target';
import { Button } from '../ui/button';
import { ActionError, Notice } from '../ui/page-messages';
import { apiQuery, EMPTY_FILTER, isFiltered, postsHref, type PostsFilter } from './filter';
import { ListError, ListSkeleton, NoMatch, NoPostsYet } from './list-states';
import { PostRow } from './post-row';
import { PostsFilters } from './posts-filters';
import { usePostsList } from './use-posts-list';

export interface PostsWorkspaceProps {
  accounts: AccountOption[];
  zone: string;
  zoneSource: 'setting' | 'browser';
  prices: Prices;
  filter: PostsFilter;
  problems: string[];
}

/**
 * Every post of the user, searched and filtered, by time, page after page. The filter is the
 * address's (the page parses it on the server); changing it pushes a new address, so back and
 * forward step through filters and a copied link shows the same list.
 */
export function PostsWorkspace({ accounts, zone, zoneSource, prices, filter, problems }: PostsWorkspaceProps) {
  const router = useRouter();
  const query = useMemo(() => apiQuery(filter, zone), [filter, zone]);
  const list = usePostsList(query);
  const [composer, setComposer] = useState<OpenTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  // "Load more" hands the keyboard to the first new post (the button may be gone: the last page).
  const rows = useRef<HTMLUListElement>(null);
  const focusFrom = useRef<number | null>(null);
  useEffect(() => {
    const from = focusFrom.current;
    if (from === null || list.posts.length <= from) return;
    focusFrom.current = null;
    rows.current?.querySelectorAll<HTMLButtonElement>(':scope > li button')[from]?.focus();
  }, [list.posts.length]);
  const loadMore = () => {
    focusFrom.current = list.posts.length;
    list.loadMore();
  };

  const apply = useCallback((next: PostsFilter) => router.push(postsHref(next), { scroll: false }), [router]);

  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), 6_000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  /** Opens the post in the composer with the rest of its group, as the calendar does. */
  async function open(post: PostView) {
    setActionError(null);
    const group = post.groupId ? await api.postGroups.get(post.groupId) : null;
    setComposer((current) => current ?? { kind: 'edit', post, group: group?.ok ? group.data.posts : undefined });
  }

  function finish(message: string) {
    setComposer(null);
    setNotice(message);
    list.refresh();
  }

  const filtered = isFiltered(filter);
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Posts</h1>
        <ZoneNote zone={zone} source={zoneSource} />
      </div>

      <PostsFilters filter={filter} accounts={accounts} onChange={apply} />
      {problems.length > 0 ? (
        <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          <p className="font-medium">Part of this link was not understood:</p>
          <ul className="list-disc pl-5">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ActionError message={actionError} onDismiss={() => setActionError(null)} />
      <Notice text={notice} />

      {list.loading ? (
        <ListSkeleton />
      ) : list.error && list.posts.length === 0 ? (
        <ListError message={list.error} onRetry={list.retry} />
      ) : list.posts.length === 0 ? (
        filtered ? (
          <NoMatch onClear={() => apply({ ...EMPTY_FILTER, order: filter.order })} />
        ) : (
          <NoPostsYet />
        )
      ) : (
        <section aria-label="Results" className="flex flex-col gap-3">
          {list.error ? <ListError message={list.error} onRetry={list.retry} /> : null}
          <p role="status" className="text-sm text-slate-500">
            {list.posts.length === 1 ? '1 post' : `${list.posts.length} posts`}
            {list.hasMore ? ' so far' : ''}
          </p>
          <ul ref={rows} aria-label="Posts" className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
            {list.posts.map((post) => (
              <PostRow key={post.id} post={post} zone={zone} search={filter.q} onOpen={(p) => void open(p)} />
            ))}
          </ul>
          {list.moreError ? (
            <div role="alert" className="flex flex-wrap items-center gap-3 rounded-lg border border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800">
              <span className="flex-1">{list.moreError}</span>
              <Button size="sm" onClick={loadMore}>
                Retry
              </Button>
            </div>
          ) : list.hasMore ? (
            <div className="flex justify-center">
              <Button onClick={loadMore} busy={list.loadingMore} disabled={list.loadingMore}>
                Load more
              </Button>
            </div>
          ) : (
            <p className="text-center text-xs text-slate-500">That is all.</p>
          )}
        </section>
      )}

      <OpenComposer target={composer} onTargetChange={setComposer} accounts={accounts} zone={zone} onDone={finish} prices={prices} />
    </div>
  );
}
