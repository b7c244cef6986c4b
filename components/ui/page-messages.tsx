/** The messages a workspace page shows above its content: what failed to load, what an action ran into, what just happened. */

export function LoadError({ message, onRetry }: { message: string | null; onRetry: () => void }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800">
      {message}{' '}
      <button type="button" onClick={onRetry} className="font-medium underline">
        Try again
      </button>
    </div>
  );
}

export function ActionError({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  if (!message) return null;
  return (
    <div role="alert" className="flex items-start gap-3 rounded-lg border border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800">
      <span className="flex-1">{message}</span>
      <button type="button" onClick={onDismiss} className="font-medium underline">
        Dismiss
      </button>
    </div>
  );
}

/** Always rendered: a live region must exist before its text changes to be announced. */
export function Notice({ text }: { text: string | null }) {
  return (
    <div
      role="status"
      className={text ? 'fixed right-4 bottom-4 z-30 max-w-sm rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-2.5 text-sm text-emerald-900 shadow-lg' : 'sr-only'}
    >
      {text}
    </div>
  );
}
