/**
 * The messages about one field (or one part of a form), under it. Its `id` is what the control's
 * `aria-describedby` points at, so a screen reader reads them with the control. `alert` also
 * announces them when they appear (for errors that come without the person moving focus).
 */
export function ErrorList({ id, messages, alert = false, small = false, className }: { id?: string; messages: readonly string[]; alert?: boolean; small?: boolean; className?: string }) {
  if (messages.length === 0) return null;
  return (
    <div id={id} role={alert ? 'alert' : undefined} className={`mt-1 flex flex-col gap-0.5 text-rose-700 ${small ? 'text-xs' : 'text-sm'} ${className ?? ''}`}>
      {messages.map((message, i) => (
        <p key={i}>{message}</p>
      ))}
    </div>
  );
}
