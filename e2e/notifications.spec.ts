import { expect, test } from '@playwright/test';
import { firstAccountId, sandboxTweets, signIn, uniqueText, uniqueUsername } from './support';

test('a failed post rings the bell: 1 unread, listed with X’s reason, and marking it read clears the count', async ({ page }) => {
  const username = uniqueUsername('bell');
  await signIn(page, username);
  const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toHaveAccessibleName('Notifications, 0 unread');

  // X refuses the second copy as duplicate content: that post fails for good.
  const accountId = await firstAccountId(page.request);
  const text = uniqueText('Rung twice');
  for (let i = 1; i <= 2; i++) {
    const res = await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text }], publishNow: true } });
    expect(res.status()).toBe(201);
  }
  await expect.poll(async () => (await sandboxTweets(username)).length, { timeout: 20_000 }).toBe(1);
  const unread = async () => ((await (await page.request.get('/api/v1/notifications?limit=1')).json()) as { unread: number }).unread;
  await expect.poll(unread, { timeout: 20_000 }).toBe(1);

  // The bell asks again when the window regains focus (and every 30 s).
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread');

  await bell.click();
  await expect(bell).toHaveAttribute('aria-expanded', 'true');
  const list = page.getByRole('list', { name: 'Notifications' });
  const item = list.getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`A post to @${username} failed`);
  await expect(item).toContainText(/duplicate/i);
  await expect(item).toContainText(text);

  await item.getByRole('button', { name: /as read$/ }).click();
  await expect(bell).toHaveAccessibleName('Notifications, 0 unread');
  await expect(item.getByRole('button', { name: /as read$/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Mark all as read' })).toBeDisabled();

  // Escape closes the panel; the count stays read after a reload.
  await page.keyboard.press('Escape');
  await expect(bell).toHaveAttribute('aria-expanded', 'false');
  await page.reload();
  await expect(page.getByRole('button', { name: /^Notifications, \d+ unread$/ })).toHaveAccessibleName('Notifications, 0 unread');

  // Its link opens the failed post itself, from any page.
  await page.goto('/settings');
  await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
  await page.getByRole('link', { name: `A post to @${username} failed` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Post text')).toHaveValue(text);
  // The address keeps the open post (and shows its day), so a reload opens it again.
  await expect(page).toHaveURL(/\/calendar\?(date=\d{4}-\d{2}-\d{2}&)?post=[0-9a-f-]{36}$/);
});

test('Settings: an email address for notifications is checked, saved and kept', async ({ page }) => {
  await signIn(page, uniqueUsername('mail'));
  await page.goto('/settings');
  const field = page.getByLabel('Email for notifications');
  await expect(field).toHaveValue('');
  // The browser lets this through; Herald does not (no domain to deliver to).
  await field.fill('me@localhost');
  await page.getByRole('button', { name: 'Save email' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('me@example.com');
  await page.getByRole('button', { name: 'Save email' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Notifications will be emailed to me@example.com.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Email for notifications')).toHaveValue('me@example.com');
});
