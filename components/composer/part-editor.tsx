'use client';

import type { HTMLAttributes, ReactNode, Ref } from 'react';
import { controlStyle, Field } from '../ui/field';

export interface PartEditorProps {
  id: string;
  index: number;
  total: number;
  text: string;
  /** The text box's name: "Post text", or naming the account when several are side by side. */
  label: string;
  /** X's weighted length of `text` (URLs 23, most emoji and CJK 2). */
  length: number;
  /** The account's limit per post: 280, or 25,000 with X Premium. */
  limit: number;
  errors: string[];
  readOnly: boolean;
  /** Set when this part is already on X (a thread that failed half-way): it can't change. */
  lockedNote?: string;
  onChange: (text: string) => void;
  onRemove?: () => void;
  textareaRef?: Ref<HTMLTextAreaElement>;
  /** The part's attachments (./part-media). */
  media?: ReactNode;
  /** Buttons beside Remove (move up / down, split: ./part-order, ./thread-tools). */
  controls?: ReactNode;
  /** The drag handle, above the part's number (./part-order). */
  handle?: ReactNode;
  /** The part as a drop target while a part is dragged; `dropping` when one is over it. */
  dropTarget?: HTMLAttributes<HTMLDivElement>;
  dropping?: boolean;
  /** After the media: the part's poll, quote and reply target (./part-extras). */
  extras?: ReactNode;
}

/** One post of a thread: the text box (named "Post text"), its live count and its errors. */
export function PartEditor({ id, index, total, text, label, length, limit, errors, readOnly, lockedNote, onChange, onRemove, textareaRef, media, controls, handle, dropTarget, dropping, extras }: PartEditorProps) {
  const over = length > limit;
  const countId = `${id}-count`;
  const count = (
    <div className="mt-1 flex items-center justify-between gap-2 text-xs">
      <span id={countId} className={`tabular-nums ${over ? 'font-semibold text-rose-600' : 'text-slate-500'}`}>
        {length.toLocaleString('en')}/{limit.toLocaleString('en')}
        {over ? <span className="sr-only"> characters: over X’s limit</span> : <span className="sr-only"> characters</span>}
      </span>
      {lockedNote ? <span className="text-slate-500">{lockedNote}</span> : null}
      {controls ? <span className="ml-auto flex items-center gap-1">{controls}</span> : null}
      {onRemove ? (
        <button
          type="button"
          onClick={onRemove}
          aria-label={`Remove part ${index + 1}`}
          className="rounded px-1.5 py-0.5 font-medium text-slate-500 hover:bg-rose-50 hover:text-rose-700 focus-visible:outline-2 focus-visible:outline-slate-900"
        >
          Remove
        </button>
      ) : null}
    </div>
  );
  return (
    <div {...dropTarget} data-part={index + 1} className={`flex gap-3 rounded-lg ${dropping ? 'bg-sky-50 outline-2 outline-sky-400 outline-dashed' : ''}`}>
      <div className="flex flex-col items-center pt-1" aria-hidden="true">
        {handle}
        <span className="grid size-6 place-items-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">{index + 1}</span>
        {index < total - 1 ? <span className="mt-1 w-px flex-1 bg-slate-200" /> : null}
      </div>
      <div className="min-w-0 flex-1 pb-3">
        <Field
          id={id}
          label={label}
          aside={total > 1 ? <span className="text-xs text-slate-500">Part {index + 1} of {total}</span> : null}
          errors={errors}
          invalid={over}
          describedBy={[countId]}
          below={count}
        >
          {(control) => (
            <textarea
              {...control}
              ref={textareaRef}
              value={text}
              onChange={(e) => onChange(e.target.value)}
              readOnly={readOnly || Boolean(lockedNote)}
              rows={3}
              placeholder={index === 0 ? 'What’s happening?' : 'Add another post to the thread…'}
              className={`field-sizing-content block min-h-20 w-full resize-none px-3 py-2 text-[15px] leading-6 placeholder:text-slate-400 focus:outline-offset-0 ${controlStyle(control['aria-invalid'])}`}
            />
          )}
        </Field>
        {media}
        {extras}
      </div>
    </div>
  );
}
