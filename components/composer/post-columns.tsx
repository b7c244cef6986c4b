'use client';

import type { RefObject } from 'react';
import { UserAvatar } from '../user-avatar';
import { DraftPreview } from './draft-preview';
import { PostStatusNote } from './post-status-note';
import type { PreviewTheme } from './preview/types';
import { ThreadEditor } from './thread-editor';
import type { Composer } from './use-composer';

export interface PostColumnsProps {
  idPrefix: string;
  composer: Composer;
  zone: string;
  /** The preview beside (one account) or under (several) each post, in this theme; null: hidden. */
  preview: PreviewTheme | null;
  textareas: RefObject<Map<number, HTMLTextAreaElement>>;
}

/** Each picked account's post: one alone, or several side by side, each named by its account. */
export function PostColumns({ idPrefix, composer, zone, preview, textareas }: PostColumnsProps) {
  const side = composer.drafts.length > 1;
  return (
    <div className={side ? 'grid gap-4 md:grid-cols-2' : ''}>
      {composer.drafts.map((view) => (
        <section
          key={view.draft.saved?.id ?? view.draft.accountId ?? view.index}
          aria-label={side ? `Post for ${view.label}` : undefined}
          className={side ? 'flex min-w-0 flex-col gap-2 rounded-xl border border-slate-200 p-3' : ''}
        >
          {side ? (
            <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-800">
              <UserAvatar src={view.account?.avatarUrl ?? null} name={view.account?.name ?? view.label} size={20} />
              {view.label}
            </h3>
          ) : null}
          {side && view.draft.saved ? <PostStatusNote post={view.draft.saved} zone={zone} /> : null}
          <div className={preview && !side ? 'grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]' : 'flex flex-col gap-3'}>
            <ThreadEditor idPrefix={idPrefix} composer={composer} view={view} named={side} textareas={textareas} />
            {preview ? <DraftPreview view={view} theme={preview} /> : null}
          </div>
        </section>
      ))}
    </div>
  );
}
