import { describe, expect, it } from 'vitest';
import { type PlanInput, planCrewCall } from '../../../edge-api/src/crew-calls/plan-crew-call.js';
import type { DayAvailability } from '../../../shared/availability/index.js';
import type { CrewMember } from '../../../shared/crew/index.js';

// A small fictional roster where some people hold more than one qualification.
const member = (
  crew_id: string,
  name: string,
  role: string,
  cascade_level: number,
  also?: CrewMember['also_qualified'],
  active = true,
): CrewMember => ({
  crew_id,
  name,
  phone: `+1310555010${crew_id.slice(-1)}`,
  email: `${name.split(' ')[0]?.toLowerCase()}@example.com`,
  role,
  cascade_level,
  availability_key: name.split(' ')[0] as string,
  day_rate: { amount_cents: 30000, currency: 'USD' },
  active,
  ...(also ? { also_qualified: also } : {}),
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
  version: 1,
});

const charter = (needs: Record<string, number>): PlanInput['charter'] => ({
  charter_id: 'CH-QUALS',
  date: '2026-12-05',
  start: '09:00',
  end: '13:00',
  time_zone: 'America/Los_Angeles',
  needs,
});

const plan = (needs: Record<string, number>, roster: CrewMember[], availability: DayAvailability) =>
  planCrewCall({
    charter: charter(needs),
    roster,
    availability,
    recentConfirmed: {},
    now: new Date('2026-11-28T17:00:00Z'),
  });

/** Each level as "level: person/role(+also roles)", fairest first. */
const levelsOf = (p: ReturnType<typeof plan>) =>
  p.levels.map(
    (l) =>
      `${l.level}: ${l.candidates
        .map((c) => `${c.first_name}/${[c.role, ...(c.also_roles ?? [])].join('+')}`)
        .join(', ')}`,
  );

const yes = { status: 'yes' } as const;
const no = { status: 'no' } as const;

const ana = member('c-q1', 'Ana Example', 'captain', 1, [{ role: 'mate', cascade_level: 3 }]);
const ben = member('c-q2', 'Ben Example', 'mate', 1);
const cai = member('c-q3', 'Cai Example', 'skipper', 2, [{ role: 'captain', cascade_level: 2 }]);
const dee = member('c-q4', 'Dee Example', 'mate', 2, [{ role: 'deckhand', cascade_level: 2 }]);
const eli = member('c-q5', 'Eli Example', 'deckhand', 1, [{ role: 'mate', cascade_level: 1 }]);

describe('planCrewCall: crew with more than one qualification', () => {
  it.each<{
    name: string;
    needs: Record<string, number>;
    roster: CrewMember[];
    availability: DayAvailability;
    levels: string[];
    short?: Array<{ role: string; seats: number; candidates: number }>;
  }>([
    {
      name: 'a captain who also crews as mate is considered as mate at the mate level',
      needs: { captain: 1, mate: 1 },
      roster: [ana, ben],
      availability: { Ana: yes, Ben: yes },
      levels: ['1: Ana/captain, Ben/mate', '3: Ana/mate'],
    },
    {
      name: 'a qualification for a role the charter does not need changes nothing',
      needs: { captain: 1 },
      roster: [ana, ben],
      availability: { Ana: yes, Ben: yes },
      levels: ['1: Ana/captain'],
    },
    {
      name: 'someone reached only through their extra role (a skipper taking captain seats)',
      needs: { captain: 1 },
      roster: [cai],
      availability: { Cai: yes },
      levels: ['2: Cai/captain'],
    },
    {
      name: 'two needed roles at the same level: one candidate offered both, primary first',
      needs: { mate: 1, deckhand: 2 },
      roster: [dee, eli],
      availability: { Dee: yes, Eli: yes },
      levels: ['1: Eli/deckhand+mate', '2: Dee/mate+deckhand'],
    },
    {
      name: 'someone unavailable is left out of every role they hold',
      needs: { captain: 1, mate: 1 },
      roster: [ana, ben],
      availability: { Ana: no, Ben: yes },
      levels: ['1: Ben/mate'],
      short: [{ role: 'captain', seats: 1, candidates: 0 }],
    },
    {
      name: 'short roles count people who hold the role as an extra qualification',
      needs: { mate: 2 },
      roster: [ana, ben],
      availability: { Ana: yes, Ben: yes },
      levels: ['1: Ben/mate', '3: Ana/mate'],
      short: [],
    },
  ])('$name', ({ needs, roster, availability, levels, short }) => {
    const p = plan(needs, roster, availability);
    expect(levelsOf(p)).toEqual(levels);
    if (short) expect(p.short_roles).toEqual(short);
  });

  it('lists a left-out person once, under the first seat they could have taken', () => {
    const p = plan({ captain: 1, mate: 1 }, [ana, ben], { Ben: yes });
    expect(p.excluded.map((e) => `${e.name}/${e.role}/${e.cascade_level}`)).toEqual([
      'Ana Example/captain/1',
    ]);
  });

  it('lists the roles of every level, extra qualifications included', () => {
    const p = plan({ mate: 1, deckhand: 2 }, [dee, eli], { Dee: yes, Eli: yes });
    expect(p.levels.map((l) => l.roles)).toEqual([
      ['deckhand', 'mate'],
      ['deckhand', 'mate'],
    ]);
  });

  it('plans a roster without extra qualifications exactly as before (no also_roles)', () => {
    const p = plan({ captain: 1, mate: 1 }, [ben, member('c-q6', 'Fay Example', 'captain', 1)], {
      Ben: yes,
      Fay: yes,
    });
    for (const c of p.levels.flatMap((l) => l.candidates))
      expect(c).not.toHaveProperty('also_roles');
  });
});
