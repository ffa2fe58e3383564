// zod/mini, loaded only to word a refusal of the timer's query: due-query.ts reads a good one.
import * as z from 'zod/mini';
import { parseOrThrow } from '../errors/parse-input.js';
import { cursorProblem } from './cursor.js';
import { type DueQuery, MAX_SHORT_BEFORE_HOURS } from './due-query.js';

const dueQuerySchema = (now: () => Date) =>
  z.strictObject({
    since: z.optional(
      z.string().check(
        z.superRefine((raw, ctx) => {
          const message = cursorProblem(raw, now());
          if (message) ctx.addIssue({ code: 'custom', message, input: raw });
        }),
      ),
    ),
    short_before_hours: z.optional(
      z.coerce
        .number({ error: 'must be a number of hours' })
        .check(
          z.minimum(0, { error: 'must be 0 or more hours' }),
          z.maximum(MAX_SHORT_BEFORE_HOURS, { error: 'must be at most 720 hours (30 days)' }),
        ),
    ),
  });

/** The timer's query, or the 400 naming every field of it that cannot be read. */
export function dueQueryOrThrow(query: Record<string, string>, now: () => Date): DueQuery {
  return parseOrThrow(dueQuerySchema(now), query);
}
