/**
 * What a row of the posts list shows of a post's text: a window of one line, around the first
 * place the search matched (in whichever part of a thread it is), with the matched spans marked.
 * Matching is the API's: the search as typed, case-insensitive, anywhere in the text.
 */
export interface Piece {
  text: string;
  match: boolean;
}

export interface MatchExcerpt {
  pieces: Piece[];
  /** The position of the part shown (0 = the first post of a thread). */
  part: number;
}

/** Case-insensitive positions of `needle` in `haystack`, without overlaps. */
function matches(haystack: string, needle: string): [number, number][] {
  if (!needle) return [];
  const hay = haystack.toLowerCase();
  const low = needle.toLowerCase();
  // Lower-casing can change a string's length (e.g. "İ"); marks then fall back to none rather than wrong spans.
  if (hay.length !== haystack.length || low.length !== needle.length) return [];
  const found: [number, number][] = [];
  for (let at = hay.indexOf(low); at !== -1; at = hay.indexOf(low, at + low.length)) found.push([at, at + low.length]);
  return found;
}

export function matchExcerpt(parts: readonly string[], search: string, max = 160): MatchExcerpt {
  const words = search.trim();
  const flat = parts.map((text) => text.replace(/\s+/g, ' ').trim());
  const hit = words ? flat.findIndex((text) => matches(text, words).length > 0) : -1;
  const part = hit === -1 ? 0 : hit;
  const text = flat[part] ?? '';
  const spans = matches(text, words);

  // The window: from the start, unless the first match would fall outside it; then centred on it.
  let start = 0;
  const first = spans[0];
  if (first && first[1] > max - 1) start = Math.max(0, Math.min(first[0] - Math.floor((max - (first[1] - first[0])) / 2), text.length - max));
  const end = Math.min(text.length, start + max);
  const lead = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';

  const pieces: Piece[] = [];
  let at = start;
  for (const [from, to] of spans) {
    if (to <= start || from >= end) continue;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a > at) pieces.push({ text: text.slice(at, a), match: false });
    pieces.push({ text: text.slice(a, b), match: true });
    at = b;
  }
  if (at < end) pieces.push({ text: text.slice(at, end), match: false });
  if (lead) pieces.unshift({ text: lead, match: false });
  if (tail) pieces.push({ text: tail, match: false });
  return { pieces, part };
}
