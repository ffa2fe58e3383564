import { type Context, Hono } from 'hono';
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
import type { AppEnv } from '../app-env.js';
import { signedQuery } from '../auth/signed-query.js';
import { listChanges } from '../db/dispatch-table/changes.js';
import { getCharter } from '../db/dispatch-table/charters.js';
import {
  markNoticeSent,
  recordOfficeAlertSent,
  recordReminderSent,
} from '../db/dispatch-table/notices.js';
import { checkId } from '../errors/ids.js';
import { invalidInput } from '../errors/index.js';
import type { CallDeps } from './call-deps.js';
import { loadCall } from './call-records.js';
import { wellFormedDueQuery } from './due-query.js';
import { listDue } from './due-work.js';
import { remindersFor } from './reminders.js';
import { officeAlertNotice } from './short-handed.js';

// The schemas (zod) load on the first request needing them, and so do the write paths.
const bodySchemas = () => import('../../../shared/api/input.js');
const routeSchemas = () => import('./route-schemas.js');
const parsing = () => import('../errors/parse-input.js');

/**
 * GET /calls/due, the office timer's call (every few minutes, usually with nothing to send),
 * answered by the admin app itself. Its cold start loads this module but not the write paths
 * or the schemas (loaded on first use), nor the dispatch table's index: the timer's modules
 * import its item modules. A well-formed query is read by hand; zod loads only to word a
 * refusal.
 */
export async function answerDue(c: Context<AppEnv>, deps: CallDeps): Promise<Response> {
  const query = signedQuery(c);
  const q =
    wellFormedDueQuery(query, deps.now()) ??
    (await import('./due-query-schema.js')).dueQueryOrThrow(query, deps.now);
  return c.json((await listDue(deps, q.since, q.short_before_hours)) satisfies DueAnswer);
}

/** Admin routes the office side's trigger and menu call, mounted under /api (GET /calls/due: the admin app, answerDue). */
export function crewCallRoutes(deps: CallDeps) {
  const callId = (raw: string) => checkId('call', 'callId', raw);
  let changesQuery: ReturnType<typeof import('./route-schemas.js').changesQuery> | undefined;
  return new Hono<AppEnv>()
    .post('/calls/:callId/escalate', async (c) => {
      const { parseOrThrow, readJson } = await parsing();
      const id = callId(c.req.param('callId'));
      const text = await c.req.text();
      const { escalateBodySchema } = await bodySchemas();
      const body = parseOrThrow(escalateBodySchema, text.trim() === '' ? {} : readJson(text));
      const { escalateCall } = await import('./escalate-call.js');
      const escalated = await escalateCall(deps, id, {
        ...(body.from_level !== undefined ? { fromLevel: body.from_level } : {}),
        ...(body.force !== undefined ? { force: body.force } : {}),
      });
      return c.json(escalated satisfies EscalateAnswer);
    })
    .post('/calls/:callId/more-crew', async (c) => {
      const { parseOrThrow, readJson } = await parsing();
      const id = callId(c.req.param('callId'));
      const { moreCrewSchema } = await routeSchemas();
      const body = parseOrThrow(moreCrewSchema, readJson(await c.req.text()));
      const [{ callMoreCrew }, { parseCallRequest }] = await Promise.all([
        import('./call-more-crew.js'),
        import('../charters/charter-input.js'),
      ]);
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
      const { parseOrThrow, readJson } = await parsing();
      const id = callId(c.req.param('callId'));
      const { notifiedBodySchema } = await bodySchemas();
      const body = parseOrThrow(notifiedBodySchema, readJson(await c.req.text()));
      const { notificationId } = await import('./outgoing-notifications.js');
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
      const { reissueLink } = await import('./reissue-link.js');
      const answer: ReissueAnswer = { notification: await reissueLink(deps, id, crewId) };
      return c.json(answer, 201);
    })
    .post('/links/portal', async (c) => {
      const { parseOrThrow, readJson } = await parsing();
      const { portalLinkBodySchema } = await bodySchemas();
      const body = parseOrThrow(portalLinkBodySchema, readJson(await c.req.text()));
      const { issuePortalLink } = await import('./portal-links.js');
      return c.json((await issuePortalLink(deps, body.crew_id)) satisfies PortalLinkAnswer, 201);
    })
    .post('/links/portal/revoke', async (c) => {
      const { parseOrThrow, readJson } = await parsing();
      const { revokeLinkBodySchema } = await bodySchemas();
      const body = parseOrThrow(revokeLinkBodySchema, readJson(await c.req.text()));
      const { revokePortalLink } = await import('./portal-links.js');
      return c.json((await revokePortalLink(deps, body.crew_id)) satisfies RevokeLinkAnswer);
    })
    .post('/links/feed', async (c) => {
      const { parseOrThrow, readJson } = await parsing();
      const { feedLinkBodySchema } = await bodySchemas();
      const body = parseOrThrow(feedLinkBodySchema, readJson(await c.req.text()));
      const { issueFeed } = await import('./calendar-feed.js');
      return c.json((await issueFeed(deps, body.crew_id)) satisfies FeedLinkAnswer, 201);
    })
    .post('/links/feed/revoke', async (c) => {
      const { parseOrThrow, readJson } = await parsing();
      const { revokeLinkBodySchema } = await bodySchemas();
      const body = parseOrThrow(revokeLinkBodySchema, readJson(await c.req.text()));
      const { revokeCrewFeed } = await import('./calendar-feed.js');
      return c.json((await revokeCrewFeed(deps, body.crew_id)) satisfies RevokeLinkAnswer);
    })
    .post('/links/inspect', async (c) => {
      const { parseOrThrow, readJson } = await parsing();
      const { inspectLinkBodySchema } = await bodySchemas();
      const body = parseOrThrow(inspectLinkBodySchema, readJson(await c.req.text()));
      const { inspectLink } = await import('./inspect-link.js');
      return c.json((await inspectLink(deps, body.link)) satisfies LinkInspection);
    })
    .get('/changes', async (c) => {
      const { parseOrThrow } = await parsing();
      changesQuery ??= (await routeSchemas()).changesQuery(deps.now);
      const q = parseOrThrow(changesQuery, signedQuery(c));
      return c.json(
        (await listChanges(deps.db, q.since, deps.now(), q.limit)) satisfies ChangesAnswer,
      );
    });
}
