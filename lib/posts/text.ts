import { countBudget } from '../x/count';
import { X_MAX_WEIGHTED_LENGTH, lengthProblem } from '../x/rules';

/**
 * X's weighted length of every part, counted within one time budget for the whole post (the
 * schema has already refused text X never accepts; the budget bounds what is left). Returns the
 * problem of each part that has one, by index.
 */
export function partTextProblems(parts: readonly { text: string }[], limit = X_MAX_WEIGHTED_LENGTH): Map<number, string> {
  const budget = countBudget();
  const problems = new Map<number, string>();
  for (const [index, part] of parts.entries()) {
    const weighted = budget.count(part.text);
    if (weighted === null) {
      problems.set(index, `Post text is too long to check (X allows ${limit} characters)`);
      break;
    }
    const problem = lengthProblem(weighted, limit);
    if (problem) problems.set(index, problem);
  }
  return problems;
}
