import { expect, test, type Locator } from '@playwright/test';
import { sandboxTweets, signIn, uniqueText, uniqueUsername } from './support';

/**
 * Threads in the composer: a long text split into numbered posts that fit, merged back, reordered
 * from the keyboard and by drag, a part removed, and what X (the sandbox) receives: the parts in
 * the new order, each a reply to the one before.
 */

/** Twelve sentences, about 700 characters: three posts of 280 with their numbers. */
function longText(tag: string): string {
  return Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1} of the ${i === 0 ? `${tag} ` : ''}thread talks about topic ${i + 1} at length.`).join(' ');
}

const values = (boxes: Locator) => boxes.evaluateAll((els) => els.map((el) => (el instanceof HTMLTextAreaElement ? el.value : '')));
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

test('a long text split into a numbered thread, merged back, reordered by keyboard and drag, then published in that order', async ({ page }) => {
  const username = uniqueUsername('thread');
  await signIn(page, username);
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  const boxes = dialog.getByRole('textbox', { name: 'Post text' });
  const status = dialog.getByRole('status').filter({ hasText: /./ });

  // Too long for a thread: said, nothing dropped.
  await boxes.fill('Far too long for any thread. '.repeat(300));
  await dialog.getByRole('button', { name: 'Split into thread' }).click();
  await expect(status).toContainText('more than 25 posts');
  await expect(boxes).toHaveCount(1);

  const text = longText(uniqueText('split'));
  expect(text.length).toBeGreaterThan(600);
  await boxes.fill(text);
  await dialog.getByLabel('Number the posts (1/n)').check();
  await dialog.getByRole('button', { name: 'Split into thread' }).click();
  await expect(boxes).toHaveCount(3);
  await expect(status).toHaveText('Split into 3 posts.');
  const split = await values(boxes);
  split.forEach((part, k) => {
    expect(part.length).toBeLessThanOrEqual(280);
    expect(part.endsWith(` ${k + 1}/3`)).toBe(true);
  });
  // The counts say so too, and nothing is over X's limit.
  await expect(dialog.getByText(/^\d+\/280/)).toHaveCount(3);
  // The focus moved to the button that undoes it.
  await expect(dialog.getByRole('button', { name: 'Merge into one post' })).toBeFocused();

  // Merge: the original text comes back, without the numbers.
  await page.keyboard.press('Enter');
  await expect(boxes).toHaveCount(1);
  expect(squash((await values(boxes))[0]!)).toBe(text);
  await expect(dialog.getByRole('button', { name: 'Split into thread' })).toBeFocused();

  await dialog.getByRole('button', { name: 'Split into thread' }).click();
  await expect(boxes).toHaveCount(3);
  const [one, two, three] = split as [string, string, string];
  expect(await values(boxes)).toEqual([one, two, three]);

  // Keyboard: part 2 up. The focus stays on the control, now in first place, and the move is announced.
  await dialog.getByRole('button', { name: 'Move part 2 up' }).focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('Part 2 moved to position 1.');
  expect(await values(boxes)).toEqual([two, one, three]);
  await expect(dialog.getByRole('button', { name: 'Move part 1 up' })).toBeFocused();
  // At the top: pressing again does nothing.
  await page.keyboard.press('Enter');
  expect(await values(boxes)).toEqual([two, one, three]);
  await dialog.getByRole('button', { name: 'Move part 1 down' }).click();
  expect(await values(boxes)).toEqual([one, two, three]);

  // Drag: part 3 dropped on part 1 takes its place.
  await dialog.getByTitle('Drag to move part 3').dragTo(dialog.locator('[data-part="1"]'), { targetPosition: { x: 8, y: 48 } });
  await expect(status).toHaveText('Part 3 moved to position 1.');
  expect(await values(boxes)).toEqual([three, one, two]);

  // Remove one (the original first post, now second).
  await dialog.getByRole('button', { name: 'Remove part 2' }).click();
  expect(await values(boxes)).toEqual([three, two]);

  await dialog.getByRole('button', { name: 'Post now' }).click();
  await expect(dialog).toBeHidden();

  // X received the thread in the new order, each post replying to the one before.
  await expect.poll(async () => (await sandboxTweets(username)).length, { timeout: 40_000 }).toBe(2);
  const tweets = await sandboxTweets(username);
  expect(tweets.map((t) => t.text)).toEqual([three, two]);
  expect(tweets[0]!.reply_to).toBeNull();
  expect(tweets[1]!.reply_to).toBe(tweets[0]!.id);
});
