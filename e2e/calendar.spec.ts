import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { connectAnotherAccount, firstAccountId, signIn, uniqueText, uniqueUsername } from './support';

/**
 * The calendar (issue 11): its state in the address, filters, drag and drop in month, week and
 * day views with rollback, a click on an empty slot, the now line, the phone-sized month list,
 * and its loading, empty and error states. The browser runs in Europe/Paris (playwright.config).
 */

const ZONE = 'Europe/Paris';

/** Wall clock in `zone` → instant (two passes settle the offset, DST included). */
function instantAt(day: string, hour: number, minute: number, zone = ZONE): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetMs(new Date(guess), zone);
  return new Date(guess);
}

function offsetMs(at: Date, zone: string): number {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(at).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - Math.floor(at.getTime() / 60_000) * 60_000;
}

/** Today in `zone` as YYYY-MM-DD, and minutes since its midnight. */
function wallNow(zone = ZONE): { day: string; minutes: number } {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date()).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** Calendar-day arithmetic on YYYY-MM-DD strings (UTC dates: no zone involved). */
const dayToUtc = (day: string) => new Date(`${day}T00:00:00Z`);
const utcToDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => utcToDay(new Date(dayToUtc(day).getTime() + n * 86_400_000));
/** The `dayOfMonth` of the month after today's (Paris). */
function nextMonthDay(dayOfMonth: number): string {
  const today = dayToUtc(wallNow().day);
  return utcToDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, dayOfMonth)));
}
/** Index of `day` among the cells of the month view showing `shown` (weeks start on Sunday). */
function monthCellIndex(shown: string, day: string): number {
  const first = dayToUtc(`${shown.slice(0, 8)}01`);
  const gridStart = first.getTime() - first.getUTCDay() * 86_400_000;
  return Math.round((dayToUtc(day).getTime() - gridStart) / 86_400_000);
}
const monthName = (day: string) => new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' }).format(dayToUtc(day));

interface ApiPost {
  id: string;
  status: string;
  scheduledAt: string | null;
}

async function createPost(request: APIRequestContext, accountId: string, text: string, at: Date): Promise<ApiPost> {
  const res = await request.post('/api/v1/posts', { data: { accountId, parts: [{ text }], scheduledAt: at.toISOString() } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { post: ApiPost }).post;
}

async function getPost(request: APIRequestContext, id: string): Promise<ApiPost> {
  return ((await (await request.get(`/api/v1/posts/${id}`)).json()) as { post: ApiPost }).post;
}

const eventFor = (page: Page, text: string) => page.locator('.rbc-event', { hasText: text.slice(0, 24) }).first();

/** react-big-calendar's drag and drop listens to mouse events: press, move in steps, release. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 4, from.y + 4, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

/** The hour row of the time gutter in week and day views ("10:00 AM"). */
const hourRow = (page: Page, label: string) => page.locator('.rbc-time-gutter .rbc-timeslot-group', { has: page.getByText(label, { exact: true }) });

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1100 });
});

test('the address holds view, date and zone: reload, back/forward and a shared link show the same calendar', async ({ page, context }) => {
  await signIn(page, uniqueUsername('calurl'));
  const day = nextMonthDay(10);
  const text = uniqueText('In the address');
  await createPost(page.request, await firstAccountId(page.request), text, instantAt(day, 10, 0));

  await page.goto(`/calendar?view=week&date=${day}`);
  await expect(page.getByRole('button', { name: 'Week', pressed: true })).toBeVisible();
  await expect(eventFor(page, text)).toContainText('10:00 AM');
  const weekLabel = await page.locator('h2[aria-live]').textContent();

  await page.reload();
  await expect(page.getByRole('button', { name: 'Week', pressed: true })).toBeVisible();
  await expect(page.locator('h2[aria-live]')).toHaveText(weekLabel!);

  // Next and a view change are history entries; Back and Forward walk them.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(new RegExp(`view=week&date=${addDays(day, 7)}$`));
  await expect(eventFor(page, text)).toBeHidden();
  await page.getByRole('button', { name: 'Day', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`view=day&date=${addDays(day, 7)}$`));
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`view=week&date=${addDays(day, 7)}$`));
  await expect(page.getByRole('button', { name: 'Week', pressed: true })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`view=week&date=${day}$`));
  await expect(eventFor(page, text)).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`date=${addDays(day, 7)}$`));

  // A link opened elsewhere, naming another zone: same week, times in Tokyo, and a way back.
  const shared = await context.newPage();
  await shared.setViewportSize({ width: 1280, height: 1100 });
  await shared.goto(`/calendar?view=week&date=${day}&tz=Asia/Tokyo`);
  await expect(shared.getByTestId('zone-note')).toContainText('Asia/Tokyo');
  await expect(shared.getByTestId('zone-note')).toContainText('from the link');
  await expect(eventFor(shared, text)).toContainText('6:00 PM');
  await shared.getByRole('button', { name: /show in my zone/ }).click();
  await expect(shared).toHaveURL(new RegExp(`/calendar\\?view=week&date=${day}$`));
  await expect(shared.getByTestId('zone-note')).toContainText(ZONE);
  await expect(eventFor(shared, text)).toContainText('10:00 AM');
  await shared.close();

  // Nonsense in the address falls back to defaults and is corrected in place, never an error.
  await page.goto('/calendar?view=year&date=2026-02-31&tz=Mars/Olympus&status=lost&account=nope&post=1');
  await expect(page).toHaveURL(/\/calendar$/);
  await expect(page.getByRole('button', { name: 'Month', pressed: true })).toBeVisible();
});

test('filters by account and status are sent to the server, kept in the address, and cleared in one click', async ({ page }) => {
  const alpha = uniqueUsername('calfa');
  const beta = uniqueUsername('calfb');
  await signIn(page, alpha);
  await connectAnotherAccount(page, beta);
  const { accounts } = (await (await page.request.get('/api/v1/accounts')).json()) as { accounts: { id: string; username: string }[] };
  const alphaId = accounts.find((a) => a.username === alpha)!.id;
  const betaId = accounts.find((a) => a.username === beta)!.id;
  const day = nextMonthDay(12);
  const alphaText = uniqueText('Alpha post');
  const betaText = uniqueText('Beta post');
  const cancelledText = uniqueText('Beta cancelled');
  await createPost(page.request, alphaId, alphaText, instantAt(day, 9, 0));
  await createPost(page.request, betaId, betaText, instantAt(day, 11, 0));
  const cancelled = await createPost(page.request, betaId, cancelledText, instantAt(day, 13, 0));
  expect((await page.request.patch(`/api/v1/posts/${cancelled.id}`, { data: { status: 'cancelled' } })).status()).toBe(200);

  await page.goto(`/calendar?date=${day}`);
  await expect(eventFor(page, alphaText)).toBeVisible();
  await expect(eventFor(page, betaText)).toBeVisible();
  await expect(eventFor(page, cancelledText)).toBeVisible();

  // By keyboard: Tab-reachable checkboxes, Space ticks.
  const asked = page.waitForRequest((r) => r.url().includes('/api/v1/posts?') && r.url().includes(`account=${betaId}`) && r.url().includes('from='));
  const betaBox = page.getByRole('checkbox', { name: `@${beta}` });
  await betaBox.focus();
  await page.keyboard.press('Space');
  await asked;
  await expect(page).toHaveURL(new RegExp(`account=${betaId}`));
  await expect(eventFor(page, alphaText)).toBeHidden();
  await expect(eventFor(page, betaText)).toBeVisible();

  await page.getByRole('checkbox', { name: 'scheduled', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(new RegExp(`account=${betaId}&status=scheduled$`));
  await expect(eventFor(page, cancelledText)).toBeHidden();
  await expect(eventFor(page, betaText)).toBeVisible();
  await expect(page.getByText('All accounts and posts, whatever the filters.')).toBeVisible();

  // Filters survive a reload.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: `@${beta}` })).toBeChecked();
  await expect(eventFor(page, betaText)).toBeVisible();
  await expect(eventFor(page, alphaText)).toBeHidden();

  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page).toHaveURL(new RegExp(`/calendar\\?date=${day}$`));
  await expect(eventFor(page, alphaText)).toBeVisible();
  await expect(eventFor(page, cancelledText)).toBeVisible();
});

test('drag and drop moves a post in month, week and day views', async ({ page }) => {
  await signIn(page, uniqueUsername('caldnd'));
  const accountId = await firstAccountId(page.request);
  const day = nextMonthDay(10);
  const text = uniqueText('Dragged around');
  const post = await createPost(page.request, accountId, text, instantAt(day, 10, 0));

  // Month: to the 12th, same time of day.
  await page.goto(`/calendar?date=${day}`);
  const event = eventFor(page, text);
  const from = await box(event);
  const target = await box(page.locator('.rbc-month-view .rbc-date-cell').nth(monthCellIndex(day, addDays(day, 2))));
  await drag(page, { x: from.x + 20, y: from.y + from.height / 2 }, { x: target.x + target.width / 2, y: target.y + target.height + 25 });
  await expect(page.getByRole('status').filter({ hasText: /Moved/ })).toBeVisible();
  await expect.poll(async () => (await getPost(page.request, post.id)).scheduledAt).toBe(instantAt(addDays(day, 2), 10, 0).toISOString());

  // Week: two hours later the same day.
  const moved = addDays(day, 2);
  await page.goto(`/calendar?view=week&date=${moved}`);
  await expect(eventFor(page, text)).toContainText('10:00 AM');
  const hourHeight = (await box(hourRow(page, '11:00 AM'))).y - (await box(hourRow(page, '10:00 AM'))).y;
  const inWeek = await box(eventFor(page, text));
  await drag(page, { x: inWeek.x + 20, y: inWeek.y + 10 }, { x: inWeek.x + 20, y: inWeek.y + 10 + 2 * hourHeight });
  await expect(eventFor(page, text)).toContainText('12:00 PM');
  await expect.poll(async () => (await getPost(page.request, post.id)).scheduledAt).toBe(instantAt(moved, 12, 0).toISOString());

  // Day: half an hour earlier.
  await page.goto(`/calendar?view=day&date=${moved}`);
  await expect(eventFor(page, text)).toContainText('12:00 PM');
  const inDay = await box(eventFor(page, text));
  await drag(page, { x: inDay.x + 20, y: inDay.y + 10 }, { x: inDay.x + 20, y: inDay.y + 10 - hourHeight / 2 });
  await expect(eventFor(page, text)).toContainText('11:30 AM');
  await expect.poll(async () => (await getPost(page.request, post.id)).scheduledAt).toBe(instantAt(moved, 11, 30).toISOString());
});

test('a move the server refuses (into the past) is rolled back with a message', async ({ page }) => {
  await signIn(page, uniqueUsername('calback'));
  const today = wallNow().day;
  const text = uniqueText('Not into the past');
  const at = instantAt(addDays(today, 1), 10, 0);
  const post = await createPost(page.request, await firstAccountId(page.request), text, at);

  await page.goto(`/calendar?date=${today}`);
  const event = eventFor(page, text);
  const from = await box(event);
  const target = await box(page.locator('.rbc-month-view .rbc-date-cell').nth(monthCellIndex(today, addDays(today, -1))));
  await drag(page, { x: from.x + 20, y: from.y + from.height / 2 }, { x: target.x + target.width / 2, y: target.y + target.height + 25 });
  await expect(page.getByRole('alert').filter({ hasText: 'Could not move the post' })).toBeVisible();
  // Back where it was, on screen and on the server.
  const cell = await box(page.locator('.rbc-month-view .rbc-date-cell').nth(monthCellIndex(today, addDays(today, 1))));
  const back = await box(event);
  expect(Math.abs(back.x + back.width / 2 - (cell.x + cell.width / 2))).toBeLessThan(cell.width / 2);
  expect((await getPost(page.request, post.id)).scheduledAt).toBe(at.toISOString());
});

test('clicking an empty slot opens the composer at that time, in week and day views', async ({ page }) => {
  await signIn(page, uniqueUsername('calslot'));
  const day = nextMonthDay(15);
  const dialog = page.getByRole('dialog');
  const weekday = dayToUtc(day).getUTCDay();

  await page.goto(`/calendar?view=week&date=${day}`);
  const row = await box(hourRow(page, '11:00 AM'));
  const column = await box(page.locator('.rbc-time-content .rbc-day-slot').nth(weekday));
  await page.mouse.click(column.x + column.width / 2, row.y + 10);
  await expect(dialog.getByLabel('Schedule for')).toHaveValue(`${day}T11:00`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  await page.goto(`/calendar?view=day&date=${day}`);
  const dayRow = await box(hourRow(page, '9:00 AM'));
  const dayColumn = await box(page.locator('.rbc-time-content .rbc-day-slot').first());
  await page.mouse.click(dayColumn.x + dayColumn.width / 2, dayRow.y + dayRow.height * 0.75);
  await expect(dialog.getByLabel('Schedule for')).toHaveValue(`${day}T09:30`);
});

test('the now line is drawn in week and day views, at the time of the zone shown', async ({ page }) => {
  await signIn(page, uniqueUsername('calnow'));
  const linePercent = async () => {
    const line = page.locator('.rbc-current-time-indicator');
    await expect(line).toHaveCount(1);
    return parseFloat(await line.evaluate((el) => (el as HTMLElement).style.top));
  };
  for (const view of ['week', 'day']) {
    for (const zone of [ZONE, 'Pacific/Auckland']) {
      await page.goto(`/calendar?view=${view}${zone === ZONE ? '' : `&tz=${zone}`}`);
      const expected = (wallNow(zone).minutes / 1440) * 100;
      expect(Math.abs((await linePercent()) - expected)).toBeLessThan(1.5);
    }
  }
});

test('on a 390 px screen the month is a list of days, nothing scrolls sideways, and week view scrolls in its box', async ({ page }) => {
  await signIn(page, uniqueUsername('calphone'));
  const accountId = await firstAccountId(page.request);
  const day = nextMonthDay(8);
  const first = uniqueText('Phone first');
  const second = uniqueText('Phone second');
  await createPost(page.request, accountId, first, instantAt(day, 9, 0));
  await createPost(page.request, accountId, second, instantAt(addDays(day, 3), 16, 30));

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/calendar?date=${day}`);
  const list = page.getByRole('list', { name: `Posts in ${monthName(day)} ${day.slice(0, 4)}` });
  await expect(list).toBeVisible();
  await expect(page.locator('.rbc-month-view')).toHaveCount(0);
  await expect(list.getByRole('heading')).toHaveCount(2);
  await expect(list.getByRole('button', { name: new RegExp(second.slice(0, 20)) })).toContainText('4:30 PM');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Every post is a Tab stop that opens it.
  await list.getByRole('button', { name: new RegExp(first.slice(0, 20)) }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.getByRole('button', { name: 'Week' }).click();
  await expect(page.locator('.rbc-time-view')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const scrolls = await page.locator('.herald-calendar').evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(scrolls).toBe(true);
});

test('an opened post stays in the address until it is closed', async ({ page }) => {
  await signIn(page, uniqueUsername('calpost'));
  const text = uniqueText('Linked post');
  const post = await createPost(page.request, await firstAccountId(page.request), text, instantAt(nextMonthDay(20), 8, 0));
  const dialog = page.getByRole('dialog');

  await page.goto(`/calendar?post=${post.id}`);
  await expect(dialog.getByLabel('Post text')).toHaveValue(text);
  await expect(page).toHaveURL(new RegExp(`date=${nextMonthDay(20)}&post=${post.id}$`));
  await page.reload();
  await expect(dialog.getByLabel('Post text')).toHaveValue(text);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`date=${nextMonthDay(20)}$`));

  // Opening a post from the calendar puts it in the address too.
  await eventFor(page, text).click();
  await expect(page).toHaveURL(new RegExp(`post=${post.id}$`));
});

test('loading, empty and error states', async ({ page }) => {
  await signIn(page, uniqueUsername('calstate'));
  const empty = '2031-06-10';

  // Empty: a gentle hint; with a filter, a way out of it.
  await page.goto(`/calendar?date=${empty}`);
  await expect(page.getByTestId('calendar-empty')).toHaveText('Nothing scheduled in June — click a day or press N to write a post.');
  await page.goto(`/calendar?date=${empty}&status=failed`);
  await expect(page.getByTestId('calendar-empty')).toContainText('No posts match these filters in June.');

  // Loading: the board says it is busy until the posts arrive.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/posts?*', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/calendar?date=${empty}`);
  await expect(page.locator('.calendar-frame[aria-busy="true"]')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading posts…' })).toBeVisible();
  await expect(page.getByTestId('calendar-empty')).toHaveCount(0);
  release();
  await expect(page.locator('.calendar-frame[aria-busy="false"]')).toBeVisible();
  await page.unroute('**/api/v1/posts?*');

  // Error: said, with a retry that works once the server answers again.
  await page.route('**/api/v1/posts?*', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"boom"}' }));
  await page.goto(`/calendar?date=${empty}`);
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load your posts' });
  await expect(alert).toBeVisible();
  await expect(page.getByTestId('calendar-empty')).toHaveCount(0);
  await page.unroute('**/api/v1/posts?*');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toBeHidden();
  await expect(page.getByTestId('calendar-empty')).toBeVisible();
});
