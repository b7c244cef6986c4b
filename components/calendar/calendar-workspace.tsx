'use client';

import { endOfDay, format, min as earliest } from 'date-fns';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PostView } from '@/lib/posts/view';
import * as api from '../api/client';
import { OpenComposer } from '../composer/open-composer';
import type { Prices } from '@/lib/posts/cost';
import { useDraftScope } from '../composer/draft-scope';
import { useReopenDraft } from '../composer/use-autosave';
import { useLetterShortcut } from '../keyboard/use-shortcut';
import type { OpenTarget } from '../composer/open-target';
import { CalendarBoard } from './calendar-board';
import { CalendarFilters } from './calendar-filters';
import { CalendarToolbar } from './calendar-toolbar';
import { calendarDateOf, dayOf } from './calendar-url';
import type { CalendarUrl } from './use-calendar-url';
import { MonthList } from './month-list';
import { useNarrowScreen } from './use-narrow-screen';
import { CostPanel } from './cost-panel';
import { DraftsPanel } from './drafts-panel';
import { WEEK_STARTS_ON } from './localizer';
import { excerpt } from '../excerpt';
import { Button } from '../ui/button';
import { ActionError, LoadError, Notice } from '../ui/page-messages';
import { rangeLabel, stepDate, visibleRange } from './range';
import { timeForSlot } from './slot-time';
import type { AccountOption, CalendarPost } from './types';
import { useCalendarPosts } from './use-calendar-posts';
import { ZoneNote, type ZoneSource } from './zone-note';
import { undoNote, useUndoToast, type UndoNote } from '../undo/use-undo-toast';
import { formatInZone, fromCalendarDate, toCalendarDate } from './zoned-time';

/** Posts are instants; on the calendar they get a short block so week and day views can show them. */
const EVENT_MINUTES = 30;

/** For each group with several posts on screen, who is in it: grouped posts show as linked. */
function groupMembers(posts: PostView[]): Map<string, PostView[]> {
  const groups = new Map<string, PostView[]>();
  for (const post of posts) groups.set(post.groupId, [...(groups.get(post.groupId) ?? []), post]);
  return groups;
}

function toEvent(post: PostView, zone: string, group: PostView[] = []): CalendarPost | null {
  if (!post.scheduledAt) return null;
  const start = toCalendarDate(new Date(post.scheduledAt), zone);
  // Never past midnight: a block crossing days would show as a two-day bar in month view.
  const end = earliest([new Date(start.getTime() + EVENT_MINUTES * 60_000), endOfDay(start)]);
  const linkedWith = group.filter((p) => p.id !== post.id).map((p) => p.accountUsername);
  const linked = linkedWith.length > 0 ? ` · with ${linkedWith.map((u) => `@${u}`).join(', ')}` : '';
  const title = `@${post.accountUsername} · ${post.status}${linked} · ${excerpt(post.parts[0]?.text ?? '', 200)}`;
  return { id: post.id, title, start, end, allDay: false, post, linkedWith, zone };
}

export interface CalendarWorkspaceProps {
  accounts: AccountOption[];
  zone: string;
  zoneSource: ZoneSource;
  /** The user's own zone, when a link shows another one (`?tz=`): the way back to it. */
  ownZone: string;
  /** X's prices per post, from the server's configuration. */
  prices: Prices;
  /** The state in the address bar (view, date, filters, the open post) and how to change it. */
  url: CalendarUrl;
}

export function CalendarWorkspace({ accounts, zone, zoneSource, ownZone, prices, url }: CalendarWorkspaceProps) {
  const { query, update } = url;
  const { view } = query;
  const openPostId = query.post;
  // Today as of the first render: a calendar left open past midnight keeps its page until moved.
  const [today] = useState(() => toCalendarDate(new Date(), zone));
  const date = useMemo(() => (query.date ? calendarDateOf(query.date) : today), [query.date, today]);
  const narrow = useNarrowScreen();
  const [composer, setComposer] = useState<OpenTarget | null>(null);
  // The post being edited is in the address (`post=<id>`) while it is open, so a reload reopens
  // it; closing it drops it (only once one was shown, not before a linked post has loaded).
  const composerPostId = composer?.kind === 'edit' ? composer.post.id : null;
  const composerPostRef = useRef<string | null>(null);
  useEffect(() => {
    if (composerPostId) update({ post: composerPostId }, 'replace');
    else if (composerPostRef.current) update({ post: null }, 'replace');
    composerPostRef.current = composerPostId;
  }, [composerPostId, update]);
  // A post left unsaved (reload, closed tab) comes back; N starts a new one.
  useReopenDraft(useDraftScope(), (target) => setComposer((open) => open ?? target));
  useLetterShortcut('n', () => setComposer((open) => open ?? { kind: 'create', at: null }));
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [draggedDraft, setDraggedDraft] = useState<PostView | null>(null);

  const range = useMemo(() => visibleRange(view, date, WEEK_STARTS_ON), [view, date]);
  const from = useMemo(() => fromCalendarDate(range.start, zone), [range, zone]);
  const to = useMemo(() => fromCalendarDate(range.end, zone), [range, zone]);
  const filter = useMemo(() => ({ account: query.accounts.join(','), status: query.statuses.join(',') }), [query.accounts, query.statuses]);
  // Next and Previous, fetched ahead so a switch only draws.
  const near = useMemo(
    () =>
      ([-1, 1] as const).map((step) => {
        const next = visibleRange(view, stepDate(view, date, step), WEEK_STARTS_ON);
        return { from: fromCalendarDate(next.start, zone), to: fromCalendarDate(next.end, zone) };
      }),
    [view, date, zone],
  );
  const { posts, drafts, loading, loadError, reload, setPosts } = useCalendarPosts(from, to, filter, near);
  const offerUndo = useUndoToast(zone, () => void reload());
  const filtered = query.accounts.length > 0 || query.statuses.length > 0;
  const groups = useMemo(() => groupMembers([...posts, ...drafts]), [posts, drafts]);
  const events = useMemo(() => posts.map((p) => toEvent(p, zone, groups.get(p.groupId))).filter((e): e is CalendarPost => e !== null), [posts, zone, groups]);
  /** Opens a post with the rest of its group (those loaded), to edit side by side. */
  const openPost = (post: PostView) => setComposer({ kind: 'edit', post, group: groups.get(post.groupId) });
  // The addon wants an event for the draft being dragged in (for its preview); any time will do.
  const draggedEvent = useMemo(() => (draggedDraft ? toEvent({ ...draggedDraft, scheduledAt: new Date().toISOString() }, zone) : null), [draggedDraft, zone]);

  // A link to one post (a notification's, or a reload while one was open) shows its day and
  // opens it with its group. The address keeps `post` while it is open; closing drops it.
  useEffect(() => {
    if (!openPostId || composerPostRef.current === openPostId) return;
    let live = true;
    void (async () => {
      const found = await api.posts.get(openPostId);
      if (!live) return;
      if (!found.ok) {
        update({ post: null }, 'replace');
        setActionError(`Could not open that post. ${api.describeFailure(found)}`);
        return;
      }
      const post = found.data;
      if (post.scheduledAt) update({ date: dayOf(toCalendarDate(new Date(post.scheduledAt), zone)) }, 'replace');
      const group = await api.postGroups.get(post.groupId);
      if (live) setComposer((open) => open ?? { kind: 'edit', post, group: group.ok ? group.data.posts : undefined });
    })();
    return () => {
      live = false;
    };
    // Not on `update`'s account: it changes only with the accounts, and must not reopen a post.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openPostId, zone]);

  // Notices are confirmations, not history: they fade after a while.
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), 6_000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  /** Drag and drop: PATCH the new time; on refusal, say why and put the post back. */
  async function reschedule(post: PostView, at: Date) {
    setActionError(null);
    const iso = at.toISOString();
    if (post.scheduledAt === iso) return;
    const moved: PostView = { ...post, scheduledAt: iso };
    setPosts((list) => (list.some((p) => p.id === post.id) ? list.map((p) => (p.id === post.id ? moved : p)) : [...list, moved]));
    const result = await api.posts.update(post.id, { scheduledAt: iso });
    if (result.ok) {
      const moved = `Moved. It goes out ${formatInZone(iso, zone)}.`;
      const undo = undoNote([result.data.undo]);
      if (undo) offerUndo(moved, undo);
      else setNotice(moved);
    } else {
      setActionError(`Could not move the post. ${api.describeFailure(result)}`);
      setPosts((list) => (post.scheduledAt ? list.map((p) => (p.id === post.id ? post : p)) : list.filter((p) => p.id !== post.id)));
    }
    await reload();
  }

  const monthList = narrow && view === 'month';
  const where = view === 'month' ? `in ${format(date, 'MMMM')}` : view === 'week' ? 'this week' : view === 'day' ? 'on this day' : 'in these 30 days';
  const emptyHint = filtered ? `No posts match these filters ${where}.` : `Nothing scheduled ${where} — ${monthList ? 'tap New post' : `click ${view === 'month' ? 'a day' : 'a time'}`} or press N to write a post.`;

  function finish(message: string, undo?: UndoNote) {
    setComposer(null);
    if (undo) offerUndo(message, undo);
    else setNotice(message);
    void reload();
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Calendar</h1>
          {zoneSource === 'link' ? (
            <ZoneNote zone={zone} source="link" ownZone={ownZone} onUseOwnZone={() => update({ tz: null }, 'push')} />
          ) : (
            <ZoneNote zone={zone} source={zoneSource} />
          )}
        </div>
        <Button variant="primary" title="New post (N)" aria-keyshortcuts="N" onClick={() => setComposer({ kind: 'create', at: null })}>
          <span aria-hidden="true" className="text-base leading-none">
            +
          </span>
          New post
        </Button>
      </div>

      <LoadError message={loadError} onRetry={() => void reload()} />
      <ActionError message={actionError} onDismiss={() => setActionError(null)} />
      <Notice text={notice} />

      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,1fr)_17rem]">
        <div aria-busy={loading} data-post-count={events.length} className={`calendar-frame flex flex-col rounded-xl border border-slate-200 bg-white p-3 shadow-sm ${monthList ? '' : 'h-[calc(100vh-13rem)] min-h-[680px]'}`}>
          <CalendarToolbar
            label={rangeLabel(view, date, WEEK_STARTS_ON)}
            view={view}
            loading={loading}
            onView={(next) => update({ view: next }, 'push')}
            onNavigate={(to) => update({ date: to === 'TODAY' ? null : dayOf(stepDate(view, date, to === 'NEXT' ? 1 : -1)) }, 'push')}
          >
            <CalendarFilters
              accounts={accounts}
              selectedAccounts={query.accounts}
              selectedStatuses={query.statuses}
              onChange={(change) => update(change, 'replace')}
            />
          </CalendarToolbar>
          {!loading && !loadError && events.length === 0 ? (
            <p data-testid="calendar-empty" className="mb-2 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-600">
              {emptyHint}
              {filtered ? (
                <>
                  {' '}
                  <button type="button" className="font-medium underline underline-offset-2" onClick={() => update({ accounts: [], statuses: [] }, 'replace')}>
                    Clear filters
                  </button>
                </>
              ) : null}
            </p>
          ) : null}
          {monthList ? (
            <MonthList date={date} events={events} today={today} onOpen={(event) => openPost(event.post)} />
          ) : (
          <div className="min-h-0 flex-1">
          <CalendarBoard
            events={events}
            zone={zone}
            view={view}
            date={date}
            onNavigate={(next) => update({ date: dayOf(next) }, 'push')}
            onDrillDown={(day, next) => update({ view: next, date: dayOf(day) }, 'push')}
            onPickSlot={(start, wholeDay) => setComposer({ kind: 'create', at: timeForSlot(fromCalendarDate(start, zone), wholeDay, zone) })}
            onOpenPost={(event) => openPost(event.post)}
            onMovePost={(event, start) => void reschedule(event.post, fromCalendarDate(start, zone))}
            draggedDraft={draggedEvent}
            onDropDraft={(start, wholeDay) => {
              const draft = draggedDraft;
              setDraggedDraft(null);
              // A time slot is taken as is (the API refuses the past and we say so); a whole day gets the default hour.
              const at = fromCalendarDate(start, zone);
              if (draft) void reschedule(draft, wholeDay ? timeForSlot(at, true, zone) : at);
            }}
          />
          </div>
          )}
        </div>
        <aside className="flex flex-col gap-4">
          <DraftsPanel drafts={drafts} onOpen={openPost} onDragStart={setDraggedDraft} onDragEnd={() => setDraggedDraft(null)} />
          <CostPanel date={date} zone={zone} posts={posts} prices={prices} filtered={filtered} />
        </aside>
      </div>

      <OpenComposer target={composer} onTargetChange={setComposer} accounts={accounts} zone={zone} onDone={finish} prices={prices} />
    </div>
  );
}
