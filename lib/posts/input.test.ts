import { describe, expect, it } from 'vitest';
import { createPostInput, updatePostInput } from '@/lib/posts/input';

/** Text twitter-text's parser takes quadratic time on (0.3 s for 20,000 characters here). */
const hostile = (units: number) => 'a.'.repeat(Math.floor(units / 2));

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('post text that X could never accept', () => {
  it('a 1 MB hostile part is refused before it is counted, in well under 100 ms', () => {
    const accountId = crypto.randomUUID();
    const started = performance.now();
    const result = createPostInput.safeParse({ accountId, parts: [{ text: hostile(1024 * 1024) }] });
    const took = performance.now() - started;
    expect(result.success).toBe(false);
    expect(issues(result)).toEqual(['parts.0.text: Post text is longer than X accepts from any account (25,000 characters)']);
    expect(took).toBeLessThan(50);
  });

  it('counting what is left never blocks the process for longer than its budget', () => {
    // Under the raw cap, but seconds of parsing if counted whole, 25 times over.
    const body = { accountId: crypto.randomUUID(), parts: Array.from({ length: 25 }, () => ({ text: hostile(24_000) })) };
    const started = performance.now();
    const result = createPostInput.safeParse(body);
    const took = performance.now() - started;
    expect(issues(result)).toEqual(['parts.0.text: Post text is too long to check (X allows 25,000 characters)']);
    // The budget is 100 ms; a whole count of one such part alone takes about 0.4 s.
    expect(took).toBeLessThan(250);
  });

  it('long ordinary text is still counted exactly, against the most any account may post (X Premium)', () => {
    // 12,501 units, but CJK characters weigh 2: over X's 25,000 although under the raw cap.
    const result = createPostInput.safeParse({ accountId: crypto.randomUUID(), parts: [{ text: '日'.repeat(12_501) }] });
    expect(issues(result)).toEqual(['parts.0.text: Post text is 25,002 characters; X allows 25,000']);
    // The account's own limit (280 without Premium) needs the account: lib/posts/commands checks it.
    expect(createPostInput.safeParse({ accountId: crypto.randomUUID(), parts: [{ text: 'word '.repeat(5_000) }] }).success).toBe(true);
  });
});

describe('characters Postgres cannot store, and fields nobody asked for', () => {
  const accountId = crypto.randomUUID();

  it('refuses NUL and unpaired surrogates in post text and alt text with field errors', () => {
    expect(issues(createPostInput.safeParse({ accountId, parts: [{ text: 'hello\u0000world' }] }))).toEqual([
      'parts.0.text: Contains a NUL character (\\u0000), which cannot be stored',
    ]);
    expect(issues(createPostInput.safeParse({ accountId, parts: [{ text: 'broken \uD83D emoji' }] }))).toEqual([
      'parts.0.text: Contains a broken character (an unpaired UTF-16 surrogate)',
    ]);
    expect(issues(createPostInput.safeParse({ accountId, parts: [{ text: 'tail \uDE00' }] }))).toHaveLength(1);
    const media = [{ id: crypto.randomUUID(), altText: 'a cat\u0000' }];
    expect(issues(createPostInput.safeParse({ accountId, parts: [{ text: 'ok', media }] }))).toEqual([
      'parts.0.media.0.altText: Contains a NUL character (\\u0000), which cannot be stored',
    ]);
    // Whole emoji are fine.
    expect(createPostInput.safeParse({ accountId, parts: [{ text: 'party 🎉 time' }] }).success).toBe(true);
    expect(updatePostInput.safeParse({ parts: [{ text: 'x\u0000' }] }).success).toBe(false);
  });

  it('refuses unknown fields at every depth, not only at the top', () => {
    expect(issues(createPostInput.safeParse({ accountId, parts: [{ text: 'vote!', card_uri: 'card://1' }] }))).toEqual(['parts.0: Unrecognized key: "card_uri"']);
    // X's spelling inside Herald's poll is an unknown field too, named where it is.
    expect(issues(createPostInput.safeParse({ accountId, parts: [{ text: 'vote!', poll: { options: ['a', 'b'], durationMinutes: 60, duration_minutes: 60 } }] }))).toEqual([
      'parts.0.poll: Unrecognized key: "duration_minutes"',
    ]);
    expect(createPostInput.safeParse({ accountId, parts: [{ text: 'x', media: [{ id: crypto.randomUUID(), alt: 'x' }] }] }).success).toBe(false);
    expect(updatePostInput.safeParse({ parts: [{ text: 'x', reply_settings: 'following' }] }).success).toBe(false);
  });
});
