'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../ui/button';
import { timeAgo } from './autosave';
import type { RestoreNote } from './use-autosave';

/** "Restored what you were writing 5 minutes ago." over the posts, with a way back. */
export function RestoredNote({ note, onDiscard, onRestore }: { note: RestoreNote; onDiscard: () => void; onRestore: () => void }) {
  // The age is read once: a note that updated itself every minute would be noise.
  const [ago] = useState(() => timeAgo(note.savedAt, Date.now()));
  if (note.kind === 'restored') {
    return (
      <div role="status" className="flex flex-wrap items-center gap-2 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
        <span>Restored what you were writing {ago}.</span>
        <Button size="sm" variant="quiet" className="ml-auto" onClick={onDiscard}>
          Discard
        </Button>
      </div>
    );
  }
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <span>You have unsaved edits from {ago}, but this post has changed since. Restoring them replaces the newer version when you save.</span>
      <span className="ml-auto flex gap-1">
        <Button size="sm" variant="secondary" onClick={onRestore}>
          Restore my edits
        </Button>
        <Button size="sm" variant="quiet" onClick={onDiscard}>
          Discard
        </Button>
      </span>
    </div>
  );
}

/** Asked before closing a composer with unsaved changes. Keep editing has the focus: Enter keeps the text. */
export function DiscardConfirm({ onKeep, onDiscard }: { onKeep: () => void; onDiscard: () => void }) {
  const ids = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.querySelector<HTMLButtonElement>('[data-keep]')?.focus(), []);
  return (
    <div className="fixed inset-0 z-10 grid place-items-center bg-slate-900/30 p-4">
      <div ref={box} role="alertdialog" aria-modal="true" aria-labelledby={`${ids}-t`} aria-describedby={`${ids}-d`} className="flex w-[min(24rem,100%)] flex-col gap-3 rounded-xl bg-white p-4 shadow-xl">
        <h3 id={`${ids}-t`} className="text-base font-semibold">
          Discard unsaved changes?
        </h3>
        <p id={`${ids}-d`} className="text-sm text-slate-600">
          What you wrote since opening this post will be lost.
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="destructive" onClick={onDiscard}>
            Discard
          </Button>
          <Button data-keep variant="primary" onClick={onKeep}>
            Keep editing
          </Button>
        </div>
      </div>
    </div>
  );
}
