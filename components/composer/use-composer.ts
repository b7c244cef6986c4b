'use client';

import { useMemo, useReducer, type RefObject } from 'react';
import type { PostView } from '@/lib/posts/view';
import { mediaRuleProblem, X_MAX_WEIGHTED_LENGTH } from '@/lib/x/rules';
import { weightedLength } from '@/lib/x/text';
import * as api from '../api/client';
import type { AccountOption } from '../calendar/types';
import { formatInZone, fromDateTimeLocalValue, nextHalfHour, toDateTimeLocalValue } from '../calendar/zoned-time';
import { createBody, partsChanged, updateBody, type PartValue } from './bodies';
import { checkFile, liveItems, mediaValues, newItemKey } from './media-items';
import { composerReducer, initialState, type CheckedFile } from './state';
import type { ComposerIntent, ComposerTarget } from './types';
import { useUploads, type PendingUpload } from './use-uploads';

export type ComposerAct = 'cancel' | 'delete' | 'retry';

export interface ComposerOptions {
  target: ComposerTarget;
  accounts: AccountOption[];
  zone: string;
  /** The change is saved; `message` says what happened. */
  onDone: (message: string) => void;
  /** Where the focus goes when no time is picked. */
  scheduleRef: RefObject<HTMLInputElement | null>;
}

function initialTime(target: ComposerTarget, zone: string, readOnly: boolean): Date {
  const now = new Date();
  const wanted = target.kind === 'create' ? target.at : target.post.scheduledAt ? new Date(target.post.scheduledAt) : null;
  // A read-only post shows when it went out; otherwise a time already past (a failed post's)
  // is no use as a proposal: the API refuses the past.
  if (wanted && (readOnly || wanted.getTime() > now.getTime())) return wanted;
  return nextHalfHour(now, zone);
}

function savedMessage(intent: ComposerIntent, saved: PostView, zone: string): string {
  if (intent === 'queue' && saved.scheduledAt) return `Added to the queue. It goes out ${formatInZone(saved.scheduledAt, zone)}.`;
  if (intent === 'schedule' && saved.scheduledAt) return `Saved. It goes out ${formatInZone(saved.scheduledAt, zone)}.`;
  return intent === 'now' ? 'Sending to X now.' : 'Saved for later.';
}

/** The account the target names when it is one that can post, else the first that can. */
function initialAccount(target: ComposerTarget, accounts: AccountOption[]): string {
  const active = accounts.filter((a) => a.status === 'active');
  const wanted = target.kind === 'create' ? active.find((a) => a.id === target.accountId) : undefined;
  return (wanted ?? active[0])?.id ?? '';
}

const ACT_MESSAGES: Record<ComposerAct, string> = { cancel: 'The post will not go out.', delete: 'Post deleted.', retry: 'Trying again now.' };

/** The composer's state, what follows from it, and its commands (save, act, add files). */
export type Composer = ReturnType<typeof useComposer>;

export function useComposer({ target, accounts, zone, onDone, scheduleRef }: ComposerOptions) {
  const post = target.kind === 'edit' ? target.post : null;
  const readOnly = post?.status === 'published' || post?.status === 'publishing';
  const [state, dispatch] = useReducer(composerReducer, null, () =>
    initialState(post, post?.accountId ?? initialAccount(target, accounts), toDateTimeLocalValue(initialTime(target, zone, readOnly), zone)),
  );
  const wanted = useMemo(() => state.parts.flatMap((p) => p.media.flatMap((m): PendingUpload[] => (m.status === 'uploading' && m.file ? [{ key: m.key, file: m.file }] : []))), [state.parts]);
  useUploads(wanted, dispatch);

  const lengths = useMemo(() => state.parts.map((p) => weightedLength(p.text)), [state.parts]);
  const values: PartValue[] = state.parts.map((p) => ({ text: p.text, media: mediaValues(p.media), kept: p.kept }));
  const mediaProblems = state.parts.map((p) => mediaRuleProblem(liveItems(p.media).map((m) => m.kind)));
  const uploading = wanted.length > 0;
  const overLimit = lengths.some((n) => n > X_MAX_WEIGHTED_LENGTH);
  const blocked = state.accountId === '' || uploading || mediaProblems.some(Boolean);

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

  async function save(intent: ComposerIntent) {
    const scheduledAt = intent === 'schedule' ? fromDateTimeLocalValue(state.when, zone) : null;
    if (intent === 'schedule' && !scheduledAt) {
      dispatch({ type: 'invalid', errors: { scheduledAt: ['Pick a date and time.'] } });
      scheduleRef.current?.focus();
      return;
    }
    const form = { accountId: state.accountId, parts: values, scheduledAt };
    const update = post ? updateBody(intent, post, form) : null;
    if (post && !update) {
      onDone('Nothing changed.');
      return;
    }
    dispatch({ type: 'start', busy: intent });
    const result = post && update ? await api.posts.update(post.id, update) : await api.posts.create(createBody(intent, form));
    if (!result.ok) return dispatch({ type: 'refused', failure: result });
    dispatch({ type: 'settled' });
    onDone(savedMessage(intent, result.data, zone));
  }

  async function act(kind: ComposerAct) {
    if (!post) return;
    dispatch({ type: 'start', busy: kind });
    const result = kind === 'cancel' ? await api.posts.update(post.id, { status: 'cancelled' }) : kind === 'delete' ? await api.posts.remove(post.id) : await api.posts.retry(post.id);
    if (!result.ok) return dispatch({ type: 'refused', failure: result });
    dispatch({ type: 'settled' });
    onDone(ACT_MESSAGES[kind]);
  }

  return {
    post,
    readOnly,
    state,
    dispatch,
    lengths,
    mediaProblems,
    uploading,
    overLimit,
    /** The parts differ from the saved post's (Retry would not send the edits). */
    edited: post ? partsChanged(post, values) : false,
    canSave: !blocked,
    canPublish: !blocked && !overLimit,
    /** A part already on X (a thread that failed half-way) keeps its text and media. */
    lockedAt: (index: number) => Boolean(post?.parts[index]?.xPostId),
    addFiles: (partKey: number, files: File[]) => void addFiles(partKey, files),
    save: (intent: ComposerIntent) => void save(intent),
    act: (kind: ComposerAct) => void act(kind),
  };
}
