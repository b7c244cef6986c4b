import http from 'node:http';
import https from 'node:https';
import { TwitterApi, type ITwitterApiClientPlugin, type TwitterApiReadWrite } from 'twitter-api-v2';
import { config } from '../config';

/**
 * twitter-api-v2 hard-codes api.x.com; every call is re-pointed at X_API_URL so that the
 * whole of Herald can run against the X sandbox (or any other server) by configuration.
 */
function redirectPlugin(apiUrl: string): ITwitterApiClientPlugin {
  const target = new URL(apiUrl);
  return {
    onBeforeRequestConfig({ params }) {
      const url = new URL(params.url);
      url.protocol = target.protocol;
      url.host = target.host;
      url.pathname = target.pathname.replace(/\/$/, '') + url.pathname;
      params.url = url.toString();
    },
  };
}

// Keep-alive agents: the worker makes many calls to one host.
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

function settings(): { plugins: ITwitterApiClientPlugin[]; httpAgent: http.Agent } {
  const apiUrl = config().x.apiUrl;
  return {
    plugins: [redirectPlugin(apiUrl)],
    httpAgent: apiUrl.startsWith('https:') ? agents.https : agents.http,
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
