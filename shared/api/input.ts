// The admin API's request-body schemas (zod). Only the edge API imports this
// module; the office side imports the body TYPES from the concern modules, so
// no zod reaches the Apps Script bundle (test/contract checks the bundle).
import * as z from 'zod';
import { MARK_PROBLEM_MAX, type MarksAppliedBody } from './availability.js';
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

const isoDate = z
  .string({ error: 'must be a date such as 2026-12-03' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-12-03')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'is not a date that exists');

/** How many mark results one POST /api/availability/applied may report (DueAnswer's bound). */
export const MARKS_APPLIED_MAX = 200;

export const marksAppliedBodySchema = z.strictObject(
  {
    results: z
      .array(
        z
          .strictObject(
            {
              crew_id: z
                .string({ error: 'must be a crew id' })
                .regex(ID_SHAPES.crew.pattern, ID_SHAPES.crew.rule),
              date: isoDate,
              set_at: z.iso.datetime({
                error: 'must be the set_at of the mark as GET /api/calls/due gave it',
              }),
              outcome: z.enum(['written', 'kept_office', 'no_cell'], {
                error: 'must be "written", "kept_office" or "no_cell"',
              }),
              cell: z
                .string({ error: "must be the cell written, such as 'December 2026'!C5" })
                .min(1, "must be the cell written, such as 'December 2026'!C5")
                .max(200)
                .optional(),
              office_value: z.string({ error: 'must be text' }).max(1000).optional(),
              problem: z
                .string({ error: 'must be text' })
                .trim()
                .min(1, 'must say why there is no cell, such as "no month tab for January 2027"')
                .max(MARK_PROBLEM_MAX, `must be at most ${MARK_PROBLEM_MAX} characters`)
                .optional(),
            },
            { error: 'must be an object' },
          )
          .superRefine((r, ctx) => {
            const issue = (path: string, message: string) =>
              ctx.addIssue({ code: 'custom', path: [path], message });
            if (r.outcome === 'no_cell') {
              if (r.problem === undefined)
                issue('problem', 'is required with "no_cell": why the sheet has no cell for it');
              if (r.cell !== undefined) issue('cell', 'must not be given with "no_cell"');
              if (r.office_value !== undefined)
                issue('office_value', 'must not be given with "no_cell"');
              return;
            }
            if (r.cell === undefined)
              issue('cell', "is required: the cell written, such as 'December 2026'!C5");
            if (r.problem !== undefined) issue('problem', 'is only for "no_cell"');
            if (r.outcome === 'kept_office' && r.office_value === undefined)
              issue(
                'office_value',
                'is required with "kept_office": what the office has in the cell',
              );
          }),
        { error: 'must be a list of results' },
      )
      .min(1, 'must report at least one mark')
      .max(MARKS_APPLIED_MAX, `must report at most ${MARKS_APPLIED_MAX} marks at once`),
  },
  bodyError,
) satisfies z.ZodType<MarksAppliedBody>;

/** GET /api/availability/marks: one date, or a range of at most 62 days. */
export const marksQuerySchema = z
  .strictObject({ date: isoDate.optional(), from: isoDate.optional(), to: isoDate.optional() })
  .superRefine((q, ctx) => {
    if (q.date && (q.from || q.to)) {
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: 'give date, or from and to, not both',
      });
    } else if (!q.date && !(q.from && q.to)) {
      ctx.addIssue({
        code: 'custom',
        path: [q.from ? 'to' : 'from'],
        message: 'is required (or give date=YYYY-MM-DD)',
      });
    } else if (q.from && q.to) {
      if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is before from' });
      else if (Date.parse(q.to) - Date.parse(q.from) > 62 * 86_400_000)
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: 'must be at most 62 days after from',
        });
    }
  });
