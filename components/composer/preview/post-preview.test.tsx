import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PostPreview, type PostPreviewProps, type PreviewPart } from './post-preview';
import { PreviewThemeToggle } from './theme-toggle';

/*
 * The preview's markup, rendered by React's server renderer: no browser and no composer needed.
 * The checks read the HTML with small patterns (the project has no DOM library for tests).
 */

const account = { name: 'Ana Lima', username: 'ana', avatarUrl: null };

const part = (over: Partial<PreviewPart> = {}): PreviewPart => ({ key: 1, text: 'Hello', media: [], poll: null, quotePostId: null, ...over });

const render = (over: Partial<PostPreviewProps> = {}) =>
  renderToStaticMarkup(<PostPreview account={account} parts={[part()]} replyToPostId={null} replySettings={null} theme="light" {...over} />);

/** The markup of each part (article), in order. */
const articles = (html: string) => html.split('<article').slice(1);

const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

/** The class and text of the span marked as an entity of this kind and text. */
function entity(html: string, kind: string, text: string) {
  const match = new RegExp(`<span data-entity="${kind}"([^>]*)>([^<]*)</span>`, 'g');
  for (const [, attributes = '', inner] of html.matchAll(match)) {
    if (inner === text) return { className: /class="([^"]*)"/.exec(attributes)?.[1] ?? '', title: /title="([^"]*)"/.exec(attributes)?.[1] ?? null };
  }
  return null;
}

describe('the post preview', () => {
  it('is a region named "Preview on X" with one article per part, the name, @username and "now"', () => {
    const html = render();
    expect(html).toMatch(/^<section aria-label="Preview on X" data-theme="light"/);
    expect(articles(html)).toHaveLength(1);
    expect(html).toContain('<span class="truncate font-bold">Ana Lima</span>');
    expect(html).toMatch(/>@ana<\/span>/);
    expect(html).toMatch(/>now<\/span>/);
    expect(html).toContain('>Hello</p>');
  });

  it('shows the initial when there is no avatar, else the picture', () => {
    expect(render()).toMatch(/<span aria-hidden="true"[^>]*rounded-full[^>]*>A<\/span>/);
    const html = render({ account: { ...account, avatarUrl: 'https://pbs.example/a.jpg' } });
    expect(html).toMatch(/<img src="https:\/\/pbs\.example\/a\.jpg"[^>]*rounded-full/);
  });

  it("highlights X's entities in its blue, as spans that go nowhere, and shortens links", () => {
    const html = render({ parts: [part({ text: '🎉 @jack loves #tea and $TEA\nsee https://www.example.com/a/very/long/path' })] });
    expect(entity(html, 'mention', '@jack')?.className).toContain('text-[#1d9bf0]');
    expect(entity(html, 'hashtag', '#tea')?.className).toContain('text-[#1d9bf0]');
    expect(entity(html, 'cashtag', '$TEA')?.className).toContain('text-[#1d9bf0]');
    const link = entity(html, 'url', 'example.com/a/very/long…');
    expect(link?.className).toContain('text-[#1d9bf0]');
    expect(link?.title).toBe('https://www.example.com/a/very/long/path');
    // Line breaks are kept, and the text holds no real link.
    expect(html).toMatch(/<p class="whitespace-pre-wrap[^"]*">🎉 <span[^]*\$TEA<\/span>\nsee <span[^]*<\/p>/);
    expect(html).not.toMatch(/<a /);
  });

  it('lays three images out as one tall and two stacked, with alt text and the ALT badge', () => {
    const media = [
      { key: 'a', kind: 'image' as const, src: 'blob:a', altText: 'A red door' },
      { key: 'b', kind: 'image' as const, src: 'blob:b', altText: '' },
      { key: 'c', kind: 'image' as const, src: null, altText: 'Still uploading' },
    ];
    const html = render({ parts: [part({ text: '', media })] });
    expect(html).toMatch(/<div data-media-count="3" class="[^"]*\bgrid-cols-2 grid-rows-2\b/);
    expect(html).toMatch(/<div data-media-kind="image" class="[^"]*\brow-span-2\b[^"]*"><img src="blob:a" alt="A red door"/);
    expect(html).toContain('<img src="blob:b" alt="Image"');
    // Nothing to draw yet: a named tile.
    expect(html).toMatch(/<div role="img" aria-label="Still uploading"/);
    expect(count(html, /data-badge="alt"/)).toBe(2);
    expect(html).not.toContain('data-placeholder');
  });

  it('draws one image alone and marks a video with a play badge and a GIF with its badge', () => {
    expect(render({ parts: [part({ media: [{ key: 'a', kind: 'image', src: 'blob:a', altText: '' }] })] })).toMatch(/<div data-media-count="1" class="[^"]*\bgrid"/);
    const video = render({ parts: [part({ media: [{ key: 'v', kind: 'video', src: 'blob:v', altText: 'A dog running' }] })] });
    expect(video).toMatch(/<video src="blob:v" aria-label="A dog running"/);
    expect(video).toContain('data-badge="play"');
    const gif = render({ parts: [part({ media: [{ key: 'g', kind: 'gif', src: 'blob:g', altText: '' }] })] });
    expect(gif).toMatch(/>GIF<\/span>/);
    expect(gif).not.toContain('data-badge="play"');
  });

  it('shows a poll as option bars with no votes and the time left', () => {
    const html = render({ parts: [part({ poll: { options: ['Tea', '', 'Coffee'], durationMinutes: 24 * 60 } })] });
    expect(html).toMatch(/<ul aria-label="Poll options"/);
    expect(count(html, /<li /)).toBe(3);
    expect(html).toMatch(/>Tea<\/span><span class="relative shrink-0 tabular-nums">0%<\/span>/);
    expect(html).toMatch(/>Choice 2<\/span>/);
    expect(html).toContain('0 votes · 1 day left');
  });

  it('shows a quoted post as a card linking to it on X, in a new tab', () => {
    const html = render({ parts: [part({ quotePostId: '1800000000000000001' })] });
    expect(html).toMatch(/<div data-quote="1800000000000000001" class="[^"]*\bborder\b/);
    expect(html).toContain('Quoting post 1800000000000000001');
    expect(html).toContain('<a href="https://x.com/i/status/1800000000000000001" target="_blank" rel="noreferrer"');
  });

  it('says which post the first part replies to, and who may reply under the last part', () => {
    const html = render({
      parts: [part({ key: 1 }), part({ key: 2, text: 'Two' })],
      replyToPostId: '42',
      replySettings: 'mentionedUsers',
    });
    const [first = '', second = ''] = articles(html);
    expect(first).toMatch(/Replying to post <a href="https:\/\/x\.com\/i\/status\/42"/);
    expect(second).not.toContain('Replying to');
    expect(first).not.toContain('can reply');
    expect(second).toContain('Only people mentioned can reply');
    expect(render()).not.toContain('data-reply-settings');
  });

  it('joins the parts of a thread with a line, and only a thread', () => {
    expect(render()).not.toContain('data-thread-line');
    expect(render()).not.toMatch(/<article aria-label/);
    const html = render({ parts: [part({ key: 1 }), part({ key: 2 }), part({ key: 3 })] });
    const parts = articles(html);
    expect(parts.map((p) => /^ aria-label="([^"]*)"/.exec(p)?.[1])).toEqual(['Part 1 of 3', 'Part 2 of 3', 'Part 3 of 3']);
    // From each avatar but the last down to the next.
    expect(parts.map((p) => p.includes('data-thread-line'))).toEqual([true, true, false]);
  });

  it('shows a placeholder for an empty part', () => {
    const html = render({ parts: [part({ key: 1, text: 'One' }), part({ key: 2, text: '  ' })] });
    const [first = '', second = ''] = articles(html);
    expect(first).not.toContain('data-placeholder');
    expect(second).toMatch(/data-placeholder=""[^>]*>Nothing written yet<\/p>/);
  });

  it("takes X's dark look from the theme prop", () => {
    const light = render();
    expect(light).toMatch(/^<section [^>]*class="[^"]*\bbg-\[#fff\]/);
    const dark = render({ theme: 'dark' });
    expect(dark).toMatch(/^<section aria-label="Preview on X" data-theme="dark" class="[^"]*\bbg-black\b[^"]*\btext-\[#e7e9ea\]/);
    expect(dark).not.toContain('bg-white');
  });
});

describe('the preview theme toggle', () => {
  it('is a group of two buttons, the chosen one pressed', () => {
    const html = renderToStaticMarkup(<PreviewThemeToggle theme="dark" onChange={() => {}} />);
    expect(html).toMatch(/^<div role="group" aria-label="Preview theme"/);
    expect(html).toMatch(/<button type="button" aria-pressed="false"[^>]*>Light<\/button>/);
    expect(html).toMatch(/<button type="button" aria-pressed="true"[^>]*>Dark<\/button>/);
  });
});
