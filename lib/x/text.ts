import twitterText from 'twitter-text';

/** X's own weighted length (URLs count 23, CJK and most emoji 2). Safe in the browser too. */
export function weightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

/**
 * The links X finds in a text, by its own rules (twitter-text's extraction, the one that makes a
 * URL count 23): with or without `https://`, so "example.com" is a link and "e.g." is not.
 */
export function extractUrls(text: string): string[] {
  return twitterText.extractUrls(text);
}

/** Whether X sees a link in the text: a post holding one is billed at X's higher price. */
export function containsUrl(text: string): boolean {
  return extractUrls(text).length > 0;
}
