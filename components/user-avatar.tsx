/**
 * A profile picture, or the first letter of the name when there is none (or it fails to load
 * in a sandbox). A plain <img>: avatars come from X's CDN or the sandbox, hosts next/image would
 * need to be configured for.
 */
export function UserAvatar({ src, name, size = 32 }: { src: string | null; name: string | null; size?: number }) {
  const initial = (name ?? '?').trim().charAt(0).toUpperCase() || '?';
  const style = { width: size, height: size };
  if (!src) {
    return (
      <span aria-hidden="true" style={style} className="grid shrink-0 place-items-center rounded-full bg-slate-200 text-xs font-semibold text-slate-600">
        {initial}
      </span>
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element
    <img src={src} alt="" width={size} height={size} style={style} className="shrink-0 rounded-full bg-slate-200 object-cover" />
  );
}
