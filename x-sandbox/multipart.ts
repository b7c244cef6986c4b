/** A small multipart/form-data parser (RFC 7578) working on a fully read body. */

export interface MultipartFile {
  /** The part's bytes. */
  data: Buffer;
  /** `filename` from Content-Disposition, if any. */
  filename?: string;
  /** The part's Content-Type, if any. */
  contentType?: string;
}

export interface MultipartResult {
  /** Parts without a filename and with a text-ish or absent content type, decoded as UTF-8. */
  fields: Record<string, string>;
  /** Every part, raw (so `media` sent as a plain field is still available as bytes). */
  files: Record<string, MultipartFile>;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function parseMultipart(body: Buffer, boundary: string): MultipartResult {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: Record<string, MultipartFile> = {};

  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart boundary not found in body');
  for (;;) {
    pos += delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    // Skip transport padding and the CRLF after the delimiter.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0) throw new Error('malformed multipart part headers');
    const headerText = body.subarray(pos, headerEnd).toString('utf8');
    const dataStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), dataStart);
    if (next < 0) throw new Error('unterminated multipart part');
    const data = body.subarray(dataStart, next);

    const headers = new Map<string, string>();
    for (const line of headerText.split('\r\n')) {
      const idx = line.indexOf(':');
      if (idx > 0) headers.set(line.slice(0, idx).trim().toLowerCase(), line.slice(idx + 1).trim());
    }
    const disposition = headers.get('content-disposition') ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? /\bname=([^;]+)/i.exec(disposition)?.[1]?.trim();
    if (name !== undefined) {
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      const contentType = headers.get('content-type');
      const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
      const bytes = encoding === 'base64' ? Buffer.from(data.toString('latin1'), 'base64') : Buffer.from(data);
      const file: MultipartFile = { data: bytes };
      if (filename !== undefined) file.filename = filename;
      if (contentType !== undefined) file.contentType = contentType;
      files[name] = file;
      const textual = contentType === undefined || /^text\/|^application\/x-www-form-urlencoded/i.test(contentType);
      if (filename === undefined && textual) fields[name] = bytes.toString('utf8');
    }
    pos = next + CRLF.length;
  }
  return { fields, files };
}
