import { NextResponse } from 'next/server';
import { isAdmin } from '@/lib/auth/admins';
import { currentUser } from '@/lib/auth/session';
import { health, healthView } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** How long finding out whether the caller is an admin may take before they get the public view. */
const VIEWER_TIMEOUT_MS = 2_000;

async function callerIsAdmin(): Promise<boolean> {
  const user = await currentUser();
  return user ? isAdmin(user.id) : false;
}

/**
 * Sessions live in Postgres: when it is down or slow the caller cannot be known, and gets the
 * public view rather than a hung request.
 */
async function adminCaller(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), VIEWER_TIMEOUT_MS)));
  try {
    return await Promise.race([callerIsAdmin().catch(() => false), timeUp]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * 200 while the web app can do its job (status ok or degraded), 503 when not. Anyone sees status
 * words; a signed-in admin also sees the details (counts, lag, what failed and why).
 */
export async function GET() {
  const [report, admin] = await Promise.all([health(), adminCaller()]);
  return NextResponse.json(healthView(report, admin ? 'admin' : 'public'), {
    status: report.ok ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
