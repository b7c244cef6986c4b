import { createCipheriv, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { resealLegacyTokens } from '@/lib/accounts/reseal';
import { openToken } from '@/lib/accounts/secrets';
import { accessTokenFor } from '@/lib/accounts/tokens';
import { config } from '@/lib/config';
import { closeDb, db } from '@/lib/db';
import { users, xAccounts } from '@/lib/db/schema';
import { uniqueNumber } from '../support/fixtures';

afterAll(async () => {
  await closeDb();
});

/** Herald's token format before this version: ENCRYPTION_KEY itself, no associated data. */
function v1(plain: string, key: Buffer = config().encryptionKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

async function legacyAccount(access: string, refresh: string | null) {
  const [user] = await db().insert(users).values({ name: 'legacy' }).returning();
  const xUserId = String(uniqueNumber());
  const [account] = await db()
    .insert(xAccounts)
    .values({ userId: user!.id, xUserId, username: `legacy${xUserId.slice(-6)}`, name: 'Legacy', accessTokenEnc: access, refreshTokenEnc: refresh, tokenExpiresAt: new Date(Date.now() + 7_200_000), scopes: 'tweet.write' })
    .returning();
  return account!;
}

describe('tokens stored by earlier versions', () => {
  it('are resealed bound to their account, once, and keep working', async () => {
    const account = await legacyAccount(v1('old-access'), v1('old-refresh'));
    const report = await resealLegacyTokens();
    expect(report.resealed).toBeGreaterThanOrEqual(1);
    const [row] = await db().select().from(xAccounts).where(eq(xAccounts.id, account.id));
    expect(row!.accessTokenEnc).toMatch(/^v2\./);
    expect(openToken(row!.xUserId, 'access', row!.accessTokenEnc!)).toBe('old-access');
    expect(openToken(row!.xUserId, 'refresh', row!.refreshTokenEnc!)).toBe('old-refresh');
    // Bound to this account: the same ciphertext does not open as another account's.
    expect(() => openToken('123', 'access', row!.accessTokenEnc!)).toThrow();
    expect((await accessTokenFor(account.id)).token).toBe('old-access');
    // Running it again changes nothing.
    await resealLegacyTokens();
    const [again] = await db().select().from(xAccounts).where(eq(xAccounts.id, account.id));
    expect(again!.accessTokenEnc).toBe(row!.accessTokenEnc);
  });

  it('a token sealed with another key cannot be recovered: the account asks to be reconnected', async () => {
    const account = await legacyAccount(v1('lost', randomBytes(32)), null);
    const report = await resealLegacyTokens();
    expect(report.unreadable).toBeGreaterThanOrEqual(1);
    const [row] = await db().select().from(xAccounts).where(eq(xAccounts.id, account.id));
    expect(row).toMatchObject({ status: 'reconnect_needed', accessTokenEnc: null, refreshTokenEnc: null });
  });
});
