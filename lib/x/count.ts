import vm from 'node:vm';
import twitterText from 'twitter-text';

/**
 * Counts X's weighted length on the server within a time budget shared by one request's texts.
 * twitter-text is exact but not linear (on `a.a.a…` a 20,000-character text takes ~0.3 s here);
 * running it under `vm`'s timeout interrupts a pathological count instead of letting it block the
 * event loop, so one request can never stall every other one for longer than its budget.
 */
// twitter-text's first text with a link takes ~20 ms on an idle machine (its patterns warm up),
// and many times that on a busy one: enough to run a fresh server's first budget out and refuse a
// short post as "too long to check". Pay it once here, outside any budget.
twitterText.parseTweet('warm up https://example.com example.org @x #x $X');

const context = vm.createContext({ parse: (text: string) => twitterText.parseTweet(text).weightedLength, text: '' });
const script = new vm.Script('parse(text)');

export interface CountBudget {
  /** The weighted length, or null when the budget ran out before the count finished. */
  count(text: string): number | null;
}

/** Enough for the longest legitimate thread (25 parts of 25,000 ordinary characters take ~25 ms). */
export const COUNT_BUDGET_MS = 100;

/**
 * Text this short is counted directly, whatever is left of the budget: twitter-text's worst case
 * grows with the square of the length, and at 1,000 characters it stays around 2 ms, while a
 * busy machine (a GC pause, another process) can eat a wall-clock budget before a short post is
 * counted and refuse it as "too long to check". vm's timeout also costs ~50 µs a count.
 */
export const DIRECT_COUNT_MAX_LENGTH = 1_000;

export function countBudget(ms = COUNT_BUDGET_MS): CountBudget {
  const deadline = performance.now() + ms;
  return {
    count(text) {
      if (text.length <= DIRECT_COUNT_MAX_LENGTH) return twitterText.parseTweet(text).weightedLength;
      const left = Math.floor(deadline - performance.now());
      if (left < 1) return null;
      context.text = text;
      try {
        return script.runInContext(context, { timeout: left }) as number;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return null;
        throw error;
      } finally {
        context.text = '';
      }
    },
  };
}
