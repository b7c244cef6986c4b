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

test('the admin console: overview, pause and resume, filter, cancel, retry all matching with its count, and the audit log', async ({ browser }) => {
  const owner = await browser.newPage();
  const username = uniqueUsername('con');
  await signIn(owner, username);
  const accountId = await firstAccountId(owner.request);
  const publishNow = (text: string) => owner.request.post('/api/v1/posts', { data: { accountId, parts: [{ text }], publishNow: true } });
  const myPosts = async (status: string) => ((await (await owner.request.get(`/api/v1/posts?status=${status}`)).json()) as { posts: { id: string }[] }).posts;

  // Three failures: one post goes out, the same text three times more is refused as a duplicate.
  const text = uniqueText('Console');
  expect((await publishNow(text)).status()).toBe(201);
  await expect.poll(async () => (await sandboxTweets(username)).length, { timeout: 20_000 }).toBe(1);
  for (let i = 0; i < 3; i++) expect((await publishNow(text)).status()).toBe(201);
  await expect.poll(async () => (await myPosts('failed')).length, { timeout: 20_000 }).toBe(3);

  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  const setPaused = (paused: boolean) => admin.request.put('/api/v1/admin/publishing', { data: { paused } });
  try {
    await admin.goto('/admin');
    // Overview: the one e2e worker, and the failures among the posts by state.
    await expect(admin.getByRole('region', { name: 'Workers' }).locator('[data-count="workers"]')).toHaveText('1');
    const failedCount = Number(await admin.getByRole('region', { name: 'Posts by state' }).locator('[data-count="failed"]').innerText());
    expect(failedCount).toBeGreaterThanOrEqual(3);
    for (const state of ['waiting', 'delayed', 'active', 'completed', 'failed']) {
      await expect(admin.getByRole('region', { name: 'Publish queue jobs' }).locator(`[data-count="${state}"]`)).toHaveText(/^\d[\d,]*$/);
    }

    // Pause: a post due now waits, shows as due, and goes out once on resume.
    await admin.getByRole('button', { name: 'Pause publishing' }).click();
    await expect(admin.getByText('Publishing is paused')).toBeVisible();
    const held = uniqueText('Held while paused');
    expect((await publishNow(held)).status()).toBe(201);
    await owner.waitForTimeout(3_000);
    expect((await sandboxTweets(username)).map((t) => t.text)).not.toContain(held);
    await admin.reload();
    expect(Number(await admin.locator('[data-count="due"]').innerText())).toBeGreaterThanOrEqual(1);
    await admin.getByRole('button', { name: 'Resume publishing' }).click();
    await expect(admin.getByText('Publishing is running')).toBeVisible();
    await expect.poll(async () => (await sandboxTweets(username)).filter((t) => t.text === held).length, { timeout: 20_000 }).toBe(1);

    // Filter by the account (its link in a row), then by error class.
    await admin.getByRole('row', { name: new RegExp(username) }).first().getByRole('link', { name: `@${username}` }).click();
    await expect(admin).toHaveURL(new RegExp(`accountId=${accountId}`));
    await expect(admin.locator('[data-count="failed-total"]')).toHaveText('3');
    await expect(admin.getByRole('link', { name: new RegExp(`Remove the account filter \\(@${username}\\)`) })).toBeVisible();
    await admin.getByLabel('Error class').selectOption('permanent');
    await admin.getByRole('button', { name: 'Filter' }).click();
    await expect(admin).toHaveURL(/errorClass=permanent/);
    await expect(admin.locator('[data-count="failed-total"]')).toHaveText('3');
    const rows = admin.getByRole('row', { name: new RegExp(username) });
    await expect(rows).toHaveCount(3);

    // Cancel one.
    await rows.first().getByRole('button', { name: 'Cancel' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Cancelled' })).toHaveText('Cancelled 1 post.');
    await expect(rows).toHaveCount(2);
    expect(await myPosts('cancelled')).toHaveLength(1);

    // Retry all matching: the confirmation says how many.
    await admin.getByRole('button', { name: 'Retry all matching…' }).click();
    const confirm = admin.getByRole('alertdialog', { name: 'Confirm retry of all matching' });
    await expect(confirm).toContainText('Retry all 2 failed posts matching this filter?');
    await confirm.getByRole('button', { name: 'Retry 2 posts' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Retried' })).toHaveText('Retried 2 posts.');

    // The audit log, newest first: who, what, how many, the filter.
    await admin.getByRole('link', { name: 'Audit log' }).click();
    await expect(admin).toHaveURL(/\/admin\/audit$/);
    const entries = admin.getByRole('row').filter({ has: admin.getByRole('cell') });
    await expect(entries.nth(0)).toContainText('Retried all matching');
    await expect(entries.nth(0)).toContainText(`account ${accountId.slice(0, 8)}, class permanent`);
    // The sandbox names the admin's X account "Herald Admin".
    await expect(entries.nth(0)).toContainText(/herald.?admin/i);
    await expect(entries.nth(0).getByRole('cell').nth(3)).toHaveText('2');
    await expect(entries.nth(1)).toContainText('Cancelled');
    await expect(entries.nth(1).getByRole('cell').nth(3)).toHaveText('1');
    await expect(entries.nth(2)).toContainText('Resumed publishing');
    await expect(entries.nth(3)).toContainText('Paused publishing');
  } finally {
    // Whatever failed above, the other specs must not run paused.
    await setPaused(false);
  }
});

test('a non-admin gets 403 from the admin API and the audit page', async ({ page }) => {
  await signIn(page, uniqueUsername('nosy'));
  expect((await page.request.get('/api/v1/admin/overview')).status()).toBe(403);
  expect((await page.request.put('/api/v1/admin/publishing', { data: { paused: true } })).status()).toBe(403);
  expect((await page.request.post('/api/v1/admin/failed-posts/actions', { data: { action: 'retry_matching', filter: {} } })).status()).toBe(403);
  const response = await page.goto('/admin/audit');
  expect(response?.status()).toBe(403);
});
