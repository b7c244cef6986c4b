import { currentSubscription } from '../accounts/subscription';
import type { XAccount } from '../db/schema';
import { countBudget } from '../x/count';
import { X_MAX_WEIGHTED_LENGTH, lapsedPremiumProblem, textLimitFor } from '../x/rules';
import type { Claimed } from './claim';

/** Enough to count a thread of long parts (the API counted it within 100 ms when it was saved). */
const COUNT_MS = 1_000;

/**
 * Why the post cannot go out now, or null: a part longer than the account may post, because its
 * X Premium lapsed after the post was saved. Checked before the attempt's first create, so the
 * person gets a clear failure rather than X's refusal. Only a part over the ordinary limit makes
 * Herald ask X for the current subscription (one GET /2/users/me), so short posts cost nothing.
 *
 * A part with an earlier attempt's sent marker may already be on X (the publisher looks it up),
 * so only parts never sent are checked; should one of those be too long, X's refusal remains.
 */
export async function textOverLimit({ parts }: Claimed, account: XAccount, token: string): Promise<string | null> {
  const budget = countBudget(COUNT_MS);
  let longest: { weighted: number; number: number } | null = null;
  for (const [index, part] of parts.entries()) {
    if (part.xPostId || part.sentAt) continue;
    // Short text is counted directly (lib/x/count), so a burst pays no vm timeout per post.
    const weighted = budget.count(part.text);
    // Out of time: X decides, as before this check existed.
    if (weighted === null) return null;
    if (weighted > X_MAX_WEIGHTED_LENGTH && weighted > (longest?.weighted ?? 0)) longest = { weighted, number: index + 1 };
  }
  if (!longest) return null;
  const subscriptionType = await currentSubscription(account, token);
  if (longest.weighted <= textLimitFor(subscriptionType)) return null;
  return lapsedPremiumProblem(longest.weighted, { username: account.username, subscriptionType }, { number: longest.number, of: parts.length });
}
