'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { PostView } from '@/lib/posts/view';
import * as api from '../api/client';

/** Posts a page asks for; "Load more" appends the next page of as many. */
export const POSTS_PAGE_SIZE = 50;
/** The API's largest page: a refresh after an edit re-reads what is on screen in one request up to this. */
const REFRESH_MAX = 200;

type Query = Omit<api.ListPostsQuery, 'cursor' | 'limit'>;

export interface PostsList {
  posts: PostView[];
  /** The first page is on its way (nothing to show yet, or a new filter). */
  loading: boolean;
  /** A next page is on its way. */
  loadingMore: boolean;
  /** The first page failed: nothing trustworthy to show. */
  error: string | null;
  /** The next page failed: what is shown stays, Retry asks again. */
  moreError: string | null;
  hasMore: boolean;
  loadMore: () => void;
  /** Asks for the first page again (after an error). */
  retry: () => void;
  /** Re-reads what is on screen (after an edit): as many posts as are shown, up to REFRESH_MAX. */
  refresh: () => void;
}

interface Loaded {
  key: string;
  posts: PostView[];
  cursor: string | null;
  error: string | null;
}

/** Appends a page, leaving out any post already shown (it cannot happen with the API's cursor; this is a guard). */
function append(shown: PostView[], page: PostView[]): PostView[] {
  const seen = new Set(shown.map((p) => p.id));
  return [...shown, ...page.filter((p) => !seen.has(p.id))];
}

/**
 * One filter's posts, page after page, through the API's cursor. `query` null: not ready to ask
 * yet (the user's zone is still unknown). A new query starts again from the first page; answers
 * to an older query (or an older request for the same one) are dropped.
 */
export function usePostsList(query: Query | null): PostsList {
  const key = query ? JSON.stringify(query) : null;
  // What the last answer for the first page said, and for which query: while it is for another
  // query than the current one, the first page is loading (no state set inside the effect).
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [retrying, setRetrying] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const generation = useRef(0);

  const first = useCallback(
    (limit: number) => {
      if (key === null) return;
      const mine = ++generation.current;
      void api.posts.list({ ...(JSON.parse(key) as Query), limit }).then((answer) => {
        if (mine !== generation.current) return;
        setRetrying(false);
        setLoadingMore(false);
        setMoreError(null);
        setLoaded((before) =>
          answer.ok
            ? { key, posts: answer.data.items, cursor: answer.data.nextCursor, error: null }
            : // A failed refresh keeps what is shown; a failed first page shows nothing it cannot vouch for.
              { key, posts: before?.key === key ? before.posts : [], cursor: before?.key === key ? before.cursor : null, error: `Could not load your posts. ${api.describeFailure(answer)}` },
        );
      });
    },
    [key],
  );

  useEffect(() => {
    first(POSTS_PAGE_SIZE);
  }, [first]);

  const current = loaded && loaded.key === key ? loaded : null;
  const cursor = current?.cursor ?? null;

  const loadMore = useCallback(() => {
    if (key === null || cursor === null) return;
    const mine = generation.current;
    setLoadingMore(true);
    setMoreError(null);
    void api.posts.list({ ...(JSON.parse(key) as Query), cursor, limit: POSTS_PAGE_SIZE }).then((answer) => {
      if (mine !== generation.current) return;
      setLoadingMore(false);
      if (!answer.ok) {
        setMoreError(`Could not load more posts. ${api.describeFailure(answer)}`);
        return;
      }
      setLoaded((before) => (before && before.key === key ? { ...before, posts: append(before.posts, answer.data.items), cursor: answer.data.nextCursor } : before));
    });
  }, [key, cursor]);

  const shown = current?.posts.length ?? 0;
  const retry = useCallback(() => {
    setRetrying(true);
    first(POSTS_PAGE_SIZE);
  }, [first]);
  const refresh = useCallback(() => first(Math.min(REFRESH_MAX, Math.max(POSTS_PAGE_SIZE, shown))), [first, shown]);

  return {
    posts: current?.posts ?? [],
    loading: current === null || retrying,
    loadingMore,
    error: current?.error ?? null,
    moreError,
    hasMore: cursor !== null,
    loadMore,
    retry,
    refresh,
  };
}
