import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  CharterWithCall,
  ErrorBody,
  Notification,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { demoRosterMarks, seaLark1205 } from '../../support/charters.js';
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
const availability = demoRosterMarks;

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

    // A new day is still refused by name (the office confirms a recall instead).
    const moved = await put('CH-ORDER', { ...seaLark1205, date: '2026-12-06' });
    expect(moved.status).toBe(409);
    const body = (await moved.json()) as Required<ErrorBody>;
    expect(body.error).toBe('date_changed');
    expect(body.fields.map((f) => f.field)).toEqual(['date']);
  });
});

describe('a charter that has departed', () => {
  const departed =
    "Sea Lark (charter CH-GONE) left at 2026-12-05 09:00 America/Los_Angeles; a crew call can't be started for a charter that has departed";

  it('cannot be called or previewed at or after its start in its own time zone, and nothing is written', async () => {
    clock = new Date('2026-11-28T17:00:00Z');
    expect((await put('CH-GONE', seaLark1205)).status).toBe(201);
    // 09:00 in Los Angeles on 5 December, to the millisecond.
    clock = new Date('2026-12-05T17:00:00.000Z');
    const start = await post('/api/charters/CH-GONE/calls', { availability });
    expect(start.status).toBe(409);
    expect(await start.json()).toMatchObject({ error: 'charter_departed', message: departed });
    const preview = await post('/api/charters/CH-GONE/calls/preview', { availability });
    expect(preview.status).toBe(409);
    expect(await preview.json()).toMatchObject({ error: 'charter_departed', message: departed });

    const read = await get<CharterWithCall>('/api/charters/CH-GONE');
    expect(read.call).toBeNull();
    expect(read.charter.call_id).toBeUndefined();
    expect((await get<Due>('/api/calls/due')).pending_notifications).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ charter_id: 'CH-GONE' })]),
    );

    // A minute before departure it still can be called.
    clock = new Date('2026-12-05T16:59:00Z');
    expect((await post('/api/charters/CH-GONE/calls', { availability })).status).toBe(201);
  });

  it('stops escalating once the charter has departed: not due, escalate refused, no new emails', async () => {
    // An hour before departure: each level gets 30 minutes.
    clock = new Date('2026-12-05T16:00:00Z');
    expect((await put('CH-LATE', seaLark1205)).status).toBe(201);
    const started = await post('/api/charters/CH-LATE/calls', { availability });
    expect(started.status).toBe(201);
    const { call, notifications } = (await started.json()) as StartCallAnswer;
    await post(`/api/calls/${call.call_id}/notified`, {
      notification_ids: notifications.map((n) => n.notification_id),
    });

    // Level 2's window passed before departure: the call is due.
    clock = new Date('2026-12-05T16:30:01Z');
    expect((await get<Due>('/api/calls/due')).calls.map((c) => c.call_id)).toContain(call.call_id);

    clock = new Date('2026-12-05T17:00:00Z');
    const due = await get<Due>('/api/calls/due');
    expect(due.calls.map((c) => c.call_id)).not.toContain(call.call_id);
    const escalate = await post(`/api/calls/${call.call_id}/escalate`, { from_level: 2 });
    expect(escalate.status).toBe(409);
    expect(await escalate.json()).toMatchObject({
      error: 'charter_departed',
      message:
        'Sea Lark (charter CH-LATE) left at 2026-12-05 09:00 America/Los_Angeles; crew call ' +
        `${call.call_id} can't call more crew for a charter that has departed`,
    });
    const forced = await post(`/api/calls/${call.call_id}/escalate`, {
      from_level: 2,
      force: true,
    });
    expect(forced.status).toBe(409);
    const after = await get<Due>('/api/calls/due');
    expect(after.pending_notifications.filter((n) => n.call_id === call.call_id)).toEqual([]);
    const read = await get<CharterWithCall>('/api/charters/CH-LATE');
    expect(read.call?.current_level).toBe(2);
  });

  it('sends no crew call or standby offer left over from a crashed run once the charter has departed', async () => {
    clock = new Date('2026-12-05T16:00:00Z');
    expect((await put('CH-LEFTOVER', seaLark1205)).status).toBe(201);
    const started = await post('/api/charters/CH-LEFTOVER/calls', { availability });
    expect(started.status).toBe(201);
    const { call } = (await started.json()) as StartCallAnswer;
    // The run that started it died before sending: past the send lease, the timer would get them.
    clock = new Date('2026-12-05T16:11:00Z');
    const before = await get<Due>('/api/calls/due');
    expect(
      before.pending_notifications.filter((n) => n.call_id === call.call_id).length,
    ).toBeGreaterThan(0);

    // Once the boat has left, a link to answer a call would lead nowhere: none is handed out.
    clock = new Date('2026-12-05T17:00:00Z');
    const after = await get<Due>('/api/calls/due');
    expect(
      after.pending_notifications.filter((n) => n.call_id === call.call_id).map((n) => n.kind),
    ).toEqual([]);
  });
});
