import { z } from 'zod';

/** A calendar month is at most 31 days; 62 lets a caller ask for two, and bounds the work of one request. */
export const COSTS_MAX_RANGE_DAYS = 62;
const DAY_MS = 24 * 3600_000;

const instant = z.iso
  .datetime({ offset: true, message: 'Must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T00:00:00Z' })
  .transform((v) => new Date(v));

/** `GET /api/v1/costs?from=&to=`: the posts scheduled in [from, to). */
// Only once both are dates: a range check on a field already refused would throw instead.
const whenBothValid = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

export const costsQuery = z
  .strictObject({ from: instant, to: instant })
  .refine(({ from, to }) => to.getTime() > from.getTime(), { path: ['to'], message: 'Must be after from', ...whenBothValid })
  .refine(({ from, to }) => to.getTime() - from.getTime() <= COSTS_MAX_RANGE_DAYS * DAY_MS, {
    path: ['to'],
    message: `Must be at most ${COSTS_MAX_RANGE_DAYS} days after from`,
    ...whenBothValid,
  });
export type CostsQuery = z.output<typeof costsQuery>;
