import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type PlanInput, planCrewCall } from '../../../edge-api/src/crew-calls/plan-crew-call.js';
import type { AvailabilityMark, DayAvailability } from '../../../shared/availability/index.js';
import type { CrewMember } from '../../../shared/crew/index.js';

// ---- fixtures (copied from the shared fictional data into test/fixtures/) ----

const readFixture = <T>(path: string): T =>
  JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')) as T;

interface RawCrew extends Omit<CrewMember, 'day_rate' | 'created_at' | 'updated_at' | 'version'> {
  day_rate_usd: number;
}
type FixtureCharter = PlanInput['charter'];

const ROSTER: CrewMember[] = readFixture<RawCrew[]>('roster.json').map(
  ({ day_rate_usd, ...rest }) => ({
    ...rest,
    day_rate: { amount_cents: day_rate_usd * 100, currency: 'USD' },
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    version: 1,
  }),
);
const CHARTERS = readFixture<FixtureCharter[]>('charters.json');
const DECEMBER = readFixture<{ timeZone: string; values: unknown[][] }>(
  'availability/2026-12.json',
);

function charter(id: string): FixtureCharter {
  const found = CHARTERS.find((c) => c.charter_id === id);
  if (!found) throw new Error(`no charter ${id} in the fixtures`);
  return found;
}

/** Roster with some members changed, e.g. `roster({ 'c-0001': { active: false } })`. */
function roster(changes: Record<string, Partial<CrewMember>> = {}): CrewMember[] {
  return ROSTER.map((m) => ({ ...m, ...changes[m.crew_id] }));
}

/** A stand-in for the sheet side's cell reading, enough for the fixture's cells. */
function readCell(cell: unknown): AvailabilityMark | undefined {
  if (cell === true) return { status: 'yes' };
  if (cell === false) return { status: 'no' };
  const text = String(cell ?? '').trim();
  const lower = text.toLowerCase();
  if (lower === '') return undefined;
  if (['y', 'yes', 'x', '✓', 'true', '1'].includes(lower)) return { status: 'yes' };
  const after = /^y\s*-\s*after\s+(\d{1,2})\s*(am|pm)$/.exec(lower);
  if (after) {
    const hour = (Number(after[1]) % 12) + (after[2] === 'pm' ? 12 : 0);
    return { status: 'yes', after: `${String(hour).padStart(2, '0')}:00` };
  }
  if (lower === 'am') return { status: 'am' };
  if (lower === 'pm') return { status: 'pm' };
  if (['n', 'no', 'out', '0'].includes(lower) || /^n\s*\(/.test(lower)) return { status: 'no' };
  return { status: 'note', note: text };
}

/** One date of the December tab as DayAvailability (blank cells left out). */
function december(date: string, overrides: DayAvailability = {}): DayAvailability {
  const [header = [], ...rows] = DECEMBER.values;
  const row = rows.find(
    (r) =>
      typeof r[0] === 'string' &&
      DateTime.fromISO(r[0], { zone: DECEMBER.timeZone }).toISODate() === date,
  );
  if (!row) throw new Error(`no row for ${date}`);
  const day: DayAvailability = {};
  header.forEach((key, i) => {
    if (i === 0 || key === 'Notes') return;
    const mark = readCell(row[i]);
    if (mark) day[String(key)] = mark;
  });
  return { ...day, ...overrides };
}

function plan(overrides: Partial<PlanInput> & Pick<PlanInput, 'charter' | 'now'>) {
  return planCrewCall({
    roster: ROSTER,
    availability: {},
    recentConfirmed: {},
    ...overrides,
  });
}

const ids = (list: Array<{ crew_id: string }>) => list.map((c) => c.crew_id);
const reasonFor = (p: ReturnType<typeof planCrewCall>, crewId: string) =>
  p.excluded.find((e) => e.crew_id === crewId)?.reason;

// ---- Saturday 5 Dec, 09:00–13:00 (17:00Z), 1 captain, 1 mate, 2 deckhands ----

const DEC5 = charter('CH-2026-1205-A');
const WEEK_BEFORE_DEC5 = new Date('2026-11-28T17:00:00Z');

describe('planCrewCall: levels, skipping and fairness', () => {
  const p = plan({ charter: DEC5, availability: december('2026-12-05'), now: WEEK_BEFORE_DEC5 });

  it('calls the levels in ascending order, skipping level 1 whose captains are both out', () => {
    expect(p.charter_id).toBe('CH-2026-1205-A');
    expect(p.departs_at).toBe('2026-12-05T17:00:00Z');
    expect(p.planned_at).toBe('2026-11-28T17:00:00Z');
    expect(p.seats).toEqual({ captain: 1, deckhand: 2, mate: 1 });
    expect(p.levels.map((l) => l.level)).toEqual([2, 3, 4]);
    expect(p.levels.map((l) => ids(l.candidates))).toEqual([
      ['c-0005', 'c-0003', 'c-0004'], // Kenji (yes), Liam (AM), Marisol (AM): by name
      ['c-0008'], // Esmi
      ['c-0012'], // Hana
    ]);
    expect(p.levels.map((l) => l.roles)).toEqual([['captain', 'mate'], ['deckhand'], ['deckhand']]);
    expect(p.skipped_levels).toEqual([{ level: 1, reason: 'nobody at level 1 is available' }]);
    expect(p.short_roles).toEqual([]);
    expect(p.unknown_availability_keys).toEqual([]);
  });

  it('hands each candidate what the mail and the pages need', () => {
    expect(p.levels[0]?.candidates[0]).toEqual({
      crew_id: 'c-0005',
      name: 'Kenji Watanabe',
      first_name: 'Kenji',
      role: 'mate',
      cascade_level: 2,
      email: 'kenji.watanabe@example.com',
      phone: '+13105550105',
      day_rate: { amount_cents: 30000, currency: 'USD' },
      recent_confirmed: 0,
    });
  });

  it('lists everyone of a needed role who is left out, with the reason, and nobody else', () => {
    expect(p.excluded).toEqual([
      {
        crew_id: 'c-0001',
        name: 'Abdul Rahimi',
        role: 'captain',
        cascade_level: 1,
        reason: 'not available',
      },
      {
        crew_id: 'c-0002',
        name: 'Teresa Okafor',
        role: 'captain',
        cascade_level: 1,
        reason: 'no availability given for this date',
      },
      {
        crew_id: 'c-0007',
        name: 'Danika Holm',
        role: 'deckhand',
        cascade_level: 3,
        reason: 'available afternoons only (PM)',
      },
      {
        crew_id: 'c-0009',
        name: 'Owen Pike',
        role: 'deckhand',
        cascade_level: 3,
        reason: 'not available',
      },
      {
        crew_id: 'c-0006',
        name: 'Priya Nair',
        role: 'mate',
        cascade_level: 3,
        reason: 'not available',
      },
      {
        crew_id: 'c-0010',
        name: 'Sofia Marchetti',
        role: 'deckhand',
        cascade_level: 4,
        reason: 'not available',
      },
    ]);
    // Ray is a skipper and the charter needs none: neither called nor listed as excluded;
    // since issue 14 he is in left_out (nobody silently left out), and only there.
    const { left_out: leftOut, ...rest } = p;
    expect(JSON.stringify(rest)).not.toContain('c-0011');
    expect(leftOut.find((l) => l.crew_id === 'c-0011')?.code).toBe('not_qualified');
  });

  it('puts whoever worked least in the last 30 days first, then goes by name', () => {
    const fair = plan({
      charter: DEC5,
      availability: december('2026-12-05'),
      now: WEEK_BEFORE_DEC5,
      recentConfirmed: { 'c-0005': 3, 'c-0003': 1, 'c-0004': 1 },
    });
    expect(ids(fair.levels[0]?.candidates ?? [])).toEqual(['c-0003', 'c-0004', 'c-0005']);
    expect(fair.levels[0]?.candidates.map((c) => c.recent_confirmed)).toEqual([1, 1, 3]);
  });

  it('drops roles needing 0 seats: their crew are neither called, excluded nor skipped', () => {
    const p2 = plan({
      charter: { ...DEC5, needs: { captain: 1, mate: 0, deckhand: 2 } },
      availability: december('2026-12-05'),
      now: WEEK_BEFORE_DEC5,
    });
    expect(p2.seats).toEqual({ captain: 1, deckhand: 2 });
    expect(p2.levels.flatMap((l) => l.roles)).not.toContain('mate');
    expect(p2.excluded.map((e) => e.role)).not.toContain('mate');
  });
});

describe('planCrewCall: windows shrink as departure nears', () => {
  const windows = (now: string) =>
    plan({ charter: DEC5, availability: december('2026-12-05'), now: new Date(now) }).levels.map(
      (l) => [l.opens_at, l.window_minutes, l.closes_at],
    );

  it('gives 12 h a level a week out, then shorter windows as the lead shrinks', () => {
    expect(windows('2026-11-28T17:00:00Z')).toEqual([
      ['2026-11-28T17:00:00Z', 720, '2026-11-29T05:00:00Z'], // 168 h out
      ['2026-11-29T05:00:00Z', 360, '2026-11-29T11:00:00Z'], // 156 h out
      ['2026-11-29T11:00:00Z', 360, '2026-11-29T17:00:00Z'],
    ]);
  });

  it('gives 30 minutes a level the day before', () => {
    expect(windows('2026-12-04T20:00:00Z')).toEqual([
      ['2026-12-04T20:00:00Z', 30, '2026-12-04T20:30:00Z'],
      ['2026-12-04T20:30:00Z', 30, '2026-12-04T21:00:00Z'],
      ['2026-12-04T21:00:00Z', 30, '2026-12-04T21:30:00Z'],
    ]);
  });

  it('gives later levels the smaller window once they open inside 24 h', () => {
    expect(windows('2026-12-04T16:00:00Z')).toEqual([
      ['2026-12-04T16:00:00Z', 120, '2026-12-04T18:00:00Z'], // 25 h out
      ['2026-12-04T18:00:00Z', 30, '2026-12-04T18:30:00Z'], // 23 h out
      ['2026-12-04T18:30:00Z', 30, '2026-12-04T19:00:00Z'],
    ]);
  });

  it('uses the policy it is given, and drops the milliseconds of now', () => {
    const p = plan({
      charter: DEC5,
      availability: december('2026-12-05'),
      now: new Date('2026-11-28T17:00:00.750Z'),
      policy: [{ lead_hours_at_least: 0, window_minutes: 15 }],
    });
    expect(p.planned_at).toBe('2026-11-28T17:00:00Z');
    expect(p.levels.map((l) => l.closes_at)).toEqual([
      '2026-11-28T17:15:00Z',
      '2026-11-28T17:30:00Z',
      '2026-11-28T17:45:00Z',
    ]);
  });

  it('still plans a charter whose departure has passed, with the smallest window', () => {
    const p = plan({
      charter: DEC5,
      availability: december('2026-12-05'),
      now: new Date('2026-12-05T18:00:00Z'),
    });
    expect(p.levels.map((l) => l.window_minutes)).toEqual([30, 30, 30]);
  });
});

describe("planCrewCall: New Year's Eve, 21:00 to 00:30", () => {
  const NYE = charter('CH-2026-1231-A');
  // Liam marked PM instead of the sheet's ✓: an afternoon mark covers a 21:00 start.
  const p = plan({
    charter: NYE,
    availability: december('2026-12-31', { 'Liam B': { status: 'pm' } }),
    now: new Date('2026-12-24T17:00:00Z'),
  });

  it('departs at 21:00 Pacific, which is already New Year’s Day in UTC', () => {
    expect(p.departs_at).toBe('2027-01-01T05:00:00Z');
  });

  it('leaves out AM-only crew and calls PM crew', () => {
    expect(reasonFor(p, 'c-0002')).toBe('available mornings only (AM)'); // Teresa
    expect(reasonFor(p, 'c-0006')).toBe('available mornings only (AM)'); // Priya
    expect(ids(p.levels.flatMap((l) => l.candidates))).toContain('c-0003'); // Liam, PM
    expect(p.levels.map((l) => [l.level, ids(l.candidates)])).toEqual([
      [1, ['c-0001']],
      [2, ['c-0003']],
      [3, ['c-0007', 'c-0008', 'c-0009']],
      [4, ['c-0012']],
    ]);
  });

  it('passes a note on to the office and reports the mate seat nobody can fill', () => {
    expect(reasonFor(p, 'c-0005')).toBe('sheet says "maybe": ask them directly'); // Kenji
    expect(p.short_roles).toEqual([{ role: 'mate', seats: 1, candidates: 0 }]);
  });

  it('refuses "yes until 23:00" for a charter that runs past midnight', () => {
    const p2 = plan({
      charter: NYE,
      availability: december('2026-12-31', { Abdul: { status: 'yes', before: '23:00' } }),
      now: new Date('2026-12-24T17:00:00Z'),
    });
    expect(reasonFor(p2, 'c-0001')).toBe('available only until 23:00');
  });
});

describe('planCrewCall: the night daylight saving time starts', () => {
  const DST = charter('CH-2027-0314-A'); // 01:30–05:00, the clocks jump 02:00 → 03:00
  const p = plan({
    charter: DST,
    availability: {
      Abdul: { status: 'yes' },
      'Capt. Teresa': { status: 'pm' },
      Danika: { status: 'am' },
      Owen: { status: 'yes', after: '14:00' },
    },
    now: new Date('2027-03-07T09:30:00Z'),
  });

  it('departs at 01:30 PST (09:30Z) and plans from there', () => {
    expect(p.departs_at).toBe('2027-03-14T09:30:00Z');
    expect(p.seats).toEqual({ captain: 1, deckhand: 1 });
    expect(p.levels.map((l) => [l.level, ids(l.candidates), l.window_minutes])).toEqual([
      [1, ['c-0001'], 720],
      [3, ['c-0007'], 360],
    ]);
  });

  it('judges availability on local times: AM covers a 05:00 finish, PM and "after 14:00" do not', () => {
    expect(reasonFor(p, 'c-0002')).toBe('available afternoons only (PM)');
    expect(reasonFor(p, 'c-0009')).toBe('available only after 14:00');
    expect(p.skipped_levels).toEqual([
      { level: 2, reason: 'nobody at level 2 is available' },
      { level: 4, reason: 'nobody at level 4 is available' },
    ]);
  });
});

describe('planCrewCall: Saturday 12 Dec, 10:00–16:00, 1 captain, 2 mates, 3 deckhands', () => {
  const DEC12 = charter('CH-2026-1212-A');
  const now = new Date('2026-12-08T18:00:00Z');

  it('leaves out "yes after 14:00" from a 10:00 start and reports short roles', () => {
    const p = plan({
      charter: DEC12,
      availability: december('2026-12-12', {
        Marisol: readCell('Y - after 2pm') as AvailabilityMark,
      }),
      now,
    });
    expect(reasonFor(p, 'c-0004')).toBe('available only after 14:00');
    expect(reasonFor(p, 'c-0008')).toBe('sheet says "call me": ask them directly'); // Esmi
    expect(p.short_roles).toEqual([
      { role: 'deckhand', seats: 3, candidates: 1 },
      { role: 'mate', seats: 2, candidates: 1 },
    ]);
  });

  it('leaves out inactive crew with the reason, whatever the sheet says', () => {
    const p = plan({
      charter: DEC12,
      roster: roster({ 'c-0001': { active: false } }),
      availability: december('2026-12-12'),
      now,
    });
    expect(reasonFor(p, 'c-0001')).toBe('inactive');
    expect(ids(p.levels.flatMap((l) => l.candidates))).not.toContain('c-0001');
    // Teresa (n) is the only active level-1 captain left: level 1 is skipped.
    expect(p.skipped_levels).toEqual([{ level: 1, reason: 'nobody at level 1 is available' }]);
  });

  it('does not report a level as skipped when everyone on it is inactive', () => {
    const p = plan({
      charter: DEC12,
      roster: roster({ 'c-0001': { active: false }, 'c-0002': { active: false } }),
      availability: december('2026-12-12'),
      now,
    });
    expect(p.skipped_levels).toEqual([]);
    expect(p.levels[0]?.level).toBe(2);
    expect(p.levels[0]?.opens_at).toBe('2026-12-08T18:00:00Z');
  });

  it('matches sheet keys ignoring case and spaces, never guessing, and reports unknown keys', () => {
    const availability = december('2026-12-12');
    delete availability.Abdul;
    delete availability.Hana;
    availability['  abdul '] = { status: 'yes' };
    availability['Capt Hana'] = { status: 'yes' };
    availability['Guest Skipper'] = { status: 'yes' };
    const p = plan({ charter: DEC12, availability, now });
    expect(ids(p.levels[0]?.candidates ?? [])).toEqual(['c-0001']);
    expect(reasonFor(p, 'c-0012')).toBe('no availability given for this date');
    expect(p.unknown_availability_keys).toEqual(['Capt Hana', 'Guest Skipper']);
  });
});

// ---- 200 generated crew ----

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function shuffle<T>(list: T[], seed: number): T[] {
  const random = rng(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('planCrewCall: 200 generated crew', () => {
  const first = ['Ada', 'Bo', 'Cruz', 'Dana', 'Eli', 'Fenna', 'Gus', 'Ines'];
  const last = ['Archer', 'Baylor', 'Cove', 'Dunmore', 'Ellery'];
  const roles = ['captain', 'mate', 'deckhand', 'deckhand', 'skipper'];
  const marks: Array<AvailabilityMark | undefined> = [
    { status: 'yes' },
    { status: 'yes', after: '14:00' },
    { status: 'am' },
    { status: 'pm' },
    { status: 'no' },
    { status: 'note', note: 'ask me' },
    undefined,
  ];
  const random = rng(42);
  const crew: CrewMember[] = [];
  const availability: DayAvailability = {};
  const recentConfirmed: Record<string, number> = {};
  for (let i = 0; i < 200; i++) {
    const n = String(i).padStart(3, '0');
    const name = `${first[i % first.length]} ${last[Math.floor(i / 8) % last.length]}`; // names repeat
    const key = `${name} ${n}`;
    crew.push({
      crew_id: `c-gen-${n}`,
      name,
      phone: `+131055501${String(i % 100).padStart(2, '0')}`,
      email: `crew${n}@example.com`,
      role: roles[i % roles.length] as string,
      cascade_level: 1 + Math.floor(random() * 5),
      availability_key: key,
      day_rate: { amount_cents: 20000, currency: 'USD' },
      active: random() > 0.1,
      created_at: '2026-11-01T00:00:00Z',
      updated_at: '2026-11-01T00:00:00Z',
      version: 1,
    });
    const mark = marks[Math.floor(random() * marks.length)];
    if (mark) availability[key] = mark;
    recentConfirmed[`c-gen-${n}`] = Math.floor(random() * 3);
  }
  availability['Nobody On The Roster'] = { status: 'yes' };
  const input: PlanInput = {
    charter: DEC5,
    roster: crew,
    availability,
    recentConfirmed,
    now: new Date('2026-12-01T17:00:00Z'),
  };
  const reference = planCrewCall(input);

  it('gives the same plan for the same input, whatever the roster and sheet order', () => {
    expect(planCrewCall(input)).toEqual(reference);
    for (const seed of [1, 2, 3]) {
      const reordered = Object.fromEntries(shuffle(Object.entries(availability), seed));
      expect(
        planCrewCall({ ...input, roster: shuffle(crew, seed), availability: reordered }),
      ).toEqual(reference);
    }
    expect(planCrewCall({ ...input, roster: [...crew].reverse() })).toEqual(reference);
  });

  it('accounts for every crew member of a needed role exactly once, fairest first', () => {
    const needed = crew.filter((c) => c.role !== 'skipper').map((c) => c.crew_id);
    const called = reference.levels.flatMap((l) => ids(l.candidates));
    expect([...called, ...ids(reference.excluded)].sort()).toEqual(needed.sort());
    for (const level of reference.levels) {
      level.candidates.slice(1).forEach((b, i) => {
        const a = level.candidates[i] as (typeof level.candidates)[number];
        const inOrder =
          a.recent_confirmed < b.recent_confirmed ||
          (a.recent_confirmed === b.recent_confirmed &&
            (a.name.toLowerCase() < b.name.toLowerCase() ||
              (a.name === b.name && a.crew_id < b.crew_id)));
        expect(inOrder, `${a.crew_id} before ${b.crew_id} on level ${level.level}`).toBe(true);
      });
    }
    expect(reference.unknown_availability_keys).toEqual(['Nobody On The Roster']);
  });
});
