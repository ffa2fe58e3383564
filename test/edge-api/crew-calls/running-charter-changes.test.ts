import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  CharterPutAnswer,
  CharterWithCall,
  DueAnswer,
  ErrorBody,
  Notification,
  RecallAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { demoRosterMarks, seaLark1205 } from '../../support/charters.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// Issue 13, "When the charter changes": a running call follows the charter's new details.
let clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
// Fresh tables for each scenario: they all crew the same Sea Lark morning, and someone
// confirmed on one charter is not called for another that day (issue 14).
beforeEach(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
});
afterEach(() => api.close());

const KENJI = 'kenji.watanabe@example.com';
const MARISOL = 'marisol.vega@example.com';
const LIAM = 'liam.brennan@example.com';

const put = (id: string, body: unknown) =>
  signedFetch(`${api.url}/api/charters/${id}`, { method: 'PUT', body });
const post = (path: string, body?: unknown) =>
  signedFetch(`${api.url}${path}`, { method: 'POST', body: body ?? {} });
const get = async <T>(path: string) => (await (await signedFetch(`${api.url}${path}`)).json()) as T;
const notified = (callId: string, ns: Notification[]) =>
  post(`/api/calls/${callId}/notified`, { notification_ids: ns.map((n) => n.notification_id) });

function vevent(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  const event = root.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return {
    method: String(root.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: String(event.getFirstPropertyValue('status')),
    location: String(event.getFirstPropertyValue('location') ?? ''),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    description: String(event.getFirstPropertyValue('description')),
  };
}

async function startCall(id: string, charter: object = seaLark1205) {
  clock = new Date('2026-11-28T17:00:00Z');
  expect((await put(id, charter)).status).toBe(201);
  const start = await post(`/api/charters/${id}/calls`, { availability: demoRosterMarks });
  expect(start.status).toBe(201);
  const { call, notifications } = (await start.json()) as StartCallAnswer;
  await notified(call.call_id, notifications);
  const first = (email: string) => notifications.find((n) => n.to === email) as Notification;
  return { callId: call.call_id, first };
}

describe('details change on a running call', () => {
  it('emails confirmed crew an update with their invite replaced (same UID, higher SEQUENCE, PUBLISH); pending crew see it on their page', async () => {
    const { callId, first } = await startCall('CH-CHG-DETAILS');
    expect((await postCrewForm(first(KENJI).link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );
    const due = await get<DueAnswer>('/api/calls/due');
    const confirmation = due.pending_notifications.find(
      (n) => n.call_id === callId && n.to === KENJI,
    ) as Notification;
    await notified(callId, [confirmation]);

    const changed = {
      ...seaLark1205,
      meeting_point: 'Dock C, slip 3',
      notes: 'Bring a warm jacket',
      start: '10:00',
      end: '14:00',
    };
    const res = await put('CH-CHG-DETAILS', changed);
    expect(res.status, await res.clone().text()).toBe(200);
    const answer = (await res.json()) as CharterPutAnswer;
    expect(answer.meeting_point).toBe('Dock C, slip 3');
    expect(answer.update?.changed).toEqual(['times', 'meeting point', 'notes']);
    expect(answer.update?.told).toEqual(['Kenji Watanabe']);
    const [update, ...others] = answer.update?.notifications ?? [];
    expect(others).toEqual([]);
    expect(update?.to).toBe(KENJI);
    expect(update?.kind).toBe('charter_updated');
    expect(update?.subject).toContain('Updated');
    expect(update?.text).toContain('Dock C, slip 3');
    expect(update?.text).toContain('Bring a warm jacket');
    const before = vevent(confirmation.ics.content);
    const after = vevent(update?.ics.content as string);
    expect(after.method).toBe('PUBLISH');
    expect(after.status).toBe('CONFIRMED');
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.location).toContain('Dock C, slip 3');
    expect(after.start).toBe('2026-12-05T18:00:00.000Z');

    // The same row sent again before the email was reported sent: the same email, not a second one.
    const again = (await (await put('CH-CHG-DETAILS', changed)).json()) as CharterPutAnswer;
    expect(again.update?.notifications.map((n) => n.notification_id)).toEqual([
      update?.notification_id,
    ]);
    await notified(callId, [update as Notification]);
    const third = (await (await put('CH-CHG-DETAILS', changed)).json()) as CharterPutAnswer;
    expect(third.update?.notifications ?? []).toEqual([]);

    // Marisol has not answered: her crew page reads the charter as it is now.
    const page = await (await fetch(first(MARISOL).link_url as string)).text();
    expect(page).toContain('Dock C, slip 3');
    expect(page).toContain('Bring a warm jacket');
  });
});

describe('seats change on a running call', () => {
  it('grows and shrinks the seats, but never below who is confirmed, and says who', async () => {
    const { first } = await startCall('CH-CHG-SEATS');
    expect((await postCrewForm(first(KENJI).link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );
    const shrink = await put('CH-CHG-SEATS', {
      ...seaLark1205,
      needs: { captain: 1, mate: 0, deckhand: 2 },
    });
    expect(shrink.status).toBe(409);
    const refused = (await shrink.json()) as Required<ErrorBody>;
    expect(refused.error).toBe('seats_below_confirmed');
    expect(refused.message).toContain(
      'mate cannot go down to 0: 1 mate is confirmed (Kenji Watanabe)',
    );

    const grow = await put('CH-CHG-SEATS', {
      ...seaLark1205,
      needs: { captain: 1, mate: 1, deckhand: 3 },
    });
    expect(grow.status, await grow.clone().text()).toBe(200);
    expect(((await grow.json()) as CharterPutAnswer).update?.changed).toEqual(['seats']);
    const read = await get<CharterWithCall>('/api/charters/CH-CHG-SEATS');
    expect(read.charter.needs).toEqual({ captain: 1, mate: 1, deckhand: 3 });
    expect(read.call?.roles.find((r) => r.role === 'deckhand')?.needed).toBe(3);

    const down = await put('CH-CHG-SEATS', {
      ...seaLark1205,
      needs: { captain: 1, mate: 1, deckhand: 1 },
    });
    expect(down.status).toBe(200);
    const reread = await get<CharterWithCall>('/api/charters/CH-CHG-SEATS');
    expect(reread.call?.roles.find((r) => r.role === 'deckhand')?.needed).toBe(1);
  });

  it('reopens a filled call when a seat is added', async () => {
    const oneMate = { ...seaLark1205, needs: { mate: 1 } };
    const { first } = await startCall('CH-CHG-REOPEN', oneMate);
    expect((await postCrewForm(first(KENJI).link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );
    expect((await get<CharterWithCall>('/api/charters/CH-CHG-REOPEN')).call?.status).toBe('filled');
    const res = await put('CH-CHG-REOPEN', { ...oneMate, needs: { mate: 2 } });
    expect(res.status, await res.clone().text()).toBe(200);
    const read = await get<CharterWithCall>('/api/charters/CH-CHG-REOPEN');
    expect(read.call?.status).toBe('open');
    expect(read.call?.roles[0]).toMatchObject({ role: 'mate', needed: 2, filled: 1 });
    // Marisol was asked at the same level and had not answered: she can take the new seat.
    expect(
      (await postCrewForm(first(MARISOL).link_url as string, { action: 'accept' })).result,
    ).toBe('confirmed');
    expect((await get<CharterWithCall>('/api/charters/CH-CHG-REOPEN')).call?.status).toBe('filled');
  });
});

describe('fewer seats that leave the call fully crewed', () => {
  it('fills the call and withdraws the tentative holds of those not yet answered', async () => {
    const twoMates = { ...seaLark1205, needs: { mate: 2 } };
    const { callId, first } = await startCall('CH-CHG-FILLS', twoMates);
    expect((await postCrewForm(first(KENJI).link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );
    const res = await put('CH-CHG-FILLS', { ...twoMates, needs: { mate: 1 } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await get<CharterWithCall>('/api/charters/CH-CHG-FILLS')).call?.status).toBe('filled');
    const due = await get<DueAnswer>('/api/calls/due');
    const marisol = due.pending_notifications.filter(
      (n) => n.call_id === callId && n.to === MARISOL,
    );
    expect(marisol.map((n) => n.kind)).toEqual(['filled']);
    const cancel = vevent((marisol[0] as Notification).ics.content);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.uid).toBe(vevent(first(MARISOL).ics.content).uid);
  });
});

describe('a new date', () => {
  it('is refused as a change; a recall cancels the call for everyone and the next start calls the new date afresh', async () => {
    const { first } = await startCall('CH-CHG-DATE');
    expect((await postCrewForm(first(KENJI).link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );
    const moved = { ...seaLark1205, date: '2026-12-06' };
    const refused = await put('CH-CHG-DATE', moved);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      error: 'date_changed',
      message: expect.stringContaining('from 2026-12-05 to 2026-12-06'),
    });

    const recall = await post('/api/charters/CH-CHG-DATE/recall', moved);
    expect(recall.status, await recall.clone().text()).toBe(200);
    const answer = (await recall.json()) as RecallAnswer;
    expect(answer.charter.date).toBe('2026-12-06');
    expect(answer.charter.call_id).toBeUndefined();
    expect(answer.notifications.map((n) => n.to).sort()).toEqual([KENJI, LIAM, MARISOL]);
    for (const n of answer.notifications) {
      const cancel = vevent(n.ics.content);
      const old = vevent(first(n.to).ics.content);
      expect(cancel.method).toBe('CANCEL');
      expect(cancel.uid).toBe(old.uid);
      expect(cancel.sequence).toBeGreaterThan(old.sequence);
      expect(cancel.start).toBe(old.start);
    }
    // The same recall again (its answer lost): nothing new is cancelled or sent.
    const repeat = await post('/api/charters/CH-CHG-DATE/recall', moved);
    expect(repeat.status).toBe(200);
    expect(((await repeat.json()) as RecallAnswer).notifications).toEqual([]);
    // The old links are dead.
    expect(
      (await postCrewForm(first(MARISOL).link_url as string, { action: 'accept' })).result,
    ).not.toBe('confirmed');

    const restart = await post('/api/charters/CH-CHG-DATE/calls', {
      availability: demoRosterMarks,
    });
    expect(restart.status, await restart.clone().text()).toBe(201);
    const started = (await restart.json()) as StartCallAnswer;
    const kenji = started.notifications.find((n) => n.to === KENJI) as Notification;
    const invite = vevent(kenji.ics.content);
    expect(invite.start).toBe('2026-12-06T17:00:00.000Z');
    // A new calendar entry: the cancelled one stays cancelled.
    expect(invite.uid).not.toBe(vevent(first(KENJI).ics.content).uid);
  });
});
