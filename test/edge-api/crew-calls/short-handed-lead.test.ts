import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type { DueAnswer, Notification, StartCallAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { demoRosterMarks, seaLark1205 } from '../../support/charters.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// The office's own short-handed lead (CREWCALL_SHORT_HANDED_HOURS, sent as short_before_hours)
// and the 24 hours of crew reminders are told from one read of the charters leaving soon:
// each is told exactly over its own span. Sea Lark leaves 2026-12-05 09:00 PST (17:00Z).
let clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
let callId: string;

beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
  const put = await signedFetch(`${api.url}/api/charters/CH-LEAD`, {
    method: 'PUT',
    body: seaLark1205,
  });
  expect(put.status).toBe(201);
  const started = await signedFetch(`${api.url}/api/charters/CH-LEAD/calls`, {
    method: 'POST',
    body: { availability: demoRosterMarks },
  });
  expect(started.status).toBe(201);
  const answer = (await started.json()) as StartCallAnswer;
  callId = answer.call.call_id;
  const kenji = answer.notifications.find(
    (n: Notification) => n.to === 'kenji.watanabe@example.com',
  );
  expect((await postCrewForm(kenji?.link_url as string, { action: 'accept' })).result).toBe(
    'confirmed',
  );
});
afterAll(() => api?.close());

/** What the timer is told of this call at `at`, with the office's lead when it set one. */
async function toldAt(at: string, hours?: number) {
  clock = new Date(at);
  const query = hours === undefined ? '' : `?short_before_hours=${hours}`;
  const due = (await (await signedFetch(`${api.url}/api/calls/due${query}`)).json()) as DueAnswer;
  return {
    reminders: due.pending_notifications
      .filter((n) => n.call_id === callId && n.kind === 'reminder')
      .map((n) => n.to),
    alerts: (due.office_alerts ?? []).filter((a) => a.call_id === callId).map((a) => a.reason),
  };
}

describe("the office's short-handed lead next to the crew's reminders", () => {
  it('23 hours before: the reminder, and the alert unless the office asked for less than that', async () => {
    const reminders = ['kenji.watanabe@example.com'];
    expect(await toldAt('2026-12-04T18:00:00Z')).toEqual({ reminders, alerts: ['departs_soon'] });
    expect(await toldAt('2026-12-04T18:00:00Z', 48)).toEqual({
      reminders,
      alerts: ['departs_soon'],
    });
    expect(await toldAt('2026-12-04T18:00:00Z', 12)).toEqual({ reminders, alerts: [] });
    expect(await toldAt('2026-12-04T18:00:00Z', 23.5)).toEqual({
      reminders,
      alerts: ['departs_soon'],
    });
  });

  it('47 hours before: no reminder yet; the alert only for a lead longer than that', async () => {
    expect(await toldAt('2026-12-03T18:00:00Z')).toEqual({ reminders: [], alerts: [] });
    expect(await toldAt('2026-12-03T18:00:00Z', 48)).toEqual({
      reminders: [],
      alerts: ['departs_soon'],
    });
    expect(await toldAt('2026-12-03T18:00:00Z', 47.5)).toEqual({
      reminders: [],
      alerts: ['departs_soon'],
    });
    expect(await toldAt('2026-12-03T18:00:00Z', 46.5)).toEqual({ reminders: [], alerts: [] });
  });

  it('a lead of 0 tells nothing ahead; the reminder still comes a day ahead', async () => {
    expect(await toldAt('2026-12-04T18:00:00Z', 0)).toEqual({
      reminders: ['kenji.watanabe@example.com'],
      alerts: [],
    });
  });
});
