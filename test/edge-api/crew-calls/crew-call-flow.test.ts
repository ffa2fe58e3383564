import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  CharterWithCall,
  ErrorBody,
  PreviewAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { seaLark1205 } from '../../support/charters.js';
import { signedFetch } from '../../support/signed-fetch.js';

// The clock the app sees; tests move it to pass windows and expiries.
const clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
});
afterAll(() => api.close());

// 2026-12-05 in the December sheet, as the sheet side reads it.
const availability_1205 = {
  Abdul: 'no',
  'Capt. Teresa': 'no',
  'Liam B': 'am',
  Marisol: 'am',
  Kenji: 'yes',
  Priya: { status: 'note', note: 'N (travel)' },
  Danika: 'pm',
  Esmi: 'yes',
  Owen: 'no',
  'Sofia M.': 'no',
  'Ray (skipper)': 'yes',
  Hana: 'yes',
};

const api_ = (path: string, init: { method?: string; body?: unknown } = {}) =>
  signedFetch(`${api.url}${path}`, init);

async function putCharter(id: string, body: Record<string, unknown> = seaLark1205) {
  const res = await api_(`/api/charters/${id}`, { method: 'PUT', body });
  expect([200, 201]).toContain(res.status);
  return res.json();
}

async function startCall(id: string, availability: Record<string, unknown> = availability_1205) {
  const res = await api_(`/api/charters/${id}/calls`, { method: 'POST', body: { availability } });
  expect(res.status).toBe(201);
  return (await res.json()) as StartCallAnswer;
}

describe('charters', () => {
  it('upserts a charter, computing its instants in its time zone, and refuses bad ones naming the field', async () => {
    const created = await api_('/api/charters/CH-TEST-NYE', {
      method: 'PUT',
      body: { ...seaLark1205, date: '2026-12-31', start: '21:00', end: '00:30' },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      starts_at: '2027-01-01T05:00:00Z',
      ends_at: '2027-01-01T08:30:00Z',
      status: 'scheduled',
      version: 1,
    });
    const updated = await api_('/api/charters/CH-TEST-NYE', {
      method: 'PUT',
      body: { ...seaLark1205, guests: 20 },
    });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ guests: 20, version: 2 });

    const gap = await api_('/api/charters/CH-TEST-GAP', {
      method: 'PUT',
      body: { ...seaLark1205, date: '2027-03-14', start: '02:30', end: '05:00' },
    });
    expect(gap.status).toBe(400);
    expect(await gap.json()).toMatchObject({ fields: [{ field: 'start' }] });

    const bad = await api_('/api/charters/CH-TEST-BAD', {
      method: 'PUT',
      body: {
        ...seaLark1205,
        time_zone: 'Pacific/Nowhere',
        needs: {},
        price: { amount_cents: 1.5, currency: 'USD' },
      },
    });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as Required<ErrorBody>).fields.map((f) => f.field).sort();
    expect(fields).toEqual(['needs', 'price.amount_cents']);
    expect((await api_('/api/charters/CH-TEST-BAD')).status).toBe(404);
  });
});

describe('preview and start', () => {
  it('previews who would be called, in what order and when, and writes nothing', async () => {
    await putCharter('CH-PREVIEW');
    const res = await api_('/api/charters/CH-PREVIEW/calls/preview', {
      method: 'POST',
      body: { availability: availability_1205 },
    });
    expect(res.status).toBe(200);
    const { plan } = (await res.json()) as PreviewAnswer;
    expect(plan.levels.map((l) => l.level)).toEqual([2, 3, 4]);
    expect(plan.levels[0]?.candidates.map((c) => c.name)).toEqual([
      'Kenji Watanabe',
      'Liam Brennan',
      'Marisol Vega',
    ]);
    expect(plan.levels[0]?.opens_at).toBe('2026-11-28T17:00:00Z');
    expect(plan.skipped_levels.map((l) => l.level)).toEqual([1]);
    const charter = (await (await api_('/api/charters/CH-PREVIEW')).json()) as CharterWithCall;
    expect(charter.call).toBeNull();
  });

  it('starts a call: freezes the plan, emails the first level with links and tentative invites, once', async () => {
    await putCharter('CH-START');
    const started = await startCall('CH-START');
    expect(started.notifications.map((n) => n.to).sort()).toEqual([
      'kenji.watanabe@example.com',
      'liam.brennan@example.com',
      'marisol.vega@example.com',
    ]);
    for (const n of started.notifications) {
      expect(n.link_url).toMatch(
        new RegExp(`^${api.url}/m/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`),
      );
      expect(n.ics.content).toContain('METHOD:PUBLISH'); // issue 13: was REQUEST
      expect(n.ics.content).toContain('STATUS:TENTATIVE');
      expect(n.text).toContain(n.link_url);
      expect(n.subject).toContain('Sea Lark');
    }
    const again = await api_('/api/charters/CH-START/calls', {
      method: 'POST',
      body: { availability: availability_1205 },
    });
    expect(again.status).toBe(409);

    // Later roster edits do not reshuffle a started call.
    await api_('/api/crew/c-0004', { method: 'PATCH', body: { cascade_level: 1 } });
    const summary = (await (await api_('/api/charters/CH-START')).json()) as CharterWithCall;
    expect(summary.call?.current_level).toBe(2);
    const mates = summary.call?.roles.find((r) => r.role === 'mate');
    expect(mates?.pending.map((p) => [p.name, p.level])).toEqual([
      ['Kenji Watanabe', 2],
      ['Marisol Vega', 2],
    ]);
    await api_('/api/crew/c-0004', { method: 'PATCH', body: { cascade_level: 2 } });
  });
});
