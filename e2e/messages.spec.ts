import { expect, test, type Page, type Request } from '@playwright/test';
import { scheduleInComposer, signIn, uniqueText, uniqueUsername } from './support';

/** Words a stranger would like Herald to say to its users, through a link. */
const ATTACKER_TEXT = 'Your account is suspended. Call +1 555 0100 now';

const withParam = (path: string, name: string, value: string) => `${path}?${new URLSearchParams({ [name]: value }).toString()}`;

/** The page's own alert (Next's route announcer is an empty alert of its own). */
const pageAlert = (page: Page) => page.locator('p[role="alert"]');

async function expectNotShown(page: Page, text: string): Promise<void> {
  await expect(page.locator('body')).not.toContainText(text);
}

test.describe('messages from the query string', () => {
  test('the sign-in page shows its generic message for an unknown ?error=, never the text', async ({ page }) => {
    await page.goto(withParam('/signin', 'error', ATTACKER_TEXT));
    await expect(pageAlert(page)).toHaveText('Sign-in did not complete. Try again.');
    await expectNotShown(page, '555 0100');

    // Names every object has are not codes either.
    await page.goto('/signin?error=constructor');
    await expect(pageAlert(page)).toHaveText('Sign-in did not complete. Try again.');
    await expectNotShown(page, 'constructor');

    await page.goto('/signin?error=AccessDenied');
    await expect(pageAlert(page)).toContainText('X did not grant Herald access');
  });

  test('the accounts page shows a fixed sentence per code, the generic one otherwise, and confirms only accounts the user has', async ({ page }) => {
    const username = uniqueUsername('msg');
    await signIn(page, username);

    await page.goto(withParam('/accounts', 'error', ATTACKER_TEXT));
    await expect(pageAlert(page)).toHaveText('Connecting the X account did not complete. Try again from this page.');
    await expectNotShown(page, '555 0100');

    // Given twice, the parameter is an array: React would print both items side by side.
    await page.goto(`/accounts?error=${encodeURIComponent(ATTACKER_TEXT)}&error=expired`);
    await expect(pageAlert(page)).toHaveText('Connecting the X account did not complete. Try again from this page.');
    await expectNotShown(page, '555 0100');

    await page.goto('/accounts?error=denied');
    await expect(pageAlert(page)).toHaveText('You did not authorize Herald on X.');

    // A handle that is not the user's, and text that is no handle, confirm nothing.
    for (const connected of ['elonmusk', ATTACKER_TEXT]) {
      await page.goto(withParam('/accounts', 'connected', connected));
      await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
      await expect(page.getByText('is connected')).toHaveCount(0);
      await expectNotShown(page, '555 0100');
    }
    await page.goto(withParam('/accounts', 'connected', username.toUpperCase()));
    await expect(page.getByRole('status').filter({ hasText: 'is connected' })).toHaveText(`@${username} is connected.`);
  });

  test('a failed connect attempt lands on the accounts page with its code and fixed sentence', async ({ page }) => {
    await signIn(page, uniqueUsername('conn'));

    // No attempt cookie: the attempt expired (or never began).
    await page.goto('/api/accounts/connect/callback?state=wrong&code=abc');
    await expect(page).toHaveURL(/\/accounts\?error=expired$/);
    await expect(pageAlert(page)).toHaveText('This connection attempt expired. Start again from the accounts page.');

    // A real attempt (its cookie set), answered with another state.
    await page.goto('/api/accounts/connect');
    await expect(page.getByRole('button', { name: 'Authorize app' })).toBeVisible();
    await page.goto('/api/accounts/connect/callback?state=wrong&code=abc');
    await expect(page).toHaveURL(/\/accounts\?error=state_mismatch$/);
    await expect(pageAlert(page)).toHaveText('The answer from X did not match this connection attempt. Start again from the accounts page.');

    // A real attempt the person cancels on X's consent page.
    await page.goto('/accounts');
    await page.getByRole('link', { name: 'Connect another X account' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page).toHaveURL(/\/accounts\?error=denied$/);
    await expect(pageAlert(page)).toHaveText('You did not authorize Herald on X.');

    // And one that succeeds is confirmed by the handle the account really has.
    const another = uniqueUsername('more');
    await page.getByRole('link', { name: 'Connect another X account' }).click();
    await page.getByLabel('Or a new username').fill(another);
    await page.getByRole('button', { name: 'Authorize app' }).click();
    await expect(page).toHaveURL(new RegExp(`/accounts\\?connected=${another}$`));
    await expect(page.getByRole('status').filter({ hasText: 'is connected' })).toHaveText(`@${another} is connected.`);
  });
});

test('the calendar backs off while nothing changes, and still shows a post due soon turning published', async ({ page }) => {
  test.setTimeout(150_000);
  // The browser's clock, so that twenty quiet seconds pass when the test says, not in real time.
  await page.clock.install();
  await signIn(page, uniqueUsername('poll'));
  const later = uniqueText('Much later');
  await scheduleInComposer(page, later, new Date(Date.now() + 15 * 60_000));

  // One poll asks for the visible range a week per request (and the drafts beside it): a poll is
  // counted by its request for the range's first week, the earliest `from` asked during the quiet time.
  const ranges: string[] = [];
  const inFlight = new Set<Request>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname !== '/api/v1/posts') return;
    inFlight.add(request);
    const from = url.searchParams.get('from');
    if (from) ranges.push(from);
  });
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
  await page.reload();
  await expect(page.locator('.rbc-event', { hasText: later.slice(0, 20) })).toContainText(/scheduled/i);
  // The next and previous months are fetched ahead once the month is in: let that finish first.
  await expect.poll(() => inFlight.size).toBe(0);
  const quietFrom = ranges.length;
  // Twenty seconds of the page's time, one at a time, each poll answered before time moves on.
  // (Paused a moment ahead: pausing in the page's past is refused, and the page's time flows meanwhile.)
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 250);
  for (let second = 0; second < 20; second++) {
    await page.clock.runFor(1_000);
    await expect.poll(() => inFlight.size).toBe(0);
  }
  const quiet = ranges.slice(quietFrom);
  const firstWeek = [...quiet].sort()[0];
  const quietPolls = quiet.filter((from) => from === firstWeek).length;
  // Back to the server's time, flowing: what follows is a post X really receives.
  await page.clock.setSystemTime(Date.now());
  await page.clock.resume();
  test.info().annotations.push({ type: 'polls in 20 s', description: String(quietPolls) });
  // Every 3 s would be 6 or 7; backing off from 3 s by doubling is 2 (at 3 s and 9 s).
  expect(quietPolls).toBeGreaterThanOrEqual(1);
  expect(quietPolls).toBeLessThanOrEqual(4);

  // Due in 25 s: backing off alone would next look about 20 s after it went out.
  const soon = uniqueText('Going out soon');
  const at = new Date(Date.now() + 25_000);
  const event = await scheduleInComposer(page, soon, at);
  await expect(event).toContainText(/published/i, { timeout: Math.max(0, at.getTime() - Date.now()) + 10_000 });
  await expect(page.locator('.rbc-event', { hasText: later.slice(0, 20) })).toContainText(/scheduled/i);
});
