/** multipart/form-data bodies (RFC 7578), parsed by busboy once the server has read them (within its cap). */
import busboy from 'busboy';

export interface MultipartFile {
  /** The part's bytes (decoded when sent with Content-Transfer-Encoding: base64). */
  data: Buffer;
  /** `filename` from Content-Disposition, if any. */
  filename?: string;
  /** The part's Content-Type, if it gave one. */
  contentType?: string;
}

export interface MultipartResult {
  /** Text parts: no filename and not application/octet-stream. */
  fields: Record<string, string>;
  /** File parts: with a filename, or sent as application/octet-stream (twitter-api-v2 sends media so). */
  files: Record<string, MultipartFile>;
}

/**
 * The parts of a form; a later part of the same name replaces an earlier one. Rejects with
 * busboy's reason when the body cannot be read as a form (no boundary, cut off, bad headers).
 */
export function parseMultipart(body: Buffer, contentType: string): Promise<MultipartResult> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // The whole body is within the server's cap already: no part can be larger than it.
      parser = busboy({ headers: { 'content-type': contentType }, limits: { fieldSize: body.length, fileSize: body.length } });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const fields: Record<string, string> = {};
    const files: Record<string, MultipartFile> = {};
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => undefined); // the parser's 'error' says why
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const file: MultipartFile = { data: info.encoding.toLowerCase() === 'base64' ? Buffer.from(raw.toString('latin1'), 'base64') : raw };
        if (info.filename !== undefined) file.filename = info.filename;
        // busboy says text/plain for a part without a Content-Type; X has no text media either way.
        if (info.mimeType !== 'text/plain') file.contentType = info.mimeType;
        files[name] = file;
      });
    });
    parser.on('error', reject);
    // After every file stream has ended (busboy waits for them).
    parser.on('finish', () => resolve({ fields, files }));
    parser.end(body);
  });
}
