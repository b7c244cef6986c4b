import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError, invalid, type FieldErrors } from '../errors';
import { errorSummary, logger, withLogContext } from '../log';
import { RateLimited, rateLimitHeaders } from '../rate-limit/window';

/** The one shape every API error has. */
export interface ErrorBody {
  error: string;
  fields?: FieldErrors;
}

export function errorResponse(error: AppError): Response {
  const body: ErrorBody = { error: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  return NextResponse.json(body, { status: error.status });
}

/** The header that names a request: the same id is on every log line written while handling it. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Every route handler: a fresh request id on each log line it writes and on its answer (whatever
 * the client sent is not trusted into the logs), and the one error path.
 */
export async function respond(work: () => Promise<Response>): Promise<Response> {
  const requestId = randomUUID();
  const response = await withLogContext({ requestId }, () => answered(work));
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    // A response with immutable headers (one fetched from elsewhere): the same answer, copied.
    const copy = new Response(response.body, response);
    copy.headers.set(REQUEST_ID_HEADER, requestId);
    return copy;
  }
}

/** AppError keeps its status, a ZodError is a 400, a rate limit a 429, anything else is a logged 500. */
async function answered(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    const known = error instanceof z.ZodError ? invalid(error) : error;
    if (known instanceof AppError) return errorResponse(known);
    if (error instanceof RateLimited) return NextResponse.json({ error: error.message } satisfies ErrorBody, { status: 429, headers: rateLimitHeaders(error.count) });
    // Next's redirect()/notFound() signals must pass through.
    if (error instanceof Error && 'digest' in error) throw error;
    // Class and code only: a failed query's message carries its parameters, which are user text.
    logger().error({ event: 'request_error', ...errorSummary(error) }, 'unhandled error');
    return NextResponse.json({ error: 'Something went wrong on our side' } satisfies ErrorBody, { status: 500 });
  }
}
