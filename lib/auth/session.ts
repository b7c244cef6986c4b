import { redirect } from 'next/navigation';
import { AppError } from '../errors';
import { auth } from './index';

export interface SessionUser {
  id: string;
  name: string | null;
  image: string | null;
}

export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id) return null;
  return { id: user.id, name: user.name ?? null, image: user.image ?? null };
}

/** For pages: a visitor who is not signed in goes to the sign-in page. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/signin');
  return user;
}

/** For route handlers: 401 without a session. */
export async function requireApiUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError(401, 'Sign in first');
  return user;
}
