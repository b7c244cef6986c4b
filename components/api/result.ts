/**
 * What every call to Herald's JSON API comes back as: the answer's data, or a failure in the
 * API's one error format (`{ error, fields? }`) with words a person can act on.
 */

export type FieldErrors = Record<string, string[]>;

export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

export interface ApiFailure {
  ok: false;
  /** HTTP status; 0 when the request never got an answer. */
  status: number;
  error: string;
  fields: FieldErrors;
}

/** Takes the data out of a successful answer's body; undefined when the body is not that shape. */
export type Reader<T> = (body: unknown) => T | undefined;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFields(value: unknown): FieldErrors {
  if (!isRecord(value)) return {};
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(value)) {
    if (Array.isArray(messages)) out[key] = messages.filter((m): m is string => typeof m === 'string');
  }
  return out;
}

export const failed = (status: number, error: string): ApiFailure => ({ ok: false, status, error, fields: {} });

/** `what` names the request in the fallback sentence ("The upload failed (HTTP 413)."). */
export function failure(status: number, body: unknown, what = 'request'): ApiFailure {
  const fallback =
    status === 401
      ? 'Your session has ended. Sign in again.'
      : status >= 500
        ? 'Something went wrong on our side. Try again in a moment.'
        : `The ${what} failed (HTTP ${status}).`;
  const error = isRecord(body) && typeof body.error === 'string' ? body.error : fallback;
  return { ok: false, status, error, fields: isRecord(body) ? readFields(body.fields) : {} };
}

function parse(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** An answer's status and text, read into a result: shared by fetch and XMLHttpRequest. */
export function readAnswer<T>(status: number, text: string, read: Reader<T>, what?: string): ApiResult<T> {
  const body = parse(text);
  if (status < 200 || status > 299) return failure(status, body, what);
  const data = read(body);
  // A proxy's HTML page or a wrong endpoint: a failure here, not `undefined` deep in a component.
  if (data === undefined) return failed(status, 'Herald answered in a way this page does not understand. Reload the page and try again.');
  return { ok: true, status, data };
}

/**
 * `{ [key]: T }`, the envelope of every answer with a body. Only the envelope is checked: what
 * is inside is the server's own view type (lib/.../view.ts), which this client imports as a type,
 * so the two are compiled together: these two readers are the only places the JSON is trusted.
 */
export function field<T extends object>(key: string): Reader<T> {
  return (body) => {
    const value = isRecord(body) ? body[key] : undefined;
    return isRecord(value) ? (value as T) : undefined;
  };
}

/** `{ [key]: T[] }`, the envelope of a list; as above, the items are the server's view type. */
export function list<T extends object>(key: string): Reader<T[]> {
  return (body) => {
    const value = isRecord(body) ? body[key] : undefined;
    return Array.isArray(value) && value.every(isRecord) ? (value as T[]) : undefined;
  };
}

/** A page of a list, `{ [key]: T[], nextCursor }`: `nextCursor` is null on the last page. */
export function page<T extends object>(key: string): Reader<{ items: T[]; nextCursor: string | null }> {
  return (body) => {
    const items = list<T>(key)(body);
    const next = isRecord(body) ? body.nextCursor : undefined;
    return items && (typeof next === 'string' || next === null) ? { items, nextCursor: next } : undefined;
  };
}

/** A post group, `{ groupId, posts: [...] }`, unwrapped (the API names it so); as above for the posts. */
export function group<T extends { groupId: string; posts: object[] }>(): Reader<T> {
  return (body) => {
    if (!isRecord(body) || typeof body.groupId !== 'string') return undefined;
    const posts = list<object>('posts')(body);
    return posts ? (body as T) : undefined;
  };
}

/** A new token's answer: the view's fields with `token` beside them, unwrapped. */
export function issuedToken<T extends { id: string; token: string }>(): Reader<T> {
  return (body) => (isRecord(body) && typeof body.id === 'string' && typeof body.token === 'string' ? (body as T) : undefined);
}

/** 204 No Content: nothing to read. */
export const nothing: Reader<null> = () => null;

/** One line for an alert: the error and, when the server named fields, their messages. */
export function describeFailure(failure: ApiFailure): string {
  const details = Object.values(failure.fields).flat();
  return details.length > 0 ? `${failure.error}: ${details.join(' ')}` : failure.error;
}
