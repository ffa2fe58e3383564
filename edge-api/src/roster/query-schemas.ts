// zod/mini, loaded only to word a refusal of the list's query (list-query.ts reads a good
// one) and with the contact search: reading the roster starts without it.
import * as z from 'zod/mini';
import { ROLE_PATTERN } from '../../../shared/crew/index.js';
import type { CrewFilter } from '../db/roster-reads.js';
import { parseOrThrow } from '../errors/parse-input.js';

const listQuerySchema = z.strictObject({
  role: z.optional(
    z
      .string()
      .check(z.trim(), z.toLowerCase(), z.regex(ROLE_PATTERN, 'must be a role such as captain')),
  ),
  active: z.optional(z.enum(['true', 'false'], { error: 'must be true or false' })),
});

const findQuerySchema = z.strictObject({
  contact: z
    .string({ error: 'is required: a phone number or an email address' })
    .check(z.trim(), z.minLength(1, 'must be a phone number or an email address')),
});

/** The list's filters, or the 400 naming every field of the query it cannot read. */
export function listFilterOrThrow(query: Record<string, string>): CrewFilter {
  const parsed = parseOrThrow(listQuerySchema, query);
  return {
    ...(parsed.role ? { role: parsed.role } : {}),
    ...(parsed.active ? { active: parsed.active === 'true' } : {}),
  };
}

/** The contact searched for, or the 400 naming the query's problems. */
export function findContactOrThrow(query: Record<string, string>): string {
  return parseOrThrow(findQuerySchema, query).contact;
}
