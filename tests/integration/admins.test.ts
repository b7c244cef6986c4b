import { afterAll, describe, expect, it } from 'vitest';
import { connectAccount } from '@/lib/accounts/commands';
import { isAdmin } from '@/lib/auth/admins';
import { closeDb, db } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { uniqueNumber } from '../support/fixtures';

// Read by lib/config on first use, which comes after these lines in this file's own process.
process.env.ADMIN_X_USER_IDS = '7000000000000000001';
process.env.ADMIN_X_USERNAMES = '@Chief_Editor';

afterAll(async () => {
  await closeDb();
});

const tokens = () => ({ accessToken: 'a', refreshToken: 'r', expiresAt: new Date(Date.now() + 7_200_000), scope: 'tweet.write' });

/** Signing in (or connecting) as X user `id` with handle `username`, as lib/auth does it. */
async function signIn(id: string, username: string) {
  const [user] = await db().insert(users).values({ name: username }).returning();
  await connectAccount(user!.id, { id, username, name: username, avatarUrl: null }, tokens());
  return user!.id;
}

const uniqueId = () => String(8_000_000_000_000_000_000n + uniqueNumber());

describe('admins are X user ids, not handles', () => {
  it('an id named in ADMIN_X_USER_IDS is an admin whatever its handle', async () => {
    expect(await isAdmin(await signIn('7000000000000000001', 'renamed_anytime'))).toBe(true);
    expect(await isAdmin(await signIn(uniqueId(), 'someone_else'))).toBe(false);
  });

  it('a handle in ADMIN_X_USERNAMES is pinned to the id that first signs in with it', async () => {
    const chiefId = uniqueId();
    const chief = await signIn(chiefId, 'chief_editor');
    expect(await isAdmin(chief)).toBe(true);

    // The chief renames; a different X account registers the freed handle and signs in.
    const chiefAgain = await connectAccount(chief, { id: chiefId, username: 'chief_retired', name: 'Chief', avatarUrl: null }, tokens());
    expect(chiefAgain.username).toBe('chief_retired');
    const impostor = await signIn(uniqueId(), 'Chief_Editor');
    expect(await isAdmin(impostor)).toBe(false);
    // The pinned id keeps admin under its new handle.
    expect(await isAdmin(chief)).toBe(true);
  });
});
