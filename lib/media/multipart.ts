/**
 * A streaming multipart/form-data reader (RFC 7578): parts come out as they arrive, their bodies
 * in pieces, so a 512 MB upload never sits in memory. `request.formData()` would buffer it all.
 */

export interface MultipartHeaders {
  name: string | null;
  filename: string | null;
  contentType: string | null;
}

export type MultipartEvent = { type: 'part'; part: MultipartHeaders } | { type: 'data'; chunk: Uint8Array } | { type: 'partEnd' };

export class MultipartError extends Error {}

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

/** The boundary of a `multipart/form-data` content type, or null when it is something else. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

function parseHeaders(text: string): MultipartHeaders {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  const param = (key: string) => {
    const m = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition) ?? new RegExp(`;\\s*${key}=([^;\\s]+)`, 'i').exec(disposition);
    return m?.[1]?.replace(/\\(.)/g, '$1') ?? null;
  };
  return { name: param('name'), filename: param('filename'), contentType: headers.get('content-type') ?? null };
}

/**
 * Reads a multipart body. Each part yields `part` (its headers), `data` pieces and `partEnd`.
 * The consumer handles each event before the next one is read: backpressure comes for free.
 */
export async function* readMultipart(body: AsyncIterable<Uint8Array>, boundary: string): AsyncGenerator<MultipartEvent> {
  // Every delimiter is CRLF + "--" + boundary; a body may start with the delimiter itself, so
  // the reader behaves as if a CRLF came first.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buf: Buffer = Buffer.from(CRLF);
  let state: 'preamble' | 'delimiter' | 'headers' | 'body' = 'preamble';
  let ended = false;
  const iterator = body[Symbol.asyncIterator]();

  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      return false;
    }
    buf = buf.length === 0 ? Buffer.from(next.value) : Buffer.concat([buf, next.value]);
    return true;
  };

  try {
    for (;;) {
      if (state === 'preamble') {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          if (buf.length > MAX_HEADER_BYTES) throw new MultipartError('The form data has no parts');
          if (!(await more())) throw new MultipartError('The form data has no parts');
          continue;
        }
        buf = buf.subarray(at + delimiter.length);
        state = 'delimiter';
      } else if (state === 'delimiter') {
        // After a delimiter: "--" closes the body, else optional whitespace and a CRLF.
        const eol = buf.indexOf(CRLF);
        if (buf.length >= 2 && buf[0] === 0x2d && buf[1] === 0x2d) return;
        if (eol < 0) {
          if (buf.length > 256) throw new MultipartError('Malformed form data');
          if (!(await more())) throw new MultipartError('The upload was cut off');
          continue;
        }
        if (buf.subarray(0, eol).toString('latin1').trim() !== '') throw new MultipartError('Malformed form data');
        buf = buf.subarray(eol + CRLF.length);
        state = 'headers';
      } else if (state === 'headers') {
        // A part without headers starts with the empty line at once.
        const end = buf.subarray(0, 2).equals(CRLF) ? -2 : buf.indexOf(HEADERS_END);
        if (end === -1) {
          if (buf.length > MAX_HEADER_BYTES) throw new MultipartError('Form data part headers are too long');
          if (!(await more())) throw new MultipartError('The upload was cut off');
          continue;
        }
        const text = end === -2 ? '' : buf.subarray(0, end).toString('utf8');
        buf = buf.subarray(end === -2 ? 2 : end + HEADERS_END.length);
        state = 'body';
        yield { type: 'part', part: parseHeaders(text) };
      } else {
        const at = buf.indexOf(delimiter);
        if (at >= 0) {
          const chunk = buf.subarray(0, at);
          buf = buf.subarray(at + delimiter.length);
          state = 'delimiter';
          if (chunk.length > 0) yield { type: 'data', chunk };
          yield { type: 'partEnd' };
          continue;
        }
        // Keep a tail that could be the start of the delimiter; hand out the rest.
        const safe = buf.length - (delimiter.length - 1);
        if (safe > 0) {
          const chunk = buf.subarray(0, safe);
          buf = buf.subarray(safe);
          yield { type: 'data', chunk };
        }
        if (!(await more())) throw new MultipartError('The upload was cut off');
      }
    }
  } finally {
    // Stop reading the request when the consumer gives up early (a refused file).
    if (!ended) await iterator.return?.();
  }
}
