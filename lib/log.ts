import pino from 'pino';
import { config } from './config';

let root: pino.Logger | undefined;

/** Structured JSON logs. Redaction is a safety net: callers never pass tokens or post text. */
export function logger(): pino.Logger {
  root ??= pino({
    level: config().logLevel,
    base: { service: config().service },
    redact: { paths: ['*.accessToken', '*.refreshToken', '*.access_token', '*.refresh_token', '*.authorization', '*.text'], censor: '[redacted]' },
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
