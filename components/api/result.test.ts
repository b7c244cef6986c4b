import { describe, expect, it } from 'vitest';
import { describeFailure, failure, field, list, nothing, readAnswer } from './result';

describe('readAnswer', () => {
  const post = field<{ id: string }>('post');

  it('gives the data inside the envelope', () => {
    expect(readAnswer(201, '{"post":{"id":"p1"}}', post)).toEqual({ ok: true, status: 201, data: { id: 'p1' } });
    expect(readAnswer(200, '{"posts":[{"id":"p1"}]}', list('posts'))).toEqual({ ok: true, status: 200, data: [{ id: 'p1' }] });
    expect(readAnswer(204, '', nothing)).toEqual({ ok: true, status: 204, data: null });
  });

  it('turns an answer of another shape into a failure, not into undefined', () => {
    for (const text of ['<html>proxy</html>', '{"posts":[]}', '{"post":"p1"}', '{"post":null}', '']) {
      const result = readAnswer(200, text, post);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/does not understand/);
    }
    expect(readAnswer(200, '{"posts":[1]}', list('posts')).ok).toBe(false);
  });

  it("keeps the API's error and field messages", () => {
    const body = JSON.stringify({ error: 'Invalid input', fields: { 'parts.0.text': ['Post text is empty', 7], scheduledAt: 'not a list' } });
    expect(readAnswer(400, body, post)).toEqual({ ok: false, status: 400, error: 'Invalid input', fields: { 'parts.0.text': ['Post text is empty'] } });
  });
});

describe('failure', () => {
  it('says something useful when the body has no error', () => {
    expect(failure(401, null).error).toBe('Your session has ended. Sign in again.');
    expect(failure(502, '<html>').error).toBe('Something went wrong on our side. Try again in a moment.');
    expect(failure(413, null, 'upload').error).toBe('The upload failed (HTTP 413).');
    expect(failure(404, { error: 'Post not found' })).toEqual({ ok: false, status: 404, error: 'Post not found', fields: {} });
  });

  it('describes a failure in one line', () => {
    expect(describeFailure({ ok: false, status: 400, error: 'Invalid input', fields: { scheduledAt: ['Must be in the future'] } })).toBe('Invalid input: Must be in the future');
    expect(describeFailure(failure(409, { error: 'Already published' }))).toBe('Already published');
  });
});
