import twitterText from 'twitter-text';

/** X's limit in weighted characters for an account without X Premium. */
export const X_MAX_WEIGHTED_LENGTH = 280;

/**
 * The longest post X takes from any account (Premium: 25,000 characters). Longer text is refused
 * before it is counted: twitter-text's parse grows with the square of the length on some inputs
 * (text like `a.a.a…`), and a post X can never accept is not worth a millisecond.
 */
export const X_MAX_TEXT_UNITS = 25_000;

/** X's own weighted length (URLs count 23, CJK and most emoji 2). Safe in the browser too. */
export function weightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

/** Null when a weighted length fits X's limit, else the message a person sees. */
export function lengthProblem(weighted: number, limit = X_MAX_WEIGHTED_LENGTH): string | null {
  return weighted > limit ? `Post text is ${weighted} characters; X allows ${limit}` : null;
}
