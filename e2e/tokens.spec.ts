import { expect, request as playwrightRequest, test } from '@playwright/test';
import { signIn, uniqueUsername } from './support';

test('API tokens on the settings page: made with scopes, shown once, used from outside the browser, revoked', async ({ page, baseURL }) => {
  await signIn(page, uniqueUsername('tok'));
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible();
  await expect(page.getByText('No API tokens yet.')).toBeVisible();

  // A bad request is a form error by its field, and nothing is made.
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText('Give the token a name, to recognise it by later')).toBeVisible();

  await page.getByLabel('Token name').fill('nightly report');
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByLabel('New API token');
  await expect(shown).toHaveText(/^hrd_[A-Za-z0-9_-]{43}$/);
  const token = (await shown.textContent())!;
  const row = page.getByRole('row').filter({ hasText: 'nightly report' });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).toContainText('posts:read');
  await expect(row).toContainText('never');

  // Read-only: it reads, and may not write.
  const client = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await client.get('/api/v1/posts')).status()).toBe(200);
  const write = await client.post('/api/v1/posts', { data: { accountId: crypto.randomUUID(), parts: [{ text: 'no' }] } });
  expect(write.status()).toBe(403);

  // Shown once: after a reload only its prefix is left, with its last use.
  await page.reload();
  await expect(page.getByLabel('New API token')).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(row).not.toContainText('never');

  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByRole('button', { name: 'Revoke “nightly report”' }).click();
  await expect(row).toContainText('Revoked');
  expect((await client.get('/api/v1/posts')).status()).toBe(401);
  await client.dispose();
});
