import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { connectAnotherAccount, signIn, uniqueText, uniqueUsername } from './support';

/**
 * The posts page: search (highlighted), status, account and date filters, "Load more" through
 * the API's cursor, the filter kept in the address (reload, back and forward, a pasted link),
 * opening a post, and its empty, error and phone-sized layouts. Posts are made through the API.
 */

const HOUR = 3600_000;
const ZONE = 'Europe/Paris'; // playwright.config's timezoneId; the users here have no zone setting.

interface Account {
  id: string;
  username: string;
}

/**
 * A connection per request: one kept idle while a page loads on a busy machine can be closed by the
 * server (its keep-alive timeout) just as the next request reuses it, which fails it with ECONNRESET.
 */
const FRESH = { connection: 'close' };

async function accounts(request: APIRequestContext): Promise<Account[]> {
  const res = await request.get('/api/v1/accounts', { headers: FRESH });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { accounts: Account[] }).accounts;
}

/** A post through the API: scheduled at `at`, or a draft without a time. */
async function makePost(request: APIRequestContext, accountId: string, texts: string[], at: Date | null): Promise<string> {
  const res = await request.post('/api/v1/posts', { headers: FRESH, data: { accountId, parts: texts.map((text) => ({ text })), ...(at ? { scheduledAt: at.toISOString() } : {}) } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { post: { id: string } }).post.id;
}

/** The calendar day of `at` in the zone the page shows (YYYY-MM-DD, as a date field takes it). */
const dayIn = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

const results = (page: Page) => page.getByRole('list', { name: 'Posts' }).getByRole('listitem');

/** The list's rows, as their text buttons read. */
async function rowTexts(page: Page): Promise<string[]> {
  return results(page).getByRole('button').allInnerTexts();
}

async function expectRows(page: Page, expected: string[]) {
  await expect(page.getByRole('list', { name: 'Posts' })).toBeVisible();
  await expect.poll(async () => (await rowTexts(page)).sort()).toEqual([...expected].sort());
}

test('search, status, account and dates filter the list; the address keeps the filter through reload, back, forward and a pasted link', async ({ page, context }) => {
  await signIn(page, uniqueUsername('plist'));
  const second = uniqueUsername('plist2');
  await connectAnotherAccount(page, second);
  const mine = await accounts(page.request);
  const one = mine.find((a) => a.username !== second);
  const two = mine.find((a) => a.username === second);
  if (!one || !two) throw new Error('expected two accounts');

  const tag = uniqueText('t').replace(/\W/g, '');
  const soon = new Date(Date.now() + 3 * 24 * HOUR);
  const later = new Date(Date.now() + 6 * 24 * HOUR);
  const texts = {
    keeper: `Lighthouse keepers wave ${tag}`,
    harbour: `Harbour news ${tag}`,
    draft: `A draft about LIGHTHOUSES ${tag}`,
    thread: `Thread opener ${tag}`,
  };
  await makePost(page.request, one.id, [texts.keeper], soon);
  await makePost(page.request, two.id, [texts.harbour], later);
  await makePost(page.request, one.id, [texts.draft], null);
  await makePost(page.request, two.id, [texts.thread, `and the lighthouse in part two ${tag}`], null);

  await page.goto('/posts');
  await expect(page.getByRole('link', { name: 'Posts', exact: true })).toHaveAttribute('aria-current', 'page');
  await expectRows(page, Object.values(texts));

  // Words, any case, in any part of a thread; what matched is marked.
  await page.getByLabel('Search posts').fill('lighthouse');
  await expect(page).toHaveURL(/\/posts\?q=lighthouse$/);
  await expectRows(page, [texts.keeper, texts.draft, `Part 2: and the lighthouse in part two ${tag}`]);
  await expect(page.locator('mark')).toHaveCount(3);
  expect((await page.locator('mark').allInnerTexts()).sort()).toEqual(['LIGHTHOUSE', 'Lighthouse', 'lighthouse']);

  // Status: the drafts only.
  await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'draft' }).click();
  await expect(page).toHaveURL(/status=draft/);
  await expectRows(page, [texts.draft, `Part 2: and the lighthouse in part two ${tag}`]);

  // Account: the second one's.
  await page.getByRole('group', { name: 'Account' }).getByRole('button', { name: `@${second}` }).click();
  await expect(page).toHaveURL(new RegExp(`account=${two.id}`));
  await expectRows(page, [`Part 2: and the lighthouse in part two ${tag}`]);
  const filtered = page.url();

  // Back and forward step through the filters, the controls following.
  await page.goBack();
  await expectRows(page, [texts.draft, `Part 2: and the lighthouse in part two ${tag}`]);
  await expect(page.getByRole('button', { name: `@${second}` })).toHaveAttribute('aria-pressed', 'false');
  await page.goBack();
  await expectRows(page, [texts.keeper, texts.draft, `Part 2: and the lighthouse in part two ${tag}`]);
  await expect(page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'draft' })).toHaveAttribute('aria-pressed', 'false');
  await page.goBack();
  await expectRows(page, Object.values(texts));
  await expect(page.getByLabel('Search posts')).toHaveValue('');
  await page.goForward();
  await expect(page.getByLabel('Search posts')).toHaveValue('lighthouse');
  await expectRows(page, [texts.keeper, texts.draft, `Part 2: and the lighthouse in part two ${tag}`]);

  // A reload, and the link pasted into another tab, show the same list.
  await page.goto(filtered);
  await page.reload();
  await expectRows(page, [`Part 2: and the lighthouse in part two ${tag}`]);
  await expect(page.getByLabel('Search posts')).toHaveValue('lighthouse');
  await expect(page.getByRole('button', { name: `@${second}` })).toHaveAttribute('aria-pressed', 'true');
  const other = await context.newPage();
  await other.goto(filtered);
  await expectRows(other, [`Part 2: and the lighthouse in part two ${tag}`]);
  await other.close();

  // Clear filters, then a date range: whole days in the user's zone; drafts have no day.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/posts$/);
  await expectRows(page, Object.values(texts));
  await page.getByLabel('From', { exact: true }).fill(dayIn(soon));
  await expect(page).toHaveURL(new RegExp(`\\?from=${dayIn(soon)}$`));
  await expectRows(page, [texts.keeper, texts.harbour]);
  await page.getByLabel('To', { exact: true }).fill(dayIn(soon));
  await expect(page).toHaveURL(new RegExp(`from=${dayIn(soon)}&to=${dayIn(soon)}`));
  await expectRows(page, [texts.keeper]);
  await page.getByLabel('To', { exact: true }).fill(dayIn(later));
  await expectRows(page, [texts.keeper, texts.harbour]);
  await expect(results(page).first()).toContainText(texts.harbour); // latest first
  await page.getByLabel('Order', { exact: true }).selectOption('asc');
  await expect(results(page).first()).toContainText(texts.keeper);
  await expect(page).toHaveURL(/order=asc/);

  // What the address says that makes no sense is left out and said, never an error page.
  await page.goto(`/posts?status=draft,nope&from=2027-02-31&account=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`);
  await expect(page.getByRole('alert').filter({ hasText: 'Part of this link was not understood' })).toContainText('“nope” is not a status');
  await expectRows(page, [texts.draft, texts.thread]);
});

test('"Load more" pages through more than 50 posts with no duplicates and no gaps', async ({ page }) => {
  await signIn(page, uniqueUsername('pmore'));
  const [account] = await accounts(page.request);
  const tag = uniqueText('bulk').replace(/\W/g, '');
  const start = Date.now() + 2 * HOUR;
  const total = 57;
  const texts = Array.from({ length: total }, (_, i) => `Bulk ${String(i).padStart(2, '0')} ${tag}`);
  for (let i = 0; i < total; i += 10) {
    await Promise.all(texts.slice(i, i + 10).map((text, j) => makePost(page.request, account!.id, [text], new Date(start + (i + j) * HOUR))));
  }

  await page.goto('/posts?order=asc');
  await expect(results(page)).toHaveCount(50);
  await expect(page.getByRole('status').filter({ hasText: '50 posts so far' })).toBeVisible();
  // A next page that fails keeps what is shown and offers Retry.
  const nextPage = /\/api\/v1\/posts\?.*cursor=/;
  await page.route(nextPage, (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"Internal error"}' }));
  await page.getByRole('button', { name: 'Load more' }).click();
  const failed = page.getByRole('alert').filter({ hasText: 'Could not load more posts' });
  await expect(failed).toBeVisible();
  await expect(results(page)).toHaveCount(50);
  await page.unroute(nextPage);
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(results(page)).toHaveCount(total);
  await expect(page.getByText('That is all.')).toBeVisible();
  // The keyboard lands on the first new post, not on nothing (the button is gone).
  await expect(results(page).nth(50).getByRole('button')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Load more' })).toBeHidden();
  // Every post once, in time order.
  expect(await rowTexts(page)).toEqual(texts);

  // Latest first: the same posts the other way round.
  await page.getByLabel('Order', { exact: true }).selectOption('desc');
  await expect(page).toHaveURL(/\/posts$/);
  await expect(results(page)).toHaveCount(50);
  await expect(results(page).first()).toContainText(texts[total - 1]!);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(results(page)).toHaveCount(total);
  expect(await rowTexts(page)).toEqual([...texts].reverse());
});

test('opening a post, the empty and error states, and a phone-sized screen', async ({ page }) => {
  await signIn(page, uniqueUsername('pempty'));
  const [account] = await accounts(page.request);

  // Nothing yet: the way to the calendar.
  await page.goto('/posts');
  await expect(page.getByText('No posts yet')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the calendar' })).toHaveAttribute('href', '/calendar');

  const text = uniqueText('Open me from the list');
  await makePost(page.request, account!.id, [text], new Date(Date.now() + 5 * HOUR));

  // No match: Clear filters brings everything back.
  await page.goto('/posts?q=nothing-like-this');
  await expect(page.getByText('No posts match')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).last().click();
  await expectRows(page, [text]);

  // A row opens the post in the composer, from the keyboard too.
  await results(page).getByRole('button', { name: text }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Edit post' })).toBeVisible();
  await expect(dialog.getByLabel('Post text')).toHaveValue(text);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // An edit saved there shows in the list at once.
  await results(page).getByRole('button', { name: text }).click();
  await dialog.getByLabel('Post text').fill(`${text} edited`);
  await dialog.getByRole('button', { name: 'Save draft' }).click();
  await expect(dialog).toBeHidden();
  await expectRows(page, [`${text} edited`]);
  await expect(results(page).getByText('draft', { exact: true })).toBeVisible();

  // The API failing: said, with Retry; Retry works once it answers again.
  const list = /\/api\/v1\/posts\?/;
  await page.route(list, (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"Internal error"}' }));
  await page.reload();
  const failed = page.getByRole('alert').filter({ hasText: 'Could not load your posts' });
  await expect(failed).toBeVisible();
  await page.unroute(list);
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expectRows(page, [`${text} edited`]);

  // A phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/posts');
  await expectRows(page, [`${text} edited`]);
  // The page's own part (the header's nav is the layout's, made to fit phones separately): no
  // element reaches past the right edge, and the main area does not scroll sideways.
  const widest = await page.locator('main').evaluate((main) => ({
    scroll: main.scrollWidth - main.clientWidth,
    right: Math.max(...[...main.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right)),
  }));
  expect(widest.scroll).toBeLessThanOrEqual(0);
  expect(widest.right).toBeLessThanOrEqual(390);
});
