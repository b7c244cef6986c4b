import { AppError } from '../errors';
import { countBudget } from '../x/count';
import { X_MAX_WEIGHTED_LENGTH, accountLengthProblem, hasLongPosts, lengthProblem, textLimitFor } from '../x/rules';

/**
 * X's weighted length of every part, counted within one time budget for the whole post (the
 * schema has already refused text X never accepts; the budget bounds what is left). Returns the
 * problem of each part that has one, by index.
 */
export function partTextProblems(
  parts: readonly { text: string }[],
  limit = X_MAX_WEIGHTED_LENGTH,
  problemOf: (weighted: number) => string | null = (weighted) => lengthProblem(weighted, limit),
): Map<number, string> {
  const budget = countBudget();
  const problems = new Map<number, string>();
  for (const [index, part] of parts.entries()) {
    const weighted = budget.count(part.text);
    if (weighted === null) {
      problems.set(index, `Post text is too long to check (X allows ${limit.toLocaleString('en')} characters)`);
      break;
    }
    const problem = problemOf(weighted);
    if (problem) problems.set(index, problem);
  }
  return problems;
}

/**
 * Refuses (400, a message per part) text longer than the account may post: 280 weighted
 * characters, or 25,000 with X Premium, in every part (X allows long replies too, so a Premium
 * thread's parts may each be long). The schema has already held every part to the Premium limit.
 */
export function assertPartsFitAccount(parts: readonly { text: string }[], account: { username: string; subscriptionType: string }): void {
  if (hasLongPosts(account.subscriptionType)) return;
  const problems = partTextProblems(parts, textLimitFor(account.subscriptionType), (weighted) => accountLengthProblem(weighted, account));
  if (problems.size === 0) return;
  throw new AppError(400, 'Invalid input', Object.fromEntries([...problems].map(([index, message]) => [`parts.${index}.text`, [message]])));
}
