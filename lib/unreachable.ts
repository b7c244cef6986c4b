/**
 * Error codes meaning that nothing answered at an address: refused, unknown host, no route, or
 * no answer in time (postgres.js says CONNECT_TIMEOUT, ioredis ETIMEDOUT).
 */
const NO_ANSWER = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'CONNECT_TIMEOUT']);

/**
 * The code of a connection failure, looking through causes and the attempts of an
 * AggregateError (Node tries each address of a host name in turn); undefined for other errors.
 */
export function connectionFailureCode(error: unknown, depth = 0): string | undefined {
  if (!(error instanceof Error) || depth > 5) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NO_ANSWER.has(code)) return code;
  const inner = error instanceof AggregateError ? [...(error.errors as unknown[]), error.cause] : [error.cause];
  for (const e of inner) {
    const found = connectionFailureCode(e, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** How to bring the stores up on a development machine (docker-compose.yml defines both). */
export const START_STORES_HINT = '`docker compose up -d postgres redis`';

/** Where a connection string points, without its credentials. */
export function hostAndPort(connectionUrl: string, defaultPort: number): string {
  try {
    const url = new URL(connectionUrl);
    return `${url.hostname || 'localhost'}:${url.port || defaultPort}`;
  } catch {
    return 'an unparseable address';
  }
}
