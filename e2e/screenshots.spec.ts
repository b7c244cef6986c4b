import { mkdirSync } from 'node:fs';
import { expect, test, type Browser } from '@playwright/test';
import { connectAnotherAccount, firstAccountId, sandboxTweets, signIn, uniqueUsername } from './support';

/**
 * The README's pictures (issue 11, point 8): the calendar and the composer, on a phone (390 px)
 * and a desktop (1280 px), light and dark, into docs/screenshots/. Only with E2E_SCREENSHOTS=1:
 * they are committed, not compared.
 */

const SHOTS = 'docs/screenshots';
const FORMS = [
  { device: 'phone', viewport: { width: 390, height: 844 } },
  { device: 'desktop', viewport: { width: 1280, height: 860 } },
] as const;

const PLANNED = [
  'Our spring release notes are up: faster uploads, threads you can reorder, and polls.',
  'Thread: how we schedule 1,000 posts a second without missing a minute 🧵',
  'Office hours tomorrow at 4 pm CET. Bring your questions about the API.',
  'New on the blog: writing alt text that actually helps.',
  'Reminder: the community call is moving to Thursdays.',
  'We are hiring a designer who loves calendars as much as we do.',
  'Weekend reading: five posts from our users about their publishing routines.',
  'Poll: what should the next integration be?',
  'Behind the scenes: our on-call rotation, explained.',
  'Thank you for 10,000 followers! A small gift inside.',
];

/** Wall-clock times this month and next, from tomorrow, spread over mornings and afternoons. */
function plannedTimes(count: number): string[] {
  const times: string[] = [];
  const start = new Date();
  for (let i = 0; times.length < count; i++) {
    const day = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1 + Math.floor(i * 1.7));
    day.setHours([9, 13, 17][i % 3]!, [0, 30, 15][i % 3]!, 0, 0);
    times.push(day.toISOString());
  }
  return times;
}

async function seed(browser: Browser, username: string, team: string): Promise<void> {
  const page = await browser.newPage();
  await signIn(page, username);
  await connectAnotherAccount(page, team);
  const accountId = await firstAccountId(page.request);
  const accounts = ((await (await page.request.get('/api/v1/accounts')).json()) as { accounts: { id: string; username: string }[] }).accounts;
  const teamId = accounts.find((a) => a.username === team)!.id;
  const post = async (data: Record<string, unknown>) => expect((await page.request.post('/api/v1/posts', { data })).status()).toBe(201);

  const times = plannedTimes(PLANNED.length);
  for (const [i, text] of PLANNED.entries()) await post({ accountId: i % 3 === 2 ? teamId : accountId, parts: [{ text }], scheduledAt: times[i] });
  await post({ accountId, parts: [{ text: 'Draft: a thread about our favourite keyboard shortcuts.' }] });
  await post({ accountId: teamId, parts: [{ text: 'Draft: customer story with Acme (waiting for their quote).' }] });
  // Two posts out today; the second copy of one is refused by X as a duplicate: a failed post.
  await post({ accountId, parts: [{ text: 'Good morning! Today we ship the new composer.' }], publishNow: true });
  await expect.poll(async () => (await sandboxTweets(username)).length, { timeout: 20_000 }).toBe(1);
  await post({ accountId, parts: [{ text: 'Good morning! Today we ship the new composer.' }], publishNow: true });
  await expect
    .poll(async () => ((await (await page.request.get('/api/v1/posts?status=failed')).json()) as { posts: unknown[] }).posts.length, { timeout: 20_000 })
    .toBe(1);
  await page.context().close();
}

test('README screenshots: calendar and composer, phone and desktop, light and dark (with E2E_SCREENSHOTS set)', async ({ browser }) => {
  test.skip(!process.env.E2E_SCREENSHOTS, 'writes docs/screenshots/ only when asked');
  test.setTimeout(240_000);
  mkdirSync(SHOTS, { recursive: true });
  const username = uniqueUsername('herald');
  const team = uniqueUsername('team');
  await seed(browser, username, team);

  for (const { device, viewport } of FORMS) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      await signIn(page, username);
      // A month grid's event on a desktop, the month list's post on a phone.
      await expect(page.locator('.rbc-event, .month-list .post-event').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${SHOTS}/calendar-${device}-${colorScheme}.png` });

      await page.getByRole('button', { name: 'New post' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Post text').fill('Herald schedules this thread for 9 am tomorrow, in your time zone, and shows you what it will cost. https://example.com/herald');
      await expect(dialog.getByLabel('Post text')).toHaveValue(/Herald schedules/);
      await page.screenshot({ path: `${SHOTS}/composer-${device}-${colorScheme}.png` });
      await context.close();
    }
  }
});
