import * as z from 'zod';
import type { OfficeSettingsBody } from '../../../shared/api/settings.js';
import { ROLE_PATTERN } from '../../../shared/crew/index.js';
import { formatWindowPolicy, parseWindowPolicy } from '../crew-calls/call-windows.js';

const MAX_ROLES = 30;

/**
 * The role rule: one or more roles, each lower-case words (`first mate`), none twice.
 * Typed case is forgiven as on the roster (`Mate` is `mate`), so `Mate, mate` is a repeat.
 * One message for the whole list, naming every bad entry, so the office fixes it in one go.
 */
export function checkRoles(roles: readonly string[]): { roles: string[] } | { problem: string } {
  const clean = roles.map((r) => r.trim().toLowerCase().replace(/\s+/g, ' '));
  if (clean.length === 0) return { problem: 'must name at least one role, e.g. captain' };
  if (clean.length > MAX_ROLES) return { problem: `may name at most ${MAX_ROLES} roles` };
  const problems: string[] = [];
  clean.forEach((role, i) => {
    if (role === '') problems.push(`role ${i + 1} is empty`);
    else if (!ROLE_PATTERN.test(role))
      problems.push(`"${roles[i]?.trim()}" is not a role: use lower-case words such as deckhand`);
  });
  const repeated = [...new Set(clean.filter((r, i) => r !== '' && clean.indexOf(r) !== i))];
  for (const role of repeated) problems.push(`"${role}" is there more than once`);
  return problems.length > 0 ? { problem: problems.join('; ') } : { roles: clean };
}

/** PUT /api/settings: the policy checked by the one policy parser, and stored as it reads it. */
export const officeSettingsBodySchema = z
  .strictObject(
    {
      roles: z
        .array(z.string({ error: 'must be a list of role words' }), {
          error: 'must be a list of role words, e.g. ["captain", "mate", "deckhand"]',
        })
        .transform((roles, ctx) => {
          const checked = checkRoles(roles);
          if ('problem' in checked) {
            ctx.addIssue({ code: 'custom', message: checked.problem });
            return z.NEVER;
          }
          return checked.roles;
        }),
      call_window_policy: z
        .string({ error: 'must be text such as 168h=12h,72h=6h,24h=2h,0h=30m' })
        .transform((text, ctx) => {
          try {
            return formatWindowPolicy(parseWindowPolicy(text));
          } catch (error) {
            ctx.addIssue({ code: 'custom', message: (error as Error).message });
            return z.NEVER;
          }
        }),
    },
    { error: 'the body must be a JSON object' },
  )
  .partial()
  .refine(
    (body) => Object.keys(body).length > 0,
    'name at least one setting to change: roles, call_window_policy',
  ) satisfies z.ZodType<OfficeSettingsBody, OfficeSettingsBody>;
