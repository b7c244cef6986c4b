'use client';

import { useMemo, useReducer, type RefObject } from 'react';
import type { PostView } from '@/lib/posts/view';
import { IDENTICAL_CONTENT_REASON, sameContentAs } from '@/lib/posts/same-content';
import { accountLengthProblem, lengthProblem, mediaRuleProblem, X_MAX_WEIGHTED_LENGTH } from '@/lib/x/rules';
import { weightedLength } from '@/lib/x/text';
import * as api from '../api/client';
import type { AccountOption } from '../calendar/types';
import { undoNote, type UndoNote } from '../undo/use-undo-toast';
import { formatInZone, fromDateTimeLocalValue, nextHalfHour, toDateTimeLocalValue } from '../calendar/zoned-time';
import { createBody, partsChanged, updateBody, type ComposerValues, type PartValue } from './bodies';
import type { ErrorLayout } from './errors';
import { checkFile, liveItems, mediaValues, newItemKey } from './media-items';
import { composerReducer, initialState, type CheckedFile, type ComposerStart, type ComposerState, type PostDraft } from './state';
import type { OpenTarget } from './open-target';
import { isLocked } from './thread-ops';
import type { ComposerIntent } from './types';
import { useUploads, type PendingUpload } from './use-uploads';

export type ComposerAct = 'cancel' | 'delete' | 'retry';

/** What a save wrote: the posts, and each answer's offer to undo it. */
interface Saved {
  posts: PostView[];
  offers: (api.UndoOffer | null)[];
}

export interface ComposerOptions {
  target: OpenTarget;
  accounts: AccountOption[];
  zone: string;
  /** The change is saved; `message` says what happened, `undo` what can be undone for a few seconds. */
  onDone: (message: string, undo?: UndoNote) => void;
  /** Where the focus goes when no time is picked. */
  scheduleRef: RefObject<HTMLInputElement | null>;
  /** Where the state starts: `startFor(target)`, or an autosaved draft over it (./use-autosave). */
  initial: { start: ComposerStart; when: string };
}

const isReadOnly = (post: PostView | null) => post?.status === 'published' || post?.status === 'publishing';

function initialTime(target: OpenTarget, zone: string, readOnly: boolean): Date {
  const now = new Date();
  const wanted = target.kind === 'create' ? target.at : target.kind === 'edit' && target.post.scheduledAt ? new Date(target.post.scheduledAt) : null;
  // A read-only post shows when it went out; otherwise a time already past (a failed post's)
  // is no use as a proposal: the API refuses the past.
  if (wanted && (readOnly || wanted.getTime() > now.getTime())) return wanted;
  return nextHalfHour(now, zone);
}

function savedMessage(intent: ComposerIntent, saved: PostView[], zone: string): string {
  const first = saved[0];
  const them = saved.length > 1 ? `The ${saved.length} posts go out` : 'It goes out';
  if (intent === 'queue' && first?.scheduledAt) {
    return saved.length > 1 ? `Added to the queues: ${saved.map((p) => `@${p.accountUsername} ${formatInZone(p.scheduledAt!, zone)}`).join(', ')}.` : `Added to the queue. It goes out ${formatInZone(first.scheduledAt, zone)}.`;
  }
  if (intent === 'schedule' && first?.scheduledAt) return `Saved. ${them} ${formatInZone(first.scheduledAt, zone)}.`;
  if (intent === 'now') return saved.length > 1 ? `The ${saved.length} posts go out in a few seconds.` : 'It goes out in a few seconds.';
  return saved.length > 1 ? `${saved.length} posts saved for later.` : 'Saved for later.';
}

/** The account the target names when it is one that can post, else the first that can. */
function initialAccount(target: OpenTarget, accounts: AccountOption[]): string {
  const active = accounts.filter((a) => a.status === 'active');
  const wanted = target.kind === 'create' ? active.find((a) => a.id === target.accountId) : undefined;
  return (wanted ?? active[0])?.id ?? '';
}

/** The opened post first, then the rest of its group in the order they were composed. */
function groupToEdit(post: PostView, group: PostView[] | undefined): PostView[] {
  return [post, ...(group ?? []).filter((p) => p.id !== post.id && p.groupId === post.groupId)];
}

const ACT_MESSAGES: Record<ComposerAct, string> = { cancel: 'The post will not go out.', delete: 'Post deleted.', retry: 'Trying again now.' };

/** Whether this act applies to a saved post (as the footer offers it). */
const ACTS: Record<ComposerAct, (post: PostView) => boolean> = {
  cancel: (p) => !isReadOnly(p) && p.status !== 'cancelled',
  delete: (p) => p.status !== 'publishing',
  retry: (p) => p.status === 'failed',
};

function partValues(draft: PostDraft): PartValue[] {
  return draft.parts.map((p) => ({ text: p.text, media: mediaValues(p.media), kinds: p.kinds }));
}

/** One account's column, and what follows from its state. */
export interface DraftView {
  index: number;
  draft: PostDraft;
  account: AccountOption | undefined;
  /** `@username`, or a placeholder until an account is picked. */
  label: string;
  readOnly: boolean;
  /** X's weighted length of each part's text, by part key. */
  lengths: Record<number, number>;
  /** The weighted characters this account may post in one part (280, or 25,000 with Premium). */
  limit: number;
  /** Over the limit, by part key: why, in the words the API uses (the account has no X Premium, ...). */
  lengthProblems: Record<number, string | null>;
  /** X's media rule, broken, by part key. */
  mediaProblems: Record<number, string | null>;
  /** The same content as an earlier column: X would refuse it. */
  sameAs: string | null;
}

/** Where a target starts, before anything autosaved is applied over it. */
export function startFor(target: OpenTarget, accounts: AccountOption[], zone: string): { start: ComposerStart; when: string } {
  const post = target.kind === 'edit' ? target.post : null;
  const when = toDateTimeLocalValue(initialTime(target, zone, isReadOnly(post)), zone);
  if (target.kind === 'edit') return { start: { kind: 'saved', posts: groupToEdit(target.post, target.group) }, when };
  if (target.kind === 'copy') return { start: { kind: 'drafts', posts: target.posts }, when };
  return { start: { kind: 'new', accountId: initialAccount(target, accounts) }, when };
}

/** The composer's state, what follows from it, and its commands (save, act, add files). */
export type Composer = ReturnType<typeof useComposer>;

export function useComposer({ target, accounts, zone, onDone, scheduleRef, initial }: ComposerOptions) {
  const post = target.kind === 'edit' ? target.post : null;
  const readOnly = isReadOnly(post);
  const [state, dispatch] = useReducer(composerReducer, initial, (i): ComposerState => initialState(i.start, i.when));
  const wanted = useMemo(
    () => state.posts.flatMap((d) => d.parts.flatMap((p) => p.media.flatMap((m): PendingUpload[] => (m.status === 'uploading' && m.file ? [{ key: m.key, file: m.file }] : [])))),
    [state.posts],
  );
  useUploads(wanted, dispatch);

  const drafts = useMemo((): DraftView[] => {
    const same = sameContentAs(state.posts.map((d) => d.parts));
    const labelOf = (d: PostDraft) => {
      const account = accounts.find((a) => a.id === d.accountId);
      return account ? `@${account.username}` : d.saved ? `@${d.saved.accountUsername}` : 'No account yet';
    };
    return state.posts.map((draft, index) => {
      const account = accounts.find((a) => a.id === draft.accountId);
      const earlier = same[index];
      const lengths = Object.fromEntries(draft.parts.map((p) => [p.key, weightedLength(p.text)]));
      const limit = account?.textLimit ?? X_MAX_WEIGHTED_LENGTH;
      const problemOf = (weighted: number) => (account ? accountLengthProblem(weighted, account) : lengthProblem(weighted, limit));
      return {
        index,
        draft,
        account,
        label: labelOf(draft),
        readOnly: isReadOnly(draft.saved),
        lengths,
        limit,
        lengthProblems: Object.fromEntries(draft.parts.map((p) => [p.key, problemOf(lengths[p.key] ?? 0)])),
        mediaProblems: Object.fromEntries(draft.parts.map((p) => [p.key, mediaRuleProblem(liveItems(p.media).map((m) => m.kind))])),
        sameAs: earlier === null || earlier === undefined ? null : `The same text as ${labelOf(state.posts[earlier]!)}’s post: ${IDENTICAL_CONTENT_REASON}.`,
      };
    });
  }, [state.posts, accounts]);

  const editable = drafts.filter((d) => !d.readOnly);
  const uploading = wanted.length > 0;
  const overLimit = editable.some((d) => Object.values(d.lengths).some((n) => n > d.limit));
  const identical = editable.some((d) => d.sameAs !== null);
  const blocked = state.posts.some((d) => d.accountId === '') || uploading || identical || editable.some((d) => Object.values(d.mediaProblems).some(Boolean));

  const values = (draft: PostDraft, scheduledAt: Date | null): ComposerValues => ({ accountId: draft.accountId, parts: partValues(draft), replySettings: draft.replySettings, scheduledAt });
  const layoutOf = (list: DraftView[], grouped: boolean): ErrorLayout => ({ grouped, posts: list.map((d) => ({ label: d.label, partKeys: d.draft.parts.map((p) => p.key) })) });

  /** Checks the picked files as the server would (type, size); the reducer applies X's rule. */
  async function addFiles(partKey: number, files: File[]) {
    const checks = await Promise.all(files.map(checkFile));
    const accepted: CheckedFile[] = [];
    const refused: string[] = [];
    checks.forEach((check, i) => {
      const file = files[i]!;
      if (check.ok) accepted.push({ key: newItemKey(), file, name: file.name, kind: check.kind, mimeType: check.mimeType });
      else refused.push(check.error);
    });
    dispatch({ type: 'attach', partKey, files: accepted, refused });
  }

  /** New posts: one alone through POST /posts, several as a group in one transaction. */
  async function create(intent: ComposerIntent, scheduledAt: Date | null): Promise<Saved | null> {
    const bodies = drafts.map((d) => createBody(intent, values(d.draft, scheduledAt)));
    if (bodies.length === 1) {
      const result = await api.posts.create(bodies[0]!);
      if (result.ok) return { posts: [result.data.post], offers: [result.data.undo] };
      dispatch({ type: 'refused', failure: result, layout: layoutOf(drafts, false) });
      return null;
    }
    const result = await api.postGroups.create({ posts: bodies });
    if (result.ok) return { posts: result.data.posts, offers: [result.data.undo] };
    dispatch({ type: 'refused', failure: result, layout: layoutOf(drafts, true) });
    return null;
  }

  /** Saved posts: each changed one PATCHed in turn; the first refusal stops and is shown in its column. */
  async function update(intent: ComposerIntent, scheduledAt: Date | null): Promise<Saved | null> {
    const saved: Saved = { posts: [], offers: [] };
    for (const d of editable) {
      const body = d.draft.saved ? updateBody(intent, d.draft.saved, values(d.draft, scheduledAt)) : null;
      if (!d.draft.saved || !body) continue;
      const result = await api.posts.update(d.draft.saved.id, body);
      if (!result.ok) {
        dispatch({ type: 'refused', failure: result, layout: layoutOf([d], false) });
        return null;
      }
      dispatch({ type: 'savedOne', post: result.data.post });
      saved.posts.push(result.data.post);
      saved.offers.push(result.data.undo);
    }
    return saved;
  }

  async function save(intent: ComposerIntent) {
    const scheduledAt = intent === 'schedule' ? fromDateTimeLocalValue(state.when, zone) : null;
    if (intent === 'schedule' && !scheduledAt) {
      dispatch({ type: 'invalid', errors: { scheduledAt: ['Pick a date and time.'] } });
      scheduleRef.current?.focus();
      return;
    }
    if (post && editable.every((d) => !d.draft.saved || !updateBody(intent, d.draft.saved, values(d.draft, scheduledAt)))) {
      onDone('Nothing changed.');
      return;
    }
    dispatch({ type: 'start', busy: intent });
    const saved = post ? await update(intent, scheduledAt) : await create(intent, scheduledAt);
    if (!saved) return;
    dispatch({ type: 'settled' });
    onDone(savedMessage(intent, saved.posts, zone), undoNote(saved.offers, intent === 'now' ? (saved.posts[0]?.scheduledAt ?? undefined) : undefined));
  }

  /** Cancel, delete or retry: every post shown that it applies to (a group is acted on together). */
  async function act(kind: ComposerAct) {
    const targets = state.posts.flatMap((d) => (d.saved && ACTS[kind](d.saved) ? [d.saved] : []));
    if (targets.length === 0) return;
    dispatch({ type: 'start', busy: kind });
    const offers: (api.UndoOffer | null)[] = [];
    for (const saved of targets) {
      const result = kind === 'cancel' ? await api.posts.update(saved.id, { status: 'cancelled' }) : kind === 'delete' ? await api.posts.remove(saved.id) : await api.posts.retry(saved.id);
      if (!result.ok) {
        const label = targets.length > 1 ? `@${saved.accountUsername}: ` : '';
        return dispatch({ type: 'refused', failure: { ...result, error: `${label}${result.error}` }, layout: layoutOf([], false) });
      }
      // A cancel can be undone for a few seconds.
      if (result.data && 'undo' in result.data) offers.push(result.data.undo);
    }
    dispatch({ type: 'settled' });
    onDone(targets.length > 1 ? `${ACT_MESSAGES[kind]} (${targets.length} posts)` : ACT_MESSAGES[kind], undoNote(offers));
  }

  return {
    post,
    readOnly,
    state,
    dispatch,
    drafts,
    uploading,
    overLimit,
    identical,
    /** The parts or who can reply differ from the saved posts' (Retry would not send the edits). */
    edited: editable.some((d) => d.draft.saved !== null && (partsChanged(d.draft.saved, partValues(d.draft)) || d.draft.saved.replySettings !== d.draft.replySettings)),
    canSave: !blocked,
    canPublish: !blocked && !overLimit,
    /** A part already on X (a thread that failed half-way) keeps its text and media. */
    lockedAt: isLocked,
    addFiles: (partKey: number, files: File[]) => void addFiles(partKey, files),
    save: (intent: ComposerIntent) => void save(intent),
    act: (kind: ComposerAct) => void act(kind),
  };
}
