import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError, invalid } from './errors';
import { logger } from './log';

/** Every route handler's error path: AppError keeps its status, anything else is a logged 500. */
export async function respond(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    const known = error instanceof z.ZodError ? invalid(error) : error;
    if (known instanceof AppError) {
      return NextResponse.json({ error: known.message, ...(known.fields ? { fields: known.fields } : {}) }, { status: known.status });
    }
    // Next's redirect()/notFound() signals must pass through.
    if (error instanceof Error && 'digest' in error) throw error;
    logger().error({ event: 'request_error', err: error instanceof Error ? error.message : String(error) }, 'unhandled error');
    return NextResponse.json({ error: 'Something went wrong on our side' }, { status: 500 });
  }
}

export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError(400, 'The body must be JSON');
  }
}

export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

export const idParam = z.uuid();
