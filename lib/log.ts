import pino from 'pino';
import { config } from './config';

let root: pino.Logger | undefined;

/** Structured JSON logs. Redaction is a safety net: callers never pass tokens or post text. */
export function logger(): pino.Logger {
  root ??= pino({
    level: process.env.LOG_LEVEL ?? config().logLevel,
    base: { service: process.env.HERALD_SERVICE ?? 'herald' },
    redact: { paths: ['*.accessToken', '*.refreshToken', '*.access_token', '*.refresh_token', '*.authorization', '*.text'], censor: '[redacted]' },
  });
  return root;
}
