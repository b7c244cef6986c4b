import { expect, test, type Page } from '@playwright/test';
import { firstAccountId, sandboxTweets, scheduleInComposer, signIn, uniqueText, uniqueUsername } from './support';

interface ListedPost {
  id: string;
  status: string;
  scheduledAt: string | null;
  revision: number;
  parts: { text: string }[];
}

async function postWith(page: Page, text: string): Promise<ListedPost | undefined> {
  const { posts } = (await (await page.request.get('/api/v1/posts')).json()) as { posts: ListedPost[] };
  return posts.find((p) => p.parts[0]?.text === text);
}

const toast = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

/** A post scheduled through the API, shown on a freshly loaded calendar. */
async function scheduledThroughApi(page: Page, text: string, at: Date) {
  const created = await page.request.post('/api/v1/posts', { data: { accountId: await firstAccountId(page.request), parts: [{ text }], scheduledAt: at.toISOString() } });
  expect(created.status()).toBe(201);
  await page.goto('/calendar');
  const event = page.locator('.rbc-event', { hasText: text.slice(0, 20) }).first();
  await expect(event).toContainText(/scheduled/i);
  return { event, post: ((await created.json()) as { post: ListedPost }).post };
}

test('Post now, then Undo from the keyboard: X never receives it and it is a draft again', async ({ page }) => {
  const username = uniqueUsername('undonow');
  await signIn(page, username);
  const text = uniqueText('Thought better of it');

  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Post text').fill(text);
  await dialog.getByRole('button', { name: 'Post now' }).click();
  await expect(dialog).toBeHidden();
  const goesOutBy = Date.now() + 10_000;
  const countdown = toast(page, /Posting in \d+ s/);
  await expect(countdown).toBeVisible();
  expect((await postWith(page, text))?.status).toBe('scheduled');

  await countdown.getByRole('button', { name: 'Undo' }).focus();
  await page.keyboard.press('Enter');
  await expect(toast(page, 'Undone: back to draft.')).toBeVisible();
  expect(await postWith(page, text)).toMatchObject({ status: 'draft', scheduledAt: null });

  // A witness due 3 s after the undone post would have gone: once X has it, the worker is past
  // that time with margin, and would (wrongly) have published the undone post by then.
  const witness = uniqueText('Witness');
  const created = await page.request.post('/api/v1/posts', {
    data: { accountId: await firstAccountId(page.request), parts: [{ text: witness }], scheduledAt: new Date(goesOutBy + 3_000).toISOString() },
  });
  expect(created.status()).toBe(201);
  await expect.poll(async () => (await sandboxTweets(username)).some((t) => t.text === witness), { timeout: 40_000 }).toBe(true);
  expect((await sandboxTweets(username)).filter((t) => t.text === text)).toEqual([]);
  expect((await postWith(page, text))?.status).toBe('draft');
});

test('Schedule a new post, then Undo: off the calendar, a draft with its text', async ({ page }) => {
  await signIn(page, uniqueUsername('undosch'));
  const text = uniqueText('Not this week after all');
  const event = await scheduleInComposer(page, text, new Date(Date.now() + 3 * 3600_000));
  await toast(page, /Saved\. It goes out/).getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page, 'Undone: back to draft.')).toBeVisible();
  await expect(event).toHaveCount(0);
  expect(await postWith(page, text)).toMatchObject({ status: 'draft', scheduledAt: null });
});

test('a post moved on the calendar, then Undo: back at its old time', async ({ page }) => {
  await signIn(page, uniqueUsername('undomov'));
  const text = uniqueText('Moved by mistake');
  const at = new Date(Date.now() + 2 * 3600_000);
  at.setSeconds(0, 0);
  const { event, post } = await scheduledThroughApi(page, text, at);

  // Drag it one day cell to the right (or a row down from the week's last day): later either way.
  const box = (await event.boundingBox())!;
  const row = (await page.locator('.rbc-month-row').filter({ has: event }).boundingBox())!;
  const cell = row.width / 7;
  const column = Math.floor((box.x + box.width / 2 - row.x) / cell);
  const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const to = column < 6 ? { x: from.x + cell, y: from.y } : { x: from.x, y: from.y + row.height };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(from.x + ((to.x - from.x) * step) / 10, from.y + ((to.y - from.y) * step) / 10);
  await page.mouse.up();

  const moved = toast(page, /Moved\. It goes out/);
  await expect(moved).toBeVisible();
  const after = await postWith(page, text);
  expect(after?.scheduledAt).not.toBe(at.toISOString());
  await moved.getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page, /Undone: back to /)).toBeVisible();
  expect(await postWith(page, text)).toMatchObject({ status: 'scheduled', scheduledAt: at.toISOString(), revision: post.revision + 2 });
});

test('a cancelled post, then Undo: scheduled again at its time', async ({ page }) => {
  await signIn(page, uniqueUsername('undocan'));
  const text = uniqueText('Cancelled in haste');
  const at = new Date(Date.now() + 3600_000);
  const { event } = await scheduledThroughApi(page, text, at);
  await event.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel post' }).click();
  await expect(event).toContainText(/cancelled/i);
  await toast(page, 'The post will not go out.').getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page, /Undone: back to /)).toBeVisible();
  await expect(event).toContainText(/scheduled/i);
  expect(await postWith(page, text)).toMatchObject({ status: 'scheduled', scheduledAt: at.toISOString() });
});

test('Undo that arrives once publishing has started is refused, and the toast says so', async ({ page }) => {
  const username = uniqueUsername('undolate');
  await signIn(page, username);
  const text = uniqueText('Already on its way');
  // The Undo request is held until the worker has taken the post (within the token's grace).
  await page.route('**/api/v1/posts/undo', async (route) => {
    await expect.poll(async () => (await postWith(page, text))?.status, { timeout: 20_000 }).toMatch(/^(publishing|published)$/);
    await route.continue();
  });

  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Post text').fill(text);
  await dialog.getByRole('button', { name: 'Post now' }).click();
  await toast(page, /Posting in \d+ s/).getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page, 'Publishing has started; it can no longer be undone')).toBeVisible({ timeout: 25_000 });
  await expect.poll(async () => (await sandboxTweets(username)).filter((t) => t.text === text).length, { timeout: 30_000 }).toBe(1);
});

test('/api/v1/posts/undo is its own route: other methods are 405, never a post named "undo"', async ({ page }) => {
  await signIn(page, uniqueUsername('undo405'));
  expect((await page.request.get('/api/v1/posts/undo')).status()).toBe(405);
  expect((await page.request.patch('/api/v1/posts/undo', { data: { status: 'cancelled' } })).status()).toBe(405);
  const refused = await page.request.post('/api/v1/posts/undo', { data: { token: 'made.up' } });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ error: 'This undo link is not valid' });
});
