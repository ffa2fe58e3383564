import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type { DueAnswer, Notification, StartCallAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { demoRosterMarks, seaLark1205 } from '../../support/charters.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

let clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
});
afterAll(() => api.close());

const availability = demoRosterMarks;
const KENJI = 'kenji.watanabe@example.com';
const MARISOL = 'marisol.vega@example.com';
const LIAM = 'liam.brennan@example.com';

async function startCall(id: string, needs: Record<string, number> = seaLark1205.needs) {
  clock = new Date('2026-11-28T17:00:00Z');
  const body = { ...seaLark1205, needs };
  expect((await signedFetch(`${api.url}/api/charters/${id}`, { method: 'PUT', body })).status).toBe(
    201,
  );
  const start = await post(`/api/charters/${id}/calls`, { availability });
  const { call, notifications } = (await start.json()) as StartCallAnswer;
  await post(`/api/calls/${call.call_id}/notified`, {
    notification_ids: notifications.map((n) => n.notification_id),
  });
  const link = (email: string) => notifications.find((n) => n.to === email)?.link_url as string;
  const invite = (email: string) =>
    vevent((notifications.find((n) => n.to === email) as Notification).ics.content);
  return { callId: call.call_id, link, invite };
}

const post = (path: string, body?: unknown) =>
  signedFetch(`${api.url}${path}`, { method: 'POST', body: body ?? {} });

/** Every email for this call the office has still to send (GET /api/calls/due). */
async function pendingFor(callId: string): Promise<Notification[]> {
  const res = await signedFetch(`${api.url}/api/calls/due`);
  const due = (await res.json()) as DueAnswer;
  return due.pending_notifications.filter((n) => n.call_id === callId);
}

function vevent(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  const event = root.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return {
    method: root.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: event.getFirstPropertyValue('status'),
    description: String(event.getFirstPropertyValue('description')),
    rsvp: event.getAllProperties('attendee').map((a) => a.getParameter('rsvp')),
    attendees: event
      .getAllProperties('attendee')
      .map((a) => String(a.getFirstValue()).toLowerCase()),
  };
}

describe('a crew member who drops out', () => {
  it('is told they are off this charter, which still sails, and gets a CANCEL for their own invite', async () => {
    expect(
      (
        await signedFetch(`${api.url}/api/charters/CH-TOLD-DROP`, {
          method: 'PUT',
          body: seaLark1205,
        })
      ).status,
    ).toBe(201);
    const start = await post('/api/charters/CH-TOLD-DROP/calls', { availability });
    const { call, notifications } = (await start.json()) as StartCallAnswer;
    const kenji = notifications.find((n) => n.to === KENJI) as Notification;
    expect((await postCrewForm(kenji.link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );
    const confirmation = (await pendingFor(call.call_id)).find(
      (n) => n.to === KENJI && n.kind === 'confirmation',
    ) as Notification;
    await post(`/api/calls/${call.call_id}/notified`, {
      notification_ids: [...notifications, confirmation].map((n) => n.notification_id),
    });

    clock = new Date(clock.getTime() + 60 * 60_000);
    expect(
      (await postCrewForm(kenji.link_url as string, { action: 'dropout', reason: 'Family matter' }))
        .result,
    ).toBe('dropped');
    const toKenji = (await pendingFor(call.call_id)).filter((n) => n.to === KENJI);
    expect(toKenji).toHaveLength(1);
    const told = toKenji[0] as Notification;

    expect(told.subject).toBe("You're off Sea Lark, Sat 5 Dec — thanks for letting us know");
    for (const body of [told.subject, told.text, told.html]) expect(body).not.toMatch(/cancel/i);
    expect(told.text).toContain("you're off this charter as mate");
    expect(told.text).toContain('The charter still sails');
    expect(told.text).toContain('the office has been told');
    expect(told.html).toContain('The charter still sails');
    expect(told.link_url).toBeUndefined();

    const invite = vevent(confirmation.ics.content);
    const cancel = vevent(told.ics.content);
    expect(told.ics.method).toBe('CANCEL');
    expect(cancel).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      uid: invite.uid,
      attendees: [`mailto:${KENJI}`],
    });
    expect(cancel.sequence).toBeGreaterThan(invite.sequence);
  });
});

describe('a crew member whose tentative hold ends without a seat', () => {
  it('who declines gets a CANCEL for the crew call’s tentative invite', async () => {
    const { callId, link, invite } = await startCall('CH-TOLD-DECLINE');
    // Issue 13: the hold is PUBLISH with no attendee (was REQUEST): only the crew page answers.
    expect(invite(MARISOL)).toMatchObject({
      method: 'PUBLISH',
      status: 'TENTATIVE',
      attendees: [],
    });
    expect(invite(MARISOL).description).toContain('To accept or decline, open the link below');
    clock = new Date(clock.getTime() + 20 * 60_000);
    expect((await postCrewForm(link(MARISOL), { action: 'decline', reason: 'Away' })).result).toBe(
      'declined',
    );
    const toMarisol = (await pendingFor(callId)).filter((n) => n.to === MARISOL);
    expect(toMarisol.map((n) => n.kind)).toEqual(['declined']);
    const told = toMarisol[0] as Notification;
    expect(told.subject).toBe('Thanks for answering: Sea Lark, Sat 5 Dec 09:00–13:00 (mate)');
    expect(told.text).toContain('The tentative hold is removed from your calendar.');
    const cancel = vevent(told.ics.content);
    expect(cancel).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      uid: invite(MARISOL).uid,
      attendees: [`mailto:${MARISOL}`],
      rsvp: ['FALSE'],
    });
    expect(cancel.sequence).toBeGreaterThan(invite(MARISOL).sequence);
  });

  it('who had not answered when the call filled gets a CANCEL; the crew who took the seats do not', async () => {
    const { callId, link, invite } = await startCall('CH-TOLD-FILLED', { captain: 1, mate: 1 });
    clock = new Date(clock.getTime() + 20 * 60_000);
    expect((await postCrewForm(link(LIAM), { action: 'accept' })).result).toBe('confirmed');
    expect((await pendingFor(callId)).filter((n) => n.to === MARISOL)).toEqual([]);
    expect((await postCrewForm(link(KENJI), { action: 'accept' })).result).toBe('confirmed');

    const pending = await pendingFor(callId);
    expect(pending.map((n) => [n.to, n.kind]).sort()).toEqual(
      [
        [KENJI, 'confirmation'],
        [LIAM, 'confirmation'],
        [MARISOL, 'filled'],
      ].sort(),
    );
    const told = pending.find((n) => n.to === MARISOL) as Notification;
    expect(told.subject).toBe('No longer needed: Sea Lark, Sat 5 Dec 09:00–13:00 (mate)');
    expect(told.text).toContain('The seats on this charter are taken');
    expect(told.link_url).toBeUndefined();
    const cancel = vevent(told.ics.content);
    expect(cancel).toMatchObject({
      method: 'CANCEL',
      uid: invite(MARISOL).uid,
      attendees: [`mailto:${MARISOL}`],
    });
    expect(cancel.sequence).toBeGreaterThan(invite(MARISOL).sequence);
    const confirmed = vevent((pending.find((n) => n.to === KENJI) as Notification).ics.content);
    // Issue 13: the seat is PUBLISH too (was REQUEST), with the same UID as the hold, later.
    expect(confirmed).toMatchObject({ method: 'PUBLISH', status: 'CONFIRMED', attendees: [] });
    expect(confirmed.uid).toBe(invite(KENJI).uid);
    expect(confirmed.sequence).toBeGreaterThan(invite(KENJI).sequence);
    expect(confirmed.description).toContain('choose Drop out');

    // Clicking the old link afterwards still says the seats are gone, and sends nothing more.
    expect((await postCrewForm(link(MARISOL), { action: 'accept' })).result).toBe('filled');
    expect((await pendingFor(callId)).filter((n) => n.to === MARISOL)).toHaveLength(1);
  });
});
