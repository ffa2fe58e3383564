import * as z from 'zod';
import type { OfficeSettingsBody } from '../../../shared/api/settings.js';
import { checkRoles } from '../../../shared/crew/roles.js';
import { formatWindowPolicy, parseWindowPolicy } from '../crew-calls/call-windows.js';

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
