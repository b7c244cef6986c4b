import twitterText, { type EntityWithIndices } from 'twitter-text';
import { X_MAX_TEXT_UNITS } from './rules';

/** X's own weighted length (URLs count 23, CJK and most emoji 2). Safe in the browser too. */
export function weightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

/**
 * A run of post text as X shows it: plain text, or an entity X turns into a link. `text` is the
 * text as written; a URL also has `display`, the shortened form X shows in its place.
 */
export type TextSegment =
  | { kind: 'text'; text: string }
  | { kind: 'url'; text: string; href: string; display: string }
  | { kind: 'mention' | 'hashtag' | 'cashtag'; text: string; href: string };

export type EntityKind = Exclude<TextSegment['kind'], 'text'>;

/**
 * How many characters of a link X shows before cutting it with "…". X's exact cut is its own
 * (it varies a little around this); 23 keeps the preview close without pretending to be exact.
 */
export const DISPLAY_URL_MAX_CHARS = 23;

/**
 * The form X shows a link in: without `http://`/`https://` and `www.`, without the lone `/` of a
 * bare host, cut after DISPLAY_URL_MAX_CHARS characters (code points, so an emoji or a surrogate
 * pair is never split) with "…".
 */
export function displayUrl(url: string): string {
  const bare = url
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/^([^/?#]+)\/$/, '$1');
  const chars = [...bare];
  return chars.length > DISPLAY_URL_MAX_CHARS ? `${chars.slice(0, DISPLAY_URL_MAX_CHARS).join('')}…` : bare;
}

/** Where a URL leads: as written, or with `https://` when it was written without a scheme ("example.com"). */
const urlHref = (url: string): string => (/^https?:\/\//i.test(url) ? url : `https://${url}`);

function entitySegment(entity: EntityWithIndices, text: string): TextSegment {
  if ('url' in entity) return { kind: 'url', text, href: urlHref(entity.url), display: displayUrl(entity.url) };
  // A list mention (`@user/list`) is highlighted whole, as X does; it leads to the user here.
  if ('screenName' in entity) return { kind: 'mention', text, href: `https://x.com/${entity.screenName}` };
  if ('hashtag' in entity) return { kind: 'hashtag', text, href: `https://x.com/hashtag/${encodeURIComponent(entity.hashtag)}` };
  return { kind: 'cashtag', text, href: `https://x.com/search?q=${encodeURIComponent(`$${entity.cashtag}`)}` };
}

/**
 * Splits post text into plain runs and the entities X links (URLs, with or without a scheme,
 * @mentions, #hashtags, $cashtags), found by twitter-text itself so the preview highlights exactly
 * what X will. Safe in the browser.
 *
 * Indices: X's API counts entity offsets in code points, but twitter-text's JavaScript extractors
 * return offsets into the JavaScript string (UTF-16 units; its `modifyIndicesFromUTF16ToUnicode`
 * exists to convert them to X's). So they slice `text` directly; the tests pin this with emoji
 * before a link, in case a twitter-text upgrade ever changes it.
 *
 * Text longer than any post X takes is returned as one plain run: extraction is not linear on some
 * inputs (like counting, see X_MAX_TEXT_UNITS), and such text can never be posted anyway.
 */
export function textSegments(text: string): TextSegment[] {
  if (text.length === 0) return [];
  if (text.length > X_MAX_TEXT_UNITS) return [{ kind: 'text', text }];
  const segments: TextSegment[] = [];
  let at = 0;
  // Sorted by start, overlaps already removed by twitter-text.
  for (const entity of twitterText.extractEntitiesWithIndices(text)) {
    const [start, end] = entity.indices;
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) segments.push({ kind: 'text', text: text.slice(at, start) });
    segments.push(entitySegment(entity, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) segments.push({ kind: 'text', text: text.slice(at) });
  return segments;
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
