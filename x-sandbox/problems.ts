/**
 * X's error bodies, as X sends them (sources in x-sandbox/README.md, "How the bodies were checked").
 *
 * - Generic HTTP problems (401, 403, 429, 5xx) are RFC 7807 objects with `type: "about:blank"`,
 *   e.g. `{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}`.
 * - Invalid requests (400) carry `errors[]` of `{parameters, message}` plus
 *   `title: "Invalid Request"`, `detail: "One or more parameters to your request was invalid."`
 *   and `type: "https://api.x.com/2/problems/invalid-request"`.
 * - The OAuth 2.0 token endpoints answer RFC 6749 bodies: `{"error", "error_description"}`.
 */
import { json, type Reply } from './http-util';

export const PROBLEM_BASE = 'https://api.x.com/2/problems/';

export interface XParameterError {
  parameters: Record<string, string[]>;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? 'Error';
}

/** `{"title","type":"about:blank","status","detail"}`, the shape of X's generic HTTP problems. */
export function blankProblemBody(status: number, detail?: string): Record<string, string | number> {
  const title = statusTitle(status);
  return { title, type: 'about:blank', status, detail: detail ?? title };
}

export function blankProblem(status: number, detail?: string, headers?: Record<string, string>): Reply {
  return json(status, blankProblemBody(status, detail), headers);
}

export const unauthorized = (): Reply => blankProblem(401);

/** A token without the scopes an endpoint needs. */
export const forbidden = (detail?: string): Reply => blankProblem(403, detail);

export function tooManyRequests(headers?: Record<string, string>): Reply {
  return blankProblem(429, undefined, headers);
}

export const DUPLICATE_DETAIL = 'You are not allowed to create a Tweet with duplicate content.';
export const REPLY_TARGET_GONE_DETAIL = 'You attempted to reply to a Tweet that is deleted or not visible to you.';
export const REPLY_NOT_ALLOWED_DETAIL =
  'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.';
export const TOO_LONG_MESSAGE =
  'Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.';
export const INVALID_MEDIA_MESSAGE = 'Your media IDs are invalid.';
export const NOT_JSON_MESSAGE = 'Requests with bodies must have content-type of application/json.';

export function invalidRequestBody(errors: XParameterError[]): Record<string, unknown> {
  return {
    errors,
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEM_BASE}invalid-request`,
  };
}

export function invalidRequest(errors: XParameterError[], headers?: Record<string, string>): Reply {
  return json(400, invalidRequestBody(errors), headers);
}

export function invalidParam(name: string, value: string | string[], message: string, headers?: Record<string, string>): Reply {
  return invalidRequest([{ parameters: { [name]: Array.isArray(value) ? value : [value] }, message }], headers);
}

export function resourceNotFoundError(resourceType: string, parameter: string, value: string): Record<string, string> {
  return {
    value,
    detail: `Could not find ${resourceType} with ${parameter}: [${value}].`,
    title: 'Not Found Error',
    resource_type: resourceType,
    parameter,
    resource_id: value,
    type: `${PROBLEM_BASE}resource-not-found`,
  };
}

/** OAuth 2.0 token/revoke endpoint error (RFC 6749 section 5.2, with X's descriptions). */
export function oauthError(status: number, error: string, description: string): Reply {
  return json(status, { error, error_description: description }, { 'cache-control': 'no-store', pragma: 'no-cache' });
}

/** X's answer to a bad, expired, used or unknown code or refresh token. */
export const invalidTokenValue = (): Reply =>
  oauthError(400, 'invalid_request', 'Value passed for the token was invalid.');

export const missingParameter = (name: string): Reply =>
  oauthError(400, 'invalid_request', `Missing required parameter [${name}].`);

export const missingAuthorizationHeader = (): Reply =>
  oauthError(401, 'unauthorized_client', 'Missing valid authorization header');
