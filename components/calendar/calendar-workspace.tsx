'use client';

import { endOfDay, min as earliest } from 'date-fns';
import { useEffect, useMemo, useState } from 'react';
import type { PostView } from '@/lib/posts/view';
import * as api from '../api/client';
import { ComposerDialog } from '../composer/composer-dialog';
import type { Prices } from '@/lib/posts/cost';
import { useDraftScope } from '../composer/draft-scope';
import { useReopenDraft } from '../composer/use-autosave';
import { useLetterShortcut } from '../keyboard/use-shortcut';
import type { OpenTarget } from '../composer/open-target';
import { CalendarBoard } from './calendar-board';
import { CostPanel } from './cost-panel';
import { DraftsPanel } from './drafts-panel';
import { WEEK_STARTS_ON } from './localizer';
import { excerpt } from '../excerpt';
import { Button } from '../ui/button';
import { ActionError, LoadError, Notice } from '../ui/page-messages';
import { visibleRange, type CalendarViewName } from './range';
import { timeForSlot } from './slot-time';
import type { AccountOption, CalendarPost } from './types';
import { useCalendarPosts } from './use-calendar-posts';
import { ZoneNote } from './zone-note';
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
  zoneSource: 'setting' | 'browser';
  /** X's prices per post, from the server's configuration. */
  prices: Prices;
  /** A post to open at once (`/calendar?post=<id>`, the link of a notification). */
  openPostId?: string;
}

export function CalendarWorkspace({ accounts, zone, zoneSource, prices, openPostId }: CalendarWorkspaceProps) {
  const [view, setView] = useState<CalendarViewName>('month');
  const [date, setDate] = useState(() => toCalendarDate(new Date(), zone));
  const [composer, setComposer] = useState<OpenTarget | null>(null);
  // A post left unsaved (reload, closed tab) comes back; N starts a new one.
  useReopenDraft(useDraftScope(), (target) => setComposer((open) => open ?? target));
  useLetterShortcut('n', () => setComposer((open) => open ?? { kind: 'create', at: null }));
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [draggedDraft, setDraggedDraft] = useState<PostView | null>(null);

  const range = useMemo(() => visibleRange(view, date, WEEK_STARTS_ON), [view, date]);
  const from = useMemo(() => fromCalendarDate(range.start, zone), [range, zone]);
  const to = useMemo(() => fromCalendarDate(range.end, zone), [range, zone]);
  const { posts, drafts, loading, loadError, reload, setPosts } = useCalendarPosts(from, to);
  const offerUndo = useUndoToast(zone, () => void reload());
  const groups = useMemo(() => groupMembers([...posts, ...drafts]), [posts, drafts]);
  const events = useMemo(() => posts.map((p) => toEvent(p, zone, groups.get(p.groupId))).filter((e): e is CalendarPost => e !== null), [posts, zone, groups]);
  /** Opens a post with the rest of its group (those loaded), to edit side by side. */
  const openPost = (post: PostView) => setComposer({ kind: 'edit', post, group: groups.get(post.groupId) });
  // The addon wants an event for the draft being dragged in (for its preview); any time will do.
  const draggedEvent = useMemo(() => (draggedDraft ? toEvent({ ...draggedDraft, scheduledAt: new Date().toISOString() }, zone) : null), [draggedDraft, zone]);

  // A link to one post (a notification's) shows its day and opens it, with its group, once: the
  // address then drops the post so a reload does not open it again.
  useEffect(() => {
    if (!openPostId) return;
    let live = true;
    void (async () => {
      const found = await api.posts.get(openPostId);
      if (!live) return;
      window.history.replaceState(null, '', window.location.pathname);
      if (!found.ok) {
        setActionError(`Could not open that post. ${api.describeFailure(found)}`);
        return;
      }
      const post = found.data;
      if (post.scheduledAt) setDate(toCalendarDate(new Date(post.scheduledAt), zone));
      const group = await api.postGroups.get(post.groupId);
      if (live) setComposer((open) => open ?? { kind: 'edit', post, group: group.ok ? group.data.posts : undefined });
    })();
    return () => {
      live = false;
    };
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
          <ZoneNote zone={zone} source={zoneSource} />
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
        <div aria-busy={loading} className="h-[calc(100vh-13rem)] min-h-[680px] rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
          <CalendarBoard
            events={events}
            zone={zone}
            view={view}
            date={date}
            onView={setView}
            onNavigate={setDate}
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
        <aside className="flex flex-col gap-4">
          <DraftsPanel drafts={drafts} onOpen={openPost} onDragStart={setDraggedDraft} onDragEnd={() => setDraggedDraft(null)} />
          <CostPanel date={date} zone={zone} posts={posts} prices={prices} />
        </aside>
      </div>

      {composer ? (
        <ComposerDialog
          key={composer.kind === 'edit' ? composer.post.id : 'new'}
          target={composer}
          accounts={accounts}
          zone={zone}
          onClose={() => setComposer(null)}
          onDone={finish}
          prices={prices}
          onDuplicate={(copy) => setComposer({ kind: 'copy', posts: copy })}
        />
      ) : null}
    </div>
  );
}
