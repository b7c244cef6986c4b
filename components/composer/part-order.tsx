'use client';

import { useRef, useState, type DragEvent, type HTMLAttributes } from 'react';

/**
 * Reordering a thread's parts: "Move part N up / down" buttons for the keyboard (and anyone),
 * and a drag handle for the mouse (HTML5 drag and drop: the handle is dragged, a part is the
 * drop target). Which moves are allowed is decided by the caller (./thread-ops).
 */

export interface PartOrderButtonsProps {
  /** 0-based position of the part. */
  index: number;
  /** Null when the part may not move that way (first, last, or next to a part already on X). */
  onUp: (() => void) | null;
  onDown: (() => void) | null;
}

const buttonStyle =
  'rounded px-1.5 py-0.5 font-medium text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-slate-900 aria-disabled:cursor-default aria-disabled:text-slate-300 aria-disabled:hover:bg-transparent';

/**
 * The buttons stay in the page when a move is not possible (aria-disabled, not disabled): the part
 * moves under the focus, so after "up" to the top the focus stays on the button, not on the page.
 */
export function PartOrderButtons({ index, onUp, onDown }: PartOrderButtonsProps) {
  return (
    <span className="flex items-center gap-0.5">
      <button type="button" aria-label={`Move part ${index + 1} up`} aria-disabled={onUp === null} onClick={() => onUp?.()} className={buttonStyle}>
        <span aria-hidden="true">↑</span>
      </button>
      <button type="button" aria-label={`Move part ${index + 1} down`} aria-disabled={onDown === null} onClick={() => onDown?.()} className={buttonStyle}>
        <span aria-hidden="true">↓</span>
      </button>
    </span>
  );
}

/** The type that marks a drag as one of this editor's parts (other drags, files included, are ignored). */
const PART_DRAG = 'application/x-herald-part';

/**
 * Drag and drop of one post's parts. `onDrop(partKey, to)` is called when a part is dropped on
 * the part at index `to`. Drags from another post's editor are not accepted: the dragged key
 * is this hook's own state, set only when the drag started here.
 */
export function usePartDrag(onDrop: (partKey: number, to: number) => void) {
  const dragged = useRef<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [draggedKey, setDraggedKey] = useState<number | null>(null);
  const reset = () => {
    dragged.current = null;
    setDraggedKey(null);
    setOver(null);
  };

  /** Props for the handle of the part with `partKey`. */
  const handle = (partKey: number): HTMLAttributes<HTMLElement> => ({
    draggable: true,
    onDragStart: (e: DragEvent<HTMLElement>) => {
      dragged.current = partKey;
      setDraggedKey(partKey);
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData(PART_DRAG, String(partKey));
      // The whole part follows the pointer, not just the handle.
      const part = e.currentTarget.closest('[data-part]');
      if (part) e.dataTransfer.setDragImage(part, 16, 16);
    },
    onDragEnd: reset,
  });

  /** Props for the part at `index` as a drop target; `accepts` false for a part that may not be displaced. */
  const target = (index: number, accepts: boolean): HTMLAttributes<HTMLDivElement> => ({
    onDragOver: (e: DragEvent<HTMLDivElement>) => {
      if (dragged.current === null || !accepts || !e.dataTransfer.types.includes(PART_DRAG)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (over !== index) setOver(index);
    },
    onDragLeave: (e: DragEvent<HTMLDivElement>) => {
      // Leaving for a child of the part is not leaving the part.
      const to = e.relatedTarget;
      if (to instanceof Node && e.currentTarget.contains(to)) return;
      if (over === index) setOver(null);
    },
    onDrop: (e: DragEvent<HTMLDivElement>) => {
      const key = dragged.current;
      if (key === null || !accepts) return;
      e.preventDefault();
      reset();
      onDrop(key, index);
    },
  });

  return { handle, target, over, draggedKey };
}

/** The grip shown beside a part's number; dragging it moves the part. */
export function DragGrip({ index, props }: { index: number; props: HTMLAttributes<HTMLElement> }) {
  return (
    <span
      {...props}
      title={`Drag to move part ${index + 1}`}
      data-drag-handle=""
      className="mb-1 grid h-6 w-6 cursor-grab place-items-center rounded text-slate-400 select-none hover:bg-slate-100 hover:text-slate-700 active:cursor-grabbing"
    >
      ⠿
    </span>
  );
}
