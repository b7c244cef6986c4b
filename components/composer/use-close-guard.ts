'use client';

import { useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { isSubmitChord, submitChordLabel } from '../keyboard/keys';

export interface CloseGuardOptions {
  dialogRef: RefObject<HTMLDialogElement | null>;
  /** Closing now would lose something (./use-autosave). */
  dirty: boolean;
  /** A request runs: the composer stays open. */
  busy: boolean;
  /** Ctrl/⌘+Enter: null when Schedule is disabled (then the keys do nothing, as the button would). */
  schedule: (() => void) | null;
  onClose: () => void;
}

/**
 * The composer's ways out and its keys: Close and Escape close at once when nothing would be lost,
 * else ask "Discard unsaved changes?" first; Escape on that question backs out of it;
 * Ctrl/⌘+Enter schedules.
 */
export function useCloseGuard({ dialogRef, dirty, busy, schedule, onClose }: CloseGuardOptions) {
  const [confirming, setConfirming] = useState(false);
  /** What had the focus before the question, to give it back. */
  const focusBefore = useRef<Element | null>(null);

  function requestClose() {
    if (busy || confirming) return;
    if (!dirty) return onClose();
    focusBefore.current = document.activeElement;
    setConfirming(true);
  }

  function keepEditing() {
    setConfirming(false);
    const before = focusBefore.current;
    window.setTimeout(() => (before instanceof HTMLElement ? before.focus() : undefined));
  }

  return {
    confirming,
    requestClose,
    keepEditing,
    /** How Schedule's keys are written on this platform. */
    chord: useMemo(() => submitChordLabel(typeof navigator === 'undefined' ? '' : navigator.platform || navigator.userAgent), []),
    dialogProps: {
      onCancel: (event: { preventDefault: () => void }) => {
        // Escape: we close by unmounting, so React stays the one source of truth.
        event.preventDefault();
        requestClose();
      },
      onClose: () => {
        // The browser may close anyway (a second Escape with no click between): reopen and ask.
        const dialog = dialogRef.current;
        if (!dialog?.isConnected) return;
        if (!dirty) return onClose();
        dialog.showModal();
        setConfirming(true);
      },
      onKeyDown: (event: KeyboardEvent<HTMLDialogElement>) => {
        if (confirming && event.key === 'Escape') {
          // Handled here, the key never becomes a close request.
          event.preventDefault();
          keepEditing();
        } else if (isSubmitChord(event.nativeEvent)) {
          event.preventDefault();
          if (!confirming && !busy) schedule?.();
        }
      },
    },
  };
}
