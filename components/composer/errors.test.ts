import { describe, expect, it } from 'vitest';
import type { ApiFailure } from '../api/client';
import { composerErrors, hasErrors, NO_ERRORS, withoutMediaError, withoutPart, withoutPartError } from './errors';

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
    expect(e.parts).toEqual({ 0: ['Post text is empty'], 2: ['Post text is 300 characters; X allows 280'] });
    expect(e.scheduledAt).toEqual(['Must be in the future']);
    expect(e.accountId).toEqual(['Unknown account']);
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
    expect(e.media).toEqual({ 1: ['Unknown media: upload the file again.', 'Alt text has at most 1000 characters'] });
    expect(e.parts).toEqual({ 0: ['Post text is empty'] });
    expect(withoutPart(e, 0).media).toEqual({ 0: e.media[1] });
    expect(withoutMediaError(e, 1).media).toEqual({});
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

  it('shifts errors of later parts when a part is removed', () => {
    expect(withoutPart(e, 1).parts).toEqual({ 0: ['a'], 2: ['d'] });
  });

  it("clears one part's error", () => {
    expect(withoutPartError(e, 0).parts).toEqual({ 1: ['b'], 3: ['d'] });
    expect(withoutPartError(e, 2)).toBe(e);
  });
});
