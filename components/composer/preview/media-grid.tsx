'use client';

import { useState } from 'react';
import { mediaGridLayout } from './layout';
import type { PreviewPalette } from './theme';
import type { PreviewMedia } from './types';

const KIND_LABELS = { image: 'Image', gif: 'GIF', video: 'Video' } as const;

function Badges({ media }: { media: PreviewMedia }) {
  const hasAlt = media.altText.trim() !== '';
  if (media.kind !== 'gif' && !hasAlt) return null;
  // Visual only: the alt text itself is the image's alt, and the kind is in its name.
  return (
    <span aria-hidden="true" className="absolute bottom-2 left-2 flex gap-1">
      {media.kind === 'gif' ? <span className="rounded bg-black/75 px-1 text-[13px] font-bold leading-4 text-white">GIF</span> : null}
      {hasAlt ? (
        <span data-badge="alt" className="rounded bg-black/75 px-1 text-[13px] font-bold leading-4 text-white">
          ALT
        </span>
      ) : null}
    </span>
  );
}

function PlayBadge({ palette }: { palette: PreviewPalette }) {
  return (
    <span
      aria-hidden="true"
      data-badge="play"
      className={`absolute inset-0 m-auto grid size-12 place-items-center rounded-full bg-[#1d9bf0] text-white ring-4 ${palette.ring}`}
    >
      <svg viewBox="0 0 24 24" className="ml-0.5 size-6 fill-current">
        <path d="M7 4.5v15l13-7.5z" />
      </svg>
    </span>
  );
}

function MediaTile({ media, single, className, palette }: { media: PreviewMedia; single: boolean; className: string; palette: PreviewPalette }) {
  // A source the browser cannot draw (a revoked object URL, a sandbox image) falls back to the tile.
  const [broken, setBroken] = useState(false);
  const name = media.altText.trim() || KIND_LABELS[media.kind];
  const drawable = media.src !== null && !broken;
  // A lone image or GIF keeps its own shape, as on X; anything else fills a 16:9 frame or its cell.
  const natural = single && drawable && media.kind !== 'video';
  const frame = `relative min-h-0 overflow-hidden ${single && !natural ? 'aspect-video' : ''} ${className}`;
  let body;
  if (!drawable) {
    body = (
      <div role="img" aria-label={name} className={`grid size-full place-items-center text-[13px] font-semibold uppercase tracking-wide ${palette.tile}`}>
        <span aria-hidden="true">{KIND_LABELS[media.kind]}</span>
      </div>
    );
  } else if (media.kind === 'video') {
    // No controls: the frame shows the first picture and the badge says it plays.
    body = <video src={media.src ?? undefined} aria-label={name} muted playsInline preload="metadata" onError={() => setBroken(true)} className="size-full object-cover" />;
  } else {
    body = (
      // The person's own files (object URLs) or Herald's media URLs: next/image adds nothing here.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={media.src ?? undefined}
        alt={name}
        onError={() => setBroken(true)}
        className={natural ? 'block max-h-[510px] w-full object-cover' : 'size-full object-cover'}
      />
    );
  }
  return (
    <div data-media-kind={media.kind} className={frame}>
      {body}
      {media.kind === 'video' ? <PlayBadge palette={palette} /> : null}
      <Badges media={media} />
    </div>
  );
}

/** A part's attachments in X's grid, with rounded corners and a hairline border. */
export function MediaGrid({ media, palette }: { media: PreviewMedia[]; palette: PreviewPalette }) {
  const layout = mediaGridLayout(media.length);
  if (!layout) return null;
  return (
    <div data-media-count={Math.min(media.length, layout.tiles.length)} className={`mt-3 overflow-hidden rounded-2xl border ${palette.border} ${layout.container}`}>
      {layout.tiles.map((tileClass, index) => {
        const item = media[index];
        return item ? <MediaTile key={item.key} media={item} single={layout.tiles.length === 1} className={tileClass} palette={palette} /> : null;
      })}
    </div>
  );
}
