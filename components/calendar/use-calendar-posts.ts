'use client';

import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { PostView } from '@/lib/posts/view';
import { api } from '../api-client';
import { IN_FLIGHT_STATUSES } from './types';

/** How often the calendar asks again while a post on screen may still change by itself. */
export const POLL_MS = 3_000;

export interface CalendarPosts {
  /** Posts with a time inside [from, to]. */
  posts: PostView[];
  /** Drafts without a time (the side panel). */
  drafts: PostView[];
  loading: boolean;
  loadError: string | null;
  reload: () => Promise<void>;
  /** Local edits (optimistic moves); they also discard answers to requests already in flight. */
  setPosts: Dispatch<SetStateAction<PostView[]>>;
}

type PostsResponse = { posts: PostView[] };

type Loaded = { posts: PostView[]; drafts: PostView[] } | { error: string };

async function fetchCalendar(fromIso: string, toIso: string): Promise<Loaded> {
  const query = new URLSearchParams({ from: fromIso, to: toIso });
  const [ranged, unscheduled] = await Promise.all([
    api<PostsResponse>(`/api/v1/posts?${query.toString()}`),
    api<PostsResponse>('/api/v1/posts?status=draft'),
  ]);
  if (!ranged.ok) return { error: `Could not load your posts: ${ranged.error}` };
  if (!unscheduled.ok) return { error: `Could not load your drafts: ${unscheduled.error}` };
  return { posts: ranged.data.posts, drafts: unscheduled.data.posts.filter((p) => p.scheduledAt === null) };
}

/**
 * The user's posts for the visible range and their unscheduled drafts, fetched from the JSON API,
 * refetched when the range changes, and polled while anything on screen is scheduled, queued or
 * publishing so that a post turning published (or failed) shows up without a reload.
 */
export function useCalendarPosts(from: Date, to: Date): CalendarPosts {
  const [posts, setPostsState] = useState<PostView[]>([]);
  const [drafts, setDrafts] = useState<PostView[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Answers can arrive out of order (navigation, polling): only the latest request may write.
  const generation = useRef(0);
  const fromIso = from.toISOString();
  const toIso = to.toISOString();

  // Fetching and applying are split so state is only ever set in the promise's callback.
  const reload = useCallback((): Promise<void> => {
    const mine = ++generation.current;
    return fetchCalendar(fromIso, toIso).then((loaded) => {
      if (mine !== generation.current) return;
      setLoading(false);
      if ('error' in loaded) {
        setLoadError(loaded.error);
        return;
      }
      setLoadError(null);
      setPostsState(loaded.posts);
      setDrafts(loaded.drafts);
    });
  }, [fromIso, toIso]);

  const setPosts = useCallback<Dispatch<SetStateAction<PostView[]>>>((update) => {
    generation.current++;
    setPostsState(update);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const inFlight = posts.some((p) => IN_FLIGHT_STATUSES.has(p.status));
  useEffect(() => {
    if (!inFlight) return;
    const timer = window.setInterval(() => {
      // A hidden tab needs no fresh data; it catches up on the next tick after it is shown.
      if (!document.hidden) void reload();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [inFlight, reload]);

  return { posts, drafts, loading, loadError, reload, setPosts };
}
