import { describe, expect, it } from 'vitest';
import { crossOriginRefusal } from './origin';

const HERALD = 'https://herald.example';
const decide = (method: string, origin: string | null, fetchSite: string | null = null) => crossOriginRefusal({ method, origin, fetchSite }, HERALD);

describe('crossOriginRefusal', () => {
  it('refuses every state-changing method from another origin', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
      expect(decide(method, 'https://evil.example')).toMatch(/another origin \(https:\/\/evil\.example\)/);
    }
  });

  it('lets reads through from anywhere', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(decide(method, 'https://evil.example', 'cross-site')).toBeNull();
    }
  });

  it("takes Herald's own origin, however the configured URL is spelled", () => {
    expect(decide('POST', 'https://herald.example', 'same-origin')).toBeNull();
    expect(crossOriginRefusal({ method: 'POST', origin: 'https://herald.example', fetchSite: null }, 'https://Herald.example:443/')).toBeNull();
    expect(crossOriginRefusal({ method: 'POST', origin: 'http://localhost:3000', fetchSite: null }, 'http://localhost:3000')).toBeNull();
  });

  it('refuses look-alikes: other scheme, port, subdomain, suffix, and the opaque origin', () => {
    for (const origin of ['http://herald.example', 'https://herald.example:8443', 'https://app.herald.example', 'https://herald.example.evil', 'null', 'garbage']) {
      expect(decide('POST', origin)).not.toBeNull();
    }
  });

  it('without Origin, refuses what the browser reports as another site', () => {
    expect(decide('POST', null, 'cross-site')).toMatch(/Sec-Fetch-Site: cross-site/);
    expect(decide('DELETE', null, 'same-site')).toMatch(/Sec-Fetch-Site: same-site/);
    expect(decide('POST', null, 'same-origin')).toBeNull();
    expect(decide('POST', null, 'none')).toBeNull();
  });

  it('lets through requests with neither header (curl, server-to-server API clients)', () => {
    expect(decide('POST', null, null)).toBeNull();
    expect(decide('DELETE', null, null)).toBeNull();
  });

  it('believes Origin over Sec-Fetch-Site when both are present', () => {
    expect(decide('POST', 'https://evil.example', 'same-origin')).not.toBeNull();
  });
});
