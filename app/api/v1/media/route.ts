import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { respond } from '@/lib/http';
import { saveUpload } from '@/lib/media/upload';

/** multipart/form-data with the file in the field `file`; streamed to the media storage. */
export function POST(request: Request) {
  return respond(async () => {
    const user = await requireApiUser();
    return NextResponse.json({ media: await saveUpload(user.id, request) }, { status: 201 });
  });
}
