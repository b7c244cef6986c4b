import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError, invalid, type FieldErrors } from '../errors';
import { errorSummary, logger } from '../log';
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

/** Every route handler's error path: AppError keeps its status, a ZodError is a 400, a rate limit a 429, anything else is a logged 500. */
export async function respond(work: () => Promise<Response>): Promise<Response> {
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
