import type { z } from 'zod';

export type FieldErrors = Record<string, string[]>;

/** An error a person or program can act on; route handlers turn it into its HTTP status. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(404, `${what} not found`);

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function invalid(error: z.ZodError): AppError {
  return new AppError(400, 'Invalid input', fieldErrors(error));
}
