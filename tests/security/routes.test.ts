import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { session } from '../support/signed-in';
import { createUserWithAccount } from '../support/fixtures';
import { HTTP_METHODS, pageFiles, routeFiles, serverActionFiles, urlPathOf } from './app-files';
import { PAGE_RULES } from './page-rules';
import { ACTION_RULES, API_RULES, type ActionRule, type ApiRule } from './rules';
import { ownedRows } from './snapshot';

/**
 * Every route handler and server action, found on the file system, checked against its rule in
 * tests/security/rules.ts (pages: page-rules.ts, opened by e2e/security.spec.ts). Something new
 * without a rule fails here, by name.
 */

/**
 * Auth.js itself (lib/auth) loads only inside Next. What imports it here is public by rule and never
 * called (its sign-in routes and the sign-in/out actions): stand-ins that say so if they are.
 */
vi.mock('@/lib/auth', () => {
  const notHere = () => Promise.reject(new Error('Auth.js is not loaded in this test'));
  return { handlers: { GET: notHere, POST: notHere }, signIn: notHere, signOut: notHere, auth: notHere };
});

// Outside Next, revalidatePath throws: an action that went through must be seen to go through.
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

// This file's own media storage, before anything reads the configuration.
const mediaDir = await mkdtemp(path.join(tmpdir(), 'herald-route-rules-'));
process.env.MEDIA_DIR = mediaDir;
afterAll(() => rm(mediaDir, { recursive: true, force: true }));

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;
interface Found<T> {
  key: string;
  file: string;
  name: string;
  fn: T;
}

const importAbsolute = (file: string) => import(/* @vite-ignore */ path.resolve(file)) as Promise<Record<string, unknown>>;

const handlers: Found<Handler>[] = (
  await Promise.all(
    routeFiles().map(async (file) => {
      const mod = await importAbsolute(file);
      return HTTP_METHODS.filter((m) => typeof mod[m] === 'function').map((m) => ({ key: `${file} ${m}`, file, name: m, fn: mod[m] as Handler }));
    }),
  )
).flat();

const actions: Found<() => unknown>[] = (
  await Promise.all(
    serverActionFiles().map(async (file) => {
      const mod = await importAbsolute(file);
      return Object.entries(mod)
        .filter(([, value]) => typeof value === 'function')
        .map(([name, fn]) => ({ key: `${file} ${name}`, file, name, fn: fn as () => unknown }));
    }),
  )
).flat();

/** Keys found without a rule, and rules naming nothing found (a moved or deleted file). */
function unmatched(found: readonly string[], rules: Readonly<Record<string, unknown>>) {
  return { withoutRule: found.filter((k) => !(k in rules)), ruleForNothing: Object.keys(rules).filter((k) => !found.includes(k)) };
}

describe('every route handler, page and server action has a rule', () => {
  it('found some of each (the enumeration itself works)', () => {
    expect(handlers.length).toBeGreaterThan(20);
    expect(pageFiles().length).toBeGreaterThan(5);
    expect(actions.length).toBeGreaterThan(3);
  });

  it('route handlers: tests/security/rules.ts API_RULES', () => {
    expect(unmatched(handlers.map((h) => h.key), API_RULES), 'add a line for each to API_RULES in tests/security/rules.ts').toEqual({ withoutRule: [], ruleForNothing: [] });
  });

  it('pages: tests/security/page-rules.ts', () => {
    expect(unmatched(pageFiles(), PAGE_RULES), 'add a line for each to tests/security/page-rules.ts').toEqual({ withoutRule: [], ruleForNothing: [] });
  });

  it("server actions: tests/security/rules.ts ACTION_RULES", () => {
    expect(unmatched(actions.map((a) => a.key), ACTION_RULES), 'add a line for each to ACTION_RULES in tests/security/rules.ts').toEqual({ withoutRule: [], ruleForNothing: [] });
  });
});

interface Answer {
  status: number;
  location: string | null;
  body: unknown;
}

const withBody = (method: string) => ['POST', 'PUT', 'PATCH'].includes(method);

/** Calls a handler as Next would, for `[id]` the given id; a write sends `body` (else `{}`) as JSON. */
async function call(found: Found<Handler>, id: string, body?: unknown): Promise<Answer> {
  const url = `http://localhost:3000${urlPathOf(found.file).replace('[id]', id)}`;
  const init: RequestInit = { method: found.name };
  if (withBody(found.name)) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body ?? {});
  }
  const response = await found.fn(new Request(url, init), { params: Promise.resolve(found.file.includes('[id]') ? { id } : {}) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // A file or a redirect's empty body: kept as text.
  }
  return { status: response.status, location: response.headers.get('location'), body: parsed };
}

const errorBody = { error: expect.any(String) };
const checked = <T, R extends { access: string }>(found: Found<T>[], rules: Readonly<Record<string, R>>) =>
  found.filter((f) => f.key in rules && rules[f.key]!.access !== 'public').map((f) => [f.key, f, rules[f.key]!] as const);

describe.each(checked(handlers, API_RULES))('%s', (_key, found, rule: ApiRule) => {
  if (rule.access === 'browser') {
    it('signed out: a redirect to /signin', async () => {
      const answer = await call(found, randomUUID());
      expect([302, 303, 307, 308]).toContain(answer.status);
      expect(new URL(answer.location ?? '', 'http://x').pathname).toBe('/signin');
    });
    return;
  }

  it('signed out: 401', async () => {
    const answer = await call(found, randomUUID());
    expect(answer).toMatchObject({ status: 401, body: errorBody });
  });

  if (rule.access === 'admin') {
    it('a signed-in non-admin: 403', async () => {
      session.userId = (await createUserWithAccount()).user.id;
      expect(await call(found, randomUUID())).toMatchObject({ status: 403, body: errorBody });
    });
  }

  if (rule.access === 'owned') {
    it("another user's: 404, and nothing of the owner's changes; the owner is let through", async () => {
      const owner = await createUserWithAccount();
      const stranger = await createUserWithAccount();
      const id = await rule.resource(owner);
      const before = await ownedRows(owner.user.id);

      session.userId = stranger.user.id;
      const refused = await call(found, id, rule.body);
      expect(refused).toMatchObject({ status: 404, body: { error: expect.stringMatching(/not found/) } });
      expect(await ownedRows(owner.user.id)).toBe(before);

      if (rule.ownerCall === false) return;
      // Not refused for who they are: any answer but 401, 403, or the stranger's "not found".
      session.userId = owner.user.id;
      const own = await call(found, id, rule.body);
      expect([401, 403]).not.toContain(own.status);
      expect(own.body).not.toEqual(refused.body);
    });
  }
});

/**
 * Whether an action said no: it returned `{ status: 'error' }`, redirected to /signin, or threw an
 * AppError 401, 403 or 404. Anything else thrown is not a refusal but a failure, shown as such.
 */
async function refusedBy(work: () => Promise<unknown>): Promise<boolean> {
  try {
    const value = await work();
    return typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'error';
  } catch (error) {
    if (error instanceof AppError && [401, 403, 404].includes(error.status)) return true;
    const digest = error instanceof Error && 'digest' in error ? String(error.digest) : '';
    if (digest.startsWith('NEXT_REDIRECT;') && digest.includes(';/signin;')) return true;
    throw error;
  }
}

describe.each(checked(actions, ACTION_RULES))('server action %s', (_key, _found, rule: ActionRule) => {
  if (rule.access === 'signed-in') {
    it('signed out: refused', async () => {
      expect(await refusedBy(rule.call)).toBe(true);
    });
  }

  if (rule.access === 'owned') {
    it("signed out, or on another user's: refused, and nothing of the owner's changes", async () => {
      const owner = await createUserWithAccount();
      const id = await rule.resource(owner);
      const before = await ownedRows(owner.user.id);
      expect(await refusedBy(() => rule.call(id))).toBe(true);
      session.userId = (await createUserWithAccount()).user.id;
      expect(await refusedBy(() => rule.call(id))).toBe(true);
      expect(await ownedRows(owner.user.id)).toBe(before);
    });
  }
});
