'use client';

import type { RefObject } from 'react';
import { MAX_THREAD_PARTS } from '@/lib/x/rules';
import { addBlockedReason } from './media-items';
import { PartEditor } from './part-editor';
import { PartMedia } from './part-media';
import type { Composer } from './use-composer';

export interface ThreadEditorProps {
  idPrefix: string;
  composer: Composer;
  /** The parts' text boxes by part key, for moving the focus. */
  textareas: RefObject<Map<number, HTMLTextAreaElement>>;
}

/** The post's parts (one, or a thread), each with its text and media, and "Add to thread". */
export function ThreadEditor({ idPrefix, composer, textareas }: ThreadEditorProps) {
  const { state, dispatch, readOnly, lockedAt, lengths, mediaProblems, addFiles } = composer;
  const { parts, errors } = state;
  return (
    <div>
      {parts.map((part, index) => (
        <PartEditor
          key={part.key}
          id={`${idPrefix}-part-${part.key}`}
          index={index}
          total={parts.length}
          text={part.text}
          length={lengths[index] ?? 0}
          errors={errors.parts[index] ?? []}
          readOnly={readOnly}
          lockedNote={!readOnly && lockedAt(index) ? 'Already on X' : undefined}
          onChange={(text) => dispatch({ type: 'text', index, text })}
          onRemove={!readOnly && parts.length > 1 && !lockedAt(index) ? () => dispatch({ type: 'removePart', index }) : undefined}
          textareaRef={(el) => {
            if (el) textareas.current.set(part.key, el);
            else textareas.current.delete(part.key);
          }}
          media={
            <PartMedia
              id={`${idPrefix}-media-${part.key}`}
              items={part.media}
              blocked={addBlockedReason(part.media)}
              readOnly={readOnly || lockedAt(index)}
              errors={[...(state.notices[part.key] ?? []), ...(errors.media[index] ?? []), ...(mediaProblems[index] ? [mediaProblems[index]] : [])]}
              onAdd={(files) => addFiles(part.key, files)}
              onRemove={(itemKey) => dispatch({ type: 'detach', partKey: part.key, itemKey })}
              onAltText={(itemKey, altText) => dispatch({ type: 'altText', partKey: part.key, itemKey, altText })}
            />
          }
        />
      ))}
      {!readOnly ? (
        <button
          type="button"
          onClick={() => dispatch({ type: 'addPart' })}
          disabled={parts.length >= MAX_THREAD_PARTS}
          className="ml-9 rounded-md px-2 py-1 text-sm font-medium text-sky-700 hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-slate-900 disabled:text-slate-400 disabled:hover:bg-transparent"
        >
          <span aria-hidden="true">+ </span>Add to thread
        </button>
      ) : null}
      {parts.length >= MAX_THREAD_PARTS ? <p className="ml-9 text-xs text-slate-500">A thread has at most {MAX_THREAD_PARTS} posts.</p> : null}
    </div>
  );
}
