import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  CrewMember,
  FeedLinkAnswer,
  PortalLinkAnswer,
  RevokeLinkAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// Issue 15 part C: a crew member's calendar subscription follows accept, change, drop-out
// and cancel. Accept and drop-out go through the crew page, change and cancel through the
// admin API as the office side sends them; the feed is read with ical.js, not our generator.
let clock = new Date('2026-10-20T17:00:00Z');
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
});
afterAll(() => api.close());

const ABDUL = 'c-0001';
const put = (id: string, body: unknown) =>
  signedFetch(`${api.url}/api/charters/${id}`, { method: 'PUT', body });
const post = (path: string, body: unknown = {}) =>
  signedFetch(`${api.url}${path}`, { method: 'POST', body });
const json = async <T>(res: Response) => {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as T;
};

const charter = (over: Record<string, unknown>) => ({
  vessel: 'Sea Lark',
  date: '2026-12-05',
  start: '09:00',
  end: '13:00',
  time_zone: 'America/Los_Angeles',
  client: 'Harbor View Events',
  guests: 12,
  needs: { captain: 1 },
  price: { amount_cents: 320000, currency: 'USD' },
  meeting_point: 'Dock B, slip 14',
  ...over,
});

/** Puts a charter, starts its call and returns each asked person's link by crew id. */
async function called(id: string, body: object, marks: Record<string, string>) {
  expect((await put(id, body)).status).toBe(201);
  const start = await json<StartCallAnswer>(
    await post(`/api/charters/${id}/calls`, { availability: marks }),
  );
  const links = (crewId: string) =>
    start.notifications.find((n) => n.crew_id === crewId)?.link_url as string;
  return Object.assign(links, { callId: start.call.call_id });
}

interface FeedEvent {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  location: string;
  description: string;
  /** Wall-clock start as written, with its TZID. */
  local_start: string;
  tzid: string;
  /** The instants ical.js computes from the feed's own VTIMEZONE. */
  start: string;
  end: string;
}

/** The feed as a calendar app reads it: parsed by ical.js with its VTIMEZONEs registered. */
async function readFeed(url: string) {
  const res = await fetch(url);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone'))
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  const events: FeedEvent[] = root.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      status: String(v.getFirstPropertyValue('status')),
      summary: e.summary,
      location: e.location ?? '',
      description: e.description ?? '',
      local_start: e.startDate.toString(),
      tzid: String(v.getFirstProperty('dtstart')?.getParameter('tzid')),
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
    };
  });
  return { res, text, root, events };
}

let feed: FeedLinkAnswer;
let dstLink: string;
let decLink: string;
let marchLink: string;

describe('a crew member’s calendar feed', () => {
  it('lists charters they are confirmed on, in each charter’s zone, across a DST change', async () => {
    // 00:30 PDT to 03:30 PST on the night US clocks go back: four real hours.
    const dstLinks = await called(
      'CH-FEED-DST',
      charter({
        date: '2026-11-01',
        start: '00:30',
        end: '03:30',
        needs: { captain: 1, deckhand: 1 },
      }),
      { Abdul: 'yes', Esmi: 'yes' },
    );
    dstLink = dstLinks(ABDUL);
    expect((await postCrewForm(dstLink, { action: 'accept' })).result).toBe('confirmed');
    // A deckhand confirmed too (asked at once, by the office's Escalate now).
    const escalated = await json<{ notifications: Array<{ to: string; link_url?: string }> }>(
      await post(`/api/calls/${dstLinks.callId}/escalate`, { from_level: 1, force: true }),
    );
    const esmi = escalated.notifications.find((n) => n.to.startsWith('esmi'));
    expect((await postCrewForm(esmi?.link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );

    feed = await json<FeedLinkAnswer>(await post('/api/links/feed', { crew_id: ABDUL }));
    expect(feed.issue).toBe(1);
    expect(feed.url).toMatch(new RegExp(`^${api.url}/cal/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(feed.webcal_url).toBe(feed.url.replace(/^http:/, 'webcal:'));
    expect(feed.url).not.toContain(ABDUL);

    // Three weeks on, the November charter has sailed but is still listed (30 days back).
    clock = new Date('2026-11-20T17:00:00Z');
    decLink = (await called('CH-FEED-DEC', charter({}), { Abdul: 'yes' }))(ABDUL);
    marchLink = (
      await called(
        'CH-FEED-MAR',
        charter({
          vessel: 'Blue Heron',
          date: '2027-03-14',
          start: '10:00',
          end: '14:00',
          time_zone: 'America/New_York',
          meeting_point: 'Pier 17',
        }),
        { Abdul: 'yes' },
      )
    )(ABDUL);

    let { res, text, root, events } = await readFeed(feed.url);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(root.getFirstPropertyValue('x-wr-calname')).toBe('Harbor Charters (demo) charters');
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
    expect(text).toContain('X-PUBLISHED-TTL:PT1H\r\n');
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(
      true,
    );
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    // Asked but not answered: not in the calendar yet.
    expect(events.map((e) => e.summary)).toEqual(['Sea Lark (captain)']);
    expect(events[0]).toMatchObject({
      local_start: '2026-11-01T00:30:00',
      tzid: 'America/Los_Angeles',
      start: '2026-11-01T07:30:00.000Z',
      end: '2026-11-01T11:30:00.000Z',
      status: 'CONFIRMED',
      location: 'Dock B, slip 14',
      uid: `CH-FEED-DST.${ABDUL}@crewcall`,
    });

    expect((await postCrewForm(decLink, { action: 'accept' })).result).toBe('confirmed');
    expect((await postCrewForm(marchLink, { action: 'accept' })).result).toBe('confirmed');
    ({ events } = await readFeed(feed.url));
    expect(events.map((e) => [e.uid, e.local_start, e.tzid, e.start])).toEqual([
      [
        `CH-FEED-DST.${ABDUL}@crewcall`,
        '2026-11-01T00:30:00',
        'America/Los_Angeles',
        '2026-11-01T07:30:00.000Z',
      ],
      [
        `CH-FEED-DEC.${ABDUL}@crewcall`,
        '2026-12-05T09:00:00',
        'America/Los_Angeles',
        '2026-12-05T17:00:00.000Z',
      ],
      // New York in daylight time (UTC-4) though it is standard time now.
      [
        `CH-FEED-MAR.${ABDUL}@crewcall`,
        '2027-03-14T10:00:00',
        'America/New_York',
        '2027-03-14T14:00:00.000Z',
      ],
    ]);
    expect(events[1]?.description).toContain('Your pay: $');
  });

  it('keeps other crew’s names, emails and phones out of it', async () => {
    const { crew } = (await (await signedFetch(`${api.url}/api/crew`)).json()) as {
      crew: CrewMember[];
    };
    expect(crew.map((m) => m.name)).toContain('Esmi Duarte');
    const { text } = await readFeed(feed.url);
    const body = text.replace(/\r\n[ \t]/g, '');
    for (const m of crew.filter((c) => c.crew_id !== ABDUL)) {
      expect(body).not.toContain(m.email);
      expect(body).not.toContain(m.phone);
      expect(body).not.toContain(m.name.split(' ')[0] as string);
    }
    expect(body).not.toContain('/m/');
  });

  it('a changed charter keeps its UID with new times and a higher SEQUENCE', async () => {
    const before = (await readFeed(feed.url)).events.find((e) => e.uid.startsWith('CH-FEED-DEC'));
    const res = await put(
      'CH-FEED-DEC',
      charter({
        vessel: 'Sea Lark',
        start: '10:00',
        end: '14:30',
        meeting_point: 'Dock C, slip 3',
      }),
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const after = (await readFeed(feed.url)).events.find((e) => e.uid.startsWith('CH-FEED-DEC'));
    expect(after?.uid).toBe(before?.uid);
    expect(after?.sequence).toBeGreaterThan(before?.sequence as number);
    expect(after).toMatchObject({
      local_start: '2026-12-05T10:00:00',
      start: '2026-12-05T18:00:00.000Z',
      end: '2026-12-05T22:30:00.000Z',
      location: 'Dock C, slip 3',
    });
  });

  it('a drop-out leaves the feed; a cancelled charter stays, marked cancelled', async () => {
    expect((await postCrewForm(marchLink, { action: 'dropout' })).result).toBe('dropped');
    let { events } = await readFeed(feed.url);
    expect(events.map((e) => e.uid)).toEqual([
      `CH-FEED-DST.${ABDUL}@crewcall`,
      `CH-FEED-DEC.${ABDUL}@crewcall`,
    ]);

    const before = events[1] as FeedEvent;
    expect((await post('/api/charters/CH-FEED-DEC/cancel')).status).toBe(200);
    ({ events } = await readFeed(feed.url));
    expect(events[1]).toMatchObject({
      uid: before.uid,
      status: 'CANCELLED',
      summary: 'Cancelled: Sea Lark (captain)',
    });
    expect(events[1]?.sequence).toBeGreaterThan(before.sequence);
  });

  it('answers a repeat fetch with 304 by ETag, and is never cached by a shared cache', async () => {
    const first = await fetch(feed.url);
    await first.text();
    const etag = first.headers.get('etag') as string;
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('last-modified')).toBeTruthy();
    const again = await fetch(feed.url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    // Some calendar servers check with HEAD first.
    const head = await fetch(feed.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  });

  it('a revoked feed answers 404; a reissued one kills the old URL and works', async () => {
    const revoked = await json<RevokeLinkAnswer>(
      await post('/api/links/feed/revoke', { crew_id: ABDUL }),
    );
    expect(revoked).toEqual({ crew_id: ABDUL, kind: 'feed', issue: 1, revoked: true });
    const dead = await fetch(feed.url);
    expect(dead.status).toBe(404);
    expect(dead.headers.get('content-type')).toContain('text/plain');
    expect(await dead.text()).toContain('not valid');
    expect(
      await json<RevokeLinkAnswer>(await post('/api/links/feed/revoke', { crew_id: ABDUL })),
    ).toMatchObject({ revoked: false });

    const second = await json<FeedLinkAnswer>(await post('/api/links/feed', { crew_id: ABDUL }));
    expect(second.issue).toBe(2);
    expect((await readFeed(second.url)).events).toHaveLength(2);
    const third = await json<FeedLinkAnswer>(await post('/api/links/feed', { crew_id: ABDUL }));
    expect(third.issue).toBe(3);
    expect((await fetch(second.url)).status).toBe(404);
    expect((await fetch(feed.url)).status).toBe(404);
    expect((await fetch(third.url)).status).toBe(200);
    feed = third;
  });

  it('refuses bad requests by name and people who are not there', async () => {
    const bad = await post('/api/links/feed', { crew_id: 'nobody here' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('crew_id');
    expect((await post('/api/links/feed', { crew_id: 'c-9999' })).status).toBe(404);
    const none = await post('/api/links/feed/revoke', { crew_id: 'c-0002' });
    expect(none.status).toBe(404);
    expect(((await none.json()) as { message: string }).message).toBe(
      'Teresa Okafor (c-0002) has no calendar feed',
    );
    expect((await fetch(`${api.url}/cal/not-a-token.ics`)).status).toBe(404);
  });
});

describe('at the same moment', () => {
  it('of four reissues at once one wins, the others are told to try again, and one URL works', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => post('/api/links/feed', { crew_id: 'c-0006' })),
    );
    const won = answers.filter((r) => r.status === 201);
    const lost = answers.filter((r) => r.status === 409);
    expect(won.length).toBeGreaterThanOrEqual(1);
    expect(won.length + lost.length).toBe(4);
    for (const r of lost)
      expect(((await r.json()) as { error: string }).error).toBe('link_changed');
    const urls = await Promise.all(won.map(async (r) => ((await r.json()) as FeedLinkAnswer).url));
    const live = await Promise.all(urls.map(async (u) => (await fetch(u)).status));
    expect(live.filter((s) => s === 200)).toHaveLength(1);
  });

  it('four "Get my calendar link" presses at once make one feed', async () => {
    const portal = await json<PortalLinkAnswer>(
      await post('/api/links/portal', { crew_id: 'c-0007' }),
    );
    const presses = await Promise.all(
      [1, 2, 3, 4].map(() => postCrewForm(`${portal.url}/calendar`, {})),
    );
    expect(presses.map((p) => p.status)).toEqual([303, 303, 303, 303]);
    const html = await (await fetch(portal.url)).text();
    const url = html.match(/value="(http[^"]+\/cal\/[^"]+\.ics)"/)?.[1] as string;
    expect((await fetch(url)).status).toBe(200);
    // One issue only: revoking says issue 1.
    expect(
      await json<RevokeLinkAnswer>(await post('/api/links/feed/revoke', { crew_id: 'c-0007' })),
    ).toMatchObject({ issue: 1, revoked: true });
  });
});

describe('the portal and its link', () => {
  it('shows the current feed URL, and a revoked portal link says it was withdrawn', async () => {
    const portal = await json<PortalLinkAnswer>(
      await post('/api/links/portal', { crew_id: ABDUL }),
    );
    const html = await (await fetch(portal.url)).text();
    expect(html).toContain(feed.url);
    expect(html).toContain(feed.webcal_url);

    const revoked = await json<RevokeLinkAnswer>(
      await post('/api/links/portal/revoke', { crew_id: ABDUL }),
    );
    expect(revoked).toEqual({ crew_id: ABDUL, kind: 'portal', issue: portal.issue, revoked: true });
    const dead = await fetch(portal.url);
    expect(dead.status).toBe(410);
    expect(await dead.text()).toContain('This link was withdrawn');
    // Posting "Get my calendar link" on a withdrawn portal does nothing either.
    const refused = await postCrewForm(`${portal.url}/calendar`, {});
    expect(refused.status).toBe(410);

    const next = await json<PortalLinkAnswer>(await post('/api/links/portal', { crew_id: ABDUL }));
    expect((await fetch(next.url)).status).toBe(200);
  });
});
