/**
 * The X sandbox: a local, faithful fake of X's API (OAuth 2.0 with PKCE, posts, media upload),
 * plus a control API under /__sandbox/ for tests. Plain node:http.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from './clock';
import { bearerToken, type Ctx, type Handler } from './context';
import { control } from './control';
import type { FaultRule } from './faults';
import {
  BodyTooLargeError,
  isJsonObject,
  json,
  parseBody,
  preciseNow,
  readBody,
  sleep,
  writeReply,
  type JsonValue,
  type ParsedBody,
  type Reply,
} from './http-util';
import * as media from './media';
import * as oauth from './oauth';
import { OPENAPI_VERSION } from './openapi';
import { blankProblem, blankProblemBody, tooManyRequests } from './problems';
import type { WindowLimit } from './rate-limit';
import { DEFAULT_REDIRECT_URIS, redirectUriProblem } from './redirect-uris';
import { SandboxState, defaultConfig, type RecordedRequest, type SandboxClient } from './state';
import * as tweets from './tweets';
import { usersMe } from './users';

export interface SandboxClientOptions {
  clientId: string;
  /** Unset: a public client (sends client_id instead of authenticating). */
  clientSecret?: string;
  /** The app's registered callback URLs (absolute http(s)); default: DEFAULT_REDIRECT_URIS. */
  redirectUris?: readonly string[];
}

export interface SandboxOptions {
  port?: number; // 0 = random free port; default 0
  /** Default '127.0.0.1': the sandbox lets anyone sign in as anyone, so it is not offered to the network unless asked. */
  host?: string;
  clients?: SandboxClientOptions[]; // default [DEFAULT_CLIENT]
  /**
   * Whether POST /__sandbox/tokens mints tokens without the consent page (tests, benchmarks).
   * Default false: a sandbox left running must not hand out tokens to whoever asks.
   */
  allowTokenMinting?: boolean;
  users?: { id: string; username: string; name: string }[]; // default alice, bob, carol, herald_admin
  accessTokenTtlSeconds?: number; // default 7200
  stateFile?: string; // optional: persist state as JSON (dev); tests leave it unset
  /** Extra: how long video/GIF processing takes after finalize (default 1000 ms). */
  mediaProcessingMs?: number;
  /** Extra: per-user windows by `METHOD path` (e.g. `'POST /2/tweets'`) and the 24-hour post limit. */
  rateLimits?: { windows?: Record<string, WindowLimit>; tweetsPer24h?: number | null };
  /** Extra: X's self-serve reply restriction (default true). */
  replyRestrictions?: boolean;
  /**
   * Extra: the clock that token and code expiry, rate-limit windows and media processing follow
   * (default: the real one). Tests pass a ManualClock and advance it instead of sleeping.
   */
  clock?: Clock;
  /** Extra: base URL browsers use to reach the sandbox (for profile_image_url); default: the request's Host. */
  publicUrl?: string;
}

export interface Sandbox {
  url: string; // e.g. http://127.0.0.1:4100
  close(): Promise<void>;
}

/** Herald's sandbox client (lib/config.ts's SANDBOX_CLIENT), with Herald's callbacks at its default URL. */
export const DEFAULT_CLIENT = {
  clientId: 'herald-sandbox',
  clientSecret: 'herald-sandbox-secret',
  redirectUris: DEFAULT_REDIRECT_URIS,
} as const satisfies SandboxClientOptions;
export const DEFAULT_CLIENTS: readonly SandboxClientOptions[] = [DEFAULT_CLIENT];
export const DEFAULT_USERS = [
  { id: '1000000000000000001', username: 'alice', name: 'Alice Example' },
  { id: '1000000000000000002', username: 'bob', name: 'Bob Example' },
  { id: '1000000000000000003', username: 'carol', name: 'Carol Example' },
  { id: '1000000000000000004', username: 'herald_admin', name: 'Herald Admin' },
];

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  /** The operation as `METHOD path` in X's OpenAPI spelling (rate-limit key). */
  op: string;
  handler: Handler;
}

function route(method: string, path: string, handler: Handler): Route {
  const keys: string[] = [];
  const pattern = new RegExp(
    '^' +
      path.replace(/\{(\w+)\}/g, (_, k: string) => {
        keys.push(k);
        return '([^/]+)';
      }) +
      '$',
  );
  return { method, pattern, keys, op: `${method} ${path}`, handler };
}

const ROUTES: Route[] = [
  route('GET', '/i/oauth2/authorize', oauth.authorizePage),
  route('POST', '/i/oauth2/authorize', oauth.authorizeSubmit),
  // The authorizationUrl in X's OpenAPI document.
  route('GET', '/2/oauth2/authorize', oauth.authorizePage),
  route('POST', '/2/oauth2/token', oauth.token),
  route('POST', '/2/oauth2/revoke', oauth.revoke),
  route('GET', '/2/users/me', usersMe),
  route('POST', '/2/tweets', tweets.createTweet),
  route('DELETE', '/2/tweets/{id}', tweets.deleteTweet),
  route('GET', '/2/users/{id}/tweets', tweets.userTimeline),
  route('POST', '/2/media/upload', media.upload),
  route('GET', '/2/media/upload', media.status),
  route('POST', '/2/media/upload/initialize', media.initialize),
  route('POST', '/2/media/upload/{id}/append', media.append),
  route('POST', '/2/media/upload/{id}/finalize', media.finalize),
  route('POST', '/2/media/metadata', media.metadata),
];

function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } | 'wrong-method' | undefined {
  let pathMatched = false;
  for (const r of ROUTES) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1] ?? '')));
    return { route: r, params };
  }
  return pathMatched ? 'wrong-method' : undefined;
}

function bodyLimit(path: string): number {
  return path.startsWith('/2/media/') ? 64 * 1024 * 1024 : 4 * 1024 * 1024;
}

// ---- request recording -------------------------------------------------------------------------

const SECRET_FIELDS = new Set(['client_secret', 'code', 'code_verifier', 'refresh_token', 'token', 'access_token']);

function redact(v: string): string {
  return v.length <= 4 ? '…' : `…${v.slice(-4)}`;
}

function headerSummary(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['content-type', 'content-length', 'user-agent', 'x-user-agent', 'accept']) {
    const v = req.headers[name];
    if (typeof v === 'string') out[name] = v;
  }
  const auth = req.headers.authorization;
  if (auth) {
    const [scheme, value = ''] = auth.split(/\s+/, 2);
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      out.authorization = `Basic ${decoded.split(':')[0] ?? ''}:…`;
    } else {
      out.authorization = `${scheme ?? ''} ${redact(value)}`;
    }
  }
  return out;
}

function bodySummary(path: string, parsed: ParsedBody): JsonValue {
  const oauthPath = path.startsWith('/2/oauth2/') || path === '/i/oauth2/authorize';
  const redactFields = (o: Record<string, string>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(o)) out[k] = oauthPath && SECRET_FIELDS.has(k) ? redact(v) : v;
    return out;
  };
  switch (parsed.kind) {
    case 'empty':
      return null;
    case 'json': {
      const v = parsed.value;
      if (isJsonObject(v)) {
        const out: Record<string, JsonValue> = {};
        for (const [k, val] of Object.entries(v)) {
          if (oauthPath && SECRET_FIELDS.has(k) && typeof val === 'string') out[k] = redact(val);
          else if (k === 'media' && typeof val === 'string' && path.startsWith('/2/media/')) out[k] = `<base64, ${val.length} chars>`;
          else out[k] = val;
        }
        return out;
      }
      return v;
    }
    case 'form':
      return redactFields(parsed.value);
    case 'multipart': {
      const files: Record<string, JsonValue> = {};
      for (const [k, f] of Object.entries(parsed.files)) {
        if (k in parsed.fields) continue;
        files[k] = { filename: f.filename ?? null, contentType: f.contentType ?? null, size: f.data.length };
      }
      return { fields: redactFields(parsed.fields), files };
    }
    case 'invalid-json':
      return { invalidJson: parsed.error };
    case 'invalid-multipart':
      return { invalidMultipart: parsed.error };
    case 'other':
      return { contentType: parsed.contentType, size: parsed.size };
  }
}

// ---- faults ------------------------------------------------------------------------------------

function faultReply(state: SandboxState, fault: FaultRule, op: string | undefined, userId: string | undefined): Reply {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = {};
  if (status === 429) {
    const window = op ? state.config.rateLimits.windows[op] : undefined;
    headers['x-rate-limit-limit'] = String(window?.limit ?? 100);
    headers['x-rate-limit-remaining'] = '0';
    headers['x-rate-limit-reset'] = String(Math.ceil(state.clock.now() / 1000) + (fault.resetInSeconds ?? 60));
    if (op === 'POST /2/tweets' && userId) {
      const daily = state.rate.dailyState(userId);
      if (daily) {
        headers['x-user-limit-24hour-limit'] = String(daily.limit);
        headers['x-user-limit-24hour-remaining'] = String(daily.remaining);
        headers['x-user-limit-24hour-reset'] = String(daily.reset);
      }
    }
  }
  Object.assign(headers, fault.headers ?? {});
  if (fault.body === undefined) {
    return status === 429 ? tooManyRequests(headers) : json(status, blankProblemBody(status), headers);
  }
  if (typeof fault.body === 'string') return { status, text: fault.body, headers, contentType: 'text/plain; charset=utf-8' };
  return json(status, fault.body, headers);
}

// ---- server ------------------------------------------------------------------------------------

/** A client as the state keeps it; refuses (throws) a registered URI X would not accept either. */
function sandboxClient(c: SandboxClientOptions): SandboxClient {
  const redirectUris = [...(c.redirectUris ?? DEFAULT_REDIRECT_URIS)];
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new Error(`x-sandbox: client "${c.clientId}": ${problem}`);
  }
  return c.clientSecret === undefined ? { clientId: c.clientId, redirectUris } : { clientId: c.clientId, clientSecret: c.clientSecret, redirectUris };
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const config = defaultConfig();
  if (opts.accessTokenTtlSeconds !== undefined) config.accessTokenTtlSeconds = opts.accessTokenTtlSeconds;
  if (opts.mediaProcessingMs !== undefined) config.mediaProcessingMs = opts.mediaProcessingMs;
  if (opts.replyRestrictions !== undefined) config.replyRestrictions = opts.replyRestrictions;
  if (opts.rateLimits?.windows) Object.assign(config.rateLimits.windows, opts.rateLimits.windows);
  if (opts.rateLimits?.tweetsPer24h !== undefined) config.rateLimits.tweetsPer24h = opts.rateLimits.tweetsPer24h;

  const state = new SandboxState(config, opts.stateFile, opts.clock);
  state.allowTokenMinting = opts.allowTokenMinting ?? false;
  for (const c of opts.clients ?? DEFAULT_CLIENTS) state.clients.set(c.clientId, sandboxClient(c));
  for (const u of opts.users ?? DEFAULT_USERS) state.addUser({ ...u, createdAt: '2020-01-01T00:00:00.000Z' });
  state.load();

  let baseUrl = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = preciseNow();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    const isControl = path === '/__sandbox' || path.startsWith('/__sandbox/');
    const send = (reply: Reply): void => {
      if (!res.headersSent && !res.destroyed) writeReply(res, reply);
    };

    let rawBody: Buffer;
    try {
      rawBody = await readBody(req, bodyLimit(path));
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        send(blankProblem(413, `Request body is larger than ${err.limit} bytes.`));
        req.socket.destroySoon();
      } else {
        req.socket.destroy();
      }
      return;
    }
    const parsed = await parseBody(req, rawBody);
    const ctx: Ctx = {
      req,
      method,
      url,
      path,
      params: {},
      rawBody,
      parsed,
      state,
      baseUrl: opts.publicUrl?.replace(/\/$/, '') ?? (req.headers.host ? `http://${req.headers.host}` : baseUrl),
    };

    if (isControl) {
      send(control(ctx) ?? json(404, { error: `no control route ${method} ${path}` }));
      return;
    }

    const token = bearerToken(req);
    const userId = token ? state.peekTokenUser(token) : undefined;
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const rec: RecordedRequest = state.recordRequest({
      method,
      path,
      query,
      headers: headerSummary(req),
      body: bodySummary(path, parsed),
      userId: userId ?? null,
      status: null,
      dropped: false,
      fault: null,
      time: arrived,
      durationMs: 0,
    });
    const finish = (status: number | null, dropped: boolean): void => {
      rec.status = status;
      rec.dropped = dropped;
      rec.durationMs = preciseNow() - arrived;
    };

    if (state.latencyMs > 0) await sleep(state.latencyMs);
    const found = findRoute(method, path);
    const op = typeof found === 'object' ? found.route.op : undefined;
    const fault = state.faults.take(method, path, userId);
    if (fault) rec.fault = fault.id;
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.drop) {
      req.socket.destroy();
      finish(null, true);
      return;
    }
    if (fault && fault.status !== undefined && !fault.dropAfterCreate) {
      const reply = faultReply(state, fault, op, userId);
      send(reply);
      finish(reply.status, false);
      return;
    }

    let reply: Reply;
    if (found === undefined) reply = blankProblem(404);
    else if (found === 'wrong-method') reply = blankProblem(405);
    else {
      ctx.params = found.params;
      try {
        reply = await found.route.handler(ctx);
      } catch (err) {
        console.error(JSON.stringify({ level: 'error', msg: 'x-sandbox handler failed', path, error: err instanceof Error ? err.stack : String(err) }));
        reply = blankProblem(500);
      }
    }
    if (fault?.dropAfterCreate) {
      req.socket.destroy();
      finish(null, true);
      return;
    }
    if (fault?.headers) reply = { ...reply, headers: { ...(reply.headers ?? {}), ...fault.headers } };
    if (path.startsWith('/2/')) reply = { ...reply, headers: { 'api-version': OPENAPI_VERSION, ...(reply.headers ?? {}) } };
    send(reply);
    finish(reply.status, false);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error(JSON.stringify({ level: 'error', msg: 'x-sandbox request failed', error: err instanceof Error ? err.stack : String(err) }));
      if (!res.headersSent && !res.destroyed) writeReply(res, blankProblem(500));
    });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  baseUrl = `http://${host}:${addr.port}`;

  let closed = false;
  return {
    url: baseUrl,
    close: async () => {
      if (closed) return;
      closed = true;
      state.saveNow();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
