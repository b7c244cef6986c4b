import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { firstAccountId, localInputValue, signIn, uniqueText, uniqueUsername } from './support';

/**
 * Drafts never lose text: the composer autosaves to the browser, a reload brings it back, closing
 * with changes asks first; Duplicate; the N, Ctrl+Enter and Esc keys.
 */

interface ApiPost {
  id: string;
  status: string;
  revision: number;
  scheduledAt: string | null;
  parts: { text: string }[];
}

async function postsWith(request: APIRequestContext, prefix: string): Promise<ApiPost[]> {
  const { posts } = (await (await request.get('/api/v1/posts')).json()) as { posts: ApiPost[] };
  return posts.filter((p) => p.parts[0]?.text.startsWith(prefix));
}

const draftKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('herald.draft.')));

test('what is typed survives a reload; closing with changes asks first; Discard forgets it', async ({ page }) => {
  await signIn(page, uniqueUsername('draft'));
  const text = uniqueText('Half-written thought');
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Post text').fill(text);

  // A reload (or a closed tab) brings the composer back, with the text and a note saying so.
  await page.reload();
  await expect(dialog.getByLabel('Post text')).toHaveValue(text);
  await expect(dialog.getByRole('status').filter({ hasText: /Restored what you were writing/ })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'New post' })).toBeVisible();

  // Close asks first; Keep editing (the default) keeps everything.
  await dialog.getByRole('button', { name: 'Close' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Keep editing' }).click();
  await expect(confirm).toBeHidden();
  await expect(dialog.getByLabel('Post text')).toHaveValue(text);

  // Escape asks too; Escape again backs out of the question, not out of the composer.
  await dialog.getByLabel('Post text').press('End');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(dialog.getByLabel('Post text')).toHaveValue(text);

  // Discard closes, and the text does not come back.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await confirm.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
  expect(await draftKeys(page)).toEqual([]);
  await page.reload();
  await expect(page.locator('.rbc-calendar')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(dialog).toBeHidden();

  // A clean composer closes on Escape at once.
  await page.getByRole('button', { name: 'New post' }).click();
  await expect(dialog.getByLabel('Post text')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(confirm).toBeHidden();
});

test('edits to a saved post come back after a reload, and are only offered when the post changed meanwhile', async ({ page }) => {
  await signIn(page, uniqueUsername('edits'));
  const accountId = await firstAccountId(page.request);
  const text = uniqueText('Saved version');
  const created = await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text }], scheduledAt: new Date(Date.now() + 2 * 3600_000).toISOString() } });
  expect(created.status()).toBe(201);
  const { post } = (await created.json()) as { post: ApiPost };
  await page.reload();

  await page.locator('.rbc-event', { hasText: text }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Edit post' })).toBeVisible();
  const edited = `${text} with my edits`;
  await dialog.getByLabel('Post text').fill(edited);
  // Stored once typing pauses.
  await expect.poll(() => draftKeys(page)).toHaveLength(1);

  // Someone (another tab, the API) changes the post meanwhile.
  const newer = `${text} changed elsewhere`;
  expect((await page.request.patch(`/api/v1/posts/${post.id}`, { data: { parts: [{ text: newer }] } })).status()).toBe(200);

  await page.reload();
  // The post reopens as it is now; the older edits are offered, not applied over the newer version.
  await expect(dialog.getByLabel('Post text')).toHaveValue(newer);
  const offer = dialog.getByRole('status').filter({ hasText: /changed since/ });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Restore my edits' }).click();
  await expect(dialog.getByLabel('Post text')).toHaveValue(edited);
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();
  expect((await postsWith(page.request, text)).map((p) => p.parts[0]?.text)).toEqual([edited]);
  expect(await draftKeys(page)).toEqual([]);
});

test('Duplicate opens a copy of a published or a scheduled post that saves as a new post', async ({ page }) => {
  await signIn(page, uniqueUsername('dup'));
  const accountId = await firstAccountId(page.request);
  const published = uniqueText('Went out');
  const scheduled = uniqueText('Going out');
  const now = await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text: published }], publishNow: true } });
  expect(now.status(), await now.text()).toBe(201);
  const later = await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text: scheduled }, { text: `${scheduled} (2/2)` }], scheduledAt: new Date(Date.now() + 2 * 3600_000).toISOString() } });
  expect(later.status(), await later.text()).toBe(201);
  await expect.poll(async () => (await postsWith(page.request, published))[0]?.status, { timeout: 40_000 }).toBe('published');
  await page.reload();
  const dialog = page.getByRole('dialog');

  // Published: read-only, yet Duplicate gives a new post with its text, to reword and save.
  await page.locator('.rbc-event', { hasText: published }).first().click();
  await expect(dialog.getByRole('heading', { name: 'Post details' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Duplicate' }).click();
  await expect(dialog.getByRole('heading', { name: 'New post' })).toBeVisible();
  await expect(dialog.getByLabel('Post text')).toHaveValue(published);
  await dialog.getByLabel('Post text').fill(`${published} again`);
  await dialog.getByRole('button', { name: 'Save draft' }).click();
  await expect(dialog).toBeHidden();
  const fromPublished = await postsWith(page.request, published);
  expect(fromPublished).toHaveLength(2);
  expect(fromPublished.map((p) => [p.parts[0]?.text, p.status])).toEqual(
    expect.arrayContaining([
      [published, 'published'],
      [`${published} again`, 'draft'],
    ]),
  );

  // Scheduled: the whole thread is copied; the original is untouched. Ctrl+Enter schedules the copy.
  await page.locator('.rbc-event', { hasText: scheduled }).first().click();
  await expect(dialog.getByRole('heading', { name: 'Edit post' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Duplicate' }).click();
  await expect(dialog.getByRole('heading', { name: 'New post' })).toBeVisible();
  await expect(dialog.getByLabel('Post text')).toHaveCount(2);
  await expect(dialog.getByLabel('Post text').nth(1)).toHaveValue(`${scheduled} (2/2)`);
  await dialog.getByLabel('Post text').first().fill(`${scheduled} copy`);
  await dialog.getByLabel('Post text').first().press('Control+Enter');
  await expect(dialog).toBeHidden();
  const fromScheduled = await postsWith(page.request, scheduled);
  expect(fromScheduled).toHaveLength(2);
  expect(fromScheduled.map((p) => [p.parts.map((part) => part.text), p.status])).toEqual(
    expect.arrayContaining([
      [[scheduled, `${scheduled} (2/2)`], 'scheduled'],
      [[`${scheduled} copy`, `${scheduled} (2/2)`], 'scheduled'],
    ]),
  );
});

test('N opens a new post, not while typing; Ctrl+Enter schedules only when Schedule is enabled', async ({ page }) => {
  const username = uniqueUsername('keys');
  await signIn(page, username);
  const dialog = page.getByRole('dialog');
  await expect(page.getByRole('button', { name: 'New post' })).toHaveAttribute('aria-keyshortcuts', 'N');

  await page.keyboard.press('n');
  await expect(dialog.getByRole('heading', { name: 'New post' })).toBeVisible();
  // Typing "n" in the composer writes it; no second composer.
  await dialog.getByLabel('Post text').press('n');
  await expect(dialog.getByLabel('Post text')).toHaveValue('n');
  await expect(page.getByRole('dialog')).toHaveCount(1);

  // Over X's limit, Schedule is disabled and so is its key.
  await dialog.getByLabel('Post text').fill('日'.repeat(141));
  await dialog.getByLabel('Post text').press('Control+Enter');
  await expect(dialog).toBeVisible();

  const text = uniqueText('Scheduled from the keyboard');
  const at = new Date(Date.now() + 3 * 3600_000);
  await dialog.getByLabel('Post text').fill(text);
  await dialog.getByLabel('Schedule for').fill(localInputValue(at, 'Europe/Paris'));
  await dialog.getByLabel('Post text').press('Control+Enter');
  await expect(dialog).toBeHidden();
  const saved = await postsWith(page.request, text);
  expect(saved.map((p) => p.status)).toEqual(['scheduled']);
  expect(Math.abs(new Date(saved[0]!.scheduledAt!).getTime() - at.getTime())).toBeLessThan(60_000);

  // On the queue page too; not while the focus is in a field there.
  await page.goto(`/accounts/${await firstAccountId(page.request)}/queue`);
  await expect(page.getByRole('heading', { name: `Queue · @${username}` })).toBeVisible();
  await page.getByLabel('Weeks shown').press('n');
  await page.waitForTimeout(300);
  await expect(dialog).toBeHidden();
  // Out of the field: N works.
  await page.getByRole('heading', { name: `Queue · @${username}` }).click();
  await page.keyboard.press('n');
  await expect(dialog.getByRole('heading', { name: 'New post' })).toBeVisible();
});
