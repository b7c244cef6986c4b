'use client';

import { useMemo } from 'react';
import { textSegments } from '@/lib/x/text';
import type { PreviewPalette } from './theme';

/**
 * Post text as X shows it: line breaks and spaces kept, links shortened, entities in X's blue.
 *
 * Entities are spans styled as links, not <a>: in a preview a click would only take the person away
 * from a draft they are writing (or open whatever half-typed address they wrote), and X's links
 * are not real yet anyway. A link's address is in its title, as X shows it on hover.
 */
export function PostText({ text, palette }: { text: string; palette: PreviewPalette }) {
  // Extraction is not free on long text: only redone when this part's text changes.
  const segments = useMemo(() => textSegments(text), [text]);
  return (
    <p className="whitespace-pre-wrap break-words text-[15px] leading-5">
      {segments.map((segment, index) => {
        if (segment.kind === 'text') return segment.text;
        return (
          <span key={index} data-entity={segment.kind} title={segment.kind === 'url' ? segment.href : undefined} className={palette.link}>
            {segment.kind === 'url' ? segment.display : segment.text}
          </span>
        );
      })}
    </p>
  );
}
