import { expect, test, type Locator, type Page } from '@playwright/test';
import { firstAccountId, signIn, uniqueText, uniqueUsername } from './support';

/**
 * The posting queue from the browser. Slots are every day at three whole hours in Asia/Tokyo (no
 * daylight saving), 2, 4 and 6 hours after the current hour: the next three slots are exactly
 * those three instants, at least an hour away, so none passes while a test runs.
 */
const ZONE = 'Asia/Tokyo';
const HOUR = 3600_000;

function plannedSlots(now = Date.now()) {
  const hour = Math.floor(now / HOUR) * HOUR;
  const instants = [2, 4, 6].map((k) => new Date(hour + k * HOUR));
  const local = (at: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return { times: instants.map(local), at: instants.map((d) => d.toISOString()) };
}

const slot = (page: Page, at: string): Locator => page.locator(`[data-slot="${at}"]`);
/** A post's card, by its own button: the text also appears in other cards' "Move to…" options. */
const card = (page: Page, text: string): Locator => page.locator('[data-post]').filter({ has: page.getByRole('button', { name: text, exact: true }) });
const inSlot = (page: Page, at: string, text: string) => expect(slot(page, at).getByRole('button', { name: text, exact: true })).toBeVisible();

async function openQueue(page: Page, username: string) {
  await page.goto('/accounts');
  await page.getByRole('link', { name: `Queue for @${username}` }).click();
  await page.waitForURL('**/accounts/*/queue');
  await expect(page.getByRole('heading', { name: `Queue · @${username}` })).toBeVisible();
}

async function addToQueueInComposer(page: Page, text: string) {
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Post text').fill(text);
  await dialog.getByRole('button', { name: 'Add to queue' }).click();
  await expect(dialog).toBeHidden();
}

/** Drags by the card's edge (not its button), as a mouse would pick it up. */
async function drag(page: Page, text: string, at: string) {
  await card(page, text).dragTo(slot(page, at), { sourcePosition: { x: 4, y: 4 } });
}

test('a schedule set in the UI, then Add to queue from the composer fills the first free slots in order', async ({ page }) => {
  const username = uniqueUsername('qui');
  await signIn(page, username);
  const planned = plannedSlots();
  await openQueue(page, username);
  await expect(page.getByText('No slots in these weeks.', { exact: false })).toBeVisible();

  await page.getByLabel('Time zone').fill(ZONE);
  for (const time of planned.times) {
    await page.getByLabel('New slot time').fill(time);
    await expect(page.getByLabel('On', { exact: true })).toHaveValue('all');
    await page.getByRole('button', { name: 'Add slot' }).click();
  }
  await expect(page.getByRole('list', { name: 'Sunday slots' }).getByRole('listitem')).toHaveCount(3);
  await page.getByLabel('Blackout date').fill('2030-12-25');
  await page.getByRole('button', { name: 'Add date' }).click();
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Schedule saved.')).toBeVisible();
  for (const at of planned.at) await expect(slot(page, at)).toContainText('Empty slot');

  const first = uniqueText('Queued first');
  await addToQueueInComposer(page, first);
  await expect(page.getByRole('status').filter({ hasText: 'Added to the queue. It goes out' })).toBeVisible();
  await inSlot(page, planned.at[0]!, first);
  await expect(slot(page, planned.at[0]!)).toContainText('scheduled');

  const second = uniqueText('Queued second');
  await addToQueueInComposer(page, second);
  await inSlot(page, planned.at[1]!, second);
  await inSlot(page, planned.at[0]!, first);
  await expect(slot(page, planned.at[2]!)).toContainText('Empty slot');

  // The server agrees: what was saved, not only what the page shows.
  const schedule = await (await page.request.get(`/api/v1/accounts/${await firstAccountId(page.request)}/schedule`)).json();
  expect(schedule.schedule).toMatchObject({ timeZone: ZONE, blackoutDates: ['2030-12-25'] });
  expect(schedule.schedule.slots).toHaveLength(21);
});

test('dragging moves to an empty slot or swaps, the keyboard moves too, a refused move rolls back, and cancelling frees the slot', async ({ page }) => {
  const username = uniqueUsername('qmv');
  await signIn(page, username);
  const accountId = await firstAccountId(page.request);
  const planned = plannedSlots();
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const put = await page.request.put(`/api/v1/accounts/${accountId}/schedule`, {
    data: { timeZone: ZONE, slots: days.flatMap((day) => planned.times.map((time) => ({ day, time }))) },
  });
  expect(put.status()).toBe(200);
  const [a, b] = [uniqueText('Post A'), uniqueText('Post B')];
  for (const text of [a, b]) {
    const res = await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text }], queue: true } });
    expect(res.status()).toBe(201);
  }
  const [s1, s2, s3] = planned.at as [string, string, string];

  await openQueue(page, username);
  await inSlot(page, s1, a);
  await inSlot(page, s2, b);
  // Three slots a day, every day: 2 weeks by default, 1 to 4 on request.
  await expect(page.locator('[data-slot]')).toHaveCount(42);
  await page.getByLabel('Weeks shown').selectOption('1');
  await expect(page.locator('[data-slot]')).toHaveCount(21);
  await page.getByLabel('Weeks shown').selectOption('2');
  await expect(page.locator('[data-slot]')).toHaveCount(42);

  if (process.env.E2E_SCREENSHOTS) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: 'docs/queue.png' });
  }

  // Onto an empty slot: it moves, and its old slot is free.
  await drag(page, a, s3);
  await inSlot(page, s3, a);
  await expect(slot(page, s1)).toContainText('Empty slot');
  await expect(page.getByRole('status').filter({ hasText: 'Moved.' })).toBeVisible();

  // Onto an occupied slot: the two swap.
  await drag(page, a, s2);
  await inSlot(page, s2, a);
  await inSlot(page, s3, b);
  await expect(page.getByRole('status').filter({ hasText: 'Swapped the two posts.' })).toBeVisible();

  // From the keyboard: the post's "Move to…" list.
  const moveB = page.getByLabel(`Move “${b}” to`);
  await moveB.focus();
  await moveB.selectOption(s1);
  await inSlot(page, s1, b);
  await expect(slot(page, s3)).toContainText('Empty slot');

  // What the page shows is what the server has.
  await page.reload();
  await inSlot(page, s1, b);
  await inSlot(page, s2, a);
  await expect(slot(page, s3)).toContainText('Empty slot');

  // A refused move shows at once, then goes back, with the server's reason.
  // The answer is held until the page has shown the move.
  let answer = () => {};
  const held = new Promise<void>((resolve) => (answer = resolve));
  await page.route('**/queue/move', async (route) => {
    await held;
    await route.fulfill({ status: 409, json: { error: 'The queue changed meanwhile: reload it and try again.' } });
  });
  // Reading the queue again fails too, so only the page's own rollback can put the post back.
  const queueRead = (url: URL) => url.pathname.endsWith('/queue');
  await page.route(queueRead, (route) => route.abort('failed'));
  await page.getByLabel(`Move “${a}” to`).selectOption(s3);
  await inSlot(page, s3, a);
  await expect(slot(page, s2)).toContainText('Empty slot');
  answer();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not move the post.' })).toContainText('The queue changed meanwhile: reload it and try again.');
  await inSlot(page, s2, a);
  await expect(slot(page, s3)).toContainText('Empty slot');
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load the queue' })).toBeVisible();
  await page.unroute('**/queue/move');
  await page.unroute(queueRead);

  // Cancelling a queued post frees its slot.
  await slot(page, s1).getByRole('button', { name: b }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel post' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(slot(page, s1)).toContainText('Empty slot');
  await inSlot(page, s2, a);
});

test('Add to queue with no schedule shows the server’s message in the composer', async ({ page }) => {
  const username = uniqueUsername('qno');
  await signIn(page, username);
  await openQueue(page, username);
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Post text').fill(uniqueText('Nowhere to go'));
  await dialog.getByRole('button', { name: 'Add to queue' }).click();
  await expect(dialog.getByRole('alert')).toContainText(`@${username} has no posting schedule yet: add weekly time slots to its schedule first`);
  await expect(dialog).toBeVisible();
});

test('an unknown time zone is refused by its field, and another user’s queue is a 404', async ({ page }) => {
  const username = uniqueUsername('qtz');
  await signIn(page, username);
  await openQueue(page, username);
  await page.getByLabel('Time zone').fill('Mars/Olympus_Mons');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByLabel('Time zone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Unknown time zone', { exact: false })).toBeVisible();

  // The server's field messages land by their fields too (here a refusal the page cannot foresee).
  await page.route('**/schedule', (route) =>
    route.request().method() === 'PUT'
      ? route.fulfill({ status: 400, json: { error: 'Invalid input', fields: { 'blackoutDates.0': ['No such date'], timeZone: ['Zone retired'] } } })
      : route.fallback(),
  );
  await page.getByLabel('Time zone').fill('Europe/Berlin');
  await page.getByLabel('Blackout date').fill('2030-01-01');
  await page.getByRole('button', { name: 'Add date' }).click();
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Zone retired')).toBeVisible();
  await expect(page.getByLabel('Time zone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('2030-01-01: No such date')).toBeVisible();
  await page.unroute('**/schedule');

  const response = await page.goto('/accounts/00000000-0000-4000-8000-000000000000/queue');
  expect(response?.status()).toBe(404);
});
