import { NextResponse } from 'next/server';
import { isAdmin } from '@/lib/auth/admins';
import { requireApiUser } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { idParam, respond } from '@/lib/http';
import { retryPost } from '@/lib/posts/commands';

/** The owner retries their own failed post; an admin may retry anyone's. */
export function POST(_request: Request, context: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    const user = await requireApiUser();
    const { id } = await context.params;
    if (!idParam.safeParse(id).success) throw notFound('Post');
    const owner = (await isAdmin(user.id)) ? null : user.id;
    return NextResponse.json({ post: await retryPost(owner, id) });
  });
}
