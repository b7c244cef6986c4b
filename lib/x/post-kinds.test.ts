import { describe, expect, it } from 'vitest';
import { replySetting } from '../db/schema';
import { POST_REF_MESSAGE, REPLY_SETTINGS, parsePostRef, partKindProblem, pollProblems } from './rules';

describe('reading a pasted post id or link', () => {
  it.each([
    ['1346889436626259968', '1346889436626259968'],
    ['  42  ', '42'],
    ['https://x.com/jack/status/20', '20'],
    ['https://twitter.com/jack/status/20', '20'],
    ['https://www.twitter.com/jack/status/20', '20'],
    ['https://mobile.twitter.com/jack/status/20', '20'],
    ['https://mobile.x.com/jack/status/20?s=20&t=abc', '20'],
    ['https://x.com/jack/status/20#m', '20'],
    ['https://x.com/jack/status/20/photo/1', '20'],
    ['http://x.com/jack/status/20/', '20'],
    ['x.com/jack/status/20', '20'],
    ['https://X.com/Some_User/status/1346889436626259968', '1346889436626259968'],
    ['https://x.com/i/web/status/1346889436626259968', '1346889436626259968'],
    ['https://twitter.com/i/web/status/7?ref=x', '7'],
  ])('%s names post %s', (input, id) => {
    expect(parsePostRef(input)).toBe(id);
  });

  it.each([
    '',
    'abc',
    '12345678901234567890', // 20 digits: longer than any X id
    '-5',
    '1.5',
    'https://x.com/jack',
    'https://x.com/jack/status/',
    'https://x.com/jack/status/abc',
    'https://x.com/jack/status/12345678901234567890',
    'https://example.com/jack/status/20',
    'https://x.com.evil.example/jack/status/20',
    'https://evilx.com/jack/status/20',
    'https://x.com/this_name_is_far_too_long/status/20',
    'https://x.com/jack/likes/20',
    `https://x.com/jack/status/20?${'a'.repeat(3000)}`,
  ])('refuses %j', (input) => {
    expect(parsePostRef(input)).toBeNull();
  });

  it('has one message for anything else', () => {
    expect(POST_REF_MESSAGE).toBe("Paste a post's link or id");
  });
});

describe("X's poll limits", () => {
  const ok = { options: ['yes', 'no'], durationMinutes: 60 };

  it('takes 2 to 4 options of 1 to 25 characters, open 5 minutes to 7 days', () => {
    expect(pollProblems(ok)).toEqual([]);
    expect(pollProblems({ options: ['a', 'b', 'c', 'd'], durationMinutes: 5 })).toEqual([]);
    expect(pollProblems({ options: ['a'.repeat(25), '日'.repeat(25)], durationMinutes: 10080 })).toEqual([]);
    // 25 characters of X's kind: an emoji is one character, though two UTF-16 units.
    expect(pollProblems({ options: ['😀'.repeat(25), 'b'], durationMinutes: 10080 })).toEqual([]);
  });

  it('names each problem with its field', () => {
    expect(pollProblems({ options: ['only'], durationMinutes: 60 })).toEqual([{ path: ['options'], message: 'A poll has 2 to 4 options' }]);
    expect(pollProblems({ options: ['a', 'b', 'c', 'd', 'e'], durationMinutes: 60 })).toEqual([{ path: ['options'], message: 'A poll has 2 to 4 options' }]);
    expect(pollProblems({ options: ['a', ''], durationMinutes: 60 })).toEqual([{ path: ['options', 1], message: 'Option 2 is empty' }]);
    expect(pollProblems({ options: ['a'.repeat(26), 'b'], durationMinutes: 60 })).toEqual([
      { path: ['options', 0], message: 'Option 1 is 26 characters; X allows 25' },
    ]);
    expect(pollProblems({ options: ['Yes', 'yes'], durationMinutes: 60 })).toEqual([{ path: ['options', 1], message: 'Option 2 is the same as an earlier one' }]);
    for (const durationMinutes of [4, 10081, 60.5, 0, -1]) {
      expect(pollProblems({ ...ok, durationMinutes })).toEqual([
        { path: ['durationMinutes'], message: 'A poll runs 5 minutes to 7 days (5 to 10080 minutes)' },
      ]);
    }
  });

  it('keeps a poll apart from media and from a quoted post; a quote may have media', () => {
    expect(partKindProblem({ poll: ok, mediaCount: 0 })).toBeNull();
    expect(partKindProblem({ poll: ok, mediaCount: 1 })).toEqual({ field: 'poll', message: 'A post with a poll cannot have media too' });
    expect(partKindProblem({ poll: ok, quotePostId: '20', mediaCount: 0 })).toEqual({ field: 'poll', message: 'A post with a poll cannot quote another post' });
    expect(partKindProblem({ quotePostId: '20', mediaCount: 2 })).toBeNull();
  });
});

describe('who can reply', () => {
  it("is X's reply_settings, the same list the database keeps", () => {
    expect(REPLY_SETTINGS).toEqual(['following', 'mentionedUsers', 'subscribers', 'verified']);
    expect([...replySetting.enumValues]).toEqual([...REPLY_SETTINGS]);
  });
});
