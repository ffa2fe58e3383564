import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { feedOwner } from '../crew-calls/calendar-feed.js';
import type { CallDeps } from '../crew-calls/call-deps.js';
import { listFeedSeats } from '../db/dispatch-table/index.js';
import { renderCalendarFeed } from '../notifications/calendar-feed-ics.js';

/** How far back a feed lists charters: a month of past work stays visible. */
const FEED_PAST_DAYS = 30;

/**
 * GET /cal/<token>.ics: a crew member's calendar subscription. Public like /m/ (calendar
 * servers cannot sign requests); the token is the whole secret. Loaded as its own route
 * group, so crew pages never load ical-generator.
 */
export function calendarFeedRoutes(deps: CallDeps) {
  const app = new Hono<AppEnv>();
  app.get('/cal/:file', async (c) => {
    c.header('x-robots-tag', 'noindex, nofollow');
    c.header('referrer-policy', 'no-referrer');
    const file = c.req.param('file');
    const crewId = file.endsWith('.ics') ? await feedOwner(deps, file.slice(0, -4)) : undefined;
    if (!crewId) {
      c.header('cache-control', 'no-store');
      return c.text(
        'This calendar link is not valid: it was revoked or replaced. Get the current one from your crewcall page, or ask the office.\n',
        404,
      );
    }
    const from = new Date(deps.now().getTime() - FEED_PAST_DAYS * 86_400_000).toISOString();
    const feed = renderCalendarFeed(await listFeedSeats(deps.db, crewId, from), deps.office);
    const etag = `"${createHash('sha256').update(feed.body).digest('base64url').slice(0, 27)}"`;
    // Private: a shared cache must never hand one person's calendar to another. Revalidated
    // on every fetch, so a change or a revocation is seen at the app's next refresh.
    c.header('cache-control', 'private, no-cache');
    c.header('etag', etag);
    if (feed.last_modified) c.header('last-modified', feed.last_modified.toUTCString());
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('content-type', 'text/calendar; charset=utf-8');
    c.header('content-disposition', 'inline; filename="crewcall.ics"');
    return c.body(feed.body);
  });
  return app;
}
