'use client';

import type { RefObject } from 'react';
import { MAX_THREAD_PARTS, POLL_WITH_MEDIA_MESSAGE } from '@/lib/x/rules';
import { addBlockedReason, liveItems } from './media-items';
import { PartEditor } from './part-editor';
import { PartExtras } from './part-extras';
import { PartMedia } from './part-media';
import { ReplySettingsField } from './reply-settings-field';
import { DragGrip, PartOrderButtons, usePartDrag } from './part-order';
import { SplitPartButton, ThreadTools, useThreadTools } from './thread-tools';
import type { Composer, DraftView } from './use-composer';

export interface ThreadEditorProps {
  idPrefix: string;
  composer: Composer;
  /** The account's post this editor shows. */
  view: DraftView;
  /** Several accounts side by side: each text box names its account. */
  named: boolean;
  /** The parts' text boxes by part key, for moving the focus. */
  textareas: RefObject<Map<number, HTMLTextAreaElement>>;
}

/** One account's post (one part, or a thread), each part with its text and media, and "Add to thread". */
export function ThreadEditor({ idPrefix, composer, view, named, textareas }: ThreadEditorProps) {
  const { state, dispatch, lockedAt, addFiles } = composer;
  const { draft, readOnly, limit } = view;
  const { errors } = state;
  const parts = draft.parts;
  const tools = useThreadTools(view, dispatch);
  const drag = usePartDrag((partKey, to) => tools.move(parts.findIndex((p) => p.key === partKey), to)?.());
  return (
    <div>
      {parts.map((part, index) => {
        const locked = lockedAt(draft, index);
        const mediaProblem = view.mediaProblems[part.key];
        const movable = !readOnly && !locked && parts.length > 1;
        return (
          <PartEditor
            key={part.key}
            id={`${idPrefix}-part-${part.key}`}
            index={index}
            total={parts.length}
            text={part.text}
            label={named ? `Post text for ${view.label}` : 'Post text'}
            length={view.lengths[part.key] ?? 0}
            limit={limit}
            errors={[...(errors.parts[part.key] ?? []), ...(view.lengthProblems[part.key] && !readOnly ? [view.lengthProblems[part.key]!] : []), ...(index === 0 && view.sameAs && !readOnly ? [view.sameAs] : [])]}
            readOnly={readOnly}
            lockedNote={!readOnly && locked ? 'Already on X' : undefined}
            onChange={(text) => dispatch({ type: 'text', partKey: part.key, text })}
            onRemove={!readOnly && parts.length > 1 && !locked ? () => dispatch({ type: 'removePart', partKey: part.key }) : undefined}
            controls={
              <>
                {tools.splittable(index) ? <SplitPartButton index={index} onSplit={() => tools.split(part.key, false) && textareas.current.get(part.key)?.focus()} /> : null}
                {movable ? <PartOrderButtons index={index} onUp={tools.move(index, index - 1)} onDown={tools.move(index, index + 1)} /> : null}
              </>
            }
            handle={movable ? <DragGrip index={index} props={drag.handle(part.key)} /> : null}
            dropTarget={drag.target(index, !readOnly && !locked)}
            dropping={drag.over === index && drag.draggedKey !== part.key}
            textareaRef={(el) => {
              if (el) textareas.current.set(part.key, el);
              else textareas.current.delete(part.key);
            }}
            media={
              <PartMedia
                id={`${idPrefix}-media-${part.key}`}
                items={part.media}
                blocked={part.kinds.poll ? `${POLL_WITH_MEDIA_MESSAGE}.` : addBlockedReason(part.media)}
                readOnly={readOnly || locked}
                errors={[...(state.notices[part.key] ?? []), ...(errors.media[part.key] ?? []), ...(mediaProblem ? [mediaProblem] : [])]}
                onAdd={(files) => addFiles(part.key, files)}
                onRemove={(itemKey) => dispatch({ type: 'detach', partKey: part.key, itemKey })}
                onAltText={(itemKey, altText) => dispatch({ type: 'altText', partKey: part.key, itemKey, altText })}
              />
            }
            extras={
              <PartExtras
                id={`${idPrefix}-extras-${part.key}`}
                part={part}
                first={index === 0}
                mediaCount={liveItems(part.media).length}
                readOnly={readOnly || locked}
                errors={errors.extras[part.key] ?? {}}
                dispatch={dispatch}
              />
            }
          />
        );
      })}
      {!readOnly ? (
        <button
          type="button"
          onClick={() => dispatch({ type: 'addPart', post: view.index })}
          disabled={parts.length >= MAX_THREAD_PARTS}
          className="ml-9 rounded-md px-2 py-1 text-sm font-medium text-sky-700 hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-slate-900 disabled:text-slate-400 disabled:hover:bg-transparent"
        >
          <span aria-hidden="true">+ </span>Add to thread
          {named ? <span className="sr-only"> for {view.label}</span> : null}
        </button>
      ) : null}
      {parts.length >= MAX_THREAD_PARTS ? <p className="ml-9 text-xs text-slate-500">A thread has at most {MAX_THREAD_PARTS} posts.</p> : null}
      {!readOnly ? <ThreadTools id={`${idPrefix}-thread-${view.index}`} view={view} tools={tools} named={named} /> : null}
      <ReplySettingsField
        id={`${idPrefix}-reply-settings-${view.index}`}
        value={draft.replySettings}
        // X keeps what the first part went out with: once part of the thread is on X it can't change.
        readOnly={readOnly || parts.some((_, i) => lockedAt(draft, i))}
        accountLabel={named ? view.label : undefined}
        errors={errors.replySettings[parts[0]!.key] ?? []}
        onChange={(value) => dispatch({ type: 'replySettings', post: view.index, value })}
      />
    </div>
  );
}
