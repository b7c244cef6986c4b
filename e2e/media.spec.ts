import { expect, test } from '@playwright/test';
import { crc32, deflateSync } from 'node:zlib';
import { sandboxTweets, sandboxUrl, signIn, uniqueText, uniqueUsername } from './support';

/** A real, decodable PNG of one colour (so the composer's preview actually renders). */
function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

interface SandboxMedia {
  id: string;
  media_type: string;
  alt_text: string | null;
}

test('a PNG attached in the composer, with alt text, reaches X with the post', async ({ page }) => {
  const username = uniqueUsername('media');
  await signIn(page, username);
  const text = uniqueText('A picture from Herald');
  const alt = 'A small red square on white';

  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Post text').fill(text);
  await dialog.getByLabel('Add media').setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: solidPng(320, 240, [220, 30, 30]) });
  await dialog.getByLabel('Alt text').fill(alt);
  // The preview comes back from Herald's media API once the upload is done.
  const preview = dialog.getByRole('img', { name: alt });
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);

  await dialog.getByRole('button', { name: 'Post now' }).click();
  await expect(dialog).toBeHidden();

  // Herald stored the media id and alt text on the post...
  const { posts } = (await (await page.request.get('/api/v1/posts')).json()) as {
    posts: { parts: { text: string; media: { id: string; kind: string; mimeType: string; altText: string | null }[] }[] }[];
  };
  const saved = posts.find((p) => p.parts[0]?.text === text);
  expect(saved?.parts[0]?.media).toEqual([{ id: expect.any(String), kind: 'image', mimeType: 'image/png', altText: alt }]);

  // ...and X received the post with one media item carrying that alt text.
  const event = page.locator('.rbc-event', { hasText: text.slice(0, 20) }).first();
  await expect(event).toContainText(/published/i, { timeout: 40_000 });
  const tweets = (await sandboxTweets(username)).filter((t) => t.text === text);
  expect(tweets).toHaveLength(1);
  expect(tweets[0]!.media_ids).toHaveLength(1);
  const media = (await (await fetch(`${sandboxUrl()}/__sandbox/media`)).json()) as SandboxMedia[];
  expect(media.find((m) => m.id === tweets[0]!.media_ids[0])).toMatchObject({ media_type: 'image/png', alt_text: alt });
});
