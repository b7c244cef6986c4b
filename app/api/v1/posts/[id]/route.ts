import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { idParam, jsonBody, parse, respond } from '@/lib/http';
import { deletePost, updatePost } from '@/lib/posts/commands';
import { updatePostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';

type Context = { params: Promise<{ id: string }> };

async function postId(context: Context): Promise<string> {
  const { id } = await context.params;
  if (!idParam.safeParse(id).success) throw notFound('Post');
  return id;
}

export function GET(_request: Request, context: Context) {
  return respond(async () => {
    const user = await requireApiUser();
    return NextResponse.json({ post: await getPost(user.id, await postId(context)) });
  });
}

export function PATCH(request: Request, context: Context) {
  return respond(async () => {
    const user = await requireApiUser();
    const id = await postId(context);
    const input = parse(updatePostInput, await jsonBody(request));
    return NextResponse.json({ post: await updatePost(user.id, id, input) });
  });
}

export function DELETE(_request: Request, context: Context) {
  return respond(async () => {
    const user = await requireApiUser();
    await deletePost(user.id, await postId(context));
    return new Response(null, { status: 204 });
  });
}
