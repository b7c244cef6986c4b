import { afterAll, beforeEach, vi } from 'vitest';
import { closeDb } from '@/lib/db';
import { closeQueue } from '@/lib/queue';
import { closeRateLimit } from '@/lib/rate-limit/window';

/**
 * Who is signed in through the browser, for tests that call route handlers: Auth.js needs Next's
 * request context to read its cookie, so the session module is stood in for. Import this file
 * before anything that imports the routes; set `session.userId` (null: signed out, before each test).
 * Also closes the database, queue and rate-limit connections after the file's tests.
 */
export const session: { userId: string | null } = { userId: null };

vi.mock('@/lib/auth/session', () => ({
  currentUser: async () => (session.userId ? { id: session.userId, name: null, image: null } : null),
}));

afterAll(async () => {
  await closeQueue();
  await closeRateLimit();
  await closeDb();
});

beforeEach(() => {
  session.userId = null;
});
