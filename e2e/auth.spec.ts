import { expect, test } from '@playwright/test';
import { signIn, uniqueUsername } from './support';

test('a visitor who is not signed in is sent to the sign-in page', async ({ page }) => {
  for (const path of ['/calendar', '/accounts', '/admin']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin$/);
  }
  await expect(page.getByRole('button', { name: 'Sign in with X' })).toBeVisible();
  await expect(page.getByText('Sandbox', { exact: false }).first()).toBeVisible();
});

test('signing in with X through the consent page connects the account; signing out works', async ({ page }) => {
  const username = uniqueUsername('signin');
  await signIn(page, username);
  await expect(page.getByRole('button', { name: 'New post' })).toBeVisible();

  const accounts = await page.request.get('/api/v1/accounts');
  expect(await accounts.json()).toEqual({ accounts: [expect.objectContaining({ username, status: 'active' })] });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  expect((await page.request.get('/api/v1/accounts')).status()).toBe(401);
  await page.goto('/calendar');
  await expect(page).toHaveURL(/\/signin$/);
});
