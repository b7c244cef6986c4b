import { expect, test } from '@playwright/test';

/** Issue 11, point 5: Herald installs as an app. Chromium needs a linked manifest with a name, a start URL, standalone display and 192 and 512 px icons that load. */

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the web app manifest is linked, served, complete, and its icons load at their stated sizes', async ({ page, request }) => {
  // Linked from every page, the sign-in page included (no session needed to install).
  await page.goto('/signin');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/icons/apple-touch-icon.png');
  await expect(page.locator('meta[name="theme-color"]')).toHaveCount(2);

  const res = await request.get(href!);
  expect(res.status()).toBe(200);
  const manifest = JSON.parse(await res.text()) as Record<string, unknown>;
  expect(manifest).toMatchObject({ name: 'Herald', short_name: 'Herald', start_url: '/calendar', display: 'standalone' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);

  const icons = manifest.icons as ManifestIcon[];
  const sizes = new Set(icons.map((i) => i.sizes));
  expect(sizes).toContain('192x192');
  expect(sizes).toContain('512x512');
  expect(icons.some((i) => i.purpose === 'maskable')).toBe(true);
  for (const icon of [...icons, { src: '/icons/apple-touch-icon.png', sizes: '180x180', type: 'image/png' }]) {
    const image = await request.get(icon.src);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()['content-type'], icon.src).toBe(icon.type);
    const { width, height } = pngSize(await image.body());
    expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
  }
});
