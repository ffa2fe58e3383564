import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  CrewMark,
  DueAnswer,
  MarksAnswer,
  MarksAppliedAnswer,
  PortalLinkAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { markText } from '../../../shared/availability/mark-text.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// 09:00 in Los Angeles (the default OFFICE_TIME_ZONE): the portal shows 2 Dec 2026 to 30 Jan 2027.
let clock = new Date('2026-12-02T17:00:00.000Z');
const tick = (ms = 1000) => {
  clock = new Date(clock.getTime() + ms);
};
let api: TestApi;
let abdul: string;
let teresa: string;

const portal = async (crewId: string) => {
  const res = await signedFetch(`${api.url}/api/links/portal`, {
    method: 'POST',
    body: { crew_id: crewId },
  });
  return ((await res.json()) as PortalLinkAnswer).url;
};
const getJson = async <T>(path: string) => {
  const res = await signedFetch(`${api.url}${path}`);
  return { status: res.status, body: (await res.json()) as T };
};
const marksOn = async (query: string) =>
  (await getJson<MarksAnswer>(`/api/availability/marks?${query}`)).body.marks;
const due = async () => (await getJson<DueAnswer>('/api/calls/due')).body;
const applied = async (body: unknown) => {
  const res = await signedFetch(`${api.url}/api/availability/applied`, { method: 'POST', body });
  return {
    status: res.status,
    body: (await res.json()) as MarksAppliedAnswer & { fields?: unknown },
  };
};

/** A day as the form posts it; `was` is what the page showed ("||": nothing set). */
const day = (date: string, kind: string, after = '', note = '', was = '||') => ({
  [`kind_${date}`]: kind,
  [`after_${date}`]: after,
  [`note_${date}`]: note,
  [`was_${date}`]: was,
});
const save = (link: string, fields: Record<string, string>) =>
  postCrewForm(`${link}/availability`, fields);

beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
  abdul = await portal('c-0001');
  teresa = await portal('c-0002');
});
afterAll(() => api.close());

describe('saving marks from the portal', () => {
  it('stores each changed day with who set it and when, and the text the office writes', async () => {
    const saved = await save(abdul, {
      ...day('2026-12-03', 'yes'),
      ...day('2026-12-04', 'after', '14:00', 'dentist (back by 2pm?)'),
      ...day('2026-12-05', 'no'),
      // Shown and left as it was: not a change.
      ...day('2026-12-06', ''),
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toMatch(/\/m\/[^/?]+\?saved=3#availability$/);

    const marks = await marksOn('from=2026-12-03&to=2026-12-06');
    expect(marks).toEqual([
      expect.objectContaining({ date: '2026-12-03', kind: 'yes', text: 'Y' }),
      expect.objectContaining({
        date: '2026-12-04',
        kind: 'after',
        after: '14:00',
        note: 'dentist (back by 2pm?)',
        text: 'after 14:00 [dentist (back by 2pm?)]',
      }),
      expect.objectContaining({ date: '2026-12-05', kind: 'no', text: 'N' }),
    ]);
    for (const m of marks) {
      expect(m).toMatchObject({
        crew_id: 'c-0001',
        availability_key: 'Abdul',
        set_by: 'c-0001',
        set_at: clock.toISOString(),
        state: 'pending',
      });
    }
    const page = await (await fetch(`${abdul}?saved=3`)).text();
    expect(page).toContain('Saved 3 days.');
    expect(page).toMatch(/<option value="after" selected="">After…<\/option>/);
    expect(page).toContain('value="dentist (back by 2pm?)"');
  });

  it('saves nothing when one day is wrong, and says which day and why (400)', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [day('2026-12-10', 'after'), 'Give the time you are free after.'],
      [day('2026-12-10', 'yes', '', 'x'.repeat(81)), 'Keep the note to 80 characters (it has 81).'],
      [
        day('2026-12-10', 'sometimes'),
        'Choose Yes, No, Morning, Afternoon or After… from the list.',
      ],
      [day('2026-12-10', 'after', '2pm'), 'Give the time as hours and minutes, e.g. 14:00.'],
      [day('2027-03-01', 'yes'), 'Mon 1 Mar is not among your next 60 days'],
      [day('2026-12-01', 'yes'), 'Tue 1 Dec is not among your next 60 days'],
    ];
    for (const [bad, words] of cases) {
      const res = await save(abdul, { ...day('2026-12-09', 'yes'), ...bad });
      expect(res.status, words).toBe(400);
      expect(res.body).toContain(words);
      expect(res.body).toContain('Nothing was saved');
    }
    expect(await marksOn('from=2026-12-09&to=2026-12-10')).toEqual([]);
    // The typed values come back, with the error by that day.
    const res = await save(abdul, {
      ...day('2026-12-09', 'yes', '', 'ok'),
      ...day('2026-12-10', 'after', '', 'ferry'),
    });
    expect(res.body).toMatch(
      /<legend>Thu 10 Dec<\/legend>.*?<p class="field-error" id="error_2026-12-10">Give the time you are free after.<\/p>/s,
    );
    expect(res.body).toContain('value="ferry"');
    expect(res.body).toMatch(/id="kind_2026-12-09".*?<option value="yes" selected="">/s);
  });

  it('refuses a post from another site, and a revoked portal link, saving nothing', async () => {
    const foreign = await postCrewForm(
      `${teresa}/availability`,
      day('2026-12-20', 'yes'),
      'https://evil.example.com',
    );
    expect(foreign.status).toBe(403);
    const old = teresa;
    teresa = await portal('c-0002');
    const revoked = await save(old, day('2026-12-20', 'yes'));
    expect(revoked.status).toBe(410);
    expect(revoked.body).toContain('This link was replaced');
    expect(await marksOn('date=2026-12-20')).toEqual([]);
    expect((await save(teresa, day('2026-12-20', 'morning'))).status).toBe(303);
    expect(await marksOn('date=2026-12-20')).toEqual([
      expect.objectContaining({ crew_id: 'c-0002', availability_key: 'Capt. Teresa', text: 'AM' }),
    ]);
  });
});

describe('the office side: pending marks, applied, kept', () => {
  it('hands out pending marks oldest first in the timer answer; applied ones leave it', async () => {
    const pending = (await due()).availability_marks;
    const order = pending.map((m) => `${m.crew_id} ${m.date}`);
    expect(order).toEqual([
      'c-0001 2026-12-03',
      'c-0001 2026-12-04',
      'c-0001 2026-12-05',
      'c-0002 2026-12-20',
    ]);
    const setAts = pending.map((m) => m.set_at);
    expect([...setAts].sort()).toEqual(setAts);

    tick();
    const report = pending.slice(0, 2).map((m, i) => ({
      crew_id: m.crew_id,
      date: m.date,
      set_at: m.set_at,
      outcome: i === 0 ? 'written' : 'kept_office',
      cell: `'December 2026'!C${4 + i}`,
      ...(i === 1 ? { office_value: 'N - boat yard' } : {}),
    }));
    expect((await applied({ results: report })).body).toEqual({ updated: 2, stale: 0 });
    expect((await due()).availability_marks.map((m) => m.date)).toEqual([
      '2026-12-05',
      '2026-12-20',
    ]);
    const [written, kept] = await marksOn('from=2026-12-03&to=2026-12-04');
    expect(written).toMatchObject({
      state: 'written',
      cell: "'December 2026'!C4",
      written_at: clock.toISOString(),
    });
    expect(kept).toMatchObject({ state: 'kept_office', office_value: 'N - boat yard' });
    const page = await (await fetch(abdul)).text();
    expect(page).toContain('The office has “N - boat yard” for this day.');
  });

  it('a re-mark after applied is pending again; a report for the older mark is stale', async () => {
    const before = (await marksOn('date=2026-12-03'))[0] as CrewMark;
    tick();
    await save(abdul, day('2026-12-03', 'afternoon', '', '', 'yes||'));
    const again = (await due()).availability_marks.find((m) => m.date === '2026-12-03');
    expect(again).toMatchObject({ kind: 'afternoon', text: 'PM', state: 'pending' });
    expect((await due()).availability_marks.at(-1)?.date).toBe('2026-12-03');

    // The office read 5 Dec, then the crew member changed it before the office reported.
    const read = (await due()).availability_marks.find((m) => m.date === '2026-12-05') as CrewMark;
    tick();
    await save(abdul, day('2026-12-05', 'morning', '', 'ferry', 'no||'));
    const answer = await applied({
      results: [
        {
          crew_id: 'c-0001',
          date: '2026-12-05',
          set_at: read.set_at,
          outcome: 'written',
          cell: "'December 2026'!C6",
        },
        {
          crew_id: 'c-0001',
          date: '2026-12-03',
          set_at: before.set_at,
          outcome: 'written',
          cell: "'December 2026'!C4",
        },
      ],
    });
    expect(answer.body).toEqual({ updated: 0, stale: 2 });
    const stillPending = (await due()).availability_marks.filter((m) => m.crew_id === 'c-0001');
    expect(stillPending.map((m) => [m.date, m.text])).toEqual([
      ['2026-12-03', 'PM'],
      ['2026-12-05', 'AM [ferry]'],
    ]);
  });

  it('refuses a bad report naming the field, and records none of it', async () => {
    const good = {
      crew_id: 'c-0002',
      date: '2026-12-20',
      set_at: clock.toISOString(),
      outcome: 'written',
      cell: 'A1',
    };
    const res = await applied({
      results: [good, good, good, { ...good, date: '2026-02-30' }, { ...good, outcome: 'done' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      { field: 'results.3.date', message: 'is not a date that exists' },
      { field: 'results.4.outcome', message: 'must be "written", "kept_office" or "no_cell"' },
    ]);
    expect((await applied({ results: [{ ...good, cell: undefined }] })).body.fields).toEqual([
      {
        field: 'results.0.cell',
        message: "is required: the cell written, such as 'December 2026'!C5",
      },
    ]);
    expect((await applied({ results: [{ ...good, outcome: 'kept_office' }] })).body.fields).toEqual(
      [
        {
          field: 'results.0.office_value',
          message: 'is required with "kept_office": what the office has in the cell',
        },
      ],
    );
    expect((await applied({})).body.fields).toEqual([{ field: 'results', message: 'is required' }]);
    expect((await marksOn('date=2026-12-20'))[0]?.state).toBe('pending');
    const query = await getJson<{ fields: unknown }>('/api/availability/marks?from=2026-12-20');
    expect(query.status).toBe(400);
    expect(query.body.fields).toEqual([
      { field: 'to', message: 'is required (or give date=YYYY-MM-DD)' },
    ]);
  });
});

describe('the portal beside the charters', () => {
  it('says which days they are confirmed on', async () => {
    await signedFetch(`${api.url}/api/charters/CH-MARKS`, {
      method: 'PUT',
      body: {
        vessel: 'Blue Heron',
        date: '2026-12-12',
        start: '16:30',
        end: '19:30',
        time_zone: 'America/Los_Angeles',
        client: 'M. Ortega (sunset)',
        guests: 6,
        needs: { captain: 1 },
        price: { amount_cents: 145000, currency: 'USD' },
      },
    });
    const res = await signedFetch(`${api.url}/api/charters/CH-MARKS/calls`, {
      method: 'POST',
      body: { availability: { Abdul: 'yes' } },
    });
    const { notifications } = (await res.json()) as StartCallAnswer;
    const call = notifications.find((n) => n.to === 'abdul.rahimi@example.com')?.link_url;
    expect((await postCrewForm(call as string, { action: 'accept' })).result).toBe('confirmed');
    const page = await (await fetch(abdul)).text();
    expect(page).toMatch(
      /<legend>Sat 12 Dec<\/legend><p class="hint">You are confirmed on Blue Heron this day.<\/p>/,
    );
    expect(page.match(/You are confirmed on/g)).toHaveLength(1);
  });
});

describe('two tabs of the same portal saving at once', () => {
  it('ends with one consistent mark per day, pending once', async () => {
    const dates = ['2027-01-10', '2027-01-11', '2027-01-12', '2027-01-13'];
    const tab = (kind: string, after: string, note: string) =>
      Object.assign({}, ...dates.map((d) => day(d, kind, after, note)));
    const tabs = [tab('yes', '', 'tab one'), tab('after', '09:30', 'tab two')];
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => save(teresa, tabs[i % 2] as Record<string, string>)),
    );
    expect(results.map((r) => r.status)).toEqual([303, 303, 303, 303, 303, 303]);
    const marks = await marksOn('from=2027-01-10&to=2027-01-13');
    expect(marks.map((m) => m.date)).toEqual(dates);
    for (const m of marks) {
      expect(['tab one', 'tab two']).toContain(m.note);
      expect(m.kind).toBe(m.note === 'tab one' ? 'yes' : 'after');
      expect(m.text).toBe(markText(m));
    }
    const pending = (await due()).availability_marks.filter((m) => m.date >= '2027-01-10');
    expect(pending.map((m) => m.date).sort()).toEqual(dates);
    expect(pending.map((m) => m.text)).toEqual(marks.map((m) => m.text));
  });
});
