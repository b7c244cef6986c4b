import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** The longest webhook URL accepted. */
export const MAX_URL_LENGTH = 2048;
/** How long a DNS lookup may take before the host counts as unreachable. */
const DNS_TIMEOUT_MS = 5_000;

/**
 * A URL Herald will not send to; the message says why, for the person who typed it. `unresolved`:
 * its host did not resolve, which may pass (a delivery retries it), where a rule never does.
 */
export class RefusedUrl extends Error {
  constructor(
    message: string,
    readonly unresolved = false,
  ) {
    super(message);
  }
}

/** What a refused range is called in a refusal's message. */
const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback',
  private: 'a private',
  linkLocal: 'a link-local',
  uniqueLocal: 'a unique-local (private)',
  unspecified: 'an unspecified',
  multicast: 'a multicast',
  broadcast: 'a broadcast',
  carrierGradeNat: 'a carrier-grade NAT (shared)',
};

/**
 * Why an address is not a public unicast one, or null when it is. IPv4 inside IPv6 (`::ffff:10.0.0.1`)
 * is judged as the IPv4 address it carries; everything ipaddr.js does not call plain `unicast`
 * (reserved, documentation, 6to4, Teredo and other tunnels that can carry a private address) is refused.
 */
export function nonPublic(address: string): string | null {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range === 'unicast') return null;
  return `resolves to ${RANGE_NAMES[range] ?? 'a reserved'} address ${parsed.toString()}`;
}

/** The URL's form alone: https (or http where allowed), no credentials, not too long. */
export function checkUrlForm(raw: string, allowPrivate: boolean): URL {
  if (raw.length > MAX_URL_LENGTH) throw new RefusedUrl(`must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedUrl('is not a URL');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw new RefusedUrl('must be https');
  if (url.username || url.password) throw new RefusedUrl('must not carry a user name or password');
  if (!url.hostname) throw new RefusedUrl('has no host');
  return url;
}

/** The host as DNS knows it: an IPv6 literal without its brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

async function resolveAll(host: string): Promise<{ address: string; family: number }[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RefusedUrl('did not resolve in time', true)), DNS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
  } catch (error) {
    if (error instanceof RefusedUrl) throw error;
    throw new RefusedUrl('names no such host', true);
  } finally {
    clearTimeout(timer);
  }
}

/** Where a delivery connects: an address that was checked, for the URL's host. */
export interface Target {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * Checks a webhook URL the way a delivery will reach it: its form, then every address its host
 * resolves to (one private address among public ones refuses it, since any could be used). The
 * delivery then connects to the address returned here, so a second lookup (DNS rebinding) cannot
 * swap in another one.
 */
export async function resolveTarget(raw: string, allowPrivate: boolean): Promise<Target> {
  const url = checkUrlForm(raw, allowPrivate);
  const addresses = await resolveAll(hostOf(url));
  const first = addresses[0];
  if (!first) throw new RefusedUrl('names no such host', true);
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const why = nonPublic(address);
      if (why) throw new RefusedUrl(why);
    }
  }
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
