import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import busboy from 'busboy';
import { AppError } from '../errors';
import { formatBytes, MEDIA_MAX_UPLOAD_BYTES } from '../x/rules';

/**
 * Reading an upload form (multipart/form-data with one file in the field `file`) as it arrives:
 * busboy parses, this module feeds it the request's web stream one piece at a time, waiting
 * whenever busboy or the file's consumer is behind, so a 512 MB video never sits in memory.
 */

/** Form field the file travels in. */
export const MEDIA_FIELD = 'file';
/** Multipart framing around the file: the whole form may be this much larger than the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
/** The most bytes read from one form, framing and all. */
export const MAX_FORM_BYTES = MEDIA_MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES;
/** The file and a few small parts at most; a form of many parts is refused. */
const MAX_FORM_PARTS = 8;

const LIMITS: busboy.Limits = {
  files: 1,
  // Room for the file among the parts.
  fields: MAX_FORM_PARTS - 1,
  // busboy reports these two when the count reaches them: one more than allowed means "too many".
  parts: MAX_FORM_PARTS + 1,
  fileSize: MEDIA_MAX_UPLOAD_BYTES + 1,
  // Herald takes no field: busboy holds at most this much of one until it is refused.
  fieldSize: 1024,
  headerPairs: 16,
};

const notMultipart = () => new AppError(400, `Send the file as multipart/form-data, in a field named "${MEDIA_FIELD}".`);
const noFile = () => new AppError(400, `No file: send it in a form field named "${MEDIA_FIELD}".`);
const cutOff = () => new AppError(400, 'The upload was cut off before the end of the form; send the file again.');
const tooManyParts = () => new AppError(400, `Send the file alone: a form with more than ${MAX_FORM_PARTS} parts is refused.`);
const formTooLarge = () => new AppError(413, `This upload is over ${formatBytes(MEDIA_MAX_UPLOAD_BYTES)}, the most Herald takes at once (X's limit for videos).`);

function strayField(name: string): AppError {
  if (name === MEDIA_FIELD) return new AppError(400, `The field "${MEDIA_FIELD}" holds text: send the file itself, with a file name.`);
  return new AppError(400, `Unknown form field "${name.slice(0, 100)}": send only the file, in a field named "${MEDIA_FIELD}".`);
}

/** busboy's errors are all about the form's bytes, so each is the sender's to fix. */
function malformed(error: unknown, sawPart: boolean): AppError {
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Unexpected end of')) return sawPart ? cutOff() : new AppError(400, `The form has no complete part: ${notMultipart().message}`);
  if (message === 'Malformed part header') return new AppError(400, 'Malformed form data: the headers of a part could not be read.');
  return new AppError(400, 'Malformed form data.');
}

/** Where the file's bytes go, in order. */
export interface FileSink {
  /** Takes the next piece; the form is not read further until it is done. Throws to refuse the file. */
  write(chunk: Buffer): Promise<void>;
  /** The refusal once the file passes the largest size Herald takes. */
  tooLarge(): AppError;
}

/** Resolves on 'drain', or on 'close' when the parser is torn down while it waits. */
function drained(stream: Writable): Promise<void> {
  if (stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * Reads the form and hands the file to `sink` as it streams in. Throws an AppError (4xx) for
 * anything wrong with the form; errors of the sink's own (a full disk) pass through as they are.
 * When it returns or throws, nothing more is read and the sink is no longer called.
 */
export async function readFileForm(request: Request, sink: FileSink): Promise<void> {
  const contentType = request.headers.get('content-type');
  if (!request.body || !contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) throw notMultipart();
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': contentType }, limits: LIMITS });
  } catch {
    throw notMultipart(); // no boundary, or a content type busboy cannot read
  }
  const reader = request.body.getReader();
  // The first reason to stop; later ones are consequences of it.
  const outcome: { failure?: { error: unknown } } = {};
  let sawPart = false;
  let sawFile = false;
  let firstField: string | null = null;
  let fileDone = Promise.resolve();

  const stop = (error: unknown) => {
    if (outcome.failure) return;
    outcome.failure = { error };
    // Read no more of the request: a pending read returns at once, and so does a wait for busboy.
    reader.cancel().catch(() => undefined);
    // Not from inside busboy's own event handlers, which it still runs on from after they return.
    process.nextTick(() => parser.destroy());
  };

  parser.on('error', (error) => stop(malformed(error, sawPart)));
  parser.on('partsLimit', () => stop(tooManyParts()));
  parser.on('fieldsLimit', () => stop(tooManyParts()));
  parser.on('filesLimit', () => stop(new AppError(400, 'Send one file per upload.')));
  // A field is refused once the form is known to be within its limits (when the file starts, or
  // at the end), so a form of too many parts is named as such.
  parser.on('field', (name) => {
    sawPart = true;
    firstField ??= name;
  });
  parser.on('file', (name, stream) => {
    sawPart = true;
    // The stream fails when the parser does; the parser's own 'error' event says why.
    stream.on('error', () => undefined);
    if (name !== MEDIA_FIELD || firstField !== null) {
      stream.resume();
      stop(firstField !== null ? strayField(firstField) : noFile());
      return;
    }
    sawFile = true;
    stream.on('limit', () => stop(sink.tooLarge()));
    fileDone = (async () => {
      const pieces = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      for (;;) {
        let next: IteratorResult<Buffer>;
        try {
          next = await pieces.next();
        } catch {
          return; // torn down with the parser, whose 'error' or stop() already holds the reason
        }
        if (next.done) return;
        await sink.write(next.value);
      }
    })().catch(stop);
  });

  // A client that hangs up aborts the request's signal; its body may then neither end nor fail.
  const hungUp = () => stop(cutOff());
  request.signal.addEventListener('abort', hungUp);
  try {
    let formBytes = 0;
    while (!outcome.failure) {
      const next = await reader.read().catch(() => null);
      if (!next) {
        stop(cutOff()); // the body failed: the client went away mid-upload
        break;
      }
      if (next.done) break;
      // The parser sees every byte up to the cap, so a file over its own limit is refused as that.
      const room = MAX_FORM_BYTES - formBytes;
      formBytes += next.value.length;
      const piece = next.value.length > room ? next.value.subarray(0, room) : next.value;
      if (piece.length > 0 && !parser.write(piece)) await drained(parser);
      if (formBytes > MAX_FORM_BYTES) stop(formTooLarge());
    }
    if (!outcome.failure) {
      parser.end();
      await finished(parser).catch(() => undefined); // an error has come through parser.on('error')
    }
    // The sink is done before this returns: nothing writes behind the caller's back.
    await fileDone;
  } finally {
    request.signal.removeEventListener('abort', hungUp);
  }
  if (outcome.failure) throw outcome.failure.error;
  if (firstField !== null) throw strayField(firstField);
  if (!sawFile) throw noFile();
}
