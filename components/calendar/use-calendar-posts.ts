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

/** The calendar's filters as the API takes them: comma lists, empty meaning all. */
export interface PostFilter {
  account: string;
  status: string;
}

/** Ranges kept for an instant switch back and forth (the one on screen and its neighbours). */
const CACHE_RANGES = 8;
/**
 * A kept range this fresh is shown without asking again (polling keeps the screen fresh after
 * that): every request counts against the user's API rate limit, browsing months included.
 */
const FRESH_MS = 30_000;

/** Posts with a time in [from, to] (the API's `to` is inclusive), filtered by the server. */
async function fetchRange(fromIso: string, toIso: string, filter: PostFilter): Promise<{ posts: PostView[] } | { error: string }> {
  const ranged = await api.posts.listAll({ from: fromIso, to: toIso, account: filter.account || undefined, status: filter.status || undefined });
  return ranged.ok ? { posts: ranged.data } : { error: `Could not load your posts: ${ranged.error}` };
}

/** Drafts without a time (the side panel); they follow the account filter only: a draft is not a status on the grid. */
async function fetchDrafts(filter: PostFilter): Promise<{ drafts: PostView[] } | { error: string }> {
  const unscheduled = await api.posts.listAll({ status: 'draft', account: filter.account || undefined });
  if (!unscheduled.ok) return { error: `Could not load your drafts: ${unscheduled.error}` };
  return { drafts: unscheduled.data.filter((p) => p.scheduledAt === null) };
}

/** A range to have ready before it is asked for (the next and previous month). */
export interface NearRange {
  from: Date;
  to: Date;
}

/** The next poll: a new object per answer, so the same wait twice still re-arms the timer. */
type NextPoll = { ms: number } | null;

/**
 * The user's posts for the visible range and their unscheduled drafts, fetched from the JSON API,
 * refetched when the range changes, and polled while anything on screen may still change by
 * itself, so that a post turning published (or failed) shows up without a reload. How often is
 * poll-policy.ts's call; this hook only runs the timer, and never polls while the tab is hidden.
 */
export function useCalendarPosts(from: Date, to: Date, filter: PostFilter, near: NearRange[] = []): CalendarPosts {
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
  // Recent ranges' answers, shown at once when the person goes back to one (then refreshed).
  const cache = useRef(new Map<string, { posts: PostView[]; at: number }>());
  // The account filter the drafts on screen answer: moving through dates does not refetch them.
  const draftsFor = useRef<string | null>(null);
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  const { account, status } = filter;
  const asked = `${fromIso}/${toIso}/${account}/${status}`;
  const nearKey = near.map((r) => `${r.from.toISOString()}/${r.to.toISOString()}`).join('|');

  const remember = useCallback((key: string, list: PostView[]) => {
    const kept = cache.current;
    kept.delete(key);
    kept.set(key, { posts: list, at: Date.now() });
    while (kept.size > CACHE_RANGES) kept.delete(kept.keys().next().value!);
  }, []);

  const plan = useCallback((onScreen: PostView[], fresh: boolean) => {
    const ms = nextPollDelay({ previousMs: lastWaitMs.current, fresh, posts: onScreen, now: Date.now() });
    lastWaitMs.current = ms;
    setNextPoll(ms === null ? null : { ms });
  }, []);

  // Fetching and applying are split so state is only ever set in the promise's callback.
  const load = useCallback(
    (byPerson: boolean, withDrafts: boolean): Promise<void> => {
      const mine = ++generation.current;
      const key = `${fromIso}/${toIso}/${account}/${status}`;
      return Promise.all([fetchRange(fromIso, toIso, { account, status }), withDrafts ? fetchDrafts({ account, status }) : null]).then(([ranged, unscheduled]) => {
        if (mine !== generation.current) return;
        setAnswered(key);
        const error = 'error' in ranged ? ranged.error : unscheduled && 'error' in unscheduled ? unscheduled.error : null;
        if ('error' in ranged || error) {
          setLoadError(error);
          // A failing server is not hurried: the posts it last showed decide, as if unchanged.
          plan(lastAnswer.current?.posts ?? [], byPerson);
          return;
        }
        const shownDrafts = unscheduled && 'drafts' in unscheduled ? unscheduled.drafts : null;
        if (shownDrafts) draftsFor.current = account;
        const fingerprint = answerFingerprint([...ranged.posts, ...(shownDrafts ?? [])]);
        const changed = fingerprint !== lastAnswer.current?.fingerprint;
        lastAnswer.current = { fingerprint, posts: ranged.posts };
        remember(key, ranged.posts);
        setLoadError(null);
        setPostsState(ranged.posts);
        if (shownDrafts) setDrafts(shownDrafts);
        plan(ranged.posts, byPerson || changed);
      });
    },
    [fromIso, toIso, account, status, plan, remember],
  );

  /** After the person acted: everything may have changed, the ranges kept aside too. */
  const reload = useCallback(() => {
    cache.current.clear();
    return load(true, true);
  }, [load]);

  const setPosts = useCallback<Dispatch<SetStateAction<PostView[]>>>((update) => {
    generation.current++;
    setPostsState(update);
  }, []);

  // A new range or filter: show what was kept for it at once, and fetch it unless that is fresh.
  useEffect(() => {
    const kept = cache.current.get(`${fromIso}/${toIso}/${account}/${status}`);
    if (kept) {
      generation.current++;
      setPostsState(kept.posts);
      setAnswered(`${fromIso}/${toIso}/${account}/${status}`);
      lastAnswer.current = { fingerprint: answerFingerprint(kept.posts), posts: kept.posts };
      if (Date.now() - kept.at < FRESH_MS && draftsFor.current === account) {
        plan(kept.posts, true);
        return;
      }
    }
    void load(true, draftsFor.current !== account);
  }, [load, plan, fromIso, toIso, account, status]);

  // Once the range on screen is in, the neighbours are fetched quietly, so that Next and
  // Previous draw at once. A failure here says nothing: the switch fetches again.
  useEffect(() => {
    if (answered !== asked || !nearKey) return;
    let live = true;
    for (const range of nearKey.split('|')) {
      const [nearFrom, nearTo] = range.split('/') as [string, string];
      const key = `${nearFrom}/${nearTo}/${account}/${status}`;
      if (cache.current.has(key)) continue;
      void fetchRange(nearFrom, nearTo, { account, status }).then((found) => {
        if (live && 'posts' in found) remember(key, found.posts);
      });
    }
    return () => {
      live = false;
    };
  }, [answered, asked, nearKey, account, status, remember]);

  // An effect event, so that a new range (a new `load`) does not restart the current wait.
  const poll = useEffectEvent(() => {
    // A hidden tab needs no fresh data: the chain stops here and showing the tab restarts it.
    if (!document.hidden) void load(false, true);
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
