import { describe, expect, it } from 'vitest';
import { countBudget, DIRECT_COUNT_MAX_LENGTH } from './count';

describe('countBudget', () => {
  it('counts short text even when the budget is spent: a busy machine never refuses a short post', () => {
    const spent = countBudget(0);
    expect(spent.count('Hello https://example.com 日本')).toBe(6 + 23 + 1 + 4);
    expect(spent.count('a'.repeat(DIRECT_COUNT_MAX_LENGTH))).toBe(DIRECT_COUNT_MAX_LENGTH);
    // Longer text is what the budget is for.
    expect(spent.count('a'.repeat(DIRECT_COUNT_MAX_LENGTH + 1))).toBeNull();
  });

  it('gives up on a pathological text once the budget runs out', () => {
    const budget = countBudget(20);
    expect(budget.count('a.'.repeat(12_000))).toBeNull();
    expect(budget.count('a'.repeat(2_000))).toBeNull();
  });
});
