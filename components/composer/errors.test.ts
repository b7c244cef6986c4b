import { describe, expect, it } from 'vitest';
import type { ApiFailure } from '../api/client';
import { composerErrors as mapErrors, hasErrors, NO_ERRORS, withoutMediaError, withoutPartError, type ErrorLayout } from './errors';

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
        posts: ['A group has at most 20 posts'],
      }),
      layout,
    );
    expect(e.parts).toEqual({ 5: ['The same text as post 1'] });
    expect(e.media).toEqual({ 1: ['Unknown media: upload the file again.'] });
    expect(e.accounts).toEqual(['@bob: Account not found']);
    expect(e.general).toEqual(['@alice: Invalid option', 'A group has at most 20 posts']);
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
