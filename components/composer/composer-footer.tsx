'use client';

import { useState } from 'react';
import type { PostView } from '@/lib/posts/view';
import { Button } from '../ui/button';
import type { ComposerBusy } from './state';
import type { ComposerIntent } from './types';

export interface ComposerFooterProps {
  post: PostView | null;
  readOnly: boolean;
  busy: ComposerBusy;
  /** Schedule, Add to queue and Post now: every part within X's limit and an account chosen. */
  canPublish: boolean;
  canSave: boolean;
  /** The text differs from the saved post (Retry would not send the edits). */
  edited: boolean;
  overLimit: boolean;
  /** Two accounts' posts say the same: X refuses that. */
  identical: boolean;
  /** Why saving waits (uploads in flight), or null. */
  note?: string | null;
  onSave: (intent: ComposerIntent) => void;
  onAct: (action: 'cancel' | 'delete' | 'retry') => void;
  /** A saved post: open a new composer with a copy of it. */
  onDuplicate?: () => void;
  /** How Schedule's shortcut is written here ("Ctrl+Enter" or "⌘+Enter"). */
  chord?: string;
  /** Behind a question the person must answer first. */
  inert?: boolean;
}

/** The composer's buttons. Their names are stable: tests and people look for them. */
export function ComposerFooter({ post, readOnly, busy, canPublish, canSave, edited, overLimit, identical, note, onSave, onAct, onDuplicate, chord = 'Ctrl+Enter', inert }: ComposerFooterProps) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const idle = busy === null;
  const canCancel = post !== null && !readOnly && post.status !== 'cancelled';
  const canDelete = post !== null && post.status !== 'publishing';

  return (
    <div inert={inert} className="flex flex-col gap-3 border-t border-slate-100 bg-slate-50/60 px-5 py-3 sm:flex-row sm:items-center">
      <div className="flex flex-wrap items-center gap-1">
        {onDuplicate ? (
          <Button variant="quiet" disabled={!idle} title="Open a new post with a copy of this one" onClick={onDuplicate}>
            Duplicate
          </Button>
        ) : null}
        {canCancel ? (
          <Button variant="quiet" disabled={!idle} onClick={() => onAct('cancel')} busy={busy === 'cancel'}>
            Cancel post
          </Button>
        ) : null}
        {canDelete && !confirmDelete ? (
          <Button variant="danger" disabled={!idle} onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        ) : null}
        {canDelete && confirmDelete ? (
          <span className="flex items-center gap-1 text-sm text-slate-700">
            {post?.status === 'published' ? 'Remove from Herald (it stays on X)?' : 'Delete for good?'}
            <Button variant="danger" className="ring-1 ring-rose-200" disabled={!idle} onClick={() => onAct('delete')} busy={busy === 'delete'}>
              Confirm delete
            </Button>
            <Button variant="quiet" disabled={!idle} onClick={() => setConfirmDelete(false)}>
              Keep
            </Button>
          </span>
        ) : null}
      </div>

      {!readOnly ? (
        <div className="flex flex-wrap items-center gap-2 sm:ml-auto">
          {overLimit ? <span className="text-xs text-rose-600">Shorten the posts marked in red to publish.</span> : null}
          {identical ? <span className="text-xs text-rose-600">Give each account its own wording to save.</span> : null}
          {note ? (
            <span role="status" className="text-xs text-slate-600">
              {note}
            </span>
          ) : null}
          {post?.status === 'failed' ? (
            <Button
              variant="secondary"
              disabled={!idle || edited}
              title={edited ? 'Retry sends the saved text. To send your edits, use Post now or Schedule.' : undefined}
              onClick={() => onAct('retry')}
              busy={busy === 'retry'}
            >
              Retry
            </Button>
          ) : null}
          <Button variant="quiet" disabled={!idle || !canSave} onClick={() => onSave('draft')} busy={busy === 'draft'}>
            Save draft
          </Button>
          <Button
            variant="secondary"
            disabled={!idle || !canPublish}
            onClick={() => onSave('now')}
            busy={busy === 'now'}
            title="Goes out in 10 seconds; until then, Undo in the message that appears stops it."
          >
            Post now
          </Button>
          <Button
            variant="secondary"
            disabled={!idle || !canPublish}
            title="The account's next free slot in its posting queue"
            onClick={() => onSave('queue')}
            busy={busy === 'queue'}
          >
            Add to queue
          </Button>
          <Button
            variant="primary"
            disabled={!idle || !canPublish}
            title={`Schedule (${chord})`}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            onClick={() => onSave('schedule')}
            busy={busy === 'schedule'}
          >
            Schedule
          </Button>
        </div>
      ) : (
        <p className="text-xs text-slate-500 sm:ml-auto">{post?.status === 'publishing' ? 'Read-only while it is being published.' : 'Read-only: this post is on X.'}</p>
      )}
    </div>
  );
}
