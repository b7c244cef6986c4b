import { MAX_THREAD_PARTS } from '@/lib/x/rules';
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
 * counts 23 as a link); a post measured over the limit gives back its last piece.
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
 * Beyond this, a piece is not measured at all but cut smaller: twitter-text's time grows with the
 * square of the length on some inputs (see X_MAX_TEXT_UNITS), and no piece this long fits a post.
 */
const MEASURE_AT_MOST = 25_000;

/** Graphemes repeat (a long run of one letter): each is measured once. */
const graphemeWeights = new Map<string, number>();
function graphemeWeight(g: string): number {
  let w = graphemeWeights.get(g);
  if (w === undefined) {
    w = weightedLength(g);
    if (graphemeWeights.size < 10_000) graphemeWeights.set(g, w);
  }
  return w;
}

function measure(text: string): number {
  const trimmed = text.trim();
  return trimmed.length > MEASURE_AT_MOST ? Infinity : weightedLength(trimmed);
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
  let previous: { segment: string; isWordLike?: boolean } | null = null;
  for (const seg of words.segment(text.slice(start, end))) {
    const at = start + seg.index;
    const canBreak = previous !== null && (isSpace(previous.segment) || (previous.isWordLike === true && seg.isWordLike === true));
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
  const push = (start: number, end: number, weight: number, before: Break, paragraph: number) => {
    if (text.slice(start, end).trim() !== '') atoms.push({ start, end, weight, before, paragraph, sentence });
  };
  for (const [paragraph, [pStart, pEnd]] of paragraphRanges(text).entries()) {
    let before: Break = 'paragraph';
    for (const s of sentences.segment(text.slice(pStart, pEnd))) {
      if (isSpace(s.segment)) continue;
      const sStart = pStart + s.index;
      const sEnd = sStart + s.segment.length;
      const weight = measure(s.segment);
      sentence++;
      if (weight <= budget) {
        push(sStart, sEnd, weight, before, paragraph);
        before = 'sentence';
        continue;
      }
      for (const [wStart, wEnd] of wordRanges(text, sStart, sEnd)) {
        const wWeight = measure(text.slice(wStart, wEnd));
        if (wWeight <= budget) {
          push(wStart, wEnd, wWeight, before, paragraph);
          before = 'word';
          continue;
        }
        for (const g of graphemes.segment(text.slice(wStart, wEnd))) {
          const gStart = wStart + g.index;
          push(gStart, gStart + g.segment.length, graphemeWeight(g.segment), before, paragraph);
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
    // Measured whole; a post over the budget gives its last atoms back.
    let post = text.slice(atoms[first]!.start, atoms[i - 1]!.end).trim();
    while (weightedLength(post) > budget) {
      if (i - 1 === first) return null;
      i--;
      post = text.slice(atoms[first]!.start, atoms[i - 1]!.end).trim();
    }
    parts.push(post);
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
  // Nothing of this size fits in the thread; not worth segmenting.
  if (whole.length > maxParts * Math.max(limit, MEASURE_AT_MOST)) return { ok: false, error: tooMany(maxParts) };
  if (measure(whole) <= limit) return { ok: true, parts: [whole] };

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
