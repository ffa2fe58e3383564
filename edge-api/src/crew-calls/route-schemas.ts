import * as z from 'zod';
import { cursorProblem } from './cursor.js';

// The crew-call routes' classic-zod checks, loaded on their first use (see routes.ts).

const cursor = (now: () => Date) =>
  z
    .string()
    .superRefine((raw, ctx) => {
      const message = cursorProblem(raw, now());
      if (message) ctx.addIssue({ code: 'custom', message });
    })
    .optional();

export const moreCrewSchema = z.strictObject(
  {
    availability: z.unknown().optional(),
    crew_id: z.string({ error: 'must be a crew id' }).optional(),
    confirm: z.boolean({ error: 'must be true or false' }).optional(),
  },
  { error: 'the body must be a JSON object' },
);

export const changesQuery = (now: () => Date) =>
  z.strictObject({
    since: cursor(now),
    limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(100),
  });
