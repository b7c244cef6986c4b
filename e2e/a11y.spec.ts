import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ADMIN } from './global-setup';
import { firstAccountId, signIn, uniqueText, uniqueUsername } from './support';

/**
 * Issue 11, point 6: axe finds no serious or critical WCAG 2.1 A/AA violation on any page, light
 * and dark, phone and desktop. One browser context per width and scheme, signed in once; each
 * page is also checked for sideways scrolling, which a 390 px phone must never need.
 */

const WIDTHS = [390, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Screen {
  name: string;
  /** Where to go; `accountId` is the signed-in admin's first X account. */
  path: (accountId: string) => string;
  /** What to open on the page before checking it. */
  open?: (page: Page) => Promise<void>;
}

/** Every page the dashboard has, and the dialogs and panels that sit over them. One line each. */
const SCREENS: Screen[] = [
  { name: 'calendar', path: () => '/calendar' },
  { name: 'composer', path: () => '/calendar', open: openComposer },
  { name: 'notifications panel', path: () => '/calendar', open: openNotifications },
  { name: 'queue', path: (id) => `/accounts/${encodeURIComponent(id)}/queue` },
  { name: 'accounts', path: () => '/accounts' },
  { name: 'settings', path: () => '/settings' },
  { name: 'admin', path: () => '/admin' },
  { name: 'admin audit', path: () => '/admin/audit' },
  { name: 'posts', path: () => '/posts' },
];

async function openComposer(page: Page) {
  await page.getByRole('button', { name: 'New post' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
}

async function openNotifications(page: Page) {
  await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
  await expect(page.getByRole('region', { name: 'Notifications panel' })).toBeVisible();
}

/** Serious and critical violations, one readable line per offending element. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help}\n    at ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n/g, '\n    ') ?? ''}`));
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function newScreenPage(browser: Browser, width: number, colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width < 640 ? 844 : 900 }, colorScheme, reducedMotion: 'reduce' });
  return context.newPage();
}

for (const width of WIDTHS) {
  for (const scheme of SCHEMES) {
    test(`axe: no serious or critical violation at ${width} px, ${scheme}`, async ({ browser }) => {
      test.setTimeout(240_000);
      const found: string[] = [];
      const check = async (page: Page, name: string) => {
        for (const line of await violations(page)) found.push(`[${name}] ${line}`);
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) found.push(`[${name}] the page scrolls sideways by ${overflow} px`);
      };

      const page = await newScreenPage(browser, width, scheme);
      await page.goto('/signin');
      await check(page, 'signin');

      await signIn(page, E2E_ADMIN);
      const accountId = await firstAccountId(page.request);
      // Something on the calendar, so that events are checked too (contrast of each status colour).
      const soon = new Date(Date.now() + 2 * 3600_000).toISOString();
      // Several on one day, so that a month cell is full and scrolls.
      for (let n = 0; n < 6; n++) {
        const at = new Date(Date.parse(soon) + n * 60_000).toISOString();
        expect((await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text: uniqueText('Checked by axe') }], scheduledAt: at } })).status()).toBe(201);
      }
      expect((await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text: uniqueText('An axe draft') }] } })).status()).toBe(201);

      for (const screen of SCREENS) {
        const response = await page.goto(screen.path(accountId));
        expect(response?.status(), screen.name).toBe(200);
        await expect(page.locator('main').first()).toBeVisible();
        await page.waitForLoadState('networkidle');
        if (screen.open) await screen.open(page);
        await check(page, screen.name);
      }

      // /forbidden is what a signed-in non-admin meets at /admin.
      const plain = await newScreenPage(browser, width, scheme);
      await signIn(plain, uniqueUsername('axe'));
      const refused = await plain.goto('/admin');
      if (refused?.status() === 403) await check(plain, 'forbidden');
      else found.push(`[forbidden] /admin answered ${refused?.status()} to a non-admin, not 403`);

      await page.context().close();
      await plain.context().close();
      expect(found, `axe at ${width} px, ${scheme}:\n${found.join('\n')}`).toEqual([]);
    });
  }
}
