import { describe, expect, it } from 'vitest';
import { describeCounts, publishCostText } from './cost-text';

const prices = { postUsd: 0.015, postWithUrlUsd: 0.2 };

describe("the composer's cost line", () => {
  it('prices a thread part by part, a part with a link at the link price', () => {
    expect(publishCostText([[{ text: 'hello' }]], prices)).toBe("Publishing costs $0.015 on X's API: 1 post");
    expect(publishCostText([[{ text: 'one' }, { text: 'two https://example.com' }]], prices)).toBe("Publishing costs $0.215 on X's API: 2 posts, 1 with a link ($0.20 each)");
  });

  it('adds up the posts composed for several accounts at once', () => {
    const thread = [{ text: 'see example.com' }, { text: 'more' }];
    expect(publishCostText([thread, thread, [{ text: 'solo' }]], prices)).toBe("Publishing costs $0.445 on X's API: 5 posts, 2 with a link ($0.20 each)");
  });

  it('says nothing when nothing is composed', () => {
    expect(publishCostText([], prices)).toBeNull();
    expect(publishCostText([[]], prices)).toBeNull();
  });

  it('counts in words', () => {
    expect(describeCounts({ posts: 1, postsWithUrl: 1 })).toBe('1 post, 1 with a link');
    expect(describeCounts({ posts: 1200, postsWithUrl: 0 })).toBe('1,200 posts');
  });
});
