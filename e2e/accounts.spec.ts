import { expect, test } from '@playwright/test';
import { firstAccountId, signIn, uniqueText, uniqueUsername } from './support';

test('Disconnect revokes the account and turns its scheduled posts into drafts, after a confirmation', async ({ page }) => {
  const username = uniqueUsername('leave');
  await signIn(page, username);
  const accountId = await firstAccountId(page.request);
  const at = new Date(Date.now() + 3 * 3600_000).toISOString();
  const created = await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text: uniqueText('Planned') }], scheduledAt: at } });
  expect(created.status()).toBe(201);
  const { post } = (await created.json()) as { post: { id: string } };

  await page.goto('/accounts');
  const card = page.getByRole('listitem').filter({ hasText: `@${username}` });
  await expect(card).toContainText('Active');
  await card.getByRole('button', { name: 'Disconnect' }).click();
  // A second, explicit step; "Keep it" backs out.
  await card.getByRole('button', { name: 'Keep it' }).click();
  await card.getByRole('button', { name: 'Disconnect' }).click();
  await card.getByRole('button', { name: `Disconnect @${username}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is disconnected' })).toHaveText(`@${username} is disconnected. 1 scheduled post became a draft.`);

  await page.reload();
  await expect(card).toContainText('Disconnected');
  await expect(card.getByRole('link', { name: `Reconnect @${username}` })).toBeVisible();
  const after = (await (await page.request.get(`/api/v1/posts/${post.id}`)).json()) as { post: { status: string; scheduledAt: string } };
  expect(after.post).toMatchObject({ status: 'draft', scheduledAt: at });
  const accounts = (await (await page.request.get('/api/v1/accounts')).json()) as { accounts: { id: string; status: string }[] };
  expect(accounts.accounts.find((a) => a.id === accountId)?.status).toBe('disconnected');
  // Scheduling on it now gets a clear 400.
  const refused = await page.request.patch(`/api/v1/posts/${post.id}`, { data: { scheduledAt: at } });
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { fields: Record<string, string[]> }).fields.accountId?.[0]).toMatch(/disconnected/);
});

test('the API disconnects too, and only the owner may', async ({ browser }) => {
  const owner = await browser.newPage();
  await signIn(owner, uniqueUsername('own'));
  const accountId = await firstAccountId(owner.request);
  const stranger = await browser.newPage();
  await signIn(stranger, uniqueUsername('str'));
  expect((await stranger.request.post(`/api/v1/accounts/${accountId}/disconnect`)).status()).toBe(404);
  const res = await owner.request.post(`/api/v1/accounts/${accountId}/disconnect`);
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ account: { id: accountId, status: 'disconnected' }, drafted: 0, revokedAtX: true });
});
