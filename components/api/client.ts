/**
 * The browser's typed client for Herald's JSON API (/api/v1): the same API programs use, so there
 * is one path to test and to trust. Request bodies are the server's own zod schemas' input types
 * and answers its view types, imported as types only (no server code reaches the browser).
 * Components call these functions and never write an API path themselves.
 */
import type { z } from 'zod';
import type { MediaView } from '@/lib/media/view';
import type { createPostInput, listPostsInput, updatePostInput } from '@/lib/posts/input';
import type { PostView } from '@/lib/posts/view';
import { field, list, nothing } from './result';
import { send, sendFile, type UploadOptions } from './transport';

export type { ApiFailure, ApiResult, FieldErrors } from './result';
export { describeFailure } from './result';

export type CreatePostBody = z.input<typeof createPostInput>;
export type UpdatePostBody = z.input<typeof updatePostInput>;
export type ListPostsQuery = z.input<typeof listPostsInput>;

const post = field<PostView>('post');
const postPath = (id: string) => `/api/v1/posts/${encodeURIComponent(id)}`;

function query(values: ListPostsQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const posts = {
  list: (filter: ListPostsQuery) => send('GET', `/api/v1/posts${query(filter)}`, list<PostView>('posts')),
  create: (body: CreatePostBody) => send('POST', '/api/v1/posts', post, body),
  update: (id: string, body: UpdatePostBody) => send('PATCH', postPath(id), post, body),
  remove: (id: string) => send('DELETE', postPath(id), nothing),
  /** Queues a failed post again (its owner, or an admin for anyone's). */
  retry: (id: string) => send('POST', `${postPath(id)}/retry`, post),
};

export const media = {
  upload: (file: File, options?: UploadOptions) => sendFile('/api/v1/media', file, field<MediaView>('media'), options),
  /** The file itself, for previews (an <img> src). */
  url: (id: string) => `/api/v1/media/${encodeURIComponent(id)}`,
};
