import { NextResponse } from 'next/server';
import { CONNECT_COOKIE, startConnect } from '@/lib/accounts/connect';
import { currentUser } from '@/lib/auth/session';
import { config } from '@/lib/config';

/** Starts connecting (or reconnecting) an X account for the signed-in user. */
export async function GET() {
  const user = await currentUser();
  if (!user) return NextResponse.redirect(`${config().authUrl}/signin`);
  const { url, cookie } = startConnect(user.id);
  const response = NextResponse.redirect(url);
  response.cookies.set(CONNECT_COOKIE, cookie, { httpOnly: true, sameSite: 'lax', secure: config().authUrl.startsWith('https:'), path: '/api/accounts/connect', maxAge: 600 });
  return response;
}
