import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { sealToken } from '../../lib/accounts/secrets';
import { db } from '../../lib/db';
import { posts, users, xAccounts } from '../../lib/db/schema';
import { publishJobId } from '../../lib/queue';

let counter = 0;

let sequence = 0;
/** A number no other call in this run returns (the clock's milliseconds, then a sequence): unique ids without randomness. */
export function uniqueNumber(): bigint {
  return BigInt(Date.now()) * 1000n + BigInt(sequence++ % 1000);
}

/** A Herald user with one connected X account, written straight to Postgres. */
export async function createUserWithAccount(opts: { username?: string; xUserId?: string; accessToken?: string; refreshToken?: string; expiresAt?: Date } = {}) {
  counter++;
  const username = opts.username ?? `user${counter}_${randomUUID().slice(0, 6)}`;
  const xUserId = opts.xUserId ?? String(uniqueNumber());
  const [user] = await db().insert(users).values({ name: username }).returning();
  const [account] = await db()
    .insert(xAccounts)
    .values({
      userId: user!.id,
      xUserId,
      username,
      name: username,
      accessTokenEnc: sealToken(xUserId, 'access', opts.accessToken ?? 'no-token'),
      refreshTokenEnc: sealToken(xUserId, 'refresh', opts.refreshToken ?? 'no-refresh'),
      tokenExpiresAt: opts.expiresAt ?? new Date(Date.now() + 2 * 3600_000),
      scopes: 'tweet.read tweet.write users.read offline.access media.write',
    })
    .returning();
  return { user: user!, account: account! };
}

/** The queue job id of a post's revision (its current one unless given). */
export async function jobIdOf(postId: string, revision?: number): Promise<string> {
  const [row] = await db().select({ jobKey: posts.jobKey, revision: posts.revision }).from(posts).where(eq(posts.id, postId));
  if (!row) throw new Error(`no post ${postId}`);
  return publishJobId({ jobKey: row.jobKey, revision: revision ?? row.revision });
}

/** Another X account for an existing user (several accounts composed together). */
export async function addAccount(userId: string) {
  counter++;
  const username = `more${counter}_${randomUUID().slice(0, 6)}`;
  const xUserId = String(uniqueNumber());
  const [account] = await db()
    .insert(xAccounts)
    .values({
      userId,
      xUserId,
      username,
      name: username,
      accessTokenEnc: sealToken(xUserId, 'access', 'no-token'),
      refreshTokenEnc: sealToken(xUserId, 'refresh', 'no-refresh'),
      tokenExpiresAt: new Date(Date.now() + 2 * 3600_000),
      scopes: 'tweet.read tweet.write users.read offline.access media.write',
    })
    .returning();
  return account!;
}
