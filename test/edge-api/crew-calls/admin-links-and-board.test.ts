import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  BoardAnswer,
  Notification,
  PortalLinkAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

let clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
let notifications: Notification[];
let callId: string;
beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
  await signedFetch(`${api.url}/api/charters/CH-BOARD`, {
    method: 'PUT',
    body: {
      vessel: 'Blue Heron',
      date: '2026-12-05',
      start: '16:30',
      end: '19:30',
      time_zone: 'America/Los_Angeles',
      client: 'M. Ortega (sunset)',
      guests: 6,
      needs: { captain: 1, deckhand: 1 },
      price: { amount_cents: 145000, currency: 'USD' },
    },
  });
  const res = await signedFetch(`${api.url}/api/charters/CH-BOARD/calls`, {
    method: 'POST',
    body: { availability: { Abdul: 'yes', Esmi: 'yes' } },
  });
  const body = (await res.json()) as StartCallAnswer;
  notifications = body.notifications;
  callId = body.call.call_id;
});
afterAll(() => api.close());

const post = async <T>(path: string, body: unknown) =>
  (await (await signedFetch(`${api.url}${path}`, { method: 'POST', body })).json()) as T;

describe('link inspection', () => {
  it('tells whose a link is, for which call, and whether it is live, without the secret', async () => {
    const abdul = notifications.find((n) => n.to === 'abdul.rahimi@example.com') as Notification;
    const live = await post<Record<string, unknown>>('/api/links/inspect', {
      link: abdul.link_url,
    });
    expect(live).toMatchObject({
      valid_signature: true,
      kind: 'call',
      state: 'live',
      expired: false,
      current: true,
      crew: { crew_id: 'c-0001', name: 'Abdul Rahimi' },
      call_id: callId,
      charter_id: 'CH-BOARD',
    });
    expect(JSON.stringify(live)).not.toContain((abdul.link_url as string).split('/m/')[1]);

    await postCrewForm(abdul.link_url as string, { action: 'accept' });
    expect(await post('/api/links/inspect', { link: abdul.link_url })).toMatchObject({
      state: 'used',
      decision: 'accept',
    });

    const token = (abdul.link_url as string).split('/m/')[1] as string;
    const tampered = `${token.slice(0, -10)}${token.slice(-10).split('').reverse().join('')}`;
    expect(await post('/api/links/inspect', { link: tampered })).toEqual({
      valid_signature: false,
    });

    const later = clock;
    clock = new Date('2026-12-08T00:00:00Z');
    expect(await post('/api/links/inspect', { link: token })).toMatchObject({
      valid_signature: true,
      expired: true,
    });
    clock = later;
  });
});

describe('portal links', () => {
  it('opens a page of the person’s upcoming charters; a new portal link replaces the old', async () => {
    const first = await post<PortalLinkAnswer>('/api/links/portal', {
      crew_id: 'c-0001',
    });
    expect(first.issue).toBe(1);
    const page = await fetch(first.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Hi Abdul');
    expect(html).toContain('Blue Heron: captain');
    expect(html).toContain('you are confirmed');
    const callPath = html.match(/href="(\/m\/[^"]+)"/)?.[1] as string;
    expect((await fetch(`${api.url}${callPath}`)).status).toBe(200);

    const second = await post<PortalLinkAnswer>('/api/links/portal', {
      crew_id: 'c-0001',
    });
    expect(second.issue).toBe(2);
    expect((await fetch(first.url)).status).toBe(410);
    expect((await fetch(second.url)).status).toBe(200);
    expect(await post('/api/links/inspect', { link: first.url })).toMatchObject({
      kind: 'portal',
      state: 'revoked',
      current: false,
    });
  });

  it('answers 404 for someone not on the roster', async () => {
    const res = await signedFetch(`${api.url}/api/links/portal`, {
      method: 'POST',
      body: { crew_id: 'c-nobody' },
    });
    expect(res.status).toBe(404);
  });
});

describe('the dispatch board', () => {
  it('lists upcoming charters with seats needed, confirmed and pending per role', async () => {
    const board = (await (await signedFetch(`${api.url}/api/charters`)).json()) as BoardAnswer;
    const row = board.charters.find((c) => c.charter.charter_id === 'CH-BOARD');
    expect(row?.call?.current_level).toBe(1);
    expect(row?.call?.roles).toEqual([
      expect.objectContaining({
        role: 'captain',
        needed: 1,
        filled: 1,
        confirmed: [{ crew_id: 'c-0001', name: 'Abdul Rahimi' }],
      }),
      expect.objectContaining({ role: 'deckhand', needed: 1, filled: 0 }),
    ]);
    const bad = await signedFetch(`${api.url}/api/charters?from=yesterday`);
    expect(bad.status).toBe(400);
  });
});
