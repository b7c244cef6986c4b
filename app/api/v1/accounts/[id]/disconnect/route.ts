import { NextResponse } from 'next/server';
import { disconnectAccount } from '@/lib/accounts/commands';
import { requireApiUser } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { idParam, respond } from '@/lib/http';

/** Revokes Herald's access at X, deletes the tokens and turns the account's scheduled posts into drafts. */
export function POST(_request: Request, context: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    const user = await requireApiUser();
    const { id } = await context.params;
    if (!idParam.safeParse(id).success) throw notFound('Account');
    return NextResponse.json(await disconnectAccount(user.id, id));
  });
}
