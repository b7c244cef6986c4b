import { describe, expect, it } from 'vitest';
import { MAX_THREAD_PARTS } from '@/lib/x/rules';
import { weightedLength } from '@/lib/x/text';
import { mergeThread, SPLIT_MAX_INPUT, splitIntoThread, type SplitOptions } from './split-thread';

const plain: SplitOptions = { limit: 280, numbered: false };
const numbered: SplitOptions = { limit: 280, numbered: true };

function split(text: string, options: SplitOptions = plain): string[] {
  const result = splitIntoThread(text, options);
  if (!result.ok) throw new Error(result.error);
  return result.parts;
}

/** Whitespace runs made one space: what a round trip keeps. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `count` distinct sentences of about `size` characters. */
function sentences(count: number, size = 60): string {
  return Array.from({ length: count }, (_, i) => {
    const head = `Sentence ${i + 1} says`;
    return `${head} ${'more '.repeat(Math.max(0, Math.round((size - head.length - 2) / 5)))}`.trim() + '.';
  }).join(' ');
}

const fits = (parts: string[], limit = 280) => parts.forEach((p) => expect(weightedLength(p), p).toBeLessThanOrEqual(limit));

describe('splitIntoThread', () => {
  it('leaves a text that fits as one post, trimmed, without a number', () => {
    expect(split('  Short and sweet.  ')).toEqual(['Short and sweet.']);
    expect(split('Short and sweet.', numbered)).toEqual(['Short and sweet.']);
    expect(split('   ')).toEqual([]);
  });

  it('packs whole sentences, as many as fit in each post', () => {
    const text = sentences(12);
    const parts = split(text);
    fits(parts);
    expect(parts.length).toBe(3);
    // Every post ends a sentence and starts one.
    for (const p of parts) {
      expect(p).toMatch(/^Sentence \d+ says/);
      expect(p).toMatch(/\.$/);
    }
    // Greedy: the next sentence would not have fitted in the post before.
    const next = (k: number) => parts[k + 1]!.split(/(?<=\.) /)[0]!;
    for (let k = 0; k < parts.length - 1; k++) expect(weightedLength(`${parts[k]} ${next(k)}`)).toBeGreaterThan(280);
    expect(squash(parts.join(' '))).toBe(squash(text));
  });

  it('breaks a sentence longer than a post between words, never inside one', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`);
    const text = `${words.join(' ')}.`;
    const parts = split(text);
    expect(parts.length).toBeGreaterThan(1);
    fits(parts);
    const back = parts.join(' ').replace(/\.$/, '').split(' ');
    expect(back).toEqual(words);
  });

  it('hard-breaks a "word" longer than a post, by characters, keeping emoji whole', () => {
    const giant = 'x'.repeat(700);
    const parts = split(`Before. ${giant} after.`);
    fits(parts);
    expect(parts.map((p) => weightedLength(p))).toEqual([280, 280, 155]);
    expect(parts.join('').replace(/\s/g, '')).toBe(`Before.${giant}after.`);

    const thumbs = '👍🏽'.repeat(200);
    const emojiParts = split(thumbs);
    fits(emojiParts);
    expect(emojiParts.join('')).toBe(thumbs);
    // No skin-tone modifier torn from its thumb.
    for (const p of emojiParts) expect(p).toMatch(/^(👍🏽)+$/u);
  });

  it('counts CJK characters as two', () => {
    const text = Array.from({ length: 30 }, (_, i) => `これは第${'一二三四五六七八九十'[i % 10]}の文です。`).join('');
    const parts = split(text);
    fits(parts);
    // 280 weighted: at most about 140 characters of Japanese in a post.
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(140);
    expect(parts.join('')).toBe(text);
    // A long Japanese sentence with no spaces breaks between words, not mid-word.
    const long = `${'日本語の文章を書きます'.repeat(20)}。`;
    const longParts = split(long);
    fits(longParts);
    expect(longParts.join('')).toBe(long);
  });

  it('counts each URL as 23 however long it is', () => {
    const url = (i: number) => `https://example.com/${'path/'.repeat(40)}${i}`;
    const text = Array.from({ length: 10 }, (_, i) => `Read ${url(i)} now.`).join(' ');
    expect(text.length).toBeGreaterThan(2000);
    const parts = split(text);
    fits(parts);
    // 10 × ("Read " + 23 + " now.") ≈ 330 weighted: two posts, though thousands of characters.
    expect(parts.length).toBe(2);
    expect(squash(parts.join(' '))).toBe(text);
  });

  it('numbers posts " k/n" and fits each with its number, exactly at the limit', () => {
    // 276 + " 1/2" = 280: fits exactly.
    const exact = `${'a'.repeat(275)}.`;
    const parts = split(`${exact} The end.`, numbered);
    expect(parts).toEqual([`${exact} 1/2`, 'The end. 2/2']);
    expect(weightedLength(parts[0]!)).toBe(280);
    // One more and the sentence no longer fits with its number: it is broken, still within the limit.
    const over = `${'a'.repeat(276)}.`;
    const overParts = split(`${over} The end.`, numbered);
    fits(overParts);
    expect(overParts[0]).not.toBe(`${over} 1/2`);
    // Without numbers the same sentence fits whole.
    expect(split(`${over} The end.`)).toEqual([over, 'The end.']);
  });

  it('widens the number when there are ten posts or more', () => {
    for (const count of [20, 27, 30, 40, 60]) {
      const parts = split(sentences(count, 90), numbered);
      fits(parts);
      parts.forEach((p, k) => expect(p.endsWith(` ${k + 1}/${parts.length}`), p).toBe(true));
    }
    // Twelve posts: " 10/12" takes 6, so a sentence of 274 fits exactly and one of 275 no longer does.
    const twelve = (size: number) => Array.from({ length: 12 }, (_, i) => `${'abcdefghijkl'[i]!.repeat(size - 1)}.`);
    const whole = split(twelve(274).join(' '), numbered);
    expect(whole).toEqual(twelve(274).map((t, k) => `${t} ${k + 1}/12`));
    expect(whole.map((p) => weightedLength(p))).toEqual([...Array(9).fill(279), 280, 280, 280]);
    const broken = split(twelve(275).join(' '), numbered);
    fits(broken);
    expect(broken.length).toBeGreaterThan(12);
    // A text that needs exactly 9 posts unnumbered and more once " 9/9" takes room.
    const nine = split(sentences(27, 92));
    expect(nine.length).toBe(9);
    const numberedParts = split(sentences(27, 92), numbered);
    fits(numberedParts);
    expect(numberedParts.length).toBeGreaterThanOrEqual(10);
    numberedParts.forEach((p, k) => expect(p.endsWith(` ${k + 1}/${numberedParts.length}`)).toBe(true));
  });

  it('prefers a paragraph break when the post is already half full', () => {
    const first = sentences(2, 80);
    const second = 'Another paragraph begins here. It has three sentences of some length. The third one ends it right here, and it is long enough.';
    const parts = split(`${first}\n\n${second}`);
    // The second paragraph would not fit after the first: it starts its own post, whole.
    expect(parts).toEqual([first, second]);
    // A short first paragraph (under half a post) is filled with sentences of the next.
    const short = split(`Hi.\n\n${sentences(6, 80)}`);
    expect(short[0]).toMatch(/^Hi\.\n\nSentence 1 says/);
    fits(short);
  });

  it('says so when the text needs more posts than a thread may have', () => {
    const result = splitIntoThread(sentences(MAX_THREAD_PARTS * 4 + 4, 70), plain);
    expect(result).toEqual({ ok: false, error: expect.stringContaining(`more than ${MAX_THREAD_PARTS} posts`) });
    const left = splitIntoThread(sentences(20, 70), { ...plain, maxParts: 3 });
    expect(left).toEqual({ ok: false, error: expect.stringContaining('3 posts left') });
    expect(splitIntoThread(sentences(9, 70), { ...plain, maxParts: 3 })).toMatchObject({ ok: true, parts: { length: 3 } });
  });

  it('cuts a huge text without spaces in bounded windows, and refuses one too long to split', () => {
    // Intl.Segmenter copies its input per segment: unwindowed, this ran out of memory.
    const giant = 'x'.repeat(SPLIT_MAX_INPUT - 1000);
    const parts = split(giant, { limit: 25_000, numbered: true });
    expect(parts.map((p) => p.length)).toEqual([24_996, 24_996, 24_996, 24_012].map((n, k) => n + ` ${k + 1}/4`.length));
    expect(splitIntoThread('y'.repeat(SPLIT_MAX_INPUT + 1), { limit: 25_000, numbered: false })).toEqual({ ok: false, error: expect.stringContaining('too long to split') });
    // Words repeated many times: measured once each, so a Premium split stays quick.
    const started = performance.now();
    expect(split('wörd '.repeat(19_000), { limit: 25_000, numbered: true })).toHaveLength(4);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('fits a long post of X Premium', () => {
    const text = sentences(800, 70);
    const parts = split(text, { limit: 25_000, numbered: true });
    expect(parts.length).toBe(3);
    fits(parts, 25_000);
  });
});

describe('mergeThread', () => {
  it('joins posts with a blank line and takes off the numbers the splitter added', () => {
    expect(mergeThread(['One. 1/3', 'Two. 2/3', ' Three. 3/3 '])).toBe('One.\n\nTwo.\n\nThree.');
    expect(mergeThread(['One.', '', 'Two.'])).toBe('One.\n\nTwo.');
  });

  it('keeps numbers that are not a full 1/n sequence', () => {
    expect(mergeThread(['Open 24/7', 'Really.'])).toBe('Open 24/7\n\nReally.');
    expect(mergeThread(['A 1/3', 'B 2/3'])).toBe('A 1/3\n\nB 2/3');
    expect(mergeThread(['A 1/2', 'B 1/2'])).toBe('A 1/2\n\nB 1/2');
  });

  it('gives back the original text, modulo whitespace, after a split', () => {
    const texts = [
      sentences(14),
      `Intro paragraph here.\n\n${sentences(9, 100)}\n\nLast words.`,
      `${Array.from({ length: 90 }, (_, i) => `w${i}`).join(' ')}.`,
      `Start. ${'z'.repeat(650)} end.`,
      Array.from({ length: 20 }, (_, i) => `これは${i + 1}番目の文です。`).join(''),
    ];
    for (const text of texts) {
      for (const options of [plain, numbered]) {
        const parts = split(text, options);
        expect(parts.length).toBeGreaterThan(1);
        fits(parts);
        const merged = mergeThread(parts);
        expect(merged.replace(/\s/g, ''), text.slice(0, 30)).toBe(text.replace(/\s/g, ''));
        // Broken at spaces only: the same words with the same spaces.
        if (/^(Intro|Sentence|w0)/.test(text)) expect(squash(merged)).toBe(squash(text));
      }
    }
  });
});
