'use client';

import { useState } from 'react';
import { ALT_TEXT_MAX_LENGTH, MEDIA_ACCEPT } from '@/lib/x/rules';
import * as api from '../api/client';
import { ErrorList } from '../ui/error-list';
import { controlStyle, Field } from '../ui/field';
import type { MediaItem } from './media-items';

export interface PartMediaProps {
  id: string;
  items: MediaItem[];
  /** Why nothing more can be added (X's rule), or null. */
  blocked: string | null;
  readOnly: boolean;
  /** Files refused before upload, and the API's errors about this part's media. */
  errors: string[];
  onAdd: (files: File[]) => void;
  onRemove: (key: string) => void;
  onAltText: (key: string, text: string) => void;
}

function Thumbnail({ item }: { item: MediaItem }) {
  // A file the browser cannot draw falls back to the neutral tile.
  const [broken, setBroken] = useState(false);
  if (item.kind === 'image' && item.status === 'ready' && item.id && !broken) {
    return (
      // A preview of the user's own upload, served by Herald's API: next/image adds nothing here.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={api.media.url(item.id)}
        alt={item.altText}
        onError={() => setBroken(true)}
        className="size-16 shrink-0 rounded-md bg-slate-100 object-cover ring-1 ring-slate-200"
      />
    );
  }
  const label = item.kind === 'gif' ? 'GIF' : item.kind === 'video' ? 'Video' : 'Image';
  return (
    <div className="grid size-16 shrink-0 place-items-center rounded-md bg-slate-100 text-[11px] font-semibold uppercase tracking-wide text-slate-500 ring-1 ring-slate-200" aria-hidden="true">
      {label}
    </div>
  );
}

/** A part's attachments: "Add media", thumbnails, upload progress, alt text, remove. */
export function PartMedia({ id, items, blocked, readOnly, errors, onAdd, onRemove, onAltText }: PartMediaProps) {
  const inputId = `${id}-input`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  if (readOnly && items.length === 0) return null;
  return (
    <div className="mt-2 flex flex-col gap-2">
      {items.length > 0 ? (
        <ul className="flex flex-col gap-2" aria-label="Attached media">
          {items.map((item) => {
            return (
              <li key={item.key} className={`flex gap-3 rounded-lg border p-2 ${item.status === 'failed' ? 'border-rose-200 bg-rose-50' : 'border-slate-200 bg-white'}`}>
                <Thumbnail item={item} />
                <div className="flex min-w-0 flex-1 flex-col gap-1">
                  <div className="flex items-center justify-between gap-2 text-xs">
                    <span className="truncate font-medium text-slate-700" title={item.name}>
                      {item.name}
                    </span>
                    {!readOnly ? (
                      <button
                        type="button"
                        onClick={() => onRemove(item.key)}
                        aria-label={`Remove ${item.name}`}
                        className="shrink-0 rounded px-1.5 py-0.5 font-medium text-slate-500 hover:bg-rose-50 hover:text-rose-700 focus-visible:outline-2 focus-visible:outline-slate-900"
                      >
                        {item.status === 'uploading' ? 'Cancel' : 'Remove'}
                      </button>
                    ) : null}
                  </div>
                  {item.status === 'uploading' ? (
                    <div className="flex items-center gap-2">
                      <progress
                        value={Math.round(item.progress * 100)}
                        max={100}
                        aria-label={`Uploading ${item.name}`}
                        className="h-1.5 w-full overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-slate-100 [&::-webkit-progress-value]:bg-sky-600"
                      />
                      <span className="text-xs tabular-nums text-slate-500">{Math.round(item.progress * 100)}%</span>
                    </div>
                  ) : null}
                  {item.status === 'failed' ? (
                    <p role="alert" className="text-xs text-rose-700">
                      {item.error}
                    </p>
                  ) : (
                    <Field id={`${id}-${item.key}-alt`} label="Alt text">
                      {(control) => (
                        <input
                          {...control}
                          type="text"
                          value={item.altText}
                          maxLength={ALT_TEXT_MAX_LENGTH}
                          readOnly={readOnly}
                          onChange={(e) => onAltText(item.key, e.target.value)}
                          placeholder={readOnly ? 'None' : 'Describe it for people who can’t see it'}
                          className={`block w-full px-2 py-1 text-sm placeholder:text-slate-400 ${controlStyle(false)}`}
                        />
                      )}
                    </Field>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}

      {!readOnly ? (
        <div className="flex flex-wrap items-center gap-2">
          <input
            id={inputId}
            type="file"
            multiple
            accept={MEDIA_ACCEPT}
            disabled={blocked !== null}
            aria-describedby={[blocked ? hintId : null, errors.length > 0 ? errorId : null].filter(Boolean).join(' ') || undefined}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              // The same file can be picked again after a failure or a removal.
              e.target.value = '';
              if (files.length > 0) onAdd(files);
            }}
            className="peer sr-only"
          />
          <label
            htmlFor={inputId}
            className="cursor-pointer rounded-md px-2 py-1 text-sm font-medium text-sky-700 peer-focus-visible:outline-2 peer-focus-visible:outline-slate-900 hover:bg-sky-50 peer-disabled:cursor-not-allowed peer-disabled:text-slate-400 peer-disabled:hover:bg-transparent"
          >
            Add media
          </label>
          {blocked ? (
            <span id={hintId} className="text-xs text-slate-500">
              {blocked}
            </span>
          ) : (
            <span className="text-xs text-slate-500">Up to 4 images, or 1 GIF, or 1 video</span>
          )}
        </div>
      ) : null}

      <ErrorList id={errorId} messages={errors} alert />
    </div>
  );
}
