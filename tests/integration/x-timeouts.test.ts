import { createServer, type Server, type Socket } from 'node:net';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokenFor } from '@/lib/accounts/tokens';
import { closeDb, db } from '@/lib/db';
import { postParts, posts, xAccounts } from '@/lib/db/schema';
import { classifyXError } from '@/lib/x/errors';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { publishPost } from '@/lib/publishing/publish';
import { closeQueue } from '@/lib/queue';
import { createUserWithAccount } from '../support/fixtures';
import { waitUntil } from '../support/processes';

/** An "X" that accepts every connection and never answers. */
let silent: Server;
const sockets = new Set<Socket>();
/** Connections accepted so far: one more means a call to X is under way. */
let connections = 0;
const nextConnection = () => {
  const seen = connections;
  return waitUntil(() => connections > seen, { what: 'a call to X', timeoutMs: 5_000, intervalMs: 10 });
};
beforeAll(async () => {
  silent = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as { port: number };
  // Read by lib/config on first use, after these lines, in this file's own process.
  process.env.X_API_URL = `http://127.0.0.1:${port}`;
  process.env.X_TIMEOUT_MS = '600';
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await closeQueue();
  await closeDb();
});

describe('an X that accepts connections and never answers', () => {
  it('a create call times out as an unknown outcome: the post waits to be looked up, never re-sent blindly', async () => {
    const { user, account } = await createUserWithAccount();
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'into the void' }], publishNow: true }));
    const started = Date.now();
    const result = await publishPost(post.id, post.revision);
    // One create (600 ms) and one look-up on the timeline (600 ms), then it gives up for now.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.outcome).toBe('retry');
    const [row] = await db().select().from(posts).where(eq(posts.id, post.id));
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    // The part keeps its sent marker: the next attempt looks on X before sending it again.
    const [part] = await db().select().from(postParts).where(eq(postParts.postId, post.id));
    expect(part!.sentAt).not.toBeNull();
    expect(part!.xPostId).toBeNull();
  });

  it('a token refresh times out without holding a row lock while it waits, and frees its lease', async () => {
    const { account } = await createUserWithAccount({ expiresAt: new Date(Date.now() - 60_000) });
    const calling = nextConnection();
    const refreshing = accessTokenFor(account.id).then(
      () => null,
      (e: unknown) => e,
    );
    // While X is being asked, another connection can lock the account's row at once.
    await calling;
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const locked = await other.begin(async (tx) => tx`select id from x_accounts where id = ${account.id} for update nowait`);
      expect(locked).toHaveLength(1);
    } finally {
      await other.end();
    }
    const error = await refreshing;
    expect(classifyXError(error)).toMatchObject({ kind: 'unknown_outcome', reason: 'X did not answer in time' });
    const [row] = await db().select().from(xAccounts).where(eq(xAccounts.id, account.id));
    expect(row).toMatchObject({ status: 'active', refreshLeaseUntil: null });
  });

  it('while one process refreshes, another with a token still valid uses it and does not wait', async () => {
    const { account } = await createUserWithAccount({ accessToken: 'still-good', expiresAt: new Date(Date.now() + 2 * 60_000) });
    const calling = nextConnection();
    const first = accessTokenFor(account.id).catch((e: unknown) => e);
    await calling;
    const started = Date.now();
    const second = await accessTokenFor(account.id);
    expect(second.token).toBe('still-good');
    expect(Date.now() - started).toBeLessThan(300);
    await first;
  });
});
