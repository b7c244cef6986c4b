import { expect, test } from '@playwright/test';
import { connectAnotherAccount, localInputValue, sandboxTweets, signIn, uniqueText, uniqueUsername } from './support';

interface ListedPost {
  id: string;
  accountUsername: string;
  groupId: string;
  status: string;
  parts: { text: string }[];
}

test('several accounts at once: one post each, side by side, identical text refused, saved and edited as a linked group', async ({ page }) => {
  test.setTimeout(120_000);
  const alpha = uniqueUsername('alpha');
  const beta = uniqueUsername('beta');
  await signIn(page, alpha);
  await connectAnotherAccount(page, beta);
  await page.goto('/calendar');

  const words = uniqueText('Launching the new composer today');
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Post text').fill(words);
  await dialog.getByRole('checkbox', { name: `@${beta}`, exact: true }).check();
  await expect(dialog.getByRole('heading', { name: 'New posts for 2 accounts' })).toBeVisible();

  // Beta starts from a copy to reword; as long as it says the same, X would refuse it, and so does the composer.
  const alphaPost = dialog.getByRole('region', { name: `Post for @${alpha}` });
  const betaPost = dialog.getByRole('region', { name: `Post for @${beta}` });
  await expect(betaPost.getByLabel(`Post text for @${beta}`)).toHaveValue(words);
  await expect(betaPost).toContainText(`The same text as @${alpha}’s post: X does not allow posting identical content from several accounts`);
  await expect(dialog.getByRole('button', { name: 'Schedule' })).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Save draft' })).toBeDisabled();

  const betaWords = `${words} (from the team)`;
  await betaPost.getByLabel(`Post text for @${beta}`).fill(betaWords);
  await expect(betaPost).not.toContainText('The same text as');
  await betaPost.getByRole('button', { name: `Add to thread for @${beta}` }).click();
  await betaPost.getByLabel(`Post text for @${beta}`).nth(1).fill('More in the changelog.');
  // Three posts X will bill (one for alpha, a thread of two for beta), none with a link.
  await expect(dialog.getByTestId('publish-cost')).toHaveText("Publishing costs $0.045 on X's API: 3 posts");
  await betaPost.getByLabel(`Post text for @${beta}`).nth(1).fill('More in the changelog: example.com/changes');
  await expect(dialog.getByTestId('publish-cost')).toHaveText("Publishing costs $0.23 on X's API: 3 posts, 1 with a link ($0.20 each)");
  await betaPost.getByLabel(`Post text for @${beta}`).nth(1).fill('More in the changelog.');
  const at = new Date(Date.now() + 2 * 3600_000);
  await dialog.getByLabel('Schedule for').fill(localInputValue(at, 'Europe/Paris'));
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();

  // One post per account, under one group id, each with its own text.
  const listed = (await (await page.request.get('/api/v1/posts')).json()) as { posts: ListedPost[] };
  const mine = listed.posts.filter((p) => p.parts[0]?.text.startsWith(words));
  expect(mine.map((p) => [p.accountUsername, p.status, p.parts.map((x) => x.text)]).sort()).toEqual(
    [
      [alpha, 'scheduled', [words]],
      [beta, 'scheduled', [betaWords, 'More in the changelog.']],
    ].sort(),
  );
  expect(new Set(mine.map((p) => p.groupId)).size).toBe(1);

  // Linked on the calendar: each shows the other account.
  // (Each event names the other account too, so each is found by whom it is linked with.)
  const alphaEvent = page.locator('.rbc-event', { hasText: `linked with @${beta}` });
  const betaEvent = page.locator('.rbc-event', { hasText: `linked with @${alpha}` });
  await expect(alphaEvent).toHaveCount(1);
  await expect(alphaEvent).toContainText(`@${alpha}`);
  await expect(betaEvent).toHaveCount(1);
  await expect(betaEvent).toContainText(betaWords.slice(0, 20));

  // Opening one opens the group side by side; an edit that makes them identical is refused by the composer…
  await alphaEvent.click();
  await expect(dialog.getByRole('heading', { name: 'Edit posts' })).toBeVisible();
  await expect(alphaPost.getByLabel(`Post text for @${alpha}`)).toHaveValue(words);
  await expect(betaPost.getByLabel(`Post text for @${beta}`).first()).toHaveValue(betaWords);
  // (Threads are compared whole, spacing and case aside.)
  await alphaPost.getByLabel(`Post text for @${alpha}`).fill(betaWords.toUpperCase());
  await alphaPost.getByRole('button', { name: `Add to thread for @${alpha}` }).click();
  await alphaPost.getByLabel(`Post text for @${alpha}`).nth(1).fill('more in the changelog. ');
  await expect(betaPost).toContainText(`The same text as @${alpha}’s post`);
  await expect(dialog.getByRole('button', { name: 'Schedule' })).toBeDisabled();
  await alphaPost.getByRole('button', { name: 'Remove part 2' }).click();
  const edited = `${words}, now with a preview`;
  await alphaPost.getByLabel(`Post text for @${alpha}`).fill(edited);
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  const after = (await (await page.request.get(`/api/v1/post-groups/${mine[0]!.groupId}`)).json()) as { posts: ListedPost[] };
  expect(after.posts.map((p) => [p.accountUsername, p.parts[0]!.text]).sort()).toEqual(
    [
      [alpha, edited],
      [beta, betaWords],
    ].sort(),
  );

  // …and Post now sends both, each account its own words, the thread chained.
  await betaEvent.click();
  await dialog.getByRole('button', { name: 'Post now' }).click();
  await expect(dialog).toBeHidden();
  // It goes out 10 s later (the Undo window), then publishes.
  await expect.poll(async () => (await sandboxTweets(alpha)).map((t) => t.text), { timeout: 30_000 }).toEqual([edited]);
  await expect.poll(async () => (await sandboxTweets(beta)).map((t) => t.text), { timeout: 30_000 }).toEqual([betaWords, 'More in the changelog.']);
  const betaTweets = await sandboxTweets(beta);
  expect(betaTweets[1]!.reply_to).toBe(betaTweets[0]!.id);
});

test('the API refuses identical texts for a group, with a message on the field, and saves nothing', async ({ page }) => {
  const alpha = uniqueUsername('same');
  const beta = uniqueUsername('twin');
  await signIn(page, alpha);
  await connectAnotherAccount(page, beta);
  const { accounts } = (await (await page.request.get('/api/v1/accounts')).json()) as { accounts: { id: string }[] };
  const text = uniqueText('Twice the same');
  const res = await page.request.post('/api/v1/post-groups', { data: { posts: accounts.map((a) => ({ accountId: a.id, parts: [{ text }] })) } });
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { fields: Record<string, string[]> };
  expect(body.fields['posts.1.parts.0.text']?.[0]).toMatch(/X does not allow posting identical content from several accounts/);
  const listed = (await (await page.request.get('/api/v1/posts')).json()) as { posts: unknown[] };
  expect(listed.posts).toHaveLength(0);
});

test('the preview shows the post as X will, with its entities highlighted, in light and dark', async ({ page }) => {
  const username = uniqueUsername('look');
  await signIn(page, username);
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Post text').fill('Hello @herald_team, see https://example.com/a/very/long/path/indeed #launch');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const preview = dialog.getByRole('region', { name: 'Preview on X' });
  await expect(preview).toContainText(`@${username}`);
  await expect(preview.locator('[data-entity="mention"]')).toHaveText('@herald_team');
  await expect(preview.locator('[data-entity="hashtag"]')).toHaveText('#launch');
  await expect(preview.locator('[data-entity="url"]')).toHaveText(/^example\.com\/a\/very\/lo.*…$/);
  await expect(preview).toHaveAttribute('data-theme', 'light');
  await dialog.getByRole('button', { name: 'Dark' }).click();
  await expect(preview).toHaveAttribute('data-theme', 'dark');
  // A thread shows as one, part by part.
  await dialog.getByRole('button', { name: 'Add to thread' }).click();
  await dialog.getByLabel('Post text').nth(1).fill('Second part');
  await expect(preview.getByRole('article')).toHaveCount(2);
  await expect(preview.getByRole('article', { name: 'Part 2 of 2' })).toContainText('Second part');
  // A poll and a quoted post show as X draws them.
  await dialog.getByRole('button', { name: 'Add poll' }).nth(1).click();
  await dialog.getByRole('textbox', { name: 'Option 1' }).fill('Yes');
  await dialog.getByRole('textbox', { name: 'Option 2' }).fill('Not yet');
  await expect(preview.getByRole('article', { name: 'Part 2 of 2' })).toContainText('Not yet');
  await expect(preview.getByRole('article', { name: 'Part 2 of 2' })).toContainText('0 votes');
  await dialog.getByRole('button', { name: 'Quote a post' }).first().click();
  await dialog.getByLabel('Quoted post').fill('https://x.com/someone/status/1234567890123');
  await expect(preview.getByRole('article').first()).toContainText('Quoting post 1234567890123');
});

test('README: a screenshot of the full composer (with E2E_SCREENSHOTS set)', async ({ page }) => {
  test.skip(!process.env.E2E_SCREENSHOTS, 'takes docs/composer.png only when asked');
  await signIn(page, uniqueUsername('herald'));
  const team = uniqueUsername('team');
  await connectAnotherAccount(page, team);
  await page.goto('/calendar');
  await page.setViewportSize({ width: 1400, height: 1100 });
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Post text').fill('Herald 2.0 is out: a posting queue, threads you can split and reorder, polls, and a preview of every post. https://example.com/herald #buildinpublic');
  await dialog.getByRole('checkbox', { name: `@${team}`, exact: true }).check();
  const teamPost = dialog.getByRole('region', { name: `Post for @${team}` });
  await teamPost.getByLabel(`Post text for @${team}`).fill('We shipped Herald 2.0 today, with a posting queue and a composer for everything X allows.');
  await teamPost.getByRole('button', { name: `Add to thread for @${team}` }).click();
  await teamPost.getByLabel(`Post text for @${team}`).nth(1).fill('Which part will you try first?');
  await teamPost.getByRole('button', { name: 'Add poll' }).nth(1).click();
  await teamPost.getByRole('textbox', { name: 'Option 1' }).fill('The queue');
  await teamPost.getByRole('textbox', { name: 'Option 2' }).fill('Polls');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('region', { name: 'Preview on X' })).toHaveCount(2);
  // The whole composer in one picture: a tall window, and the dialog's own scroll lifted for it.
  await page.setViewportSize({ width: 1400, height: 2000 });
  await dialog.evaluate((el) => (el.style.maxHeight = 'none'));
  await dialog.screenshot({ path: 'docs/composer.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Discard' }).click();
});
