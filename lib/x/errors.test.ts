import { describe, expect, it } from 'vitest';
import { ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { classifyXError, XMediaError } from './errors';

function response(code: number, data: object, headers: Record<string, string> = {}) {
  return new ApiResponseError('X said no', {
    code,
    data: data as never,
    headers,
    request: {} as never,
    response: {} as never,
    rateLimit: headers['x-rate-limit-reset'] ? { limit: 100, remaining: 0, reset: Number(headers['x-rate-limit-reset']) } : undefined,
  });
}

function network(code: string) {
  const cause = Object.assign(new Error(code), { code });
  return new ApiRequestError('request failed', { request: {} as never, error: cause });
}

describe('classifying X errors', () => {
  it('duplicate content is permanent with an actionable reason', () => {
    const f = classifyXError(response(403, { detail: 'You are not allowed to create a Tweet with duplicate content.', status: 403 }));
    expect(f.kind).toBe('permanent');
    expect(f.reason).toMatch(/duplicate/i);
  });

  it('5xx is transient, 400 permanent, 401 unauthorized', () => {
    expect(classifyXError(response(503, { title: 'Service Unavailable' })).kind).toBe('transient');
    expect(classifyXError(response(400, { errors: [{ message: 'text too long' }] }))).toEqual({ kind: 'permanent', reason: 'X rejected the post (400): text too long' });
    expect(classifyXError(response(401, { title: 'Unauthorized' })).kind).toBe('unauthorized');
  });

  it('429 waits until the reset X announced', () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    const f = classifyXError(response(429, { title: 'Too Many Requests' }, { 'x-rate-limit-reset': String(reset) }));
    expect(f).toMatchObject({ kind: 'rate_limited' });
    expect(f.kind === 'rate_limited' && f.resetAt.getTime()).toBe(reset * 1000);
  });

  it('a 429 from the spent 24-hour user limit waits for that reset', () => {
    const soon = Math.floor(Date.now() / 1000) + 60;
    const tomorrow = Math.floor(Date.now() / 1000) + 20 * 3600;
    const f = classifyXError(
      response(429, {}, { 'x-rate-limit-reset': String(soon), 'x-user-limit-24hour-remaining': '0', 'x-user-limit-24hour-reset': String(tomorrow) }),
    );
    expect(f.kind === 'rate_limited' && f.resetAt.getTime()).toBe(tomorrow * 1000);
  });

  it('tells a request that never left from one whose outcome is unknown', () => {
    expect(classifyXError(network('ECONNREFUSED')).kind).toBe('transient');
    expect(classifyXError(network('ECONNRESET')).kind).toBe('unknown_outcome');
  });

  it('a media upload that cannot succeed is permanent with its reason; a processing timeout is transient', () => {
    expect(classifyXError(new XMediaError('X could not process the video (bad codec).'))).toEqual({ kind: 'permanent', reason: 'X could not process the video (bad codec).' });
    expect(classifyXError(new XMediaError('X was still processing the video after 10 minutes', false)).kind).toBe('transient');
  });
});
