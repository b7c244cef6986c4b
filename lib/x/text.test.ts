import { describe, expect, it } from 'vitest';
import { lengthProblem } from './rules';
import { weightedLength } from './text';

describe("X's weighted length", () => {
  it('counts URLs as 23 and CJK and emoji as 2', () => {
    expect(weightedLength('abc')).toBe(3);
    expect(weightedLength('https://example.com/a/very/long/path/that/is/longer/than/23')).toBe(23);
    expect(weightedLength('日本')).toBe(4);
    expect(weightedLength('😀')).toBe(2);
  });

  it('allows 280 and refuses 281', () => {
    expect(lengthProblem(weightedLength('a'.repeat(280)))).toBeNull();
    expect(lengthProblem(weightedLength('a'.repeat(281)))).toMatch(/281 characters; X allows 280/);
  });
});
