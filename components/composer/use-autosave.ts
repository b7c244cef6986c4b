'use client';

import { useCallback, useEffect, useEffectEvent, useRef, useState, type Dispatch } from 'react';
import type { PostView } from '@/lib/posts/view';
import * as api from '../api/client';
import type { AccountOption } from '../calendar/types';
import { fromDateTimeLocalValue, toDateTimeLocalValue } from '../calendar/zoned-time';
import { editStart, isDirty, newPostStart, parseKey, snapshotKey, toSnapshot, type DraftTarget, type Snapshot } from './autosave';
import { readSnapshot, removeSnapshot, storage, sweepSnapshots, writeSnapshot } from './draft-storage';
import { initialState, type ComposerAction, type ComposerStart, type ComposerState } from './state';
import type { OpenTarget } from './open-target';
import type { ComposerTarget } from './types';

/** Typing pauses this long before a snapshot is written (and at once when the page is hidden or left). */
const DEBOUNCE_MS = 500;

const targetOf = (target: OpenTarget): DraftTarget => (target.kind === 'edit' ? { kind: 'post', postId: target.post.id } : { kind: 'new' });

/** The restored time when it is still ahead (the API refuses the past); otherwise the target's. */
function restoredWhen(snapshot: Snapshot, fallback: string, zone: string): string {
  const at = snapshot.when ? new Date(snapshot.when) : null;
  return at && at.getTime() > Date.now() ? toDateTimeLocalValue(at, zone) : fallback;
}

/** What the composer shows above the posts about an autosaved draft. */
export type RestoreNote =
  | { kind: 'restored'; savedAt: number }
  /** Edits made before the post changed elsewhere: offered, not applied. */
  | { kind: 'stale'; savedAt: number; start: ComposerStart; when: string };

interface Opening {
  /** The target's own start (saved posts, or empty): what Discard goes back to. */
  pristine: { start: ComposerStart; when: string };
  initial: { start: ComposerStart; when: string };
  note: RestoreNote | null;
}

/**
 * Where the composer opens: the autosaved draft for this target when there is one. A duplicate
 * opens as the copy it is, whatever a new-post draft holds.
 */
function opening(userId: string, target: OpenTarget, accounts: AccountOption[], zone: string, pristine: Opening['pristine']): Opening {
  const none = { pristine, initial: pristine, note: null };
  if (!userId || target.kind === 'copy') return none;
  const key = snapshotKey(userId, targetOf(target));
  const snapshot = readSnapshot(key);
  if (!snapshot) return none;
  if (pristine.start.kind === 'new' || pristine.start.kind === 'drafts') {
    const active = accounts.filter((a) => a.status === 'active').map((a) => a.id);
    const fallback = pristine.start.kind === 'new' ? pristine.start.accountId : '';
    const when = target.kind === 'create' && target.at ? pristine.when : restoredWhen(snapshot, pristine.when, zone);
    return { pristine, initial: { start: { kind: 'drafts', posts: newPostStart(snapshot, active, fallback) }, when }, note: { kind: 'restored', savedAt: snapshot.savedAt } };
  }
  const saved = pristine.start.posts;
  const restored = editStart(snapshot, saved);
  // Posts on X (or going there) are not edited any more: the draft has nothing left to apply to.
  if (restored.kind === 'none' || saved.some((p) => p.status === 'published' || p.status === 'publishing')) {
    removeSnapshot(key);
    return none;
  }
  const start: ComposerStart = { kind: 'drafts', posts: restored.posts };
  const when = restoredWhen(snapshot, pristine.when, zone);
  if (restored.kind === 'stale') return { ...none, note: { kind: 'stale', savedAt: snapshot.savedAt, start, when } };
  return { pristine, initial: { start, when }, note: { kind: 'restored', savedAt: snapshot.savedAt } };
}

export interface AutosaveOptions {
  userId: string;
  target: OpenTarget;
  accounts: AccountOption[];
  zone: string;
  pristine: Opening['pristine'];
}

/** Reads the draft to open with, once: call before useComposer and give it `initial`. */
export function useDraftOpening({ userId, target, accounts, zone, pristine }: AutosaveOptions): Opening {
  const [value] = useState(() => opening(userId, target, accounts, zone, pristine));
  return value;
}

export interface DraftAutosave {
  /** Closing now would lose something. */
  dirty: boolean;
  note: RestoreNote | null;
  /** Back to the saved (or empty) post; the snapshot goes. */
  discard: () => void;
  /** Applies stale edits the person chose to keep anyway. */
  restoreStale: () => void;
  /** The draft went where it belongs (saved, published, deleted, discarded): forget it. */
  clear: () => void;
}

/**
 * Keeps a snapshot of a dirty composer in localStorage: debounced while typing, at once when the
 * page is hidden or left. A clean one keeps none. The page's leave prompt shows only when the
 * snapshot could not be stored (storage off or full, over the cap): otherwise a reload brings
 * everything back, and asking would only be in the way.
 */
export function useAutosave(
  { userId, target, zone, opening: open }: { userId: string; target: OpenTarget; zone: string; opening: Opening },
  state: ComposerState,
  dispatch: Dispatch<ComposerAction>,
  readOnly: boolean,
): DraftAutosave {
  const key = userId ? snapshotKey(userId, targetOf(target)) : null;
  const [opened] = useState(() => initialState(open.pristine.start, open.pristine.when));
  const [note, setNote] = useState<RestoreNote | null>(open.note);
  const dirty = !readOnly && isDirty(state, opened, target.kind !== 'edit');

  const cleared = useRef(false);
  const stored = useRef(true);
  /** A stale draft waits for the person's choice: it stays stored until they choose or write. */
  const offered = useRef(open.note?.kind === 'stale');

  /** Stores what is on screen now (or drops the snapshot of a clean composer). */
  const flush = useEffectEvent(() => {
    if (!key || cleared.current) return;
    if (!dirty) {
      if (!offered.current) removeSnapshot(key);
      stored.current = true;
      return;
    }
    if (offered.current) {
      offered.current = false;
      setNote(null);
    }
    stored.current = writeSnapshot(key, toSnapshot(state, fromDateTimeLocalValue(state.when, zone), Date.now()));
  });

  useEffect(() => {
    const timer = window.setTimeout(() => flush(), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [state.posts, state.when, dirty]);

  const unsafe = useEffectEvent(() => dirty && !stored.current && !cleared.current);

  useEffect(() => {
    const save = () => flush();
    const hidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    const leaving = (event: BeforeUnloadEvent) => {
      flush();
      if (unsafe()) event.preventDefault();
    };
    window.addEventListener('pagehide', save);
    window.addEventListener('beforeunload', leaving);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', save);
      window.removeEventListener('beforeunload', leaving);
      document.removeEventListener('visibilitychange', hidden);
      // Closed some other way than save or discard: what was typed is kept.
      flush();
    };
  }, []);

  const clear = useCallback(() => {
    cleared.current = true;
    if (key) removeSnapshot(key);
  }, [key]);

  return {
    // Edits waiting on the person's choice count as unsaved: closing asks rather than dropping them.
    dirty: dirty || note?.kind === 'stale',
    note,
    discard: () => {
      offered.current = false;
      setNote(null);
      if (key) removeSnapshot(key);
      dispatch({ type: 'reset', start: open.pristine.start, when: open.pristine.when });
    },
    restoreStale: () => {
      if (note?.kind !== 'stale') return;
      offered.current = false;
      setNote({ kind: 'restored', savedAt: note.savedAt });
      dispatch({ type: 'reset', start: note.start, when: note.when });
    },
    clear,
  };
}

/**
 * After a reload or a closed tab: the newest draft this user left unsaved, reopened through
 * `open` (a new post at once; a saved post once its group is loaded). Also sweeps old snapshots.
 */
export function useReopenDraft(userId: string, open: (target: ComposerTarget) => void): void {
  const opener = useEffectEvent(open);
  useEffect(() => {
    if (!userId) return;
    sweepSnapshots();
    const store = storage();
    if (!store) return;
    let newest: { key: string; target: DraftTarget; snapshot: Snapshot } | null = null;
    try {
      for (let i = 0; i < store.length; i += 1) {
        const key = store.key(i);
        const parsed = key ? parseKey(key) : null;
        if (!key || parsed?.userId !== userId) continue;
        const snapshot = readSnapshot(key);
        if (snapshot && (!newest || snapshot.savedAt > newest.snapshot.savedAt)) newest = { key, target: parsed.target, snapshot };
      }
    } catch {
      return;
    }
    if (!newest) return;
    if (newest.target.kind === 'new') return opener({ kind: 'create', at: null });
    const { key, target, snapshot } = newest;
    if (!snapshot.groupId) return;
    let live = true;
    void api.postGroups.get(snapshot.groupId).then((result) => {
      if (!live) return;
      const post = result.ok ? result.data.posts.find((p: PostView) => target.kind === 'post' && p.id === target.postId) : undefined;
      if (post) opener({ kind: 'edit', post, group: result.ok ? result.data.posts : undefined });
      else if (!result.ok && result.status === 404) removeSnapshot(key);
    });
    return () => {
      live = false;
    };
  }, [userId]);
}
