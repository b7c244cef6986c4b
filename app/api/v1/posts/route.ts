import { NextResponse, type NextRequest } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { jsonBody, parse, respond } from '@/lib/http';
import { createPost } from '@/lib/posts/commands';
import { createPostInput, listPostsInput } from '@/lib/posts/input';
import { listPosts } from '@/lib/posts/queries';

export function GET(request: NextRequest) {
  return respond(async () => {
    const user = await requireApiUser();
    const filter = parse(listPostsInput, Object.fromEntries(request.nextUrl.searchParams));
    return NextResponse.json({ posts: await listPosts(user.id, filter) });
  });
}

export function POST(request: Request) {
  return respond(async () => {
    const user = await requireApiUser();
    const input = parse(createPostInput, await jsonBody(request));
    return NextResponse.json({ post: await createPost(user.id, input) }, { status: 201 });
  });
}
