import { failed, readAnswer, type ApiResult, type Reader } from './result';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const abortError = () => new DOMException('The request was aborted.', 'AbortError');

/** A JSON request to Herald's API. Never rejects: no answer at all is a failure with status 0. */
export async function send<T>(method: Method, path: string, read: Reader<T>, body?: object): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return failed(0, 'Herald could not be reached. Check your connection and try again.');
  }
  return readAnswer(response.status, await response.text(), read);
}

export interface UploadOptions {
  /** 0..1 as the bytes go out. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * A multipart POST with one file in the field `file`. XMLHttpRequest rather than fetch: only it
 * reports upload progress. Aborting through `signal` rejects with an AbortError, as fetch does.
 */
export function sendFile<T>(path: string, file: File, read: Reader<T>, { onProgress, signal }: UploadOptions = {}): Promise<ApiResult<T>> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    const stop = () => xhr.abort();
    signal?.addEventListener('abort', stop, { once: true });
    const settle = () => signal?.removeEventListener('abort', stop);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      settle();
      resolve(readAnswer(xhr.status, xhr.responseText, read, 'upload'));
    };
    xhr.onerror = () => {
      settle();
      resolve(failed(0, 'The upload did not reach Herald. Check your connection and try again.'));
    };
    xhr.onabort = () => {
      settle();
      reject(abortError());
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.open('POST', path);
    xhr.send(form);
  });
}
