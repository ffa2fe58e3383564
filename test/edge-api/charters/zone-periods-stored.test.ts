import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCharter } from '../../../edge-api/src/db/dispatch-table/index.js';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import { findZonePeriods } from '../../../shared/charter/find-zone-periods.js';
import { localPartsFromPeriods } from '../../../shared/charter/zone-periods.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { demoRosterMarks, seaLark1205 } from '../../support/charters.js';
import { signedFetch } from '../../support/signed-fetch.js';

// A crew page tells a charter's times from the zone periods stored with it: every
// write of a charter's times writes the periods for those times and that zone.
let api: TestApi;
const clock = new Date('2026-11-28T17:00:00Z');

beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
}, 60_000);
afterAll(async () => {
  await api?.close();
});

const put = (id: string, body: unknown) =>
  signedFetch(`${api.url}/api/charters/${id}`, { method: 'PUT', body });
const post = (path: string, body: unknown) =>
  signedFetch(`${api.url}${path}`, { method: 'POST', body });

/** The stored charter's periods are those of its stored zone around its stored times. */
async function expectPeriodsMatch(id: string) {
  const stored = await getCharter(api.db, id);
  if (!stored) throw new Error(`${id} is not stored`);
  expect(stored.zone_periods).toEqual(
    findZonePeriods(stored.time_zone, stored.starts_at, stored.ends_at),
  );
  for (const iso of [stored.starts_at, stored.ends_at]) {
    expect(localPartsFromPeriods(iso, stored.time_zone, stored.zone_periods)).toBeDefined();
  }
  return stored;
}

describe('a stored charter', () => {
  it('carries its zone periods after a PUT, and new ones when its zone or times change', async () => {
    expect((await put('CH-ZP-1', seaLark1205)).status).toBe(201);
    const first = await expectPeriodsMatch('CH-ZP-1');
    expect(first.zone_periods?.periods.map((p) => p.abbreviation)).toEqual([
      'PDT',
      'PST',
      'PDT',
      'PST',
    ]);

    expect(
      (
        await put('CH-ZP-1', {
          ...seaLark1205,
          date: '2027-01-09',
          time_zone: 'Australia/Lord_Howe',
        })
      ).status,
    ).toBe(200);
    const moved = await expectPeriodsMatch('CH-ZP-1');
    expect(moved.zone_periods?.zone).toBe('Australia/Lord_Howe');
  });

  it('follows a running call’s change of hours, and a recall to a new date', async () => {
    expect((await put('CH-ZP-2', seaLark1205)).status).toBe(201);
    const start = await post('/api/charters/CH-ZP-2/calls', { availability: demoRosterMarks });
    expect(start.status).toBe(201);

    const longer = await put('CH-ZP-2', { ...seaLark1205, end: '16:00' });
    expect(longer.status, await longer.clone().text()).toBe(200);
    const changed = await expectPeriodsMatch('CH-ZP-2');
    expect(changed.ends_at).toBe('2026-12-06T00:00:00Z');

    const recall = await post('/api/charters/CH-ZP-2/recall', {
      ...seaLark1205,
      end: '16:00',
      date: '2027-04-10',
    });
    expect(recall.status, await recall.clone().text()).toBe(200);
    const recalled = await expectPeriodsMatch('CH-ZP-2');
    expect(recalled.date).toBe('2027-04-10');
  });
});

describe('the charter answers of the admin API', () => {
  // The periods are the crew page's private copy of the zone rules: the sheet and the CLI
  // read ApiCharter, which does not have them, so no answer carries them.
  it('never carry the stored zone periods', async () => {
    const created = await put('CH-ZP-3', seaLark1205);
    expect(created.status).toBe(201);
    const answers: unknown[] = [await created.json()];
    answers.push(await (await signedFetch(`${api.url}/api/charters/CH-ZP-3`)).json());
    const from = encodeURIComponent('2026-12-01T00:00:00Z');
    const to = encodeURIComponent('2026-12-31T00:00:00Z');
    answers.push(await (await signedFetch(`${api.url}/api/charters?from=${from}&to=${to}`)).json());
    const started = await post('/api/charters/CH-ZP-3/calls', { availability: demoRosterMarks });
    expect(started.status).toBe(201);
    const changed = await put('CH-ZP-3', { ...seaLark1205, end: '15:00' });
    expect(changed.status).toBe(200);
    answers.push(await changed.json());
    const recall = await post('/api/charters/CH-ZP-3/recall', {
      ...seaLark1205,
      date: '2027-04-17',
    });
    expect(recall.status).toBe(200);
    answers.push(await recall.json());
    for (const answer of answers) {
      expect(JSON.stringify(answer)).toContain('"starts_at"');
      expect(JSON.stringify(answer)).not.toContain('zone_periods');
    }
  });
});
