import type { MediaView } from '@/lib/media/view';
import type { ApiFailure } from '../api-client';

export type UploadResult = { ok: true; media: MediaView } | ApiFailure;

/**
 * POST /api/v1/media with the file in the form field `file`. XMLHttpRequest rather than fetch:
 * only it reports upload progress.
 */
export function uploadMediaFile(file: File, onProgress: (fraction: number) => void): { done: Promise<UploadResult>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadResult>((resolve) => {
    const fail = (status: number, error: string) => resolve({ ok: false, status, error, fields: {} });
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      const record = (body ?? {}) as { media?: MediaView; error?: unknown };
      if (xhr.status === 201 && record.media) resolve({ ok: true, media: record.media });
      else if (xhr.status === 401) fail(401, 'Your session has ended. Sign in again.');
      else fail(xhr.status, typeof record.error === 'string' ? record.error : `The upload failed (HTTP ${xhr.status}).`);
    };
    xhr.onerror = () => fail(0, 'The upload did not reach Herald. Check your connection and try again.');
    xhr.onabort = () => fail(0, 'Upload cancelled.');
  });
  const form = new FormData();
  form.append('file', file, file.name);
  xhr.open('POST', '/api/v1/media');
  xhr.send(form);
  return { done, abort: () => xhr.abort() };
}
