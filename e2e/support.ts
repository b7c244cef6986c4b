import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const sandboxUrl = () => {
  const url = process.env.E2E_SANDBOX_URL;
  if (!url) throw new Error('E2E_SANDBOX_URL is not set: run through playwright test (global setup)');
  return url;
};

export interface SandboxTweet {
  id: string;
  username: string;
  text: string;
  reply_to: string | null;
  media_ids: string[];
  created_at: number;
}

/** What X (the sandbox) received: the ground truth the tests check against. */
export async function sandboxTweets(username?: string): Promise<SandboxTweet[]> {
  const res = await fetch(`${sandboxUrl()}/__sandbox/tweets${username ? `?username=${username}` : ''}`);
  return (await res.json()) as SandboxTweet[];
}

let n = 0;
/** X usernames are at most 15 characters. */
export function uniqueUsername(prefix: string): string {
  return `${prefix}${Date.now().toString(36).slice(-5)}${n++}`.slice(0, 15);
}

/** Unique within a run without randomness: the clock, this process and a sequence. X refuses duplicate posts. */
export function uniqueText(label: string): string {
  return `${label} ${Date.now().toString(36)}-${process.pid.toString(36)}-${n++}`;
}

/** Signs in through Herald's button and the sandbox's consent page, as a person would. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in with X' }).click();
  await expect(page.getByRole('button', { name: 'Authorize app' })).toBeVisible();
  await page.getByLabel('Or a new username').fill(username);
  await page.getByRole('button', { name: 'Authorize app' }).click();
  await page.waitForURL('**/calendar');
}

/** Connects a second (third, …) X account through the accounts page and the sandbox's consent page. */
export async function connectAnotherAccount(page: Page, username: string): Promise<void> {
  await page.goto('/accounts');
  await page.getByRole('link', { name: 'Connect another X account' }).click();
  await page.getByLabel('Or a new username').fill(username);
  await page.getByRole('button', { name: 'Authorize app' }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts\\?connected=${username}$`));
}

export async function firstAccountId(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/v1/accounts');
  expect(res.status()).toBe(200);
  const { accounts } = (await res.json()) as { accounts: { id: string }[] };
  expect(accounts.length).toBeGreaterThan(0);
  return accounts[0]!.id;
}

/** `datetime-local` value for an instant, as a wall clock in the browser's zone. */
export function localInputValue(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  // Chromium normalises ':00' seconds away, and Playwright refuses a value it would rewrite.
  const seconds = parts.second === '00' ? '' : `:${parts.second}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}${seconds}`;
}

/** New post → text → time → Schedule, through the composer; returns the event on the calendar. */
export async function scheduleInComposer(page: Page, text: string, at: Date, timeZone = 'Europe/Paris') {
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Post text').fill(text);
  await dialog.getByLabel('Schedule for').fill(localInputValue(at, timeZone));
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();
  const event = page.locator('.rbc-event', { hasText: text.slice(0, 20) }).first();
  await expect(event).toContainText(/scheduled/i);
  return event;
}
