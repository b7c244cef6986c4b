import { describe, expect, it } from 'vitest';
import { containsUrl } from '../x/text';
import { costOfParts, formatUsd, priceOf, sumCosts } from './cost';

const prices = { postUsd: 0.015, postWithUrlUsd: 0.2 };

describe('the cost of publishing on X', () => {
  it('finds links by X\'s own rules, with or without a scheme', () => {
    expect(containsUrl('read https://example.com/a')).toBe(true);
    expect(containsUrl('see example.com today')).toBe(true);
    expect(containsUrl('e.g. this, i.e. that.')).toBe(false);
    expect(containsUrl('mail me at a@example.com')).toBe(false);
    expect(containsUrl('no link here')).toBe(false);
  });

  it('bills every part of a thread as a post, a part with a link at the link price', () => {
    expect(costOfParts([{ text: 'hello' }], prices)).toEqual({ posts: 1, postsWithUrl: 0, usd: 0.015 });
    expect(costOfParts([{ text: 'one' }, { text: 'two https://example.com' }], prices)).toEqual({ posts: 2, postsWithUrl: 1, usd: 0.215 });
    expect(costOfParts([], prices)).toEqual({ posts: 0, postsWithUrl: 0, usd: 0 });
  });

  it('adds money without floating-point drift', () => {
    // In doubles, 0.015 + 0.2 is 0.21500000000000002 and 6 × 0.015 + 3 × 0.2 is 0.6900000000000001.
    expect(priceOf({ posts: 2, postsWithUrl: 1 }, prices).usd).toBe(0.215);
    expect(priceOf({ posts: 9, postsWithUrl: 3 }, prices).usd).toBe(0.69);
    expect(priceOf({ posts: 10, postsWithUrl: 0 }, prices).usd).toBe(0.15);
    expect(priceOf({ posts: 3, postsWithUrl: 1 }, { postUsd: 0.1, postWithUrlUsd: 0.2 }).usd).toBe(0.4);
    expect(priceOf({ posts: 1000, postsWithUrl: 999 }, prices).usd).toBe(199.815);
    const a = costOfParts([{ text: 'a' }], prices);
    const b = costOfParts([{ text: 'b example.com' }, { text: 'c' }], prices);
    expect(sumCosts([a, b], prices)).toEqual({ posts: 3, postsWithUrl: 1, usd: 0.23 });
  });

  it('shows dollars with cents, or tenths of a cent when a price has them', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.03)).toBe('$0.03');
    expect(formatUsd(0.015)).toBe('$0.015');
    expect(formatUsd(0.215)).toBe('$0.215');
    expect(formatUsd(0.2)).toBe('$0.20');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
  });
});
