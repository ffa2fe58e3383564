import { Hono } from 'hono';
import * as z from 'zod';
import type {
  ChangesAnswer,
  DueAnswer,
  EscalateAnswer,
  FeedLinkAnswer,
  LinkInspection,
  MoreCrewAnswer,
  NotifiedAnswer,
  PortalLinkAnswer,
  ReissueAnswer,
  RevokeLinkAnswer,
} from '../../../shared/api/index.js';
import {
  escalateBodySchema,
  feedLinkBodySchema,
  inspectLinkBodySchema,
  notifiedBodySchema,
  portalLinkBodySchema,
  revokeLinkBodySchema,
} from '../../../shared/api/input.js';
import type { AppEnv } from '../app-env.js';
import { signedQuery } from '../auth/signed-query.js';
import { parseCallRequest } from '../charters/charter-input.js';
import {
  getCharter,
  listChanges,
  markNoticeSent,
  recordOfficeAlertSent,
  recordReminderSent,
} from '../db/dispatch-table/index.js';
import { checkId } from '../errors/ids.js';
import { invalidInput } from '../errors/index.js';
import { parseOrThrow, readJson } from '../errors/parse-input.js';
import { issueFeed, revokeCrewFeed } from './calendar-feed.js';
import type { CallDeps } from './call-deps.js';
import { callMoreCrew } from './call-more-crew.js';
import { loadCall } from './call-records.js';
import { listDue } from './due-work.js';
import { escalateCall } from './escalate-call.js';
import { inspectLink } from './inspect-link.js';
import { notificationId } from './outgoing-notifications.js';
import { issuePortalLink, revokePortalLink } from './portal-links.js';
import { reissueLink } from './reissue-link.js';
import { remindersFor } from './reminders.js';
import { officeAlertNotice } from './short-handed.js';

/**
 * A change-feed cursor as `next_cursor` gives it (`<ISO time>#<order><random>`), or a
 * bare ISO time to read from. Garbage, an impossible date or one in the future would
 * otherwise reach DynamoDB as a key range it refuses.
 */
const CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z(#[0-9a-f]{1,40})?$/;
/** The time exists (no 30 February), read back the same. */
const realTime = (iso: string) => {
  const t = Date.parse(iso);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 19) === iso.slice(0, 19);
};
/** What is wrong with a `since` cursor, if anything (one problem, the first found). */
const cursorProblem = (raw: string, now: Date): string | undefined => {
  if (!CURSOR.test(raw))
    return 'must be a cursor from next_cursor, such as 2026-12-01T17:00:00.000Z#00a1b2c3d4e5f6';
  const time = raw.split('#')[0] as string;
  if (!realTime(time)) return 'must be a cursor from next_cursor: its date does not exist';
  if (Date.parse(time) > now.getTime())
    return 'is in the future: a cursor from next_cursor never is';
  return undefined;
};
const cursor = (now: () => Date) =>
  z
    .string()
    .superRefine((raw, ctx) => {
      const message = cursorProblem(raw, now());
      if (message) ctx.addIssue({ code: 'custom', message });
    })
    .optional();

const moreCrewSchema = z.strictObject(
  {
    availability: z.unknown().optional(),
    crew_id: z.string({ error: 'must be a crew id' }).optional(),
    confirm: z.boolean({ error: 'must be true or false' }).optional(),
  },
  { error: 'the body must be a JSON object' },
);

/** Admin routes the office side's trigger and menu call, mounted under /api. */
export function crewCallRoutes(deps: CallDeps) {
  const callId = (raw: string) => checkId('call', 'callId', raw);
  const dueQuery = z.strictObject({
    since: cursor(deps.now),
    short_before_hours: z.coerce
      .number({ error: 'must be a number of hours' })
      .min(0, { error: 'must be 0 or more hours' })
      .max(24 * 30, { error: 'must be at most 720 hours (30 days)' })
      .optional(),
  });
  const changesQuery = z.strictObject({
    since: cursor(deps.now),
    limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(100),
  });
  return new Hono<AppEnv>()
    .get('/calls/due', async (c) => {
      const q = parseOrThrow(dueQuery, signedQuery(c));
      return c.json((await listDue(deps, q.since, q.short_before_hours)) satisfies DueAnswer);
    })
    .post('/calls/:callId/escalate', async (c) => {
      const id = callId(c.req.param('callId'));
      const text = await c.req.text();
      const body = parseOrThrow(escalateBodySchema, text.trim() === '' ? {} : readJson(text));
      const escalated = await escalateCall(deps, id, {
        ...(body.from_level !== undefined ? { fromLevel: body.from_level } : {}),
        ...(body.force !== undefined ? { force: body.force } : {}),
      });
      return c.json(escalated satisfies EscalateAnswer);
    })
    .post('/calls/:callId/more-crew', async (c) => {
      const id = callId(c.req.param('callId'));
      const body = parseOrThrow(moreCrewSchema, readJson(await c.req.text()));
      const answer = await callMoreCrew(deps, id, {
        ...(body.availability !== undefined
          ? { availability: parseCallRequest({ availability: body.availability }).availability }
          : {}),
        ...(body.crew_id ? { crewId: checkId('crew', 'crew_id', body.crew_id) } : {}),
        confirm: body.confirm ?? false,
      });
      return c.json(answer satisfies MoreCrewAnswer);
    })
    .post('/calls/:callId/notified', async (c) => {
      const id = callId(c.req.param('callId'));
      const body = parseOrThrow(notifiedBodySchema, readJson(await c.req.text()));
      const p = await loadCall(deps, id);
      const charter = await getCharter(deps.db, p.call.charter_id);
      // Reminders exist only as derived notices until they are reported sent.
      const reminders = charter ? remindersFor(charter, p) : [];
      // So are the office's short-handed emails: whichever reason could have been handed out.
      const alerts = (['everyone_asked', 'departs_soon'] as const)
        .map((reason) => officeAlertNotice(p, reason, deps.now()))
        .filter((n) => !p.notices.some((x) => x.notice_id === n.notice_id));
      const byId = new Map(
        [...p.notices, ...reminders, ...alerts].map((n) => [notificationId(n), n]),
      );
      const unknown = body.notification_ids.filter((n) => !byId.has(n));
      if (unknown.length > 0) {
        throw invalidInput(
          unknown.map((n) => ({
            field: 'notification_ids',
            message: `${n} is not a notification of call ${id}`,
          })),
        );
      }
      const at = body.sent_at ?? deps.now().toISOString();
      let recorded = 0;
      for (const nid of new Set(body.notification_ids)) {
        const notice = byId.get(nid);
        if (!notice) continue;
        if (notice.kind === 'reminder' && !p.notices.includes(notice)) {
          await recordReminderSent(deps.db, { ...notice, sent_at: at });
          recorded++;
        } else if (notice.kind === 'short_handed' && !p.notices.includes(notice)) {
          if (await recordOfficeAlertSent(deps.db, { ...notice, sent_at: at })) recorded++;
        } else if (await markNoticeSent(deps.db, notice, at)) {
          recorded++;
        }
      }
      const answer: NotifiedAnswer = {
        recorded,
        already_recorded: new Set(body.notification_ids).size - recorded,
      };
      return c.json(answer);
    })
    .post('/calls/:callId/crew/:crewId/link', async (c) => {
      const id = callId(c.req.param('callId'));
      const crewId = checkId('crew', 'crewId', c.req.param('crewId'));
      const answer: ReissueAnswer = { notification: await reissueLink(deps, id, crewId) };
      return c.json(answer, 201);
    })
    .post('/links/portal', async (c) => {
      const body = parseOrThrow(portalLinkBodySchema, readJson(await c.req.text()));
      return c.json((await issuePortalLink(deps, body.crew_id)) satisfies PortalLinkAnswer, 201);
    })
    .post('/links/portal/revoke', async (c) => {
      const body = parseOrThrow(revokeLinkBodySchema, readJson(await c.req.text()));
      return c.json((await revokePortalLink(deps, body.crew_id)) satisfies RevokeLinkAnswer);
    })
    .post('/links/feed', async (c) => {
      const body = parseOrThrow(feedLinkBodySchema, readJson(await c.req.text()));
      return c.json((await issueFeed(deps, body.crew_id)) satisfies FeedLinkAnswer, 201);
    })
    .post('/links/feed/revoke', async (c) => {
      const body = parseOrThrow(revokeLinkBodySchema, readJson(await c.req.text()));
      return c.json((await revokeCrewFeed(deps, body.crew_id)) satisfies RevokeLinkAnswer);
    })
    .post('/links/inspect', async (c) => {
      const body = parseOrThrow(inspectLinkBodySchema, readJson(await c.req.text()));
      return c.json((await inspectLink(deps, body.link)) satisfies LinkInspection);
    })
    .get('/changes', async (c) => {
      const q = parseOrThrow(changesQuery, signedQuery(c));
      return c.json(
        (await listChanges(deps.db, q.since, deps.now(), q.limit)) satisfies ChangesAnswer,
      );
    });
}
