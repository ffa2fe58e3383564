import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  ErrorBody,
  EscalateAnswer,
  Notification,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import type { MonthlyReport } from '../../../shared/reports/monthly-report.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// The app's clock; the test moves it so the call record has real times in it.
let clock = new Date('2026-11-28T17:00:00Z');
const at = (iso: string) => {
  clock = new Date(iso);
};
let api: TestApi;
let report: MonthlyReport;

const base = {
  time_zone: 'America/Los_Angeles',
  client: 'Example Events',
  guests: 10,
  meeting_point: 'Dock B, slip 14',
};
const usd = (amount_cents: number) => ({ amount_cents, currency: 'USD' });

async function putCharter(id: string, body: Record<string, unknown>) {
  const res = await signedFetch(`${api.url}/api/charters/${id}`, {
    method: 'PUT',
    body: { ...base, ...body },
  });
  expect(res.status).toBe(201);
}

async function startCall(id: string, availability: Record<string, string>) {
  const res = await signedFetch(`${api.url}/api/charters/${id}/calls`, {
    method: 'POST',
    body: { availability },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as StartCallAnswer;
}

const linkFor = (ns: Notification[], email: string) => {
  const n = ns.find((x) => x.to === email);
  if (!n?.link_url) throw new Error(`no link for ${email}`);
  return n.link_url;
};
const answer = async (link: string, fields: Record<string, string>, expected: string) =>
  expect((await postCrewForm(link, fields)).result).toBe(expected);

beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);

  // 1. Sea Lark, 5 Dec: level 2 is the first with anyone available (Liam, Marisol, Kenji).
  at('2026-11-28T17:00:00Z');
  await putCharter('RPT-1205', {
    vessel: 'Sea Lark',
    date: '2026-12-05',
    start: '09:00',
    end: '13:00',
    needs: { captain: 1, mate: 1 },
    price: usd(320000),
  });
  const first = await startCall('RPT-1205', { 'Liam B': 'am', Marisol: 'am', Kenji: 'yes' });
  const sent = await signedFetch(`${api.url}/api/calls/${first.call.call_id}/notified`, {
    method: 'POST',
    body: {
      notification_ids: first.notifications.map((n) => n.notification_id),
      sent_at: '2026-11-28T17:00:00Z',
    },
  });
  expect(sent.status).toBe(200);
  at('2026-11-28T17:00:20Z');
  await answer(
    linkFor(first.notifications, 'kenji.watanabe@example.com'),
    { action: 'accept' },
    'confirmed',
  );
  at('2026-11-28T17:10:00Z');
  await answer(
    linkFor(first.notifications, 'liam.brennan@example.com'),
    { action: 'accept' },
    'confirmed',
  );
  at('2026-11-28T17:11:00Z');
  await answer(
    linkFor(first.notifications, 'marisol.vega@example.com'),
    { action: 'decline', reason: 'Boat yard that day' },
    'declined',
  );

  // 2. Blue Heron, New Year's Eve (starts 2027-01-01T05:00Z): captain at level 1, deckhand after escalation to level 3.
  at('2026-11-28T18:00:00Z');
  await putCharter('RPT-1231', {
    vessel: 'Blue Heron',
    date: '2026-12-31',
    start: '21:00',
    end: '00:30',
    needs: { captain: 1, deckhand: 1 },
    price: usd(520000),
  });
  const nye = await startCall('RPT-1231', { 'Capt. Teresa': 'yes', Esmi: 'yes' });
  at('2026-11-28T18:05:00Z');
  await answer(
    linkFor(nye.notifications, 'teresa.okafor@example.com'),
    { action: 'accept' },
    'confirmed',
  );
  at('2026-11-29T06:00:01Z'); // the level's 12-hour window has passed
  const esc = await signedFetch(`${api.url}/api/calls/${nye.call.call_id}/escalate`, {
    method: 'POST',
    body: { from_level: 1 },
  });
  const escalated = (await esc.json()) as EscalateAnswer;
  expect(escalated.level).toBe(3);
  at('2026-11-29T06:30:01Z');
  await answer(
    linkFor(escalated.notifications, 'esmi.duarte@example.com'),
    { action: 'accept' },
    'confirmed',
  );

  // 3. Sea Lark, 12 Dec: Abdul accepts, then the charter is cancelled.
  await putCharter('RPT-1212', {
    vessel: 'Sea Lark',
    date: '2026-12-12',
    start: '10:00',
    end: '16:00',
    needs: { captain: 1 },
    price: usd(680000),
  });
  const cancelled = await startCall('RPT-1212', { Abdul: 'yes' });
  await answer(
    linkFor(cancelled.notifications, 'abdul.rahimi@example.com'),
    { action: 'accept' },
    'confirmed',
  );
  const cancel = await signedFetch(`${api.url}/api/charters/RPT-1212/cancel`, {
    method: 'POST',
    body: {},
  });
  expect(cancel.status).toBe(200);

  // 4. No call at all; 5. priced in euros; 6. and 7. just outside December in their own time zone.
  const noCall = { start: '10:00', end: '14:00', needs: { captain: 1 } };
  await putCharter('RPT-1220', {
    ...noCall,
    vessel: 'Sea Lark',
    date: '2026-12-20',
    price: usd(150000),
  });
  await putCharter('RPT-EUR', {
    ...noCall,
    vessel: 'Andorinha',
    date: '2026-12-20',
    time_zone: 'Europe/Lisbon',
    price: { amount_cents: 90000, currency: 'EUR' },
  });
  await putCharter('RPT-NOV', {
    ...noCall,
    vessel: 'Sea Lark',
    date: '2026-11-30',
    start: '20:00',
    end: '23:00',
    price: usd(100),
  });
  await putCharter('RPT-JAN', {
    ...noCall,
    vessel: 'Sea Lark',
    date: '2027-01-01',
    price: usd(100),
  });

  const res = await signedFetch(`${api.url}/api/reports/monthly?month=2026-12`);
  expect(res.status).toBe(200);
  report = (await res.json()) as MonthlyReport;
});
afterAll(() => api.close());

describe('GET /api/reports/monthly', () => {
  it('takes the charters whose local start date is in the month, in start order', () => {
    expect(report.month).toBe('2026-12');
    expect(report.charters.map((c) => [c.charter_id, c.status])).toEqual([
      ['RPT-1205', 'scheduled'],
      ['RPT-1212', 'cancelled'],
      ['RPT-EUR', 'scheduled'],
      ['RPT-1220', 'scheduled'],
      ['RPT-1231', 'scheduled'],
    ]);
  });

  it('prices each charter from its record and confirmed crew', () => {
    const row = (id: string) => report.charters.find((c) => c.charter_id === id);
    expect(row('RPT-1205')).toMatchObject({
      price: usd(320000),
      crew_cost: usd(72000),
      net: usd(248000),
      captain: 'Liam Brennan',
      crew: [
        { crew_id: 'c-0003', name: 'Liam Brennan', role: 'captain', pay: usd(42000) },
        { crew_id: 'c-0005', name: 'Kenji Watanabe', role: 'mate', pay: usd(30000) },
      ],
    });
    expect(row('RPT-1231')).toMatchObject({
      crew_cost: usd(67000),
      net: usd(453000),
      captain: 'Teresa Okafor',
    });
    expect(row('RPT-1212')).toMatchObject({
      quoted_price: usd(680000),
      price: usd(0),
      crew_cost: usd(0),
      crew: [],
    });
    expect(row('RPT-1220')).toMatchObject({ price: usd(150000), crew_cost: usd(0), captain: '' });
  });

  it('totals per currency, per vessel and per captain, adding up exactly', () => {
    expect(
      report.totals.map((t) => [
        t.currency,
        t.charters,
        t.cancelled,
        t.revenue.amount_cents,
        t.crew_cost.amount_cents,
        t.net.amount_cents,
      ]),
    ).toEqual([
      ['EUR', 1, 0, 90000, 0, 90000],
      ['USD', 4, 1, 990000, 139000, 851000],
    ]);
    expect(
      report.by_vessel.map((v) => [
        v.vessel,
        v.currency,
        v.charters,
        v.revenue.amount_cents,
        v.crew_cost.amount_cents,
      ]),
    ).toEqual([
      ['Andorinha', 'EUR', 1, 90000, 0],
      ['Blue Heron', 'USD', 1, 520000, 67000],
      ['Sea Lark', 'USD', 3, 470000, 72000],
    ]);
    expect(
      report.by_captain.map((c) => [c.captain, c.currency, c.charters, c.net.amount_cents]),
    ).toEqual([
      ['Liam Brennan', 'USD', 1, 248000],
      ['Teresa Okafor', 'USD', 1, 453000],
      ['No captain', 'EUR', 1, 90000],
      ['No captain', 'USD', 2, 150000],
    ]);
  });

  it('gives each paid crew member a statement with their email and pay', () => {
    expect(
      report.statements.map((s) => [s.name, s.email, s.lines.map((l) => l.charter_id), s.totals]),
    ).toEqual([
      ['Esmi Duarte', 'esmi.duarte@example.com', ['RPT-1231'], [usd(22000)]],
      ['Kenji Watanabe', 'kenji.watanabe@example.com', ['RPT-1205'], [usd(30000)]],
      ['Liam Brennan', 'liam.brennan@example.com', ['RPT-1205'], [usd(42000)]],
      ['Teresa Okafor', 'teresa.okafor@example.com', ['RPT-1231'], [usd(45000)]],
    ]);
  });

  it('keeps the call record behind the pay: level, when asked, sent and answered', () => {
    const entry = (crewId: string, charterId: string) => {
      const e = report.call_record.find((x) => x.crew_id === crewId && x.charter_id === charterId);
      if (!e) throw new Error(`${crewId} ${charterId}`);
      const ms = (t: string | null) => (t === null ? null : Date.parse(t));
      return {
        ...e,
        asked_at: ms(e.asked_at),
        notified_at: ms(e.notified_at),
        answered_at: ms(e.answered_at),
      };
    };
    expect(entry('c-0005', 'RPT-1205')).toMatchObject({
      level: 2,
      asked_at: Date.parse('2026-11-28T17:00:00Z'),
      notified_at: Date.parse('2026-11-28T17:00:00Z'),
      answered_at: Date.parse('2026-11-28T17:00:20Z'),
      answer: 'confirmed',
      decided_within_a_minute: true,
    });
    expect(entry('c-0004', 'RPT-1205')).toMatchObject({
      answer: 'declined',
      reason: 'Boat yard that day',
      answered_at: Date.parse('2026-11-28T17:11:00Z'),
      decided_within_a_minute: false,
    });
    expect(entry('c-0002', 'RPT-1231')).toMatchObject({
      level: 1,
      asked_at: Date.parse('2026-11-28T18:00:00Z'),
      notified_at: null,
      answered_at: Date.parse('2026-11-28T18:05:00Z'),
    });
    expect(entry('c-0008', 'RPT-1231')).toMatchObject({
      level: 3,
      asked_at: Date.parse('2026-11-29T06:00:01Z'),
      answered_at: Date.parse('2026-11-29T06:30:01Z'),
      answer: 'confirmed',
    });
    expect(entry('c-0001', 'RPT-1212')).toMatchObject({
      answer: 'confirmed',
      charter_status: 'cancelled',
    });
    expect(report.call_record.map((e) => e.name)).toEqual(
      [...report.call_record.map((e) => e.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });

  it('answers 400 naming month when it is missing or malformed', async () => {
    for (const query of ['?month=2026-13', '', '?month=Dec-2026']) {
      const res = await signedFetch(`${api.url}/api/reports/monthly${query}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as Required<ErrorBody>;
      expect(body.error).toBe('invalid_input');
      expect(body.fields.map((f) => f.field)).toEqual(['month']);
    }
  });

  it('reports an empty month as empty', async () => {
    const res = await signedFetch(`${api.url}/api/reports/monthly?month=2027-02`);
    const empty = (await res.json()) as MonthlyReport;
    expect(empty).toMatchObject({ charters: [], totals: [], statements: [], call_record: [] });
  });
});
