import 'server-only';
import type { Actor } from '../auth/actor';
import { config } from '../config';
import { hit, RateLimited, tightest, type Count } from './window';

/**
 * Counts an API request against its token's bucket (if it came with one) and its user's bucket
 * (every request of theirs, by session or any token, so many tokens do not multiply the limit).
 * Throws RateLimited over either; otherwise returns the count for the RateLimit-* headers.
 */
export async function limitApi(actor: Actor): Promise<Count | null> {
  const { perToken, perUser } = config().apiRateLimit;
  const counts = await hit([
    ...(actor.via === 'token' ? [{ key: `token:${actor.tokenId}`, limit: perToken }] : []),
    { key: `user:${actor.userId}`, limit: perUser },
  ]);
  const worst = counts ? tightest(counts) : null;
  if (worst && worst.count > worst.limit) {
    throw new RateLimited(`Too many requests: at most ${worst.limit} a minute. Try again in ${worst.resetSeconds} s.`, worst);
  }
  return worst;
}
