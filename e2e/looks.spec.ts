import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN } from './global-setup';
import { signIn, uniqueUsername } from './support';

/** Issue 11, point 5: phone and desktop, keyboard, and the system's dark mode. (axe and sideways scrolling: e2e/a11y.spec.ts.) */

/** Relative luminance of a computed `rgb()`/`rgba()`/`oklch`-resolved colour, via a canvas so any CSS colour syntax works. */
async function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = Array.from(ctx.getImageData(0, 0, 1, 1).data).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  });
}

test('the pages follow the system colour scheme: light by day, dark at night', async ({ browser }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await signIn(page, uniqueUsername('scheme'));
    const luminance = await backgroundLuminance(page);
    if (colorScheme === 'light') expect(luminance).toBeGreaterThan(0.8);
    else expect(luminance).toBeLessThan(0.05);
    await context.close();
  }
});

test('on a 390 px phone the composer is a full-screen sheet, on a desktop a centred dialog', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, uniqueUsername('sheet'));
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  expect(await dialog.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
  // The sheet's middle scrolls; its title bar and its buttons stay on screen.
  await expect(dialog.getByRole('button', { name: 'Schedule', exact: true })).toBeInViewport();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'New post' }).click();
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThan(100);
  expect(box.width).toBeLessThan(1280 - 200);
  await context.close();
});

test('on a 390 px phone every nav link is there to tap, and the page never scrolls sideways', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  // The admin has the longest nav: six links, which wrap onto a second row rather than scroll.
  await signIn(page, E2E_ADMIN);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Calendar', 'Posts', 'Queue', 'Accounts', 'Settings', 'Admin']) {
    const link = nav.getByRole('link', { name });
    await link.scrollIntoViewIfNeeded();
    await expect(link).toBeInViewport({ ratio: 1 });
  }
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await context.close();
});

test('Tab reaches the nav, the bell, sign-out and New post, and every stop shows a focus ring', async ({ page }) => {
  await signIn(page, uniqueUsername('keys'));
  await page.goto('/calendar');
  const reached = new Set<string>();
  const unringed: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      return { name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40), tag: el.tagName, ring };
    });
    if (!stop) continue;
    reached.add(stop.name);
    if (!stop.ring) unringed.push(`${stop.tag} “${stop.name}”`);
  }
  for (const name of ['Calendar', 'Accounts', 'Settings', 'Sign out', 'New post']) expect([...reached].some((r) => r.includes(name)), `${name} among ${[...reached].join(' | ')}`).toBe(true);
  expect([...reached].some((r) => r.startsWith('Notifications,'))).toBe(true);
  expect(unringed).toEqual([]);
});
