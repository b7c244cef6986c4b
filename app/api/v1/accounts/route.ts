import { NextResponse } from 'next/server';
import { listAccounts } from '@/lib/accounts/queries';
import { requireApiUser } from '@/lib/auth/session';
import { respond } from '@/lib/http';

export function GET() {
  return respond(async () => {
    const user = await requireApiUser();
    const accounts = await listAccounts(user.id);
    return NextResponse.json({ accounts: accounts.map(({ id, username, name, status }) => ({ id, username, name, status })) });
  });
}
