/**
 * The browser's one way to call Herald's JSON API (/api/v1). Every mutation in the UI goes
 * through the same API programs use, so there is one path to test and to trust.
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

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

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

function failure(status: number, body: unknown): ApiFailure {
  const fallback =
    status === 401
      ? 'Your session has ended. Sign in again.'
      : status >= 500
        ? 'Something went wrong on our side. Try again in a moment.'
        : `The request failed (HTTP ${status}).`;
  const error = isRecord(body) && typeof body.error === 'string' ? body.error : fallback;
  return { ok: false, status, error, fields: isRecord(body) ? readFields(body.fields) : {} };
}

/** `T` is the documented response shape of the endpoint; the server is ours, so it is trusted. */
export async function api<T>(path: string, options: { method?: Method; body?: unknown; signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers: options.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return { ok: false, status: 0, error: 'Herald could not be reached. Check your connection and try again.', fields: {} };
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) return failure(response.status, body);
  return { ok: true, status: response.status, data: body as T };
}

/** One line for an alert: the error and, when the server named fields, their messages. */
export function describeFailure(failure: ApiFailure): string {
  const details = Object.values(failure.fields).flat();
  return details.length > 0 ? `${failure.error}: ${details.join(' ')}` : failure.error;
}
