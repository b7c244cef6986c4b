import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';
import { config } from './config';

let root: pino.Logger | undefined;

/** Ids that every log line written while handling one request (web) or one job (worker) carries. */
export interface LogContext {
  requestId?: string;
  jobId?: string;
  postId?: string;
}

/** Kept on globalThis: Next may load this module once per route bundle, and each copy must see the one store. */
const KEY = Symbol.for('herald.log-context');
type Holder = typeof globalThis & { [KEY]?: AsyncLocalStorage<LogContext> };
function store(): AsyncLocalStorage<LogContext> {
  const holder = globalThis as Holder;
  holder[KEY] ??= new AsyncLocalStorage<LogContext>();
  return holder[KEY];
}

/** Runs `work` with these ids on every line it logs, on top of any ids already in force. */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return store().run({ ...store().getStore(), ...context }, work);
}

/** Fields that never reach a log, at the top level or one down: a safety net, since callers never pass them. */
const SECRET_FIELDS = ['accessToken', 'refreshToken', 'access_token', 'refresh_token', 'authorization', 'cookie', 'headers', 'token', 'secret', 'text'];

/** Structured JSON logs. Redaction is a safety net: callers never pass tokens or post text. */
export function logger(): pino.Logger {
  root ??= pino({
    level: config().logLevel,
    base: { service: config().service },
    // The request's or job's ids, without every caller passing them along.
    mixin: () => ({ ...store().getStore() }),
    redact: {
      paths: SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]),
      censor: '[redacted]',
    },
  });
  return root;
}

/**
 * What a log line may say about an unexpected error: its class and codes, never its message. A
 * failed query's message carries its SQL and parameters (post text, tokens); a code such as a
 * Postgres SQLSTATE or ECONNREFUSED says what went wrong without them.
 */
export function errorSummary(error: unknown): { errName: string; errCode?: string } {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if ((typeof code === 'string' || typeof code === 'number') && !codes.includes(String(code))) codes.push(String(code));
    current = current.cause;
  }
  const errName = error instanceof Error ? error.constructor.name || error.name : typeof error;
  return codes.length ? { errName, errCode: codes.join(' < ') } : { errName };
}
