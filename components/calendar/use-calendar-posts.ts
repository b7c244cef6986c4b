'use client';

import { useCallback, useEffect, useEffectEvent, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { PostView } from '@/lib/posts/view';
import * as api from '../api/client';
import { answerFingerprint, nextPollDelay } from './poll-policy';

export interface CalendarPosts {
  /** Posts with a time inside [from, to]. */
  posts: PostView[];
  /** Drafts without a time (the side panel). */
  drafts: PostView[];
  loading: boolean;
  loadError: string | null;
  /** Fetches now; also the sign that the person acted, so polling is fast again for a while. */
  reload: () => Promise<void>;
  /** Local edits (optimistic moves); they also discard answers to requests already in flight. */
  setPosts: Dispatch<SetStateAction<PostView[]>>;
}

type Loaded = { posts: PostView[]; drafts: PostView[] } | { error: string };

/** The calendar's filters as the API takes them: comma lists, empty meaning all. */
export interface PostFilter {
  account: string;
  status: string;
}

async function fetchCalendar(fromIso: string, toIso: string, filter: PostFilter): Promise<Loaded> {
  const account = filter.account || undefined;
  // The server filters (a month of one account's posts is fetched, not everyone's then thrown
  // away). The drafts panel follows the account filter only: it is not a status on the grid.
  const [ranged, unscheduled] = await Promise.all([
    api.posts.listAll({ from: fromIso, to: toIso, account, status: filter.status || undefined }),
    api.posts.listAll({ status: 'draft', account }),
  ]);
  if (!ranged.ok) return { error: `Could not load your posts: ${ranged.error}` };
  if (!unscheduled.ok) return { error: `Could not load your drafts: ${unscheduled.error}` };
  return { posts: ranged.data, drafts: unscheduled.data.filter((p) => p.scheduledAt === null) };
}

/** The next poll: a new object per answer, so the same wait twice still re-arms the timer. */
type NextPoll = { ms: number } | null;

/**
 * The user's posts for the visible range and their unscheduled drafts, fetched from the JSON API,
 * refetched when the range changes, and polled while anything on screen may still change by
 * itself, so that a post turning published (or failed) shows up without a reload. How often is
 * poll-policy.ts's call; this hook only runs the timer, and never polls while the tab is hidden.
 */
export function useCalendarPosts(from: Date, to: Date, filter: PostFilter): CalendarPosts {
  const [posts, setPostsState] = useState<PostView[]>([]);
  const [drafts, setDrafts] = useState<PostView[]>([]);
  // What the posts on screen answer: while it is not the range and filters asked for, we are loading.
  const [answered, setAnswered] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [nextPoll, setNextPoll] = useState<NextPoll>(null);
  // Answers can arrive out of order (navigation, polling): only the latest request may write.
  const generation = useRef(0);
  // What the policy compares against: the last answer and the wait that preceded it.
  const lastAnswer = useRef<{ fingerprint: string; posts: PostView[] } | null>(null);
  const lastWaitMs = useRef<number | null>(null);
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  const { account, status } = filter;
  const asked = `${fromIso}/${toIso}/${account}/${status}`;

  const plan = useCallback((onScreen: PostView[], fresh: boolean) => {
    const ms = nextPollDelay({ previousMs: lastWaitMs.current, fresh, posts: onScreen, now: Date.now() });
    lastWaitMs.current = ms;
    setNextPoll(ms === null ? null : { ms });
  }, []);

  // Fetching and applying are split so state is only ever set in the promise's callback.
  const load = useCallback(
    (byPerson: boolean): Promise<void> => {
      const mine = ++generation.current;
      return fetchCalendar(fromIso, toIso, { account, status }).then((loaded) => {
        if (mine !== generation.current) return;
        setAnswered(`${fromIso}/${toIso}/${account}/${status}`);
        if ('error' in loaded) {
          setLoadError(loaded.error);
          // A failing server is not hurried: the posts it last showed decide, as if unchanged.
          plan(lastAnswer.current?.posts ?? [], byPerson);
          return;
        }
        const fingerprint = answerFingerprint([...loaded.posts, ...loaded.drafts]);
        const changed = fingerprint !== lastAnswer.current?.fingerprint;
        lastAnswer.current = { fingerprint, posts: loaded.posts };
        setLoadError(null);
        setPostsState(loaded.posts);
        setDrafts(loaded.drafts);
        plan(loaded.posts, byPerson || changed);
      });
    },
    [fromIso, toIso, account, status, plan],
  );

  const reload = useCallback(() => load(true), [load]);

  const setPosts = useCallback<Dispatch<SetStateAction<PostView[]>>>((update) => {
    generation.current++;
    setPostsState(update);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  // An effect event, so that a new range (a new `load`) does not restart the current wait.
  const poll = useEffectEvent(() => {
    // A hidden tab needs no fresh data: the chain stops here and showing the tab restarts it.
    if (!document.hidden) void load(false);
  });
  useEffect(() => {
    if (nextPoll === null) return;
    const timer = window.setTimeout(poll, nextPoll.ms);
    return () => window.clearTimeout(timer);
  }, [nextPoll]);

  // Back from another tab the screen may be stale: fetch at once and poll fast again.
  const onVisible = useEffectEvent(() => {
    if (!document.hidden) void reload();
  });
  useEffect(() => {
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  return { posts, drafts, loading: answered !== asked, loadError, reload, setPosts };
}
