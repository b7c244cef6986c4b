import { describe, expect, it } from 'vitest';
import type { ApiFailure } from '../api/client';
import { composerErrors as mapErrors, hasErrors, NO_ERRORS, withoutExtraError, withoutMediaError, withoutPartError, withoutReplySettingsError, type ErrorLayout } from './errors';

/** One post whose parts have keys 10, 11, 12: errors land on keys, not indexes. */
const single: ErrorLayout = { grouped: false, posts: [{ label: '@alice', partKeys: [10, 11, 12] }] };
const composerErrors = (f: ApiFailure) => mapErrors(f, single);
const failure = (fields: Record<string, string[]>, error = 'Invalid input'): ApiFailure => ({ ok: false, status: 400, error, fields });

describe('composerErrors', () => {
  it('puts field errors next to their fields', () => {
    const e = composerErrors(
      failure({
        'parts.0.text': ['Post text is empty'],
        'parts.2.text': ['Post text is 300 characters; X allows 280'],
        scheduledAt: ['Must be in the future'],
        accountId: ['Unknown account'],
      }),
    );
    expect(e.parts).toEqual({ 10: ['Post text is empty'], 12: ['Post text is 300 characters; X allows 280'] });
    expect(e.scheduledAt).toEqual(['Must be in the future']);
    expect(e.accounts).toEqual(['Unknown account']);
    expect(e.general).toEqual([]);
  });

  it("puts a part's media errors, alt text included, next to that part's media", () => {
    const e = composerErrors(
      failure({
        'parts.1.media': ['Unknown media: upload the file again.'],
        'parts.1.media.0.altText': ['Alt text has at most 1000 characters'],
        'parts.0.text': ['Post text is empty'],
      }),
    );
    expect(e.media).toEqual({ 11: ['Unknown media: upload the file again.', 'Alt text has at most 1000 characters'] });
    expect(e.parts).toEqual({ 10: ['Post text is empty'] });
    expect(withoutMediaError(e, 11).media).toEqual({});
  });

  it('maps a group’s fields to the parts of each account’s post, and names the account elsewhere', () => {
    const layout: ErrorLayout = {
      grouped: true,
      posts: [
        { label: '@alice', partKeys: [0, 1] },
        { label: '@bob', partKeys: [5] },
      ],
    };
    const e = mapErrors(
      failure({
        'posts.1.parts.0.text': ['The same text as post 1'],
        'posts.0.parts.1.media': ['Unknown media: upload the file again.'],
        'posts.1.accountId': ['Account not found'],
        'posts.0.replySettings': ['Invalid option'],
        'posts.1.publishNow': ['Give scheduledAt or publishNow, not both'],
        posts: ['A group has at most 20 posts'],
      }),
      layout,
    );
    expect(e.parts).toEqual({ 5: ['The same text as post 1'] });
    expect(e.media).toEqual({ 1: ['Unknown media: upload the file again.'] });
    expect(e.accounts).toEqual(['@bob: Account not found']);
    // Who can reply sits by each post, keyed by its first part.
    expect(e.replySettings).toEqual({ 0: ['Invalid option'] });
    expect(e.general).toEqual(['@bob: Give scheduledAt or publishNow, not both', 'A group has at most 20 posts']);
  });

  it("puts a part's poll, quote and reply target errors next to their inputs, by part key and field", () => {
    const e = composerErrors(
      failure({
        'parts.0.poll.options.1': ['Option 2 is 26 characters; X allows 25'],
        'parts.0.poll.options': ['A poll has 2 to 4 options'],
        'parts.0.poll.durationMinutes': ['A poll runs 5 minutes to 7 days (5 to 10080 minutes)'],
        'parts.0.replyToPostId': ["Paste a post's link or id"],
        'parts.2.poll': ['A post with a poll cannot have media too'],
        'parts.1.quotePostId': ["Paste a post's link or id"],
        replySettings: ['Must be one of following, mentionedUsers, subscribers, verified (leave it out for everyone)'],
      }),
    );
    expect(e.extras).toEqual({
      10: {
        'poll.options.1': ['Option 2 is 26 characters; X allows 25'],
        'poll.options': ['A poll has 2 to 4 options'],
        'poll.durationMinutes': ['A poll runs 5 minutes to 7 days (5 to 10080 minutes)'],
        replyToPostId: ["Paste a post's link or id"],
      },
      11: { quotePostId: ["Paste a post's link or id"] },
      12: { poll: ['A post with a poll cannot have media too'] },
    });
    expect(e.replySettings).toEqual({ 10: ['Must be one of following, mentionedUsers, subscribers, verified (leave it out for everyone)'] });
    expect(e.general).toEqual([]);
    expect(e.parts).toEqual({});
    expect(hasErrors({ ...NO_ERRORS, extras: e.extras })).toBe(true);
    expect(hasErrors({ ...NO_ERRORS, replySettings: e.replySettings })).toBe(true);

    // Editing the poll clears every poll message of that part, and nothing else.
    expect(withoutExtraError(e, 10, 'poll').extras[10]).toEqual({ replyToPostId: ["Paste a post's link or id"] });
    expect(withoutExtraError(e, 11, 'quotePostId').extras[11]).toBeUndefined();
    expect(withoutExtraError(e, 10).extras[10]).toBeUndefined();
    expect(withoutReplySettingsError(e, 10).replySettings).toEqual({});
  });

  it('shows fields that belong to no input as general errors', () => {
    const e = composerErrors(failure({ parts: ['A thread has at most 25 parts'], _: ['Nothing to change'] }));
    expect(e.general).toEqual(['A thread has at most 25 parts', 'Nothing to change']);
  });

  it('shows the message itself when there are no fields', () => {
    const e = composerErrors({ ok: false, status: 409, error: 'This post is already published.', fields: {} });
    expect(e.general).toEqual(['This post is already published.']);
    expect(hasErrors(e)).toBe(true);
    expect(hasErrors(NO_ERRORS)).toBe(false);
  });
});

describe('part error bookkeeping', () => {
  const e = { ...NO_ERRORS, parts: { 0: ['a'], 1: ['b'], 3: ['d'] } };

  it("clears one part's error by its key, leaving the others where they are", () => {
    expect(withoutPartError(e, 1).parts).toEqual({ 0: ['a'], 3: ['d'] });
    expect(withoutPartError(e, 2)).toBe(e);
  });
});
