'use client';

import type { PostView } from '@/lib/posts/view';
import { StatusBadge } from '../status-badge';
import { excerpt } from '../excerpt';

export interface DraftsPanelProps {
  drafts: PostView[];
  onOpen: (draft: PostView) => void;
  onDragStart: (draft: PostView) => void;
  onDragEnd: () => void;
}

/**
 * Drafts without a time have no place on the calendar: they live here. Click one to edit it,
 * or drag it onto the calendar to schedule it there.
 */
export function DraftsPanel({ drafts, onOpen, onDragStart, onDragEnd }: DraftsPanelProps) {
  return (
    <section aria-labelledby="drafts-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <div className="mb-3 flex items-baseline justify-between">
        <h2 id="drafts-heading" className="text-sm font-semibold text-slate-900">
          Drafts
        </h2>
        <span className="text-xs text-slate-500">{drafts.length}</span>
      </div>
      {drafts.length === 0 ? (
        <p className="text-sm text-slate-500">No drafts. Use “Save draft” in the composer to keep an idea for later.</p>
      ) : (
        <>
          <p className="mb-2 text-xs text-slate-500">Drag a draft onto the calendar to schedule it.</p>
          <ul className="flex flex-col gap-2">
            {drafts.map((draft) => (
              <li key={draft.id}>
                <button
                  type="button"
                  draggable
                  onDragStart={(e) => {
                    // Firefox starts no drag without data.
                    e.dataTransfer.setData('text/plain', draft.id);
                    e.dataTransfer.effectAllowed = 'move';
                    onDragStart(draft);
                  }}
                  onDragEnd={onDragEnd}
                  onClick={() => onOpen(draft)}
                  className="w-full cursor-grab rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-left text-sm hover:border-slate-300 hover:bg-white focus-visible:outline-2 focus-visible:outline-slate-900 active:cursor-grabbing"
                >
                  <span className="flex items-center gap-1.5 text-xs text-slate-500">
                    <StatusBadge status="draft" />@{draft.accountUsername}
                    {draft.parts.length > 1 ? <span>· thread of {draft.parts.length}</span> : null}
                  </span>
                  <span className="mt-1 line-clamp-2 block text-slate-800">{excerpt(draft.parts[0]?.text ?? '', 120) || 'Empty draft'}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
