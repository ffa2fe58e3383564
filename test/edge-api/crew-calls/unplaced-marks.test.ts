import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  CrewMark,
  DueAnswer,
  MarkApplied,
  MarksAnswer,
  MarksAppliedAnswer,
  PortalLinkAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// A mark the office's sheet has no cell for (no month tab, row or column) is reported no_cell:
// it leaves the pending list, the portal says so, and it is offered again at most once a day.
// 09:00 in Los Angeles: the portal shows 2 Dec 2026 to 30 Jan 2027.
let clock = new Date('2026-12-02T17:00:00.000Z');
const tick = (ms = 1000) => {
  clock = new Date(clock.getTime() + ms);
};
let api: TestApi;
const links = new Map<string, string>();

const getJson = async <T>(path: string) => {
  const res = await signedFetch(`${api.url}${path}`);
  return { status: res.status, body: (await res.json()) as T };
};
const marksOn = async (query: string) =>
  (await getJson<MarksAnswer>(`/api/availability/marks?${query}`)).body.marks;
const due = async () => (await getJson<DueAnswer>('/api/calls/due')).body.availability_marks;
const applied = async (results: unknown[]) => {
  const res = await signedFetch(`${api.url}/api/availability/applied`, {
    method: 'POST',
    body: { results },
  });
  return {
    status: res.status,
    body: (await res.json()) as MarksAppliedAnswer & { fields?: unknown },
  };
};
const portal = async (crewId: string) => {
  const known = links.get(crewId);
  if (known) return known;
  const res = await signedFetch(`${api.url}/api/links/portal`, {
    method: 'POST',
    body: { crew_id: crewId },
  });
  const url = ((await res.json()) as PortalLinkAnswer).url;
  links.set(crewId, url);
  return url;
};
const day = (date: string, kind: string, was = '||') => ({
  [`kind_${date}`]: kind,
  [`after_${date}`]: '',
  [`note_${date}`]: '',
  [`was_${date}`]: was,
});
const save = async (crewId: string, dates: string[], kind = 'yes') =>
  postCrewForm(
    `${await portal(crewId)}/availability`,
    Object.assign({}, ...dates.map((d) => day(d, kind))),
  );
const noCell = (m: CrewMark, problem: string): MarkApplied => ({
  crew_id: m.crew_id,
  date: m.date,
  set_at: m.set_at,
  outcome: 'no_cell',
  problem,
});
const datesFrom = (first: string, count: number) =>
  Array.from({ length: count }, (_, i) =>
    new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );

beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
});
afterAll(() => api.close());

describe('a mark with no cell in the sheet', () => {
  it('refuses a no_cell report without a problem, or with a cell, naming the field', async () => {
    await save('c-0001', ['2027-01-05']);
    const [mark] = await marksOn('date=2027-01-05');
    const base = { crew_id: 'c-0001', date: '2027-01-05', set_at: mark?.set_at };
    const res = await applied([
      { ...base, outcome: 'no_cell' },
      { ...base, outcome: 'no_cell', problem: '  ' },
      { ...base, outcome: 'no_cell', problem: 'no month tab for January 2027', cell: 'A1' },
      { ...base, outcome: 'written', cell: 'A1', problem: 'no month tab for January 2027' },
      { ...base, outcome: 'no_cell', problem: 'x'.repeat(301) },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      {
        field: 'results.0.problem',
        message: 'is required with "no_cell": why the sheet has no cell for it',
      },
      {
        field: 'results.1.problem',
        message: 'must say why there is no cell, such as "no month tab for January 2027"',
      },
      { field: 'results.2.cell', message: 'must not be given with "no_cell"' },
      { field: 'results.3.problem', message: 'is only for "no_cell"' },
      { field: 'results.4.problem', message: 'must be at most 300 characters' },
    ]);
    expect((await marksOn('date=2027-01-05'))[0]?.state).toBe('pending');
  });

  it('leaves the pending list, keeps the problem, and the portal says so in plain words', async () => {
    const [mark] = (await due()).filter((m) => m.date === '2027-01-05');
    expect(mark).toBeDefined();
    tick();
    const res = await applied([noCell(mark as CrewMark, 'no month tab for January 2027')]);
    expect(res.body).toEqual({ updated: 1, stale: 0 });
    expect((await due()).filter((m) => m.date === '2027-01-05')).toEqual([]);
    expect((await marksOn('date=2027-01-05'))[0]).toMatchObject({
      state: 'no_cell',
      problem: 'no month tab for January 2027',
      written_at: clock.toISOString(),
    });
    const page = await (await fetch(await portal('c-0001'))).text();
    expect(page).toMatch(
      /<legend>Tue 5 Jan<\/legend>[\s\S]*?Not in the office(&#39;|')s sheet yet \(no month tab for January 2027\)\. Your answer is saved; it goes in when the office adds it\./,
    );
    expect(page.match(/Not in the office/g)).toHaveLength(1);
  });

  it('is offered again a day later, after pending marks, and a written report settles it', async () => {
    tick(23 * 3_600_000);
    expect((await due()).filter((m) => m.date === '2027-01-05')).toEqual([]);
    await save('c-0002', ['2027-01-06']);
    tick(3_600_000);
    const offered = await due();
    expect(offered.map((m) => [m.crew_id, m.date, m.state])).toEqual([
      ['c-0002', '2027-01-06', 'pending'],
      ['c-0001', '2027-01-05', 'no_cell'],
    ]);
    // The office added the tab: the retry goes in.
    const retried = offered[1] as CrewMark;
    const res = await applied([
      {
        crew_id: retried.crew_id,
        date: retried.date,
        set_at: retried.set_at,
        outcome: 'written',
        cell: "'January 2027'!B6",
      },
    ]);
    expect(res.body).toEqual({ updated: 1, stale: 0 });
    const stored = (await marksOn('date=2027-01-05'))[0];
    expect(stored).toMatchObject({ state: 'written', cell: "'January 2027'!B6" });
    expect(stored?.problem).toBeUndefined();
    tick(2 * 86_400_000);
    expect((await due()).map((m) => m.date)).toEqual(['2027-01-06']);
  });

  it('a re-mark is pending again without the problem; the old no_cell report is stale', async () => {
    const [mark] = await due();
    tick();
    await applied([noCell(mark as CrewMark, "no column for “Capt. Teresa” in 'January 2027'")]);
    tick();
    await save('c-0002', ['2027-01-06'], 'no');
    const res = await applied([noCell(mark as CrewMark, 'no month tab for January 2027')]);
    expect(res.body).toEqual({ updated: 0, stale: 1 });
    const [again] = await marksOn('date=2027-01-06');
    expect(again).toMatchObject({ state: 'pending', text: 'N' });
    expect(again?.problem).toBeUndefined();
    const page = await (await fetch(await portal('c-0002'))).text();
    expect(page).not.toContain('Not in the office');
    await applied([
      { ...noCell(again as CrewMark, 'x'), outcome: 'written', problem: undefined, cell: 'A1' },
    ]);
  });

  it('200 marks with no cell do not hold back a newer one', async () => {
    // 12 crew × 17 days = 204 marks, older than the one that has a cell.
    const crew = Array.from({ length: 12 }, (_, i) => `c-${String(i + 1).padStart(4, '0')}`);
    const dates = datesFrom('2026-12-10', 17);
    for (const id of crew) {
      tick();
      expect((await save(id, dates)).status).toBe(303);
    }
    tick();
    await save('c-0003', ['2027-01-20']);
    const first = await due();
    expect(first).toHaveLength(200);
    expect(first.some((m) => m.date === '2027-01-20')).toBe(false);
    tick();
    const reported = await applied(first.map((m) => noCell(m, 'no month tab for December 2026')));
    expect(reported.body).toEqual({ updated: 200, stale: 0 });
    const next = await due();
    expect(next.map((m) => m.state)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(next.at(-1)).toMatchObject({ crew_id: 'c-0003', date: '2027-01-20' });
    // A day later the 200 are offered again, but only in the room the pending marks leave.
    tick(86_400_000);
    const dayLater = await due();
    expect(dayLater).toHaveLength(200);
    expect(dayLater.slice(0, 5).map((m) => m.state)).toEqual(Array(5).fill('pending'));
    expect(dayLater.slice(5).every((m) => m.state === 'no_cell')).toBe(true);
  });
});
