import { expect, test, type Page } from '@playwright/test';
import { scheduleInComposer, signIn, uniqueText, uniqueUsername } from './support';

/**
 * The calendar's "X API cost this month" panel, at the default prices ($0.015 a post, $0.20 with a
 * link): posts created through the API (and one through the composer) this month, per account.
 * The calendar shows the browser's zone, Europe/Paris here.
 */
const ZONE = 'Europe/Paris';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const parisMonth = (at: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).format(at);

/**
 * Where the test's posts go: from `base` to 3 hours later, all in one Paris month. Near a month's
 * end the window moves past midnight into the next month, which the calendar is then moved to.
 */
function planTimes(now = Date.now()) {
  let base = new Date(now + HOUR);
  if (parisMonth(base) !== parisMonth(new Date(base.getTime() + 3 * HOUR))) base = new Date(base.getTime() + 4 * HOUR);
  const at = (hours: number) => new Date(base.getTime() + hours * HOUR);
  return { at, nextMonth: parisMonth(base) !== parisMonth(new Date(now)) };
}

const panel = (page: Page) => page.getByRole('region', { name: 'X API cost this month' });
const accountRow = (page: Page, username: string) => panel(page).getByTestId('account-cost').filter({ hasText: `@${username}` });

async function openCalendarAt(page: Page, nextMonth: boolean) {
  await page.goto('/calendar');
  if (nextMonth) await page.getByRole('button', { name: 'Next' }).click();
}

async function accountIdOf(page: Page, username: string): Promise<string> {
  const { accounts } = (await (await page.request.get('/api/v1/accounts')).json()) as { accounts: { id: string; username: string }[] };
  const account = accounts.find((a) => a.username === username);
  expect(account, username).toBeDefined();
  return account!.id;
}

async function createPost(page: Page, accountId: string, texts: string[], at: Date | null) {
  const res = await page.request.post('/api/v1/posts', { data: { accountId, parts: texts.map((text) => ({ text })), ...(at ? { scheduledAt: at.toISOString() } : {}) } });
  expect(res.status(), await res.text()).toBe(201);
}

test("the calendar adds up this month's X API cost per account, a post with a link at the link price", async ({ page }) => {
  const first = uniqueUsername('cost');
  await signIn(page, first);
  const { at, nextMonth } = planTimes();
  const firstId = await accountIdOf(page, first);

  // A thread of two (the second part holds a link) and a plain post: 3 posts, 1 with a link, $0.23.
  await createPost(page, firstId, [uniqueText('Thread start'), `${uniqueText('More at')} https://example.com/read`], at(0));
  await createPost(page, firstId, [uniqueText('Plain')], at(1));
  // Not billed this month: a draft, and a post five weeks on.
  await createPost(page, firstId, [`${uniqueText('Draft')} example.com`], null);
  await createPost(page, firstId, [`${uniqueText('Much later')} https://example.com`], new Date(at(0).getTime() + 35 * DAY));

  await openCalendarAt(page, nextMonth);
  await expect(accountRow(page, first)).toContainText('$0.23');
  await expect(accountRow(page, first)).toContainText('3 posts, 1 with a link');
  await expect(panel(page).getByTestId('total-cost')).toContainText('$0.23');

  // A post scheduled in the composer: the panel follows the calendar's posts.
  await scheduleInComposer(page, uniqueText('From the composer'), at(2), ZONE);
  await expect(accountRow(page, first)).toContainText('$0.245');
  await expect(accountRow(page, first)).toContainText('4 posts, 1 with a link');

  // A second account with one post holding a link (no scheme: X still sees a link).
  const second = uniqueUsername('cost2');
  await page.goto('/accounts');
  await page.getByRole('link', { name: 'Connect another X account' }).click();
  await page.getByLabel('Or a new username').fill(second);
  await page.getByRole('button', { name: 'Authorize app' }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts\\?connected=${second}$`));
  await createPost(page, await accountIdOf(page, second), [`${uniqueText('Visit')} example.org`], at(3));

  await openCalendarAt(page, nextMonth);
  await expect(accountRow(page, second)).toContainText('$0.20');
  await expect(accountRow(page, second)).toContainText('1 post, 1 with a link');
  await expect(accountRow(page, first)).toContainText('$0.245');
  await expect(panel(page).getByTestId('total-cost')).toContainText('$0.445');
  await expect(panel(page).getByTestId('total-cost')).toContainText('5 posts, 2 with a link');

  // Another month shows its own cost: the one post five weeks on is there (or in the month after).
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(panel(page)).not.toContainText('$0.445');
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(panel(page).getByTestId('total-cost')).toContainText('$0.445');
});
