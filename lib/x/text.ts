import twitterText from 'twitter-text';

/** X's own weighted length (URLs count 23, CJK and most emoji 2). Safe in the browser too. */
export function weightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}
