import * as z from 'zod';
import type {
  AvailabilityMarkBody,
  CallRequestBody,
  CharterBody,
} from '../../../shared/api/charters.js';
import type { AvailabilityMark, DayAvailability } from '../../../shared/availability/index.js';
import { readAvailabilityCell } from '../../../shared/availability/read-cell.js';
import { findZonePeriods } from '../../../shared/charter/find-zone-periods.js';
import { charterTimes, LocalTimeError } from '../../../shared/charter/index.js';
import type { ZonePeriods } from '../../../shared/charter/zone-periods.js';
import { ROLE_PATTERN } from '../../../shared/crew/index.js';
import { isCurrencyCode } from '../../../shared/money/index.js';
import { invalidInput } from '../errors/index.js';
import { describeIssues } from '../errors/parse-input.js';

const hhmm = z
  .string({ error: 'must be a time like 09:30' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time like 09:30');
const role = z.string().regex(ROLE_PATTERN, 'must be a role such as captain, mate or deckhand');

const charterSchema = z.strictObject(
  {
    vessel: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, 'must not be empty')
      .max(80, 'must be at most 80 characters'),
    date: z
      .string({ error: 'must be a date like 2026-12-05' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-05'),
    start: hhmm,
    end: hhmm,
    time_zone: z.string({ error: 'must be an IANA time zone such as America/Los_Angeles' }),
    client: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, 'must not be empty')
      .max(120, 'must be at most 120 characters'),
    guests: z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(0)
      .max(5000),
    needs: z
      .record(
        role,
        z
          .number({ error: 'must be a whole number of seats' })
          .int('must be a whole number of seats')
          .min(0)
          .max(50),
        {
          error: 'must be an object of seats per role, like {"captain": 1, "deckhand": 2}',
        },
      )
      .refine((needs) => Object.values(needs).some((n) => n > 0), 'must ask for at least one seat'),
    price: z.strictObject(
      {
        amount_cents: z
          .number({ error: 'must be a whole number of cents' })
          .int('must be a whole number of cents')
          .min(0),
        currency: z
          .string()
          .refine(isCurrencyCode, 'must be an ISO 4217 currency code such as USD'),
      },
      { error: 'must be an object like {"amount_cents": 320000, "currency": "USD"}' },
    ),
    meeting_point: z.string().trim().max(200, 'must be at most 200 characters').default(''),
    notes: z.string().trim().max(2000, 'must be at most 2000 characters').default(''),
  },
  { error: 'the body must be a JSON object' },
) satisfies z.ZodType<Required<CharterBody>, CharterBody>;

export type CharterInput = z.infer<typeof charterSchema>;

/**
 * A valid charter with its instants, and its zone's offset periods around them so
 * the crew pages tell its times without Intl (shared/charter/zone-periods.ts).
 */
export type ParsedCharter = CharterInput & {
  starts_at: string;
  ends_at: string;
  zone_periods: ZonePeriods;
};

/** Validates a charter, including that its local times exist in its time zone. */
export function parseCharterInput(input: unknown): ParsedCharter {
  const result = charterSchema.safeParse(input);
  if (!result.success) throw invalidInput(describeIssues(result.error.issues, input));
  const charter = result.data;
  if (
    Number.isNaN(Date.parse(`${charter.date}T00:00:00Z`)) ||
    new Date(`${charter.date}T00:00:00Z`).toISOString().slice(0, 10) !== charter.date
  ) {
    throw invalidInput([{ field: 'date', message: `${charter.date} is not a calendar date` }]);
  }
  try {
    const times = charterTimes(charter);
    return {
      ...charter,
      needs: Object.fromEntries(Object.entries(charter.needs).filter(([, n]) => n > 0)),
      starts_at: times.starts_at,
      ends_at: times.ends_at,
      zone_periods: findZonePeriods(charter.time_zone, times.starts_at, times.ends_at),
    };
  } catch (error) {
    if (error instanceof LocalTimeError)
      throw invalidInput([{ field: error.field, message: error.message }]);
    throw error;
  }
}

const structuredMark = z.union(
  [
    z.strictObject({ status: z.literal('yes'), after: hhmm.optional(), before: hhmm.optional() }),
    z.strictObject({ status: z.enum(['am', 'pm', 'no']) }),
    z.strictObject({ status: z.literal('note'), note: z.string().trim().min(1).max(200) }),
  ],
  {
    error:
      'must be sheet text such as "Yes", "AM", "y - after 2pm", "maybe" or "", or {"status": "yes", "after": "14:00"} or {"status": "note", "note": "..."}',
  },
);

/**
 * One person's mark: the structured form, or the cell as the sheet gives it (text, a checkbox,
 * 1/0, blank), read with the office side's own vocabulary (shared/availability/read-cell.ts)
 * so the API and the sheet agree on every word. Blank is no mark (undefined). A bare `x` is
 * refused: its meaning is the office's setting (CREWCALL_X_MEANS), which the API does not hold.
 */
// Any JSON value passes the first step; the transform reads it and names what it cannot read.
const markSchema = z
  .custom<AvailabilityMarkBody>(() => true)
  .transform((value, ctx): AvailabilityMark | undefined => {
    if (value !== null && typeof value === 'object') {
      const structured = structuredMark.safeParse(value);
      if (structured.success) return structured.data as AvailabilityMark;
      for (const issue of structured.error.issues) ctx.addIssue({ ...issue, code: 'custom' });
      return z.NEVER;
    }
    const read = readAvailabilityCell(value);
    if ('x' in read) {
      ctx.addIssue({
        code: 'custom',
        message: `"${String(value).trim()}" means available in some offices and off in others: send "yes" or "no"`,
      });
      return z.NEVER;
    }
    if ('problem' in read) {
      ctx.addIssue({ code: 'custom', message: read.problem });
      return z.NEVER;
    }
    return 'blank' in read ? undefined : read.mark;
  });

const callRequestSchema = z.strictObject(
  {
    availability: z
      .record(z.string().trim().min(1).max(100), markSchema, {
        error:
          'must be an object of marks keyed by availability_key, e.g. {"Abdul": "Yes", "Liam B": "AM"}',
      })
      .transform(
        (marks): DayAvailability =>
          Object.fromEntries(
            Object.entries(marks).filter((entry): entry is [string, AvailabilityMark] =>
              Boolean(entry[1]),
            ),
          ),
      ),
  },
  { error: 'the body must be a JSON object' },
) satisfies z.ZodType<{ availability: DayAvailability }, CallRequestBody>;

export function parseCallRequest(input: unknown): { availability: DayAvailability } {
  const result = callRequestSchema.safeParse(input);
  if (!result.success) throw invalidInput(describeIssues(result.error.issues, input));
  return result.data as { availability: DayAvailability };
}
