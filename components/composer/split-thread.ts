import { MAX_THREAD_PARTS, X_MAX_TEXT_UNITS } from '@/lib/x/rules';
import { weightedLength } from '@/lib/x/text';

/**
 * "Split into thread": a long text broken into posts that each fit the account's limit, and the
 * way back ("Merge into one post"). Pure and browser-safe (Intl.Segmenter: Node 20, Chromium).
 *
 * Where it breaks, best first:
 * 1. After a paragraph (a blank line). A paragraph that does not fit in what is left of a post
 *    starts the next post, unless that would leave the post less than half full: then the post
 *    is filled with the paragraph's first sentences instead (a thread of half-empty posts reads
 *    worse than a paragraph carried over).
 * 2. After a sentence: each post takes as many whole sentences as fit. A sentence too long for
 *    a post of its own starts a new post the same way a paragraph does (same half-full rule).
 * 3. Between words (at spaces, or between words of scripts written without them, such as
 *    Japanese), for a sentence longer than a post.
 * 4. Between characters (grapheme clusters: an emoji or an accented letter is never cut), for
 *    a "word" longer than a post (a long string without spaces; a long URL counts 23 and fits).
 *
 * Numbering follows the usual convention on X: " 1/3" at the end of each post, after a space.
 * Every post fits the limit with its number. The number's width depends on how many posts there
 * are (" 9/9" vs " 10/10"), so the split is repeated with a wider number until it holds.
 *
 * Lengths are X's weighted length (twitter-text): packing adds up the pieces' lengths, and each
 * post is then measured whole, since a piece's length can change next to another (a bare domain
 * counts 23 as a link); a post measured over the limit gives back its last pieces.
 */

export interface SplitOptions {
  /** The account's weighted limit per post (280, or 25,000 with X Premium). */
  limit: number;
  /** Append " k/n" to each post. */
  numbered: boolean;
  /** The most posts the result may have (a thread's room left); MAX_THREAD_PARTS by default. */
  maxParts?: number;
}

export type SplitResult = { ok: true; parts: string[] } | { ok: false; error: string };

type Break = 'paragraph' | 'sentence' | 'word' | 'grapheme';

/** A piece of the text that is never cut: [start, end) in the text, with the break before it. */
interface Atom {
  start: number;
  end: number;
  /** Weighted length of the piece, trimmed. */
  weight: number;
  before: Break;
  /** The paragraph and sentence it belongs to, for the half-full rule. */
  paragraph: number;
  sentence: number;
}

const sentences = new Intl.Segmenter(undefined, { granularity: 'sentence' });
const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const isSpace = (s: string) => s.trim() === '';

/** A blank line (spaces allowed on it) ends a paragraph. */
const PARAGRAPH_BREAK = /\n[^\S\n]*\n\s*/g;

/**
 * A piece longer than this many UTF-16 units for the limit is not measured but cut smaller:
 * twitter-text's time grows with the square of the length on some inputs (see X_MAX_TEXT_UNITS).
 * Only links make a text weigh less than its length, so such a piece could fit only if it were
 * mostly links; cut into words, its links are measured one by one and still fit.
 */
const measurable = (limit: number) => Math.min(X_MAX_TEXT_UNITS, 2 * limit + 100);

/** The longest text split at all: beyond it, segmenting and measuring would freeze the page. */
export const SPLIT_MAX_INPUT = 100_000;

/**
 * Segments of text[start, end) with their positions in `text`. Intl.Segmenter copies its whole
 * input for each segment it returns (V8: a 600,000-character text cut into graphemes runs out
 * of memory), so it is given windows of a few hundred characters, wider only while one segment
 * fills a window. A window's last segment may run on past it, so the next window starts there.
 */
function* segmentsOf(segmenter: Intl.Segmenter, text: string, start: number, end: number): Generator<{ start: number; segment: string; isWordLike: boolean }> {
  let at = start;
  let size = 256;
  while (at < end) {
    const windowEnd = Math.min(end, at + size);
    const found = [...segmenter.segment(text.slice(at, windowEnd))];
    const last = windowEnd === end;
    // One segment filling the window may run on past it: look at a bigger window.
    if (!last && found.length < 2) {
      size *= 2;
      continue;
    }
    const kept = last ? found : found.slice(0, -1);
    for (const s of kept) yield { start: at + s.index, segment: s.segment, isWordLike: s.isWordLike === true };
    if (last) return;
    at += found.at(-1)!.index;
    size = 256;
  }
}

/** Printable ASCII without a dot: no link can be in it (a link needs a domain), so one per character. */
const PLAIN = /^[\x20-\x7E]*$/;

/** Short pieces repeat (words, graphemes): each is measured once. */
const weights = new Map<string, number>();

/** X's weighted length, the cheap way where it can be. */
function weigh(text: string): number {
  if (PLAIN.test(text) && !text.includes('.')) return text.length;
  if (text.length > 64) return weightedLength(text);
  let w = weights.get(text);
  if (w === undefined) {
    w = weightedLength(text);
    if (weights.size >= 10_000) weights.clear();
    weights.set(text, w);
  }
  return w;
}

function measure(text: string, limit: number): number {
  const trimmed = text.trim();
  return trimmed.length > measurable(limit) ? Infinity : weigh(trimmed);
}

/** [start, end) ranges of the paragraphs, blank lines left out. */
function paragraphRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (const m of text.matchAll(PARAGRAPH_BREAK)) {
    ranges.push([start, m.index]);
    start = m.index + m[0].length;
  }
  ranges.push([start, text.length]);
  return ranges.filter(([s, e]) => text.slice(s, e).trim() !== '');
}

/**
 * Word pieces of [start, end): cut only where a space is, or between two words with nothing
 * between them (scripts without spaces). Never inside "don't," or a URL.
 */
function wordRanges(text: string, start: number, end: number): [number, number][] {
  const ranges: [number, number][] = [];
  let pieceStart = start;
  let previous: { segment: string; isWordLike: boolean } | null = null;
  for (const seg of segmentsOf(words, text, start, end)) {
    const at = seg.start;
    const canBreak = previous !== null && (isSpace(previous.segment) || (previous.isWordLike && seg.isWordLike));
    if (canBreak && at > pieceStart && !isSpace(seg.segment)) {
      ranges.push([pieceStart, at]);
      pieceStart = at;
    }
    previous = seg;
  }
  ranges.push([pieceStart, end]);
  return ranges;
}

/** The text cut into atoms no bigger than `budget`, each with the strongest break before it. */
function atomsOf(text: string, budget: number): Atom[] {
  const atoms: Atom[] = [];
  let sentence = 0;
  // Atoms hold no whitespace at their edges: what lies between two atoms is their gap.
  const push = (start: number, end: number, weight: number, before: Break, paragraph: number) => {
    const piece = text.slice(start, end);
    const content = piece.trimStart();
    if (content === '') return;
    const from = start + piece.length - content.length;
    atoms.push({ start: from, end: from + content.trimEnd().length, weight, before, paragraph, sentence });
  };
  for (const [paragraph, [pStart, pEnd]] of paragraphRanges(text).entries()) {
    let before: Break = 'paragraph';
    for (const s of segmentsOf(sentences, text, pStart, pEnd)) {
      if (isSpace(s.segment)) continue;
      const sStart = s.start;
      const sEnd = sStart + s.segment.length;
      const weight = measure(s.segment, budget);
      sentence++;
      if (weight <= budget) {
        push(sStart, sEnd, weight, before, paragraph);
        before = 'sentence';
        continue;
      }
      for (const [wStart, wEnd] of wordRanges(text, sStart, sEnd)) {
        const wWeight = measure(text.slice(wStart, wEnd), budget);
        if (wWeight <= budget) {
          push(wStart, wEnd, wWeight, before, paragraph);
          before = 'word';
          continue;
        }
        for (const g of segmentsOf(graphemes, text, wStart, wEnd)) {
          push(g.start, g.start + g.segment.length, weigh(g.segment), before, paragraph);
          before = 'grapheme';
        }
      }
      before = 'sentence';
    }
  }
  return atoms;
}

/** The weight of what separates two atoms (the spaces between them); one character each. */
const gapWeight = (text: string, a: Atom, b: Atom) => [...text.slice(a.end, b.start)].length;

/**
 * Atoms packed greedily into posts of at most `budget`; stops once there would be more than
 * `maxParts` (`more`). Null when one atom alone does not fit.
 */
function pack(text: string, atoms: Atom[], budget: number, maxParts: number): { parts: string[]; more: boolean } | null {
  // The weight of each paragraph and sentence, for the half-full rule.
  const blockWeight = new Map<string, number>();
  for (const [i, a] of atoms.entries()) {
    const gap = i > 0 ? gapWeight(text, atoms[i - 1]!, a) : 0;
    for (const key of [`p${a.paragraph}`, `s${a.sentence}`]) {
      const sum = blockWeight.get(key);
      blockWeight.set(key, sum === undefined ? a.weight : sum + gap + a.weight);
    }
  }
  const parts: string[] = [];
  let i = 0;
  while (i < atoms.length && parts.length < maxParts) {
    const first = i;
    let weight = atoms[i]!.weight;
    i++;
    while (i < atoms.length) {
      const next = atoms[i]!;
      const added = gapWeight(text, atoms[i - 1]!, next) + next.weight;
      if (weight + added > budget) break;
      if (next.before === 'paragraph' || next.before === 'sentence') {
        const block = blockWeight.get(next.before === 'paragraph' ? `p${next.paragraph}` : `s${next.sentence}`) ?? 0;
        // The whole paragraph (or long sentence) does not fit here: start it afresh if this post is full enough.
        if (weight + added - next.weight + block > budget && weight * 2 >= budget) break;
      }
      weight += added;
      i++;
    }
    // Measured whole; a post over the budget gives its last atoms back (found by bisection:
    // each measure of a long post costs).
    const post = (last: number) => text.slice(atoms[first]!.start, atoms[last]!.end);
    if (weigh(post(i - 1)) > budget) {
      if (weigh(post(first)) > budget) return null;
      let fits = first;
      let over = i - 1;
      while (over - fits > 1) {
        const mid = (fits + over) >> 1;
        if (weigh(post(mid)) <= budget) fits = mid;
        else over = mid;
      }
      i = fits + 1;
    }
    parts.push(post(i - 1));
  }
  return { parts, more: i < atoms.length };
}

const digits = (n: number) => String(n).length;

/** The weight of " n/n": ASCII, one each. */
const numberWidth = (n: number) => 2 + 2 * digits(n);

const tooMany = (maxParts: number) =>
  maxParts < MAX_THREAD_PARTS
    ? `This text needs more than the ${maxParts} posts left in this thread (a thread has at most ${MAX_THREAD_PARTS}). Shorten it first.`
    : `This text needs more than ${maxParts} posts, the most a thread can have. Shorten it first.`;

const CANNOT = 'This text cannot be split to fit the limit.';

/** Breaks `text` into posts of at most `limit` weighted characters; see the module comment. */
export function splitIntoThread(text: string, { limit, numbered, maxParts = MAX_THREAD_PARTS }: SplitOptions): SplitResult {
  const whole = text.trim();
  if (whole === '') return { ok: true, parts: [] };
  if (whole.length > SPLIT_MAX_INPUT) return { ok: false, error: `This text is over ${SPLIT_MAX_INPUT.toLocaleString('en')} characters: too long to split. Shorten it first.` };
  if (measure(whole, limit) <= limit) return { ok: true, parts: [whole] };

  if (!numbered) {
    const packed = pack(whole, atomsOf(whole, limit), limit, maxParts);
    if (!packed) return { ok: false, error: CANNOT };
    return packed.more ? { ok: false, error: tooMany(maxParts) } : { ok: true, parts: packed.parts };
  }
  // Numbered: pack for the width of " n/n" with a guessed n, widening while the guess was short.
  let guess = 2;
  for (;;) {
    const budget = limit - numberWidth(guess);
    if (budget < 1) return { ok: false, error: 'The limit leaves no room for the text and its number.' };
    const packed = pack(whole, atomsOf(whole, budget), budget, maxParts);
    if (!packed) return { ok: false, error: CANNOT };
    if (packed.more) return { ok: false, error: tooMany(maxParts) };
    const { parts } = packed;
    if (digits(parts.length) <= digits(guess)) return { ok: true, parts: parts.map((p, k) => `${p} ${k + 1}/${parts.length}`) };
    guess = parts.length;
  }
}

/** " k/n" (after a space or a line break) at the very end of a post. */
const NUMBER_AT_END = /\s+(\d+)\/(\d+)$/;

/**
 * Posts joined back into one text, a blank line between them. The " k/n" numbers the splitter
 * added are taken off, but only when every post ends with its own number (1/n, 2/n, … n/n):
 * a single "24/7" at the end of a post is the writer's, not a number.
 */
export function mergeThread(parts: string[]): string {
  const trimmed = parts.map((p) => p.trim());
  const n = trimmed.length;
  const numbered =
    n > 1 &&
    trimmed.every((p, k) => {
      const m = NUMBER_AT_END.exec(p);
      return m !== null && Number(m[1]) === k + 1 && Number(m[2]) === n;
    });
  const texts = numbered ? trimmed.map((p) => p.replace(NUMBER_AT_END, '')) : trimmed;
  return texts.filter((t) => t !== '').join('\n\n');
}
