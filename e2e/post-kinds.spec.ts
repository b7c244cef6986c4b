import { expect, test, type Locator, type Page } from '@playwright/test';
import { localInputValue, sandboxTweets, signIn, uniqueText, uniqueUsername, type SandboxTweet } from './support';

/** What the sandbox shows of a post beyond support's SandboxTweet: the request body X received, as sent. */
interface SandboxPost extends SandboxTweet {
  quote_tweet_id: string | null;
  poll: { options: string[]; duration_minutes: number } | null;
  reply_settings: string | null;
  body: Record<string, unknown>;
}

/** Post now from the composer goes out 10 s later (the Undo window), then publishes: up to 30 s. */
async function receivedByX(username: string, text: string): Promise<SandboxPost> {
  let found: SandboxPost | undefined;
  await expect
    .poll(async () => {
      found = ((await sandboxTweets(username)) as SandboxPost[]).find((t) => t.text === text);
      return found !== undefined;
    }, { timeout: 30_000 })
    .toBe(true);
  return found!;
}

async function newPost(page: Page, text: string): Promise<Locator> {
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Post text').fill(text);
  return dialog;
}

async function postNow(dialog: Locator) {
  await dialog.getByRole('button', { name: 'Post now' }).click();
  await expect(dialog).toBeHidden();
}

test('a poll, a quote and a reply made in the composer reach X in the shapes of POST /2/tweets', async ({ page }) => {
  const username = uniqueUsername('kinds');
  await signIn(page, username);

  // A poll of three options, open 2 h 30 min, that only mentioned people may answer.
  const pollText = uniqueText('Which one?');
  let dialog = await newPost(page, pollText);
  await dialog.getByRole('button', { name: 'Add poll' }).click();
  await dialog.getByLabel('Option 1', { exact: true }).fill('Tea');
  await dialog.getByLabel('Option 2', { exact: true }).fill('Coffee');
  await dialog.getByRole('button', { name: 'Add option' }).click();
  await dialog.getByLabel('Option 3', { exact: true }).fill('Water');
  await expect(dialog.getByText('5/25')).toBeVisible();
  await dialog.getByLabel('Poll length: days').selectOption('0');
  await dialog.getByLabel('Poll length: hours').selectOption('2');
  await dialog.getByLabel('Poll length: minutes').selectOption('30');
  await dialog.getByLabel('Who can reply').selectOption({ label: 'People you mention' });
  await postNow(dialog);
  const poll = await receivedByX(username, pollText);
  expect(poll.body).toEqual({ text: pollText, poll: { options: ['Tea', 'Coffee', 'Water'], duration_minutes: 150 }, reply_settings: 'mentionedUsers' });
  expect(poll.reply_settings).toBe('mentionedUsers');

  // Quoting it, by its link as X shows it.
  const quoteText = uniqueText('Worth a look');
  dialog = await newPost(page, quoteText);
  await dialog.getByRole('button', { name: 'Quote a post' }).click();
  await dialog.getByLabel('Quoted post').fill(`https://x.com/${username}/status/${poll.id}?s=20`);
  await expect(dialog.getByText(`Post ${poll.id}`)).toBeVisible();
  // A poll and a quote don't go together: the button says why it is off.
  await expect(dialog.getByRole('button', { name: 'Add poll' })).toBeDisabled();
  await expect(dialog.getByText('A post with a poll cannot quote another post.')).toBeVisible();
  await postNow(dialog);
  const quote = await receivedByX(username, quoteText);
  expect(quote.body).toEqual({ text: quoteText, quote_tweet_id: poll.id });

  // Replying to it, by its id.
  const replyText = uniqueText('Tea, obviously');
  dialog = await newPost(page, replyText);
  await dialog.getByRole('button', { name: 'Reply to a post' }).click();
  await dialog.getByLabel('Replying to').fill(poll.id);
  await dialog.getByLabel('Who can reply').selectOption({ label: 'People you follow' });
  await postNow(dialog);
  const reply = await receivedByX(username, replyText);
  expect(reply.body).toEqual({ text: replyText, reply: { in_reply_to_tweet_id: poll.id }, reply_settings: 'following' });
  expect(reply.reply_to).toBe(poll.id);
});

test('bad polls and post links show their errors by their inputs, and nothing is saved', async ({ page }) => {
  const username = uniqueUsername('kindsbad');
  await signIn(page, username);
  const dialog = await newPost(page, uniqueText('Bad poll'));
  await dialog.getByRole('button', { name: 'Add poll' }).click();
  // Two options at least: neither can be removed.
  await expect(dialog.getByRole('button', { name: 'Remove option 1' })).toBeDisabled();
  // Media and a poll don't go together: the picker is off, saying why.
  await expect(dialog.getByLabel('Add media')).toBeDisabled();
  await expect(dialog.getByText('A post with a poll cannot have media too.')).toBeVisible();

  await dialog.getByLabel('Option 1', { exact: true }).fill('a'.repeat(26));
  await expect(dialog.getByText('26/25')).toBeVisible();
  await dialog.getByRole('button', { name: 'Save draft' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Some fields need attention' })).toBeVisible();
  await expect(dialog.getByLabel('Option 1', { exact: true })).toHaveAccessibleDescription(/Option 1 is 26 characters; X allows 25/);
  await expect(dialog.getByLabel('Option 2', { exact: true })).toHaveAccessibleDescription(/Option 2 is empty/);
  // Typing clears the poll's messages.
  await dialog.getByLabel('Option 1', { exact: true }).fill('Yes');
  await expect(dialog.getByText('Option 2 is empty')).toBeHidden();

  await dialog.getByRole('button', { name: 'Remove poll' }).click();
  await dialog.getByRole('button', { name: 'Quote a post' }).click();
  await dialog.getByLabel('Quoted post').fill('https://x.com/jack');
  await expect(dialog.getByLabel('Quoted post')).toHaveAccessibleDescription("Paste a post's link or id");
  await dialog.getByRole('button', { name: 'Save draft' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Some fields need attention' })).toBeVisible();
  // The API says the same as the live check: shown once, by the field.
  await expect(dialog.getByText("Paste a post's link or id")).toHaveCount(1);

  const saved = await page.request.get('/api/v1/posts');
  expect(((await saved.json()) as { posts: unknown[] }).posts).toEqual([]);
});

/** Signs in, or connects another account, through the sandbox's consent page with the given X subscription. */
async function consent(page: Page, username: string, subscription: 'Premium' | 'None') {
  await expect(page.getByRole('button', { name: 'Authorize app' })).toBeVisible();
  await page.getByLabel('Or a new username').fill(username);
  await page.getByLabel('X subscription of this account', { exact: false }).selectOption(subscription);
  await page.getByRole('button', { name: 'Authorize app' }).click();
}

test('X Premium: a 1,000-character post schedules for a Premium account; beside it, an account without Premium is told why and cannot schedule', async ({ page }) => {
  const premium = uniqueUsername('prem');
  const plain = uniqueUsername('plain');
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in with X' }).click();
  await consent(page, premium, 'Premium');
  await page.waitForURL('**/calendar');
  await page.goto('/accounts');
  await page.getByRole('link', { name: 'Connect another X account' }).click();
  await consent(page, plain, 'None');
  await expect(page.getByText(`@${plain} is connected.`)).toBeVisible();

  await page.goto('/calendar');
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  for (const username of [premium, plain]) {
    const box = dialog.getByRole('checkbox', { name: `@${username}`, exact: true });
    if (!(await box.isChecked())) await box.check();
  }
  const long = (label: string) => {
    const head = uniqueText(label);
    return `${head} ${'x'.repeat(1000 - head.length - 1)}`;
  };
  const premiumBox = dialog.getByLabel(`Post text for @${premium}`);
  const plainBox = dialog.getByLabel(`Post text for @${plain}`);
  await premiumBox.fill(long('Long read'));
  await plainBox.fill(long('Also long'));
  await expect(dialog.getByText('1,000/25,000')).toBeVisible();
  await expect(dialog.getByText('1,000/280')).toBeVisible();
  await expect(premiumBox).not.toHaveAttribute('aria-invalid', 'true');
  await expect(plainBox).toHaveAccessibleDescription(new RegExp(`@${plain} does not have X Premium, so X allows 280`));
  await expect(dialog.getByRole('button', { name: 'Schedule' })).toBeDisabled();

  // The account without Premium goes: the long post schedules.
  await dialog.getByRole('checkbox', { name: `@${plain}`, exact: true }).uncheck();
  const at = new Date(Date.now() + 3 * 3600_000);
  await dialog.getByLabel('Schedule for').fill(localInputValue(at, 'Europe/Paris'));
  await expect(dialog.getByRole('button', { name: 'Schedule' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();
  const list = (await (await page.request.get('/api/v1/posts')).json()) as { posts: { accountUsername: string; status: string; parts: { text: string }[] }[] };
  expect(list.posts.map((p) => ({ account: p.accountUsername, status: p.status, length: p.parts[0]!.text.length }))).toEqual([{ account: premium, status: 'scheduled', length: 1000 }]);
});
