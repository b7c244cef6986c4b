/** The request context handlers receive, and bearer-token authentication for X's API paths. */
import type { IncomingMessage } from 'node:http';
import type { ParsedBody, Reply } from './http-util';
import type { AccessTokenRecord, SandboxState, SandboxUser } from './state';
import { requiredScopes } from './openapi';
import { forbidden, tooManyRequests, unauthorized } from './problems';
import { windowHeaders, type WindowState } from './rate-limit';

export interface Ctx {
  req: IncomingMessage;
  method: string;
  url: URL;
  path: string;
  /** Path parameters from the route (`{id}`). */
  params: Record<string, string>;
  rawBody: Buffer;
  parsed: ParsedBody;
  state: SandboxState;
  /** Base URL as the client reached us (scheme://host:port). */
  baseUrl: string;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

export interface Authed {
  token: AccessTokenRecord;
  user: SandboxUser;
  /** Rate-limit headers to put on every answer of this request. */
  headers: Record<string, string>;
  window: WindowState | null;
}

/**
 * Checks the bearer token (401 when missing, unknown, expired or revoked), the scopes the
 * operation needs per X's OpenAPI (403), then counts the request against the user's window (429).
 */
export function authenticate(
  ctx: Ctx,
  operation: string,
  extraHeaders?: (userId: string) => Record<string, string>,
): Authed | Reply {
  const tokenValue = bearerToken(ctx.req);
  if (!tokenValue) return unauthorized();
  const token = ctx.state.accessTokens.get(tokenValue);
  if (!token || token.expiresAtMs <= ctx.state.clock.now()) return unauthorized();
  const user = ctx.state.users.get(token.userId);
  if (!user) return unauthorized();
  const needed = requiredScopes(operation);
  if (!needed.every((s) => token.scopes.includes(s))) return forbidden();
  const window = ctx.state.rate.hit(user.id, operation);
  const headers = { ...windowHeaders(window), ...(extraHeaders?.(user.id) ?? {}) };
  if (window?.limited) return tooManyRequests(headers);
  return { token, user, headers, window };
}

export function isReply(v: Authed | Reply): v is Reply {
  return (v as Reply).status !== undefined && (v as Authed).token === undefined;
}

/** Adds headers to a reply (rate-limit headers on every answer). */
export function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...headers, ...(reply.headers ?? {}) } };
}
