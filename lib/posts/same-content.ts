/**
 * What X compares when it refuses the same content from several accounts: the words, not the
 * spacing or the case. A thread is compared whole. Import-free: the composer (in the browser)
 * refuses what the API would, with the same rule.
 */
export function contentKey(parts: readonly { text: string }[]): string {
  return parts.map((p) => p.text.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase()).join('\n');
}

/** Why several accounts can't share one text: the composer and the API say it alike. */
export const IDENTICAL_CONTENT_REASON = 'X does not allow posting identical content from several accounts, so give each account its own wording';

/**
 * For each post, the index of an earlier post with the same content, or null. Posts without any
 * text are never "the same": an empty draft is not content yet.
 */
export function sameContentAs(posts: readonly (readonly { text: string }[])[]): (number | null)[] {
  const seen = new Map<string, number>();
  return posts.map((parts, index) => {
    const key = contentKey(parts);
    if (key.replace(/\n/g, '') === '') return null;
    const earlier = seen.get(key);
    if (earlier !== undefined) return earlier;
    seen.set(key, index);
    return null;
  });
}
