import { describe, expect, it } from 'vitest';
import { lengthProblem, X_MAX_TEXT_UNITS } from './rules';
import { DISPLAY_URL_MAX_CHARS, displayUrl, textSegments, weightedLength } from './text';

describe("X's weighted length", () => {
  it('counts URLs as 23 and CJK and emoji as 2', () => {
    expect(weightedLength('abc')).toBe(3);
    expect(weightedLength('https://example.com/a/very/long/path/that/is/longer/than/23')).toBe(23);
    expect(weightedLength('日本')).toBe(4);
    expect(weightedLength('😀')).toBe(2);
  });

  it('allows 280 and refuses 281', () => {
    expect(lengthProblem(weightedLength('a'.repeat(280)))).toBeNull();
    expect(lengthProblem(weightedLength('a'.repeat(281)))).toMatch(/281 characters; X allows 280/);
  });
});

describe('post text segments (what X links in a post)', () => {
  it('is empty for empty text and one plain run for text without entities', () => {
    expect(textSegments('')).toEqual([]);
    expect(textSegments('just words')).toEqual([{ kind: 'text', text: 'just words' }]);
  });

  it('finds a link after emoji at the right place (UTF-16 offsets, not code points)', () => {
    expect(textSegments('😀👍🏽 see https://example.com/a now')).toEqual([
      { kind: 'text', text: '😀👍🏽 see ' },
      { kind: 'url', text: 'https://example.com/a', href: 'https://example.com/a', display: 'example.com/a' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('finds entities among CJK text', () => {
    expect(textSegments('日本語 @jack と #日本 です')).toEqual([
      { kind: 'text', text: '日本語 ' },
      { kind: 'mention', text: '@jack', href: 'https://x.com/jack' },
      { kind: 'text', text: ' と ' },
      { kind: 'hashtag', text: '#日本', href: `https://x.com/hashtag/${encodeURIComponent('日本')}` },
      { kind: 'text', text: ' です' },
    ]);
  });

  it('splits several entities of every kind, a link without a scheme included', () => {
    const segments = textSegments('@ana: $TSLA up, see example.com #stocks');
    expect(segments).toEqual([
      { kind: 'mention', text: '@ana', href: 'https://x.com/ana' },
      { kind: 'text', text: ': ' },
      { kind: 'cashtag', text: '$TSLA', href: 'https://x.com/search?q=%24TSLA' },
      { kind: 'text', text: ' up, see ' },
      { kind: 'url', text: 'example.com', href: 'https://example.com', display: 'example.com' },
      { kind: 'text', text: ' ' },
      { kind: 'hashtag', text: '#stocks', href: 'https://x.com/hashtag/stocks' },
    ]);
  });

  it('keeps every character: the segments join back to the text', () => {
    const text = '🧵 1/3\n\n@a_b #x $AB https://t.co/x 🎉 例え.jp? x.com/i/status/1 end ';
    expect(textSegments(text).map((s) => s.text).join('')).toBe(text);
  });

  it('leaves an e-mail address, and a lone @, # or $, as plain text', () => {
    expect(textSegments('mail me@example.org or @ or # or $')).toEqual([{ kind: 'text', text: 'mail me@example.org or @ or # or $' }]);
  });

  it('does not look for entities in text longer than X ever takes', () => {
    const text = `@jack ${'a'.repeat(X_MAX_TEXT_UNITS)}`;
    expect(textSegments(text)).toEqual([{ kind: 'text', text }]);
  });
});

describe('the form X shows a link in', () => {
  it('drops the scheme, www. and a bare trailing slash', () => {
    expect(displayUrl('https://www.example.com/')).toBe('example.com');
    expect(displayUrl('HTTP://example.com/a/')).toBe('example.com/a/');
    expect(displayUrl('example.com')).toBe('example.com');
  });

  it(`cuts after ${DISPLAY_URL_MAX_CHARS} characters with an ellipsis`, () => {
    expect(displayUrl('https://example.com/a/very/long/path')).toBe('example.com/a/very/long…');
    expect(displayUrl('https://example.com/12345678901')).toBe('example.com/12345678901');
    // Counted in code points: an emoji is never cut in half.
    expect(displayUrl(`https://e.com/${'😀'.repeat(20)}`)).toBe(`e.com/${'😀'.repeat(17)}…`);
  });
});
