import { NextResponse, type NextRequest } from 'next/server';
import { CONNECT_COOKIE, finishConnect } from '@/lib/accounts/connect';
import { currentUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';

/** X sends the person back here; the outcome is shown on the accounts page. */
export async function GET(request: NextRequest) {
  const user = await currentUser();
  const base = config().authUrl;
  if (!user) return NextResponse.redirect(`${base}/signin`);
  const target = new URL(`${base}/accounts`);
  try {
    const account = await finishConnect(user.id, request.nextUrl.searchParams, request.cookies.get(CONNECT_COOKIE)?.value);
    target.searchParams.set('connected', account.username);
  } catch (error) {
    if (!(error instanceof AppError)) logger().error({ event: 'connect_failed', err: error instanceof Error ? error.message : String(error) }, 'connecting an X account failed');
    target.searchParams.set('error', error instanceof AppError ? error.message : 'X could not be reached; try again.');
  }
  const response = NextResponse.redirect(target);
  response.cookies.delete({ name: CONNECT_COOKIE, path: '/api/accounts/connect' });
  return response;
}
