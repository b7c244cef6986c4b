'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Prices } from '@/lib/posts/cost';
import type { PostView } from '@/lib/posts/view';
import type { AccountOption } from '../calendar/types';
import { toDateTimeLocalValue } from '../calendar/zoned-time';
import { AccountPicker } from './account-picker';
import { ComposerFooter } from './composer-footer';
import { CostLine } from './cost-line';
import { DiscardConfirm, RestoredNote } from './draft-notes';
import { useDraftScope } from './draft-scope';
import { copyOf } from './duplicate';
import { hasErrors } from './errors';
import { PostColumns } from './post-columns';
import { PostStatusNote } from './post-status-note';
import { PostAttempts } from '../attempts/post-attempts';
import { PreviewThemeToggle } from './preview/theme-toggle';
import type { PreviewTheme } from './preview/types';
import { ScheduleField } from './schedule-field';
import type { DraftStart } from './state';
import type { OpenTarget } from './open-target';
import { useAutosave, useDraftOpening } from './use-autosave';
import { useCloseGuard } from './use-close-guard';
import { startFor, useComposer } from './use-composer';
import type { UndoNote } from '../undo/use-undo-toast';

export interface ComposerDialogProps {
  target: OpenTarget;
  accounts: AccountOption[];
  zone: string;
  onClose: () => void;
  /** The change is saved; `message` says what happened, `undo` what can be undone for a few seconds. */
  onDone: (message: string, undo?: UndoNote) => void;
  /** X's prices per post, from the server's configuration, for the cost line. */
  prices: Prices;
  /** Duplicate: open a new composer with these posts. */
  onDuplicate?: (copy: DraftStart[]) => void;
}

/**
 * Below Tailwind's sm breakpoint (a phone) the dialog is a full-screen sheet: no margin, no rounded
 * box, and a column whose middle scrolls so that the title bar and the footer's buttons stay in reach.
 */
const SHEET_ON_PHONES = 'max-sm:m-0 max-sm:h-dvh max-sm:max-h-none max-sm:w-full max-sm:max-w-none max-sm:rounded-none max-sm:open:flex max-sm:flex-col';
const SHEET_BODY = 'max-sm:min-h-0 max-sm:flex-1 max-sm:overflow-y-auto';

function title(post: PostView | null, readOnly: boolean, count: number): string {
  if (!post) return count > 1 ? `New posts for ${count} accounts` : 'New post';
  if (count > 1) return 'Edit posts';
  if (readOnly) return 'Post details';
  return post.status === 'failed' ? 'Failed post' : 'Edit post';
}

/** The composer: a modal dialog to write a post or thread and schedule, save or publish it. */
export function ComposerDialog({ target, accounts, zone, onClose, onDone, prices, onDuplicate }: ComposerDialogProps) {
  const ids = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const textareas = useRef(new Map<number, HTMLTextAreaElement>());
  const scheduleRef = useRef<HTMLInputElement>(null);
  const userId = useDraftScope();
  const [pristine] = useState(() => startFor(target, accounts, zone));
  const opening = useDraftOpening({ userId, target, accounts, zone, pristine });
  const composer = useComposer({
    target,
    accounts,
    zone,
    scheduleRef,
    initial: opening.initial,
    onDone: (message, undo) => {
      autosave.clear();
      onDone(message, undo);
    },
  });
  const { post, readOnly, state, dispatch } = composer;
  const autosave = useAutosave({ userId, target, zone, opening }, state, dispatch, readOnly);
  const { errors, busy, focusKey } = state;
  const minWhen = useMemo(() => toDateTimeLocalValue(new Date(), zone), [zone]);
  /** Several accounts' posts, side by side. */
  const side = composer.drafts.length > 1;
  const [previewing, setPreviewing] = useState(false);
  const [theme, setTheme] = useState<PreviewTheme>('light');
  const wide = side || previewing;
  // What would go out: the posts still to publish (a published one is paid for already).
  const toPublish = useMemo(() => composer.drafts.filter((d) => !d.readOnly).map((d) => d.draft.parts.map((p) => ({ text: p.text }))), [composer.drafts]);

  // showModal() gives the dialog its focus trap, Escape handling and inert background.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  // Focus the text box the user is about to write in: the first on open, a new one when added.
  useEffect(() => {
    if (focusKey === null || readOnly) return;
    textareas.current.get(focusKey)?.focus();
  }, [focusKey, readOnly]);

  const guard = useCloseGuard({
    dialogRef,
    dirty: autosave.dirty,
    busy: busy !== null,
    schedule: !readOnly && composer.canPublish ? () => composer.save('schedule') : null,
    onClose,
  });
  const { confirming, chord } = guard;

  const titleId = `${ids}-title`;
  const fieldsHaveErrors = hasErrors({ ...errors, general: [] });

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-busy={busy !== null}
      {...guard.dialogProps}
      className={`m-auto ${wide ? 'w-[min(72rem,calc(100vw-2rem))]' : 'w-[min(40rem,calc(100vw-2rem))]'} max-h-[min(52rem,calc(100vh-2rem))] overflow-y-auto rounded-2xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40 backdrop:backdrop-blur-[1px] ${SHEET_ON_PHONES}`}
    >
      <div inert={confirming} className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
        <h2 id={titleId} className="text-base font-semibold">
          {title(post, readOnly, composer.drafts.length)}
        </h2>
        <div className="ml-auto mr-2 flex items-center gap-2">
          {previewing ? <PreviewThemeToggle theme={theme} onChange={setTheme} /> : null}
          <button
            type="button"
            aria-pressed={previewing}
            onClick={() => setPreviewing((on) => !on)}
            className="rounded-md px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-slate-900 aria-pressed:bg-sky-50 aria-pressed:text-sky-800"
          >
            Preview
          </button>
        </div>
        <button
          type="button"
          onClick={guard.requestClose}
          disabled={busy !== null}
          aria-label="Close"
          className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-slate-900"
        >
          <span aria-hidden="true" className="block size-5 text-center text-lg leading-5">
            ×
          </span>
        </button>
      </div>

      <div inert={confirming} className={`flex flex-col gap-4 px-5 py-4 ${SHEET_BODY}`}>
        {post && !side ? <PostStatusNote post={post} zone={zone} /> : null}
        {post && !side && (post.attempts > 0 || post.status === 'published' || post.status === 'failed') ? <PostAttempts postId={post.id} zone={zone} /> : null}
        {autosave.note ? <RestoredNote note={autosave.note} onDiscard={autosave.discard} onRestore={autosave.restoreStale} /> : null}

        {errors.general.length > 0 || fieldsHaveErrors ? (
          <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {errors.general.length > 0 ? errors.general.join(' ') : 'Some fields need attention; see the messages below.'}
          </div>
        ) : null}

        <AccountPicker
          id={`${ids}-account`}
          accounts={accounts}
          value={state.posts.map((d) => d.accountId).filter((id) => id !== '')}
          onChange={(accountIds) => dispatch({ type: 'accounts', accountIds })}
          locked={post !== null}
          errors={errors.accounts}
        />

        <PostColumns idPrefix={ids} composer={composer} zone={zone} preview={previewing ? theme : null} textareas={textareas} />

        <ScheduleField
          id={`${ids}-when`}
          value={state.when}
          min={minWhen}
          zone={zone}
          readOnly={readOnly}
          errors={errors.scheduledAt}
          onChange={(value) => dispatch({ type: 'when', value })}
          inputRef={scheduleRef}
        />
        {!readOnly ? <CostLine posts={toPublish} prices={prices} /> : null}
        {!readOnly ? (
          <p className="text-xs text-slate-500">
            Drafts are kept in this browser as you type. <kbd className="font-sans font-medium">{chord}</kbd> schedules, <kbd className="font-sans font-medium">Esc</kbd> closes.
          </p>
        ) : null}
      </div>

      <ComposerFooter
        inert={confirming}
        chord={chord}
        onDuplicate={
          post && onDuplicate
            ? () => {
                // The copy takes what is on screen, edits included; the original stays as saved.
                autosave.clear();
                onDuplicate(copyOf(state));
              }
            : undefined
        }
        post={post}
        readOnly={readOnly}
        busy={busy}
        canPublish={composer.canPublish}
        canSave={composer.canSave}
        note={composer.uploading ? 'Waiting for uploads to finish…' : null}
        edited={composer.edited}
        overLimit={composer.overLimit}
        identical={composer.identical}
        onSave={composer.save}
        onAct={composer.act}
      />
      {confirming ? (
        <DiscardConfirm
          onKeep={guard.keepEditing}
          onDiscard={() => {
            autosave.clear();
            onClose();
          }}
        />
      ) : null}
    </dialog>
  );
}
