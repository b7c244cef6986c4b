import { expect, test } from '@playwright/test';
import { firstAccountId, sandboxTweets, signIn, uniqueText, uniqueUsername } from './support';

const ADMIN = 'herald_admin';

test('a non-admin is refused /admin', async ({ page }) => {
  await signIn(page, uniqueUsername('plain'));
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByText('Forbidden')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
});

test('a duplicate-content failure shows on /admin, and Retry after editing publishes it', async ({ browser }) => {
  const owner = await browser.newPage();
  const username = uniqueUsername('dup');
  await signIn(owner, username);
  const accountId = await firstAccountId(owner.request);
  const text = uniqueText('Said twice');

  // The first copy goes out; the second is refused by X as duplicate content.
  for (let i = 0; i < 2; i++) {
    const res = await owner.request.post('/api/v1/posts', { data: { accountId, parts: [{ text }], publishNow: true } });
    expect(res.status()).toBe(201);
    await expect.poll(async () => (await sandboxTweets(username)).length, { timeout: 20_000 }).toBe(1);
  }
  const failedPosts = async () =>
    ((await (await owner.request.get('/api/v1/posts?status=failed')).json()) as { posts: { id: string; error: string }[] }).posts;
  await expect.poll(async () => (await failedPosts()).length, { timeout: 20_000 }).toBe(1);
  const failed = (await failedPosts())[0]!;
  expect(failed.error).toMatch(/duplicate/i);

  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await admin.getByRole('link', { name: 'Admin' }).click();
  await expect(admin).toHaveURL(/\/admin$/);
  const row = admin.getByRole('row', { name: new RegExp(username) });
  await expect(row).toContainText(/duplicate/i);

  // The owner rewrites the post; the admin retries it.
  const edited = `${text} (take two)`;
  const patch = await owner.request.patch(`/api/v1/posts/${failed.id}`, { data: { parts: [{ text: edited }] } });
  expect(patch.status()).toBe(200);
  await row.getByRole('button', { name: 'Retry' }).click();
  await expect(admin.getByRole('row', { name: new RegExp(username) })).toHaveCount(0);

  await expect.poll(async () => (await sandboxTweets(username)).map((t) => t.text), { timeout: 20_000 }).toEqual([text, edited]);
  const after = (await (await owner.request.get(`/api/v1/posts/${failed.id}`)).json()) as { post: { status: string } };
  expect(after.post.status).toBe('published');
});
