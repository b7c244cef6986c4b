import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { TwitterApi, type ITwitterApiClientPlugin, type TwitterApiReadWrite } from 'twitter-api-v2';
import { config } from '../config';

/** The error a connection attempt that took too long ends with: nothing reached X. */
export const CONNECT_TIMEOUT_CODE = 'HERALD_CONNECT_TIMEOUT';

/**
 * twitter-api-v2 hard-codes api.x.com and sets no timeout at all. Every call is re-pointed at
 * X_API_URL (so that the whole of Herald can run against the X sandbox, or any other server) and
 * given a deadline for the whole request: X_TIMEOUT_MS, or X_MEDIA_TIMEOUT_MS for media uploads.
 */
function herald(apiUrl: string, timeouts: { requestMs: number; mediaMs: number }): ITwitterApiClientPlugin {
  const target = new URL(apiUrl);
  return {
    onBeforeRequestConfig({ params }) {
      const url = new URL(params.url);
      url.protocol = target.protocol;
      url.host = target.host;
      url.pathname = target.pathname.replace(/\/$/, '') + url.pathname;
      params.url = url.toString();
    },
    onBeforeRequest({ url, requestOptions }) {
      const media = url.pathname.includes('/2/media/');
      // Aborts connecting, sending and waiting alike; the error tells the caller the outcome is unknown.
      requestOptions.signal = AbortSignal.timeout(media ? timeouts.mediaMs : timeouts.requestMs);
    },
  };
}

/** A socket that has not connected within `ms` is destroyed with CONNECT_TIMEOUT_CODE. */
function limitConnect(socket: Duplex | null | undefined, ms: number, connectedEvent: string): void {
  if (!socket) return;
  const timer = setTimeout(() => {
    socket.destroy(Object.assign(new Error(`could not connect to X within ${ms} ms`), { code: CONNECT_TIMEOUT_CODE }));
  }, ms);
  socket.once(connectedEvent, () => clearTimeout(timer));
  socket.once('close', () => clearTimeout(timer));
}

// Keep-alive agents (the worker makes many calls to one host) whose new connections have a deadline.
class TimedHttpAgent extends http.Agent {
  constructor(private readonly connectMs: number) {
    super({ keepAlive: true });
  }
  override createConnection(...args: Parameters<http.Agent['createConnection']>): ReturnType<http.Agent['createConnection']> {
    const socket = super.createConnection(...args);
    limitConnect(socket, this.connectMs, 'connect');
    return socket;
  }
}

class TimedHttpsAgent extends https.Agent {
  constructor(private readonly connectMs: number) {
    super({ keepAlive: true });
  }
  override createConnection(...args: Parameters<https.Agent['createConnection']>): ReturnType<https.Agent['createConnection']> {
    const socket = super.createConnection(...args);
    limitConnect(socket, this.connectMs, 'secureConnect');
    return socket;
  }
}

let agents: { http: http.Agent; https: https.Agent } | undefined;

function settings(): { plugins: ITwitterApiClientPlugin[]; httpAgent: http.Agent } {
  const { x, xTimeouts } = config();
  agents ??= { http: new TimedHttpAgent(xTimeouts.connectMs), https: new TimedHttpsAgent(xTimeouts.connectMs) };
  return {
    plugins: [herald(x.apiUrl, xTimeouts)],
    httpAgent: x.apiUrl.startsWith('https:') ? agents.https : agents.http,
  };
}

/** A client acting as one X user (OAuth 2.0 user access token). */
export function xUserClient(accessToken: string): TwitterApiReadWrite {
  return new TwitterApi(accessToken, settings()).readWrite;
}

/** A client acting as Herald's X app: token refresh and revocation. */
export function xAppClient(): TwitterApi {
  const { clientId, clientSecret } = config().x;
  return new TwitterApi({ clientId, ...(clientSecret ? { clientSecret } : {}) }, settings());
}
