import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import * as z from 'zod';
import type { CrewCreateBody, CrewFields, CrewPatchBody } from '../../../shared/api/roster.js';
import { ROLE_PATTERN } from '../../../shared/crew/index.js';
import { isCurrencyCode } from '../../../shared/money/index.js';
import { qualificationProblems } from './qualification-problems.js';

/** Fields an admin may set on a crew member; everything else is the server's. */
export type CrewInput = CrewFields;

/** Normalises a phone number to E.164, or explains why it cannot. */
export function normalisePhone(
  input: string,
  defaultCountry: string,
): { e164: string } | { problem: string } {
  const trimmed = input.trim();
  if (trimmed === '') return { problem: 'is required' };
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry as CountryCode);
  if (!parsed) return { problem: `"${trimmed}" is not a phone number` };
  if (!parsed.isValid()) {
    return {
      problem: `"${trimmed}" is not a valid phone number (include the country code, e.g. +1 310 555 0101)`,
    };
  }
  return { e164: parsed.number };
}

function crewFields(defaultCountry: string) {
  return {
    name: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters'),
    phone: z.string({ error: 'must be text, e.g. "+1 310 555 0101"' }).transform((value, ctx) => {
      const result = normalisePhone(value, defaultCountry);
      if ('problem' in result) {
        ctx.addIssue({ code: 'custom', message: result.problem });
        return z.NEVER;
      }
      return result.e164;
    }),
    email: z
      .string({ error: 'must be text' })
      .trim()
      .toLowerCase()
      .pipe(
        z.email({ error: 'is not an email address' }).max(254, 'must be at most 254 characters'),
      ),
    role: z
      .string({ error: 'must be text' })
      .trim()
      .toLowerCase()
      .regex(ROLE_PATTERN, 'must be a word such as captain, mate or deckhand'),
    cascade_level: z
      .number({ error: 'must be a whole number from 1 to 9' })
      .int('must be a whole number from 1 to 9')
      .min(1, 'must be 1 or more (1 is called first)')
      .max(9, 'must be 9 or less'),
    availability_key: z
      .string({ error: 'must be text' })
      .trim()
      .min(
        1,
        'must not be empty: it is the column header naming this person in the availability sheet',
      )
      .max(60, 'must be at most 60 characters'),
    day_rate: z.strictObject(
      {
        amount_cents: z
          .number({ error: 'must be a whole number of cents' })
          .int('must be a whole number of cents (45000 for $450.00)')
          .min(0, 'must not be negative')
          .max(100_000_00, 'must be at most 10000000 cents'),
        currency: z
          .string({ error: 'must be a currency code such as USD' })
          .refine(isCurrencyCode, 'must be an ISO 4217 currency code in capitals, such as USD'),
      },
      { error: 'must be an object like {"amount_cents": 45000, "currency": "USD"}' },
    ),
    active: z.boolean({ error: 'must be true or false' }),
  };
}

const bodyError = { error: 'the body must be a JSON object' };

/** Extra qualifications: each a role (same rule as `role`) at its own cascade level. */
function alsoQualifiedField(f: ReturnType<typeof crewFields>) {
  return z
    .array(
      z.strictObject(
        { role: f.role, cascade_level: f.cascade_level },
        { error: 'must be an object like {"role": "mate", "cascade_level": 2}' },
      ),
      { error: 'must be a list like [{"role": "mate", "cascade_level": 2}]' },
    )
    .max(9, 'must list at most 9 extra roles');
}

function refineQualifications(
  value: { role?: string; also_qualified?: Array<{ role: string }> },
  ctx: z.RefinementCtx,
) {
  for (const p of qualificationProblems(value.role, value.also_qualified)) {
    ctx.addIssue({
      code: 'custom',
      message: p.message,
      path: p.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
    });
  }
}

export function crewCreateSchema(defaultCountry: string) {
  const f = crewFields(defaultCountry);
  return z
    .strictObject(
      { ...f, also_qualified: alsoQualifiedField(f).optional(), active: f.active.default(true) },
      bodyError,
    )
    .superRefine(refineQualifications) satisfies z.ZodType<CrewFields, CrewCreateBody>;
}

export function crewPatchSchema(defaultCountry: string) {
  const f = crewFields(defaultCountry);
  return z
    .strictObject({ ...f, also_qualified: alsoQualifiedField(f) }, bodyError)
    .partial()
    .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change')
    .superRefine(refineQualifications) satisfies z.ZodType<CrewPatchBody, CrewPatchBody>;
}
