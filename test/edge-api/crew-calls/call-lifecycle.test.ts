import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  CancelAnswer,
  Change,
  ChangesAnswer,
  CharterWithCall,
  EscalateAnswer,
  Notification,
  ReissueAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { demoRosterMarks, seaLark1205 } from '../../support/charters.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// The app's clock: a week and a bit before the charter; tests move it forward.
let clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
// Fresh tables for each scenario: they all crew the same Sea Lark morning, and someone
// confirmed on one charter is not called for another that day (issue 14).
beforeEach(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
});
afterEach(() => api.close());

// Levels with someone available: 2 (Liam captain, Kenji + Marisol mates), 3 (Esmi deckhand), 4 (Hana deckhand).
const availability = demoRosterMarks;

const get = async <T>(path: string) => (await (await signedFetch(`${api.url}${path}`)).json()) as T;
const post = (path: string, body?: unknown) =>
  signedFetch(`${api.url}${path}`, { method: 'POST', body: body ?? {} });

interface Due {
  calls: Array<{ call_id: string; current_level: number }>;
  pending_notifications: Notification[];
}

async function newCall(id: string) {
  clock = new Date('2026-11-28T17:00:00Z');
  expect(
    (await signedFetch(`${api.url}/api/charters/${id}`, { method: 'PUT', body: seaLark1205 }))
      .status,
  ).toBe(201);
  const res = await post(`/api/charters/${id}/calls`, { availability });
  expect(res.status).toBe(201);
  return (await res.json()) as StartCallAnswer;
}

const byCrew = (ns: Notification[], email: string) =>
  ns.find((n) => n.to === email) as Notification;

describe('escalation', () => {
  it('lists a call as due only after its window passes, then escalates once: a repeat returns the same links', async () => {
    const { call, notifications } = await newCall('CH-ESC');
    expect(notifications).toHaveLength(3);
    const dueNow = await get<Due>('/api/calls/due');
    expect(dueNow.calls.map((c) => c.call_id)).not.toContain(call.call_id);
    // The start's sender has the first level's emails for 10 minutes; then, unreported, they are the timer's.
    expect(dueNow.pending_notifications.filter((n) => n.call_id === call.call_id)).toHaveLength(0);
    clock = new Date('2026-11-28T17:10:01Z');
    const dueLater = await get<Due>('/api/calls/due');
    expect(dueLater.pending_notifications.filter((n) => n.call_id === call.call_id)).toHaveLength(
      3,
    );

    const early = await post(`/api/calls/${call.call_id}/escalate`, { from_level: 2 });
    expect(early.status).toBe(409);

    // A week out the window is 12 hours.
    clock = new Date('2026-11-29T05:00:01Z');
    const due = await get<Due>('/api/calls/due');
    expect(due.calls).toContainEqual(
      expect.objectContaining({ call_id: call.call_id, current_level: 2 }),
    );

    const [first, second] = await Promise.all([
      post(`/api/calls/${call.call_id}/escalate`, { from_level: 2 }),
      post(`/api/calls/${call.call_id}/escalate`, { from_level: 2 }),
    ]);
    const a = (await first.json()) as EscalateAnswer;
    const b = (await second.json()) as EscalateAnswer;
    expect([a.level, b.level]).toEqual([3, 3]);
    expect([a.already_escalated, b.already_escalated].sort()).toEqual([false, true]);
    expect(a.notifications.map((n) => n.to)).toEqual(['esmi.duarte@example.com']);
    expect(b.notifications.map((n) => [n.notification_id, n.link_url])).toEqual(
      a.notifications.map((n) => [n.notification_id, n.link_url]),
    );
    const later = await post(`/api/calls/${call.call_id}/escalate`, { from_level: 2 });
    expect(((await later.json()) as EscalateAnswer).notifications[0]?.link_url).toBe(
      a.notifications[0]?.link_url,
    );
  });

  it('records sends so a retried run resends only the rest', async () => {
    const { call, notifications } = await newCall('CH-NOTIFIED');
    const [sent, ...rest] = notifications;
    const res = await post(`/api/calls/${call.call_id}/notified`, {
      notification_ids: [sent?.notification_id],
    });
    expect(await res.json()).toEqual({ recorded: 1, already_recorded: 0 });
    const again = await post(`/api/calls/${call.call_id}/notified`, {
      notification_ids: [sent?.notification_id],
    });
    expect(await again.json()).toEqual({ recorded: 0, already_recorded: 1 });
    clock = new Date('2026-11-28T17:10:01Z');
    const pending = (await get<Due>('/api/calls/due')).pending_notifications.filter(
      (n) => n.call_id === call.call_id,
    );
    expect(pending.map((n) => n.notification_id).sort()).toEqual(
      rest.map((n) => n.notification_id).sort(),
    );
    // Back to the start time: the change-feed test reads its cursor before starting its call.
    clock = new Date('2026-11-28T17:00:00Z');
    const bogus = await post(`/api/calls/${call.call_id}/notified`, { notification_ids: ['nope'] });
    expect(bogus.status).toBe(400);
  });
});

describe('responses, drop-outs and the change feed', () => {
  it('copies responses to the change feed in order, flags decisions within a minute of the send, and pages by cursor', async () => {
    const start = await get<ChangesAnswer>('/api/changes?limit=500');
    const { call, notifications } = await newCall('CH-CHANGES');
    const kenji = byCrew(notifications, 'kenji.watanabe@example.com');
    const liam = byCrew(notifications, 'liam.brennan@example.com');
    await post(`/api/calls/${call.call_id}/notified`, {
      notification_ids: notifications.map((n) => n.notification_id),
      sent_at: clock.toISOString(),
    });
    clock = new Date(clock.getTime() + 20_000);
    expect((await postCrewForm(kenji.link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );
    clock = new Date(clock.getTime() + 10 * 60_000);
    expect(
      (
        await postCrewForm(liam.link_url as string, {
          action: 'decline',
          reason: 'Boat yard that day',
        })
      ).result,
    ).toBe('declined');
    clock = new Date(clock.getTime() + 10_000);

    const all: Change[] = [];
    let cursor = start.next_cursor;
    for (let page = 0; page < 100; page++) {
      const res = await get<ChangesAnswer>(
        `/api/changes?limit=2${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`,
      );
      all.push(...res.changes);
      if (res.changes.length === 0) break;
      cursor = res.next_cursor;
    }
    const mine = all.filter((c) => c.call_id === call.call_id);
    expect(mine.map((c) => [c.type, c.crew_id ?? null, c.state ?? null])).toEqual([
      ['call_started', null, null],
      ['level_opened', null, null],
      ['response', 'c-0005', 'confirmed'],
      ['response', 'c-0003', 'declined'],
    ]);
    expect(mine[2]?.decided_within_a_minute).toBe(true);
    expect(mine[3]).toMatchObject({ decided_within_a_minute: false, reason: 'Boat yard that day' });
  });

  it('reopens a dropped seat to standby crew first, and lists their offers as due', async () => {
    const { call, notifications } = await newCall('CH-DROP');
    const kenji = byCrew(notifications, 'kenji.watanabe@example.com');
    const marisol = byCrew(notifications, 'marisol.vega@example.com');
    expect((await postCrewForm(kenji.link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );
    expect((await postCrewForm(marisol.link_url as string, { action: 'accept' })).result).toBe(
      'filled',
    );
    expect((await postCrewForm(marisol.link_url as string, { action: 'standby' })).result).toBe(
      'standby',
    );

    clock = new Date(clock.getTime() + 60 * 60_000);
    expect(
      (await postCrewForm(kenji.link_url as string, { action: 'dropout', reason: 'Family matter' }))
        .result,
    ).toBe('dropped');
    const due = await get<Due>('/api/calls/due');
    const mine = due.pending_notifications.filter((n) => n.call_id === call.call_id);
    const offer = mine.find((n) => n.kind === 'standby_offer') as Notification;
    expect(offer.to).toBe('marisol.vega@example.com');
    expect(offer.link_url).not.toBe(marisol.link_url);
    expect(mine.find((n) => n.kind === 'dropped_out')?.to).toBe('kenji.watanabe@example.com');

    // The standby offer's link takes the seat; her old link now says it was replaced.
    expect((await postCrewForm(offer.link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );
    expect((await fetch(marisol.link_url as string)).status).toBe(410);
    const summary = await get<CharterWithCall>('/api/charters/CH-DROP');
    expect(
      summary.call?.roles.find((r) => r.role === 'mate')?.confirmed.map((c) => c.name),
    ).toEqual(['Marisol Vega']);
  });
});

describe('reminders', () => {
  it('lists a reminder for each confirmed crew member once the charter is within 24 hours, until it is sent', async () => {
    const { call, notifications } = await newCall('CH-REMIND');
    const kenji = byCrew(notifications, 'kenji.watanabe@example.com');
    expect((await postCrewForm(kenji.link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );
    const reminders = async () =>
      (await get<Due>('/api/calls/due')).pending_notifications.filter(
        (n) => n.call_id === call.call_id && n.kind === 'reminder',
      );
    expect(await reminders()).toEqual([]);
    // 2026-12-05 09:00 PST is 17:00Z; 23 hours before:
    clock = new Date('2026-12-04T18:00:00Z');
    const due = await reminders();
    expect(due.map((n) => n.to)).toEqual(['kenji.watanabe@example.com']);
    expect(due[0]?.link_url).toBe(kenji.link_url);
    expect(due[0]?.ics.content).toContain('STATUS:CONFIRMED');
    expect(due[0]?.subject).toBe('Tomorrow at 09:00: Sea Lark, Sat 5 Dec 09:00–13:00 (mate)');
    // Not sent yet; on the morning itself (07:00 PST) the same reminder says today, by the app's clock.
    clock = new Date('2026-12-05T15:00:00Z');
    const sameDay = await reminders();
    expect(sameDay.map((n) => n.notification_id)).toEqual([due[0]?.notification_id]);
    expect(sameDay[0]?.subject).toBe('Today at 09:00: Sea Lark, Sat 5 Dec 09:00–13:00 (mate)');
    expect(sameDay[0]?.text).toContain('Leaves: Today at 09:00');
    expect(sameDay[0]?.text).not.toMatch(/tomorrow/i);
    expect(sameDay[0]?.html).not.toMatch(/tomorrow/i);
    const res = await post(`/api/calls/${call.call_id}/notified`, {
      notification_ids: [due[0]?.notification_id],
    });
    expect(await res.json()).toEqual({ recorded: 1, already_recorded: 0 });
    expect(await reminders()).toEqual([]);
  });
});

describe('links', () => {
  it('issues a new link that revokes the old one', async () => {
    const { call, notifications } = await newCall('CH-REISSUE');
    const liam = byCrew(notifications, 'liam.brennan@example.com');
    const res = await post(`/api/calls/${call.call_id}/crew/c-0003/link`);
    expect(res.status).toBe(201);
    const { notification } = (await res.json()) as ReissueAnswer;
    expect(notification.link_url).not.toBe(liam.link_url);
    const old = await postCrewForm(liam.link_url as string, { action: 'accept' });
    expect(old.status).toBe(410);
    expect(old.body).toContain('replaced');
    expect((await postCrewForm(notification.link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );
  });

  it('answers tampered, expired and cross-site uses with clear refusals, never a stack trace', async () => {
    const { notifications } = await newCall('CH-BADLINKS');
    const link = notifications[0]?.link_url as string;
    const tampered = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
    const bad = await fetch(tampered);
    expect(bad.status).toBe(404);
    const badText = await bad.text();
    expect(badText).toContain('This link is not valid');
    expect(badText).not.toMatch(/Error|at .*\.ts|stack/);

    const crossSite = await postCrewForm(link, { action: 'accept' }, 'https://evil.example.com');
    expect(crossSite.status).toBe(403);
    expect((await fetch(link)).status).toBe(200);

    clock = new Date('2026-12-07T00:00:00Z');
    const expired = await fetch(link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');
  });

  it('takes the link host from configuration, not from the request', async () => {
    const { notifications } = await newCall('CH-HOST');
    expect(notifications[0]?.link_url?.startsWith(api.settings.publicBaseUrl)).toBe(true);
  });
});

describe('cancelling a charter', () => {
  it('closes the call, invalidates every live link and returns calendar CANCELs for everyone asked or confirmed', async () => {
    const { call, notifications } = await newCall('CH-CANCEL');
    const kenji = byCrew(notifications, 'kenji.watanabe@example.com');
    expect((await postCrewForm(kenji.link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );
    const res = await post('/api/charters/CH-CANCEL/cancel');
    expect(res.status).toBe(200);
    const body = (await res.json()) as CancelAnswer;
    expect(body.notifications.map((n) => n.to).sort()).toEqual(
      notifications.map((n) => n.to).sort(),
    );
    for (const n of body.notifications) {
      expect(n.ics.method).toBe('CANCEL');
      expect(n.ics.content).toContain('METHOD:CANCEL');
      expect(n.link_url).toBeUndefined();
    }
    const liam = byCrew(notifications, 'liam.brennan@example.com');
    const late = await postCrewForm(liam.link_url as string, { action: 'accept' });
    expect(late.status).toBe(410);
    expect(late.body).toContain('cancelled');
    const again = (await (await post('/api/charters/CH-CANCEL/cancel')).json()) as CancelAnswer;
    // Not reported sent yet (a run killed before reporting): the same cancellations again.
    expect(again.already_cancelled).toBe(true);
    expect(again.notifications.map((n) => n.notification_id).sort()).toEqual(
      body.notifications.map((n) => n.notification_id).sort(),
    );
    // Reported sent: cancelling once more owes nobody an email.
    await post(`/api/calls/${call.call_id}/notified`, {
      notification_ids: body.notifications.map((n) => n.notification_id),
    });
    const third = (await (await post('/api/charters/CH-CANCEL/cancel')).json()) as CancelAnswer;
    expect(third.notifications).toEqual([]);
    const due = await get<Due>('/api/calls/due');
    expect(due.calls.map((c) => c.call_id)).not.toContain(call.call_id);
    expect(
      (await post(`/api/calls/${call.call_id}/escalate`, { from_level: 2, force: true })).status,
    ).toBe(409);
  });
});
