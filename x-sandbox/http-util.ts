/** Small HTTP helpers for the sandbox: body reading, body parsing, replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseMultipart, type MultipartFile } from './multipart';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a handler answers; the server writes it (or drops it, when a fault says so). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Serialized with JSON.stringify, content-type application/json unless `contentType` says otherwise. */
  json?: unknown;
  /** Raw text body (HTML, SVG). */
  text?: string;
  contentType?: string;
}

export type ParsedBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: JsonValue }
  | { kind: 'invalid-json'; error: string }
  | { kind: 'form'; value: Record<string, string> }
  | { kind: 'multipart'; fields: Record<string, string>; files: Record<string, MultipartFile> }
  | { kind: 'invalid-multipart'; error: string }
  | { kind: 'other'; contentType: string; size: number };

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
  }
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new BodyTooLargeError(limit));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    req.on('error', (err) => {
      if (!failed) {
        failed = true;
        reject(err);
      }
    });
  });
}

export function mediaTypeOf(req: IncomingMessage): string {
  const ct = req.headers['content-type'];
  return (ct ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export async function parseBody(req: IncomingMessage, body: Buffer): Promise<ParsedBody> {
  if (body.length === 0) return { kind: 'empty' };
  const type = mediaTypeOf(req);
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return { kind: 'json', value: JSON.parse(body.toString('utf8')) as JsonValue };
    } catch (err) {
      return { kind: 'invalid-json', error: err instanceof Error ? err.message : String(err) };
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const value: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) value[k] = v;
    return { kind: 'form', value };
  }
  if (type === 'multipart/form-data') {
    try {
      const parts = await parseMultipart(body, req.headers['content-type'] ?? '');
      return { kind: 'multipart', fields: parts.fields, files: parts.files };
    } catch (err) {
      return { kind: 'invalid-multipart', error: err instanceof Error ? err.message : String(err) };
    }
  }
  return { kind: 'other', contentType: type, size: body.length };
}

/** Flattens JSON or form bodies into string fields (OAuth endpoints accept both). */
export function fieldsOf(parsed: ParsedBody): Record<string, string> | null {
  if (parsed.kind === 'empty') return {};
  if (parsed.kind === 'form') return parsed.value;
  if (parsed.kind === 'multipart') return parsed.fields;
  if (parsed.kind === 'json' && isJsonObject(parsed.value)) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed.value)) {
      if (typeof v === 'string') out[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    }
    return out;
  }
  return null;
}

export function json(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, json: value, headers } : { status, json: value };
}

export function html(status: number, text: string, headers?: Record<string, string>): Reply {
  return { status, text, contentType: 'text/html; charset=utf-8', ...(headers ? { headers } : {}) };
}

export function redirect(location: string): Reply {
  return { status: 302, headers: { location, 'cache-control': 'no-store' } };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  let payload: string | undefined;
  let contentType = reply.contentType;
  if (reply.json !== undefined) {
    payload = JSON.stringify(reply.json);
    contentType ??= 'application/json; charset=utf-8';
  } else if (reply.text !== undefined) {
    payload = reply.text;
    contentType ??= 'text/plain; charset=utf-8';
  }
  const headers: Record<string, string | number> = { ...(reply.headers ?? {}) };
  if (payload !== undefined) {
    headers['content-type'] = contentType ?? 'application/octet-stream';
    headers['content-length'] = Buffer.byteLength(payload);
  } else {
    headers['content-length'] = 0;
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Wall-clock milliseconds with sub-millisecond precision. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}
