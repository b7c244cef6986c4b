import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Tx } from '../db';
import { postParts, posts, xAccounts, type Post } from '../db/schema';
import { AppError } from '../errors';
import { contentKey, IDENTICAL_CONTENT_REASON } from './same-content';

/**
 * Editing one post of a group must not make it say what another account's post of the group says:
 * X refuses identical content from several accounts, as at creation (./group-input). A cancelled
 * sibling will not go out, so it does not count.
 */
export async function refuseSameAsGroup(tx: Tx, post: Post, parts: readonly { text: string }[]): Promise<void> {
  const siblings = await tx
    .select({ id: posts.id, username: xAccounts.username })
    .from(posts)
    .innerJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .where(and(eq(posts.userId, post.userId), eq(posts.groupId, post.groupId), ne(posts.id, post.id), ne(posts.status, 'cancelled')))
    .limit(100);
  if (siblings.length === 0) return;
  const rows = await tx
    .select({ postId: postParts.postId, text: postParts.text })
    .from(postParts)
    .where(inArray(postParts.postId, siblings.map((s) => s.id)))
    .orderBy(asc(postParts.position));
  const mine = contentKey(parts);
  const same = siblings.find((s) => contentKey(rows.filter((r) => r.postId === s.id)) === mine);
  if (same) throw new AppError(400, 'Invalid input', { 'parts.0.text': [`The same text as @${same.username}’s post of this group: ${IDENTICAL_CONTENT_REASON}`] });
}
