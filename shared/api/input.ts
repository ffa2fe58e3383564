// The admin API's request-body schemas (zod). Only the edge API imports this
// module; the office side imports the body TYPES from the concern modules, so
// no zod reaches the Apps Script bundle (test/contract checks the bundle).
import * as z from 'zod';
import type { ChatPostBody } from './charters.js';
import type { EscalateBody, NotifiedBody } from './crew-calls.js';
import { ID_SHAPES } from './ids.js';
import type { FeedLinkBody, InspectLinkBody, PortalLinkBody, RevokeLinkBody } from './links.js';

const bodyError = { error: 'the body must be a JSON object' };

export const escalateBodySchema = z
  .strictObject(
    {
      from_level: z
        .number({ error: 'must be the level number you saw as current' })
        .int()
        .min(1)
        .optional(),
      force: z.boolean({ error: 'must be true or false' }).optional(),
    },
    bodyError,
  )
  // Two "Escalate now" clicks at once must open one level: each names the level it moves from.
  .refine((b) => !b.force || b.from_level !== undefined, {
    path: ['from_level'],
    message:
      'is required with "force": the level you saw as current, so a repeat opens nothing more',
  }) satisfies z.ZodType<EscalateBody>;

export const notifiedBodySchema = z.strictObject(
  {
    notification_ids: z
      .array(z.string().max(200), { error: 'must be a list of notification ids' })
      .min(1, 'must name at least one notification')
      .max(500, 'must name at most 500 notifications at once'),
    sent_at: z.iso
      .datetime({ error: 'must be an ISO time such as 2026-12-01T17:00:00Z' })
      .optional(),
  },
  bodyError,
) satisfies z.ZodType<NotifiedBody>;

export const portalLinkBodySchema = z.strictObject(
  {
    crew_id: z
      .string({ error: 'must be a crew id' })
      .regex(ID_SHAPES.crew.pattern, ID_SHAPES.crew.rule),
  },
  bodyError,
) satisfies z.ZodType<PortalLinkBody>;

/** One crew member, named by id: issuing a feed, revoking a portal link or a feed. */
export const feedLinkBodySchema = portalLinkBodySchema satisfies z.ZodType<FeedLinkBody>;
export const revokeLinkBodySchema = portalLinkBodySchema satisfies z.ZodType<RevokeLinkBody>;

export const inspectLinkBodySchema = z.strictObject(
  {
    link: z
      .string({ error: 'must be the link or its token' })
      .min(10, 'is too short to be a link')
      .max(2000),
  },
  bodyError,
) satisfies z.ZodType<InspectLinkBody>;

export const chatPostBodySchema = z.strictObject(
  { text: z.string({ error: 'must be text' }) },
  bodyError,
) satisfies z.ZodType<ChatPostBody>;
