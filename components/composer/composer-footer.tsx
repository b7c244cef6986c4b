'use client';

import { useState } from 'react';
import type { PostView } from '@/lib/posts/view';
import type { ComposerIntent } from './types';

export type ComposerBusy = ComposerIntent | 'cancel' | 'delete' | 'retry' | null;

export interface ComposerFooterProps {
  post: PostView | null;
  readOnly: boolean;
  busy: ComposerBusy;
  /** Schedule and Post now: every part within X's limit and an account chosen. */
  canPublish: boolean;
  canSave: boolean;
  /** The text differs from the saved post (Retry would not send the edits). */
  edited: boolean;
  overLimit: boolean;
  /** Why saving waits (uploads in flight), or null. */
  note?: string | null;
  onSave: (intent: ComposerIntent) => void;
  onAct: (action: 'cancel' | 'delete' | 'retry') => void;
}

const base = 'inline-flex items-center justify-center gap-1.5 rounded-lg px-3.5 py-2 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50';
const primary = `${base} bg-slate-900 text-white hover:bg-slate-700`;
const secondary = `${base} bg-white text-slate-800 ring-1 ring-slate-200 hover:bg-slate-50`;
const quiet = `${base} text-slate-600 hover:bg-slate-100`;
const danger = `${base} text-rose-700 hover:bg-rose-50`;

function Spinner({ on }: { on: boolean }) {
  return on ? <span aria-hidden="true" className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" /> : null;
}

/** The composer's buttons. Their names are stable: tests and people look for them. */
export function ComposerFooter({ post, readOnly, busy, canPublish, canSave, edited, overLimit, note, onSave, onAct }: ComposerFooterProps) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const idle = busy === null;
  const canCancel = post !== null && !readOnly && post.status !== 'cancelled';
  const canDelete = post !== null && post.status !== 'publishing';

  return (
    <div className="flex flex-col gap-3 border-t border-slate-100 bg-slate-50/60 px-5 py-3 sm:flex-row sm:items-center">
      <div className="flex flex-wrap items-center gap-1">
        {canCancel ? (
          <button type="button" className={quiet} disabled={!idle} onClick={() => onAct('cancel')}>
            <Spinner on={busy === 'cancel'} />
            Cancel post
          </button>
        ) : null}
        {canDelete && !confirmDelete ? (
          <button type="button" className={danger} disabled={!idle} onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        ) : null}
        {canDelete && confirmDelete ? (
          <span className="flex items-center gap-1 text-sm text-slate-700">
            {post?.status === 'published' ? 'Remove from Herald (it stays on X)?' : 'Delete for good?'}
            <button type="button" className={`${danger} ring-1 ring-rose-200`} disabled={!idle} onClick={() => onAct('delete')}>
              <Spinner on={busy === 'delete'} />
              Confirm delete
            </button>
            <button type="button" className={quiet} disabled={!idle} onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </span>
        ) : null}
      </div>

      {!readOnly ? (
        <div className="flex flex-wrap items-center gap-2 sm:ml-auto">
          {overLimit ? <span className="text-xs text-rose-600">Shorten the posts marked in red to publish.</span> : null}
          {note ? (
            <span role="status" className="text-xs text-slate-600">
              {note}
            </span>
          ) : null}
          {post?.status === 'failed' ? (
            <button
              type="button"
              className={secondary}
              disabled={!idle || edited}
              title={edited ? 'Retry sends the saved text. To send your edits, use Post now or Schedule.' : undefined}
              onClick={() => onAct('retry')}
            >
              <Spinner on={busy === 'retry'} />
              Retry
            </button>
          ) : null}
          <button type="button" className={quiet} disabled={!idle || !canSave} onClick={() => onSave('draft')}>
            <Spinner on={busy === 'draft'} />
            Save draft
          </button>
          <button type="button" className={secondary} disabled={!idle || !canPublish} onClick={() => onSave('now')}>
            <Spinner on={busy === 'now'} />
            Post now
          </button>
          <button type="button" className={primary} disabled={!idle || !canPublish} onClick={() => onSave('schedule')}>
            <Spinner on={busy === 'schedule'} />
            Schedule
          </button>
        </div>
      ) : (
        <p className="text-xs text-slate-500 sm:ml-auto">{post?.status === 'publishing' ? 'Read-only while it is being published.' : 'Read-only: this post is on X.'}</p>
      )}
    </div>
  );
}
