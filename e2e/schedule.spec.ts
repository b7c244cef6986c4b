import { expect, test } from '@playwright/test';
import { firstAccountId, sandboxTweets, scheduleInComposer, signIn, uniqueText, uniqueUsername } from './support';

test('a post scheduled 10 seconds ahead on the calendar is published once and shown as published', async ({ page }) => {
  const username = uniqueUsername('sched');
  await signIn(page, username);
  const text = uniqueText('Hello from Herald');

  const at = new Date(Date.now() + 10_000);
  const event = await scheduleInComposer(page, text, at);
  // Published by the worker at its time; the calendar picks it up without a reload.
  await expect(event).toContainText(/published/i, { timeout: 40_000 });

  const tweets = (await sandboxTweets(username)).filter((t) => t.text === text);
  expect(tweets).toHaveLength(1);
  expect(tweets[0]!.created_at).toBeGreaterThanOrEqual(Math.floor(at.getTime() / 1000) * 1000);
  const link = event.getByRole('link', { name: /View on X/ });
  await expect(link).toHaveAttribute('href', `https://x.com/${username}/status/${tweets[0]!.id}`);
});

test('over 280 weighted characters blocks scheduling', async ({ page }) => {
  await signIn(page, uniqueUsername('long'));
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Post text').fill('日'.repeat(141));
  await expect(dialog.getByText('282/280')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Schedule' })).toBeDisabled();
  await dialog.getByLabel('Post text').fill('日'.repeat(140));
  await expect(dialog.getByText('280/280')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Schedule' })).toBeEnabled();
});

test('a cancelled post never reaches X', async ({ page }) => {
  const username = uniqueUsername('cancel');
  await signIn(page, username);
  const text = uniqueText('Never to be seen');

  const at = new Date(Date.now() + 12_000);
  const event = await scheduleInComposer(page, text, at);
  await event.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel post' }).click();
  await expect(event).toContainText(/cancelled/i);

  // A witness due 5 s after it, on the same account: once X has the witness, the worker has gone
  // past the cancelled post's time with margin, and would (wrongly) have published it by then.
  const witness = uniqueText('Witness');
  const created = await page.request.post('/api/v1/posts', {
    data: { accountId: await firstAccountId(page.request), parts: [{ text: witness }], scheduledAt: new Date(at.getTime() + 5_000).toISOString() },
  });
  expect(created.status()).toBe(201);
  await expect.poll(async () => (await sandboxTweets(username)).some((t) => t.text === witness), { timeout: Math.max(0, at.getTime() - Date.now()) + 35_000 }).toBe(true);
  expect((await sandboxTweets(username)).filter((t) => t.text === text)).toEqual([]);
  const { posts } = (await (await page.request.get('/api/v1/posts')).json()) as { posts: { status: string; parts: { text: string }[] }[] };
  expect(posts.find((p) => p.parts[0]?.text === text)?.status).toBe('cancelled');
});
