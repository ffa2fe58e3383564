import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { seaLark1205 } from '../../support/charters.js';
import type { Notification } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// The app's clock; each test sets it. Sea Lark leaves 2026-12-05 09:00 Los Angeles = 17:00Z.
let clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
});
afterAll(() => api.close());

// Levels with someone available: 2 (Liam captain, Kenji + Marisol mates), 3 (Esmi deckhand), 4 (Hana deckhand).
const availability = {
  'Liam B': 'am',
  Marisol: 'am',
  Kenji: 'yes',
  Esmi: 'yes',
  Hana: 'yes',
  Abdul: 'no',
  'Capt. Teresa': 'no',
};

const put = (id: string, body: unknown) =>
  signedFetch(`${api.url}/api/charters/${id}`, { method: 'PUT', body });
const post = (path: string, body?: unknown) =>
  signedFetch(`${api.url}${path}`, { method: 'POST', body: body ?? {} });
const get = async <T>(path: string) => (await (await signedFetch(`${api.url}${path}`)).json()) as T;

interface Due {
  calls: Array<{ call_id: string }>;
  pending_notifications: Notification[];
}

describe('re-sending an unchanged charter', () => {
  it('accepts the same seats in another key order, or with a 0-seat role, after the call started, and previews again', async () => {
    clock = new Date('2026-11-28T17:00:00Z');
    expect((await put('CH-ORDER', seaLark1205)).status).toBe(201);
    expect((await post('/api/charters/CH-ORDER/calls', { availability })).status).toBe(201);

    // The sheet sends the row again with its roles in another order: the same seats.
    const reordered = { ...seaLark1205, needs: { deckhand: 2, captain: 1, mate: 1 } };
    const again = await put('CH-ORDER', reordered);
    expect(again.status, await again.clone().text()).toBe(200);
    const withZero = { ...seaLark1205, needs: { deckhand: 2, bosun: 0, mate: 1, captain: 1 } };
    expect((await put('CH-ORDER', withZero)).status).toBe(200);
    const preview = await post('/api/charters/CH-ORDER/calls/preview', { availability });
    expect(preview.status).toBe(200);

    // Different seats are still refused by name.
    const more = await put('CH-ORDER', { ...seaLark1205, needs: { captain: 1, deckhand: 3 } });
    expect(more.status).toBe(409);
    const body = (await more.json()) as { error: string; fields: Array<{ field: string }> };
    expect(body.error).toBe('call_started');
    expect(body.fields.map((f) => f.field)).toEqual(['needs']);
  });
});
