import { NextResponse, type NextRequest } from 'next/server';
import { CONNECT_COOKIE, finishConnect } from '@/lib/accounts/connect';
import { connectErrorCode, type ConnectErrorCode } from '@/lib/accounts/connect-errors';
import { currentUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { errorSummary, logger } from '@/lib/log';

/**
 * X sends the person back here; the outcome is shown on the accounts page. Only a code crosses
 * the redirect (the page has the sentences): the page must not print what a URL says.
 */
export async function GET(request: NextRequest) {
  const user = await currentUser();
  const base = config().authUrl;
  if (!user) return NextResponse.redirect(`${base}/signin`);
  const target = new URL(`${base}/accounts`);
  const params = request.nextUrl.searchParams;
  try {
    const account = await finishConnect(user.id, params, request.cookies.get(CONNECT_COOKIE)?.value);
    target.searchParams.set('connected', account.username);
  } catch (error) {
    const code = connectErrorCode(error);
    logFailure(code, error, params);
    target.searchParams.set('error', code);
  }
  const response = NextResponse.redirect(target);
  response.cookies.delete({ name: CONNECT_COOKIE, path: '/api/accounts/connect' });
  return response;
}

/** What the person is not shown, the operator may need: the unexpected error, or X's refusal word. */
function logFailure(code: ConnectErrorCode, error: unknown, params: URLSearchParams): void {
  if (code === 'unreachable') {
    logger().error({ event: 'connect_failed', ...errorSummary(error) }, 'connecting an X account failed');
  } else if (code === 'refused') {
    // Bounded: the parameter is whatever the URL says.
    logger().warn({ event: 'connect_refused', xError: (params.get('error') ?? '').slice(0, 100) }, 'X refused connecting an account');
  }
}
