import twitterText from 'twitter-text';

export const X_MAX_WEIGHTED_LENGTH = 280;

/** X's own weighted length (URLs count 23, CJK and most emoji 2). Safe in the browser too. */
export function weightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

export function textProblem(text: string): string | null {
  if (text.trim() === '') return 'Post text is empty';
  const length = weightedLength(text);
  if (length > X_MAX_WEIGHTED_LENGTH) return `Post text is ${length} characters; X allows ${X_MAX_WEIGHTED_LENGTH}`;
  return null;
}
