import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { CONNECT_TIMEOUT_CODE } from './client';

/** What a failed X call means for the post, decided once here for every caller. */
export type XFailure =
  /** X said no for good: retrying the same request cannot succeed. */
  | { kind: 'permanent'; reason: string }
  /** The access token was refused: refresh it (once) and try again. */
  | { kind: 'unauthorized'; reason: string }
  /** Over X's limit for this user until `resetAt`. */
  | { kind: 'rate_limited'; reason: string; resetAt: Date }
  /** Nothing reached X, or X failed on its side: safe to send again later. */
  | { kind: 'transient'; reason: string }
  /** The request may have been carried out: look before sending it again. */
  | { kind: 'unknown_outcome'; reason: string };

/**
 * A media upload that cannot go through: X could not process the file, or Herald's media
 * storage no longer has it. Raised by lib/publishing/upload-media with a reason a person can act on.
 */
export class XMediaError extends Error {
  constructor(
    message: string,
    /** False when trying again later may succeed (X still processing after our wait). */
    readonly permanent = true,
  ) {
    super(message);
    this.name = 'XMediaError';
  }
}

/** Failures before a connection existed: the request never reached X. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', CONNECT_TIMEOUT_CODE]);
const DAY_MS = 24 * 3600_000;

function detailOf(data: unknown): string {
  if (data && typeof data === 'object') {
    const d = data as { detail?: unknown; title?: unknown; error_description?: unknown; errors?: { message?: unknown }[] };
    // OAuth endpoints answer {error, error_description}; twitter-api-v2 also adds an errors[] echoing `error`.
    if (typeof d.error_description === 'string') return d.error_description;
    const first = d.errors?.[0]?.message;
    if (typeof first === 'string') return first;
    if (typeof d.detail === 'string') return d.detail;
    if (typeof d.title === 'string') return d.title;
  }
  return 'no details given';
}

function resetOf(error: ApiResponseError): Date {
  const headers = error.headers ?? {};
  const header = (name: string) => {
    const v = headers[name];
    return Number(Array.isArray(v) ? v[0] : v);
  };
  // The 24-hour user limit has its own reset; when it is spent, that is the one that matters.
  const candidates = [
    header('x-user-limit-24hour-remaining') === 0 ? header('x-user-limit-24hour-reset') : NaN,
    error.rateLimit?.reset ?? header('x-rate-limit-reset'),
  ].filter((n) => Number.isFinite(n) && n > 0);
  const seconds = candidates.length ? Math.max(...candidates) : NaN;
  return Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date(Date.now() + 15 * 60_000);
}

/**
 * twitter-api-v2 1.29.1 stores the network error as `_options.error` but its `requestError`
 * getter reads `_options.requestError`, which is always undefined: read both.
 */
function networkCause(error: ApiRequestError): NodeJS.ErrnoException | undefined {
  const options = (error as unknown as { _options?: { error?: Error } })._options;
  return (options?.error ?? error.requestError) as NodeJS.ErrnoException | undefined;
}

export function classifyXError(error: unknown): XFailure {
  if (error instanceof ApiResponseError) {
    const detail = detailOf(error.data);
    if (error.code === 429) {
      const resetAt = resetOf(error);
      return { kind: 'rate_limited', reason: 'X rate limit reached', resetAt: resetAt.getTime() - Date.now() > DAY_MS ? new Date(Date.now() + DAY_MS) : resetAt };
    }
    if (error.code === 401) return { kind: 'unauthorized', reason: `X refused the access token: ${detail}` };
    if (error.code === 403 && /duplicate/i.test(detail)) {
      return { kind: 'permanent', reason: 'X refused this as a duplicate of a recent post. Change the text, then retry.' };
    }
    if (error.code >= 500) return { kind: 'transient', reason: `X had a problem (${error.code}): ${detail}` };
    if (error.code === 403) return { kind: 'permanent', reason: `X refused the post: ${detail}` };
    return { kind: 'permanent', reason: `X rejected the post (${error.code}): ${detail}` };
  }
  if (error instanceof XMediaError) return { kind: error.permanent ? 'permanent' : 'transient', reason: error.message };
  if (error instanceof ApiPartialResponseError) return { kind: 'unknown_outcome', reason: 'The connection to X broke while it answered' };
  if (error instanceof ApiRequestError) {
    const cause = networkCause(error);
    const code = cause?.code;
    if (code && NOT_SENT.has(code)) return { kind: 'transient', reason: code === CONNECT_TIMEOUT_CODE ? 'X could not be reached in time' : `X could not be reached (${code})` };
    // The request's deadline (lib/x/client) ran out: X may have acted on it.
    if (cause?.name === 'AbortError') return { kind: 'unknown_outcome', reason: 'X did not answer in time' };
    return { kind: 'unknown_outcome', reason: `No answer from X (${code ?? cause?.message ?? 'network error'})` };
  }
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
}
