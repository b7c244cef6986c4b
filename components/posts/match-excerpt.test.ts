import { describe, expect, it } from 'vitest';
import { matchExcerpt } from './match-excerpt';

const marked = (parts: string[], search: string, max?: number) =>
  matchExcerpt(parts, search, max)
    .pieces.map((p) => (p.match ? `[${p.text}]` : p.text))
    .join('');

describe('matchExcerpt', () => {
  it('marks every match, whatever its case', () => {
    expect(marked(['Lighthouses at dawn: the LIGHTHOUSE keeper'], 'lighthouse')).toBe('[Lighthouse]s at dawn: the [LIGHTHOUSE] keeper');
  });

  it('shows the start of the first part when there is no search, one line of it', () => {
    expect(marked(['one\n\ntwo   three', 'second'], '')).toBe('one two three');
    expect(marked(['x'.repeat(300)], '', 10)).toBe(`${'x'.repeat(10)}…`);
  });

  it('shows the part of a thread that matched', () => {
    const found = matchExcerpt(['first post', 'the second has the Word'], 'word');
    expect(found.part).toBe(1);
    expect(found.pieces.map((p) => p.text).join('')).toBe('the second has the Word');
  });

  it('moves the window to a match far into a long text', () => {
    const text = `${'a '.repeat(200)}needle${' b'.repeat(200)}`;
    const shown = marked([text], 'needle', 40);
    expect(shown).toContain('[needle]');
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.replace(/[[\]…]/g, '').length).toBe(40);
  });

  it('takes the search literally (%, _ and regex characters are text)', () => {
    expect(marked(['100%_sure (a.b)'], '%_s')).toBe('100[%_s]ure (a.b)');
    expect(marked(['a.b axb'], 'a.b')).toBe('[a.b] axb');
  });

  it('marks nothing rather than the wrong span when lower-casing changes the length', () => {
    expect(marked(['İstanbul istanbul'], 'istanbul')).toBe('İstanbul istanbul');
  });
});
