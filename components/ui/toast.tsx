'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** How long a toast with an Undo stays, unless it says otherwise; and one that only reports. */
export const TOAST_MS = 10_000;
const RESULT_MS = 6_000;

export interface ToastOptions {
  /** What happened; a function gets the whole seconds left, for a countdown ("Posting in 7 s"). */
  message: string | ((secondsLeft: number) => string);
  /** When the toast (and its Undo) goes away; TOAST_MS from now when not given. */
  until?: Date;
  /** Offered while the toast shows: does the undo and answers what to say then (done, or why not). */
  undo?: () => Promise<string>;
}

interface Shown {
  id: number;
  options: ToastOptions;
  until: number;
  /** When it appeared: what a countdown said then is what is announced. */
  shownAt: number;
  /** After Undo: null while it runs, then what it answered. */
  outcome?: string | null;
}

const ToastContext = createContext<{ show: (options: ToastOptions) => void }>({ show: () => {} });

/** `useToast().show({ message, undo })`: outside a ToastProvider it shows nothing. */
export const useToast = () => useContext(ToastContext);

/**
 * One toast at a time (a new one replaces the last), at the bottom of the screen, in one polite
 * live region that is always there, so what it says is announced. Its buttons are in the page's
 * tab order; focus is never moved to it, so typing elsewhere is not interrupted.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const next = useRef(0);

  const show = useCallback((options: ToastOptions) => {
    const at = Date.now();
    setNow(at);
    setShown({ id: ++next.current, options, shownAt: at, until: options.until?.getTime() ?? at + TOAST_MS });
  }, []);

  // A tick while a toast shows: its countdown, and its end.
  const showing = shown !== null;
  useEffect(() => {
    if (!showing) return;
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      // Gone at its time, unless an Undo is still on its way.
      setShown((open) => (open && open.outcome !== null && at >= open.until ? null : open));
    }, 250);
    return () => window.clearInterval(timer);
  }, [showing]);

  async function undo(current: Shown) {
    if (!current.options.undo) return;
    setShown({ ...current, outcome: null });
    const said = await current.options.undo().catch(() => 'Could not undo: Herald did not answer. Check the post before trying again.');
    // A newer toast may have replaced this one meanwhile: then it stays.
    setShown((open) => (open?.id === current.id ? { ...current, outcome: said, until: Date.now() + RESULT_MS } : open));
  }

  const value = useMemo(() => ({ show }), [show]);
  const secondsLeft = shown ? Math.max(0, Math.ceil((shown.until - now) / 1000)) : 0;
  const said = (seconds: number) => {
    if (!shown) return '';
    if (shown.outcome !== undefined) return shown.outcome ?? 'Undoing…';
    return typeof shown.options.message === 'function' ? shown.options.message(seconds) : shown.options.message;
  };
  // A countdown is shown, but announced once: a screen reader reading every second would drown the page.
  const announced = shown ? said(Math.ceil((shown.until - shown.shownAt) / 1000)) : '';
  const canUndo = shown?.options.undo !== undefined && shown.outcome === undefined && now < shown.until;

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" className={shown ? 'fixed bottom-4 left-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2' : 'sr-only'}>
        {shown ? (
          <div className="flex items-center gap-3 rounded-lg bg-slate-900 px-4 py-2.5 text-sm text-white shadow-lg">
            <span className="sr-only">{announced}</span>
            <span aria-hidden="true" className="flex-1">
              {said(secondsLeft)}
            </span>
            {canUndo ? (
              <button
                type="button"
                onClick={() => void undo(shown)}
                className="rounded-md px-2 py-1 font-semibold text-amber-300 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-300"
              >
                Undo
              </button>
            ) : null}
            <button
              type="button"
              aria-label="Dismiss"
              onClick={() => setShown(null)}
              className="rounded-md px-1.5 py-1 text-slate-300 hover:bg-white/10 hover:text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ) : null}
      </div>
    </ToastContext.Provider>
  );
}
