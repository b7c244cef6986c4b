import { expect, test } from '@playwright/test';
import { signIn, uniqueUsername } from './support';

test('webhooks on the settings page: a private address refused with why, one added with its secret shown once, listed, deleted', async ({ page }) => {
  await signIn(page, uniqueUsername('hook'));
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Webhooks' })).toBeVisible();
  await expect(page.getByText('No webhooks yet.')).toBeVisible();
  const url = page.getByLabel('Webhook URL');

  // The address rule, said by the field: nothing is made.
  await url.fill('https://127.0.0.1/hook');
  await page.getByRole('button', { name: 'Add webhook' }).click();
  await expect(page.getByText('The URL resolves to a loopback address 127.0.0.1')).toBeVisible();
  await expect(page.getByText('No webhooks yet.')).toBeVisible();

  // A public address (an IP literal: no DNS needed) and the events picked.
  const target = 'https://93.184.215.14/herald-hook';
  await url.fill(target);
  await page.getByLabel(/^post\.scheduled/).check();
  await page.getByLabel(/^post\.published/).uncheck();
  await page.getByRole('button', { name: 'Add webhook' }).click();
  const secret = page.getByLabel('New webhook secret');
  await expect(secret).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
  const shown = (await secret.textContent())!;
  const hook = page.getByRole('listitem', { name: target });
  await expect(hook).toContainText('post.scheduled, post.failed');
  await expect(hook).toContainText('No deliveries yet.');

  // Shown once: after a reload the webhook is listed and its secret is gone.
  await page.reload();
  await expect(page.getByLabel('New webhook secret')).toHaveCount(0);
  await expect(page.getByText(shown)).toHaveCount(0);
  await expect(hook).toBeVisible();

  await hook.getByRole('button', { name: 'Delete' }).click();
  await hook.getByRole('button', { name: 'Delete this webhook' }).click();
  await expect(page.getByText('No webhooks yet.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('No webhooks yet.')).toBeVisible();
});
