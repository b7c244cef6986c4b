'use client';

import { useEffect, useRef, useState, type Dispatch } from 'react';
import { MAX_THREAD_PARTS } from '@/lib/x/rules';
import { mergeThread, splitIntoThread } from './split-thread';
import type { ComposerAction } from './state';
import { isLocked, mergeProblem, moveParts } from './thread-ops';
import type { DraftView } from './use-composer';

/**
 * What one post's editor can do to its thread as a whole, and what it says about it: move a
 * part, split a part (or the whole text) into posts that fit, merge the posts back. Messages go
 * to one polite live region per post, so a move made from the keyboard is heard.
 */
export function useThreadTools(view: DraftView, dispatch: Dispatch<ComposerAction>) {
  const { draft, limit, readOnly } = view;
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const say = (text: string, problem = false) => setMessage({ text, problem });

  /** The part at `index` to index `to`, or null when it may not go there. */
  const move = (index: number, to: number): (() => void) | null => {
    const part = draft.parts[index];
    if (readOnly || !part || !moveParts(draft, index, to)) return null;
    return () => {
      dispatch({ type: 'movePart', partKey: part.key, to });
      say(`Part ${index + 1} moved to position ${to + 1}.`);
    };
  };

  /** Splits one part into posts that fit; false (and says why) when it can't. */
  const split = (partKey: number, numbered: boolean): boolean => {
    const index = draft.parts.findIndex((p) => p.key === partKey);
    const part = draft.parts[index];
    if (!part) return false;
    const result = splitIntoThread(part.text, { limit, numbered, maxParts: MAX_THREAD_PARTS - (draft.parts.length - 1) });
    if (!result.ok) {
      say(result.error, true);
      return false;
    }
    if (result.parts.length < 2) {
      say(`This text fits in one post of ${limit.toLocaleString('en')} characters: nothing to split.`);
      return false;
    }
    dispatch({ type: 'splitPart', partKey, texts: result.parts });
    say(draft.parts.length === 1 ? `Split into ${result.parts.length} posts.` : `Part ${index + 1} split into ${result.parts.length} posts.`);
    return true;
  };

  const merge = () => {
    dispatch({ type: 'mergeThread', post: view.index, text: mergeThread(draft.parts.map((p) => p.text)) });
    say(`${draft.parts.length} posts merged into one.`);
  };

  /** A part that can be split where it is: over the limit, in a thread, not on X yet. */
  const splittable = (index: number) => !readOnly && draft.parts.length > 1 && (view.lengths[draft.parts[index]?.key ?? -1] ?? 0) > limit && !isLocked(draft, index);

  return { message, move, split, merge, splittable };
}

export type ThreadToolsApi = ReturnType<typeof useThreadTools>;

export interface ThreadToolsProps {
  id: string;
  view: DraftView;
  tools: ThreadToolsApi;
  /** Several accounts side by side: the controls name the account. */
  named: boolean;
}

const toolStyle =
  'rounded-md px-2 py-1 text-sm font-medium text-sky-700 hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-slate-900 disabled:text-slate-400 disabled:hover:bg-transparent';

/**
 * Under the parts: "Split into thread" (with "Number the posts (1/n)") for a post of one part
 * with text, "Merge into one post" for a thread. The one replaces the other in place, and the
 * focus goes from one to the other, so a split can be undone from the keyboard at once.
 */
export function ThreadTools({ id, view, tools, named }: ThreadToolsProps) {
  const { draft, readOnly } = view;
  const [numbered, setNumbered] = useState(false);
  const splitRef = useRef<HTMLButtonElement>(null);
  const mergeRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef<'split' | 'merge' | null>(null);
  const single = draft.parts.length === 1;

  useEffect(() => {
    const wanted = refocus.current === 'merge' ? mergeRef.current : refocus.current === 'split' ? splitRef.current : null;
    refocus.current = null;
    wanted?.focus();
  }, [single]);

  const first = draft.parts[0];
  const forAccount = named ? <span className="sr-only"> for {view.label}</span> : null;
  const mergeBlocked = single ? null : mergeProblem(draft);
  const showSplit = !readOnly && single && first !== undefined && first.text.trim() !== '' && !isLocked(draft, 0);
  const showMerge = !readOnly && !single && !draft.parts.some((_, i) => isLocked(draft, i));

  return (
    <div className="ml-9 flex flex-col gap-1">
      {showSplit || showMerge ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          {showSplit ? (
            <>
              <button
                ref={splitRef}
                type="button"
                onClick={() => {
                  if (tools.split(first.key, numbered)) refocus.current = 'merge';
                }}
                className={toolStyle}
              >
                Split into thread{forAccount}
              </button>
              <label className="flex items-center gap-1.5 text-sm text-slate-600">
                <input id={`${id}-numbered`} type="checkbox" checked={numbered} onChange={(e) => setNumbered(e.target.checked)} className="size-4 accent-sky-700" />
                Number the posts (1/n){forAccount}
              </label>
            </>
          ) : null}
          {showMerge ? (
            <button
              ref={mergeRef}
              type="button"
              disabled={mergeBlocked !== null}
              title={mergeBlocked ?? 'Join the posts back into one text'}
              aria-describedby={mergeBlocked ? `${id}-merge-why` : undefined}
              onClick={() => {
                refocus.current = 'split';
                tools.merge();
              }}
              className={toolStyle}
            >
              Merge into one post{forAccount}
            </button>
          ) : null}
          {showMerge && mergeBlocked ? (
            <span id={`${id}-merge-why`} className="text-xs text-slate-500">
              Can’t merge: {mergeBlocked}
            </span>
          ) : null}
        </div>
      ) : null}
      <p role="status" className={`min-h-4 text-xs ${tools.message?.problem ? 'text-rose-700' : 'text-slate-500'}`}>
        {tools.message?.text}
      </p>
    </div>
  );
}

/** In a thread, beside a part over the limit: splits that part in place (without numbers). */
export function SplitPartButton({ index, onSplit }: { index: number; onSplit: () => void }) {
  return (
    <button
      type="button"
      onClick={onSplit}
      className="rounded px-1.5 py-0.5 font-medium text-sky-700 hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-slate-900"
    >
      Split part {index + 1} into thread
    </button>
  );
}
