'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PostView } from '@/lib/posts/view';
import { X_MAX_WEIGHTED_LENGTH } from '@/lib/x/rules';
import { weightedLength } from '@/lib/x/text';
import { api } from '../api-client';
import type { AccountOption } from '../calendar/types';
import { formatInZone, fromDateTimeLocalValue, nextHalfHour, toDateTimeLocalValue } from '../calendar/zoned-time';
import { AccountPicker } from './account-picker';
import { ComposerFooter, type ComposerBusy } from './composer-footer';
import { composerErrors, hasErrors, NO_ERRORS, withoutMediaError, withoutPart, withoutPartError, type ComposerErrors } from './errors';
import { addBlockedReason, checkFile, fitFiles, itemsFromView, liveItems, mediaValues, newItemKey, type MediaItem } from './media-items';
import { uploadMediaFile } from './media-upload';
import { PartEditor } from './part-editor';
import { PartMedia } from './part-media';
import { PostStatusNote } from './post-status-note';
import { createRequest, partsChanged, updateRequest, type PartValue } from './requests';
import { ScheduleField } from './schedule-field';
import { MAX_THREAD_PARTS as MAX_PARTS, mediaRuleProblem } from '@/lib/x/rules';
import type { ComposerIntent, ComposerTarget } from './types';

export interface ComposerDialogProps {
  target: ComposerTarget;
  accounts: AccountOption[];
  zone: string;
  onClose: () => void;
  /** The change is saved; `message` says what happened. */
  onDone: (message: string) => void;
}

interface PartState {
  key: number;
  text: string;
  media: MediaItem[];
}

function initialTime(target: ComposerTarget, zone: string, readOnly: boolean): Date {
  const now = new Date();
  const wanted = target.kind === 'create' ? target.at : target.post.scheduledAt ? new Date(target.post.scheduledAt) : null;
  // A read-only post shows when it went out; otherwise a time already past (a failed post's)
  // is no use as a proposal: the API refuses the past.
  if (wanted && (readOnly || wanted.getTime() > now.getTime())) return wanted;
  return nextHalfHour(now, zone);
}

function title(post: PostView | null, readOnly: boolean): string {
  if (!post) return 'New post';
  if (readOnly) return 'Post details';
  return post.status === 'failed' ? 'Failed post' : 'Edit post';
}

type PostResponse = { post: PostView };

/** The composer: a modal dialog to write a post or thread and schedule, save or publish it. */
export function ComposerDialog({ target, accounts, zone, onClose, onDone }: ComposerDialogProps) {
  const post = target.kind === 'edit' ? target.post : null;
  const readOnly = post?.status === 'published' || post?.status === 'publishing';
  const ids = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const textareas = useRef(new Map<number, HTMLTextAreaElement>());
  const scheduleRef = useRef<HTMLInputElement>(null);

  const [accountId, setAccountId] = useState(() => post?.accountId ?? accounts.find((a) => a.status === 'active')?.id ?? '');
  const [parts, setParts] = useState<PartState[]>(() =>
    post ? post.parts.map((p, i) => ({ key: i, text: p.text, media: itemsFromView(p.media) })) : [{ key: 0, text: '', media: [] }],
  );
  const [nextKey, setNextKey] = useState(() => (post ? post.parts.length : 1));
  const [focusKey, setFocusKey] = useState<number | null>(0);
  const [when, setWhen] = useState(() => toDateTimeLocalValue(initialTime(target, zone, readOnly), zone));
  const [errors, setErrors] = useState<ComposerErrors>(NO_ERRORS);
  const [busy, setBusy] = useState<ComposerBusy>(null);
  /** Files refused before uploading (type, size, X's rule), by part key. */
  const [notices, setNotices] = useState<Record<number, string[]>>({});
  /** Uploads in flight: item key → abort. */
  const uploads = useRef(new Map<string, () => void>());
  const partsRef = useRef(parts);

  const lengths = useMemo(() => parts.map((p) => weightedLength(p.text)), [parts]);
  const overLimit = lengths.some((n) => n > X_MAX_WEIGHTED_LENGTH);
  const values: PartValue[] = parts.map((p) => ({ text: p.text, media: mediaValues(p.media) }));
  const edited = post ? partsChanged(post, values) : false;
  const uploading = parts.some((p) => p.media.some((m) => m.status === 'uploading'));
  const mediaProblems = parts.map((p) => mediaRuleProblem(liveItems(p.media).map((m) => m.kind)));
  const minWhen = useMemo(() => toDateTimeLocalValue(new Date(), zone), [zone]);

  // showModal() gives the dialog its focus trap, Escape handling and inert background.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    partsRef.current = parts;
  }, [parts]);

  // Closing the composer stops its uploads.
  useEffect(() => {
    const inFlight = uploads.current;
    return () => {
      for (const abort of inFlight.values()) abort();
      inFlight.clear();
    };
  }, []);

  // Focus the text box the user is about to write in: the first on open, a new one when added.
  useEffect(() => {
    if (focusKey === null || readOnly) return;
    textareas.current.get(focusKey)?.focus();
  }, [focusKey, readOnly]);

  /** A part already on X (a thread that failed half-way) keeps its text. */
  const lockedAt = (index: number) => Boolean(post?.parts[index]?.xPostId);

  function updateText(index: number, text: string) {
    setParts((list) => list.map((p, i) => (i === index ? { ...p, text } : p)));
    setErrors((e) => withoutPartError(e, index));
  }

  function updateItem(partKey: number, itemKey: string, patch: Partial<MediaItem>) {
    setParts((list) => list.map((p) => (p.key === partKey ? { ...p, media: p.media.map((m) => (m.key === itemKey ? { ...m, ...patch } : m)) } : p)));
  }

  function startUpload(partKey: number, itemKey: string, file: File) {
    const { done, abort } = uploadMediaFile(file, (progress) => updateItem(partKey, itemKey, { progress }));
    uploads.current.set(itemKey, abort);
    void done.then((result) => {
      // Removed (or the composer closed) while it uploaded: nothing to show.
      if (!uploads.current.delete(itemKey)) return;
      if (result.ok) {
        const { id, kind, mimeType } = result.media;
        updateItem(partKey, itemKey, { status: 'ready', id, kind, mimeType, progress: 1 });
      } else {
        updateItem(partKey, itemKey, { status: 'failed', error: result.error });
      }
    });
  }

  /** Checks the picked files as the server would (type, size, X's rule) and uploads those that fit. */
  async function addFiles(partKey: number, index: number, files: File[]) {
    const checks = await Promise.all(files.map(checkFile));
    const refused: string[] = [];
    const candidates: { file: File; kind: MediaItem['kind']; mimeType: string; name: string }[] = [];
    checks.forEach((check, i) => {
      const file = files[i]!;
      if (check.ok) candidates.push({ file, kind: check.kind, mimeType: check.mimeType, name: file.name });
      else refused.push(check.error);
    });
    const part = partsRef.current.find((p) => p.key === partKey);
    if (!part) return;
    const fit = fitFiles(part.media, candidates);
    const items: MediaItem[] = fit.accepted.map((c) => ({
      key: newItemKey(),
      id: null,
      kind: c.kind,
      mimeType: c.mimeType,
      name: c.name,
      altText: '',
      status: 'uploading',
      progress: 0,
      error: null,
    }));
    setNotices((n) => ({ ...n, [partKey]: [...refused, ...fit.refused] }));
    setErrors((e) => withoutMediaError(e, index));
    if (items.length === 0) return;
    const next = { ...part, media: [...part.media, ...items] };
    partsRef.current = partsRef.current.map((p) => (p.key === partKey ? next : p));
    setParts((list) => list.map((p) => (p.key === partKey ? { ...p, media: [...p.media, ...items] } : p)));
    items.forEach((item, i) => startUpload(partKey, item.key, fit.accepted[i]!.file));
  }

  function removeItem(partKey: number, index: number, itemKey: string) {
    const abort = uploads.current.get(itemKey);
    uploads.current.delete(itemKey);
    abort?.();
    setParts((list) => list.map((p) => (p.key === partKey ? { ...p, media: p.media.filter((m) => m.key !== itemKey) } : p)));
    setNotices((n) => ({ ...n, [partKey]: [] }));
    setErrors((e) => withoutMediaError(e, index));
  }

  function updateAltText(partKey: number, index: number, itemKey: string, altText: string) {
    updateItem(partKey, itemKey, { altText });
    setErrors((e) => withoutMediaError(e, index));
  }

  function addPart() {
    setParts((list) => [...list, { key: nextKey, text: '', media: [] }]);
    setFocusKey(nextKey);
    setNextKey((k) => k + 1);
  }

  function removePart(index: number) {
    for (const item of parts[index]?.media ?? []) {
      const abort = uploads.current.get(item.key);
      uploads.current.delete(item.key);
      abort?.();
    }
    setParts((list) => list.filter((_, i) => i !== index));
    setErrors((e) => withoutPart(e, index));
    setFocusKey(parts[index === 0 ? 1 : index - 1]?.key ?? null);
  }

  async function run(kind: Exclude<ComposerBusy, null>, work: () => Promise<string | null>) {
    setBusy(kind);
    try {
      const message = await work();
      if (message !== null) onDone(message);
    } finally {
      setBusy(null);
    }
  }

  function save(intent: ComposerIntent) {
    let scheduledAt: Date | null = null;
    if (intent === 'schedule') {
      scheduledAt = fromDateTimeLocalValue(when, zone);
      if (!scheduledAt) {
        setErrors({ ...NO_ERRORS, scheduledAt: ['Pick a date and time.'] });
        scheduleRef.current?.focus();
        return;
      }
    }
    const request = post ? updateRequest(intent, post, { accountId, parts: values, scheduledAt }) : createRequest(intent, { accountId, parts: values, scheduledAt });
    setErrors(NO_ERRORS);
    if (!request) {
      onDone('Nothing changed.');
      return;
    }
    void run(intent, async () => {
      const result = await api<PostResponse>(request.path, { method: request.method, body: request.body });
      if (!result.ok) {
        // Everything typed stays in place; the errors show next to the fields they are about.
        setErrors(composerErrors(result));
        return null;
      }
      const saved = result.data.post;
      if (intent === 'schedule' && saved.scheduledAt) return `Saved. It goes out ${formatInZone(saved.scheduledAt, zone)}.`;
      if (intent === 'now') return 'Sending to X now.';
      return 'Saved for later.';
    });
  }

  function act(kind: 'cancel' | 'delete' | 'retry') {
    if (!post) return;
    setErrors(NO_ERRORS);
    void run(kind, async () => {
      const path = `/api/v1/posts/${post.id}`;
      const result =
        kind === 'cancel'
          ? await api<PostResponse>(path, { method: 'PATCH', body: { status: 'cancelled' } })
          : kind === 'delete'
            ? await api<null>(path, { method: 'DELETE' })
            : await api<PostResponse>(`${path}/retry`, { method: 'POST' });
      if (!result.ok) {
        setErrors(composerErrors(result));
        return null;
      }
      return kind === 'cancel' ? 'The post will not go out.' : kind === 'delete' ? 'Post deleted.' : 'Trying again now.';
    });
  }

  const titleId = `${ids}-title`;
  const noAccount = accountId === '';
  const fieldsHaveErrors = hasErrors({ ...errors, general: [] });

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-busy={busy !== null}
      onCancel={(e) => {
        // Escape: we close by unmounting, so React stays the one source of truth.
        e.preventDefault();
        if (busy === null) onClose();
      }}
      className="m-auto w-[min(40rem,calc(100vw-2rem))] max-h-[min(52rem,calc(100vh-2rem))] overflow-y-auto rounded-2xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40 backdrop:backdrop-blur-[1px]"
    >
      <div className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
        <h2 id={titleId} className="text-base font-semibold">
          {title(post, readOnly)}
        </h2>
        <button type="button" onClick={onClose} disabled={busy !== null} aria-label="Close" className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900">
          <span aria-hidden="true" className="block size-5 text-center text-lg leading-5">
            ×
          </span>
        </button>
      </div>

      <div className="flex flex-col gap-4 px-5 py-4">
        {post ? <PostStatusNote post={post} zone={zone} /> : null}

        {errors.general.length > 0 || fieldsHaveErrors ? (
          <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {errors.general.length > 0 ? errors.general.join(' ') : 'Some fields need attention; see the messages below.'}
          </div>
        ) : null}

        <AccountPicker id={`${ids}-account`} accounts={accounts} value={accountId} onChange={setAccountId} locked={post !== null} errors={errors.accountId} />

        <div>
          {parts.map((part, index) => (
            <PartEditor
              key={part.key}
              id={`${ids}-part-${part.key}`}
              index={index}
              total={parts.length}
              text={part.text}
              length={lengths[index] ?? 0}
              errors={errors.parts[index] ?? []}
              readOnly={readOnly}
              lockedNote={!readOnly && lockedAt(index) ? 'Already on X' : undefined}
              onChange={(text) => updateText(index, text)}
              onRemove={!readOnly && parts.length > 1 && !lockedAt(index) ? () => removePart(index) : undefined}
              textareaRef={(el) => {
                if (el) textareas.current.set(part.key, el);
                else textareas.current.delete(part.key);
              }}
              media={
                <PartMedia
                  id={`${ids}-media-${part.key}`}
                  items={part.media}
                  blocked={addBlockedReason(part.media)}
                  readOnly={readOnly || lockedAt(index)}
                  errors={[...(notices[part.key] ?? []), ...(errors.media[index] ?? []), ...(mediaProblems[index] ? [mediaProblems[index]] : [])]}
                  onAdd={(files) => void addFiles(part.key, index, files)}
                  onRemove={(itemKey) => removeItem(part.key, index, itemKey)}
                  onAltText={(itemKey, text) => updateAltText(part.key, index, itemKey, text)}
                />
              }
            />
          ))}
          {!readOnly ? (
            <button
              type="button"
              onClick={addPart}
              disabled={parts.length >= MAX_PARTS}
              className="ml-9 rounded-md px-2 py-1 text-sm font-medium text-sky-700 hover:bg-sky-50 disabled:text-slate-400 disabled:hover:bg-transparent"
            >
              <span aria-hidden="true">+ </span>Add to thread
            </button>
          ) : null}
          {parts.length >= MAX_PARTS ? <p className="ml-9 text-xs text-slate-500">A thread has at most {MAX_PARTS} posts.</p> : null}
        </div>

        <ScheduleField
          id={`${ids}-when`}
          value={when}
          min={minWhen}
          zone={zone}
          readOnly={readOnly}
          errors={errors.scheduledAt}
          onChange={(value) => {
            setWhen(value);
            setErrors((e) => ({ ...e, scheduledAt: [] }));
          }}
          inputRef={scheduleRef}
        />
      </div>

      <ComposerFooter
        post={post}
        readOnly={readOnly}
        busy={busy}
        canPublish={!overLimit && !noAccount && !uploading && !mediaProblems.some(Boolean)}
        canSave={!noAccount && !uploading && !mediaProblems.some(Boolean)}
        note={uploading ? 'Waiting for uploads to finish…' : null}
        edited={edited}
        overLimit={overLimit}
        onSave={save}
        onAct={act}
      />
    </dialog>
  );
}
