import { describe, expect, it } from 'vitest';
import { planCrewCall } from '../../../edge-api/src/crew-calls/plan-crew-call.js';
import type { DayAvailability } from '../../../shared/availability/index.js';
import type { CrewMember } from '../../../shared/crew/index.js';

// Nobody silently left out: every roster member who is not a candidate is in plan.left_out,
// with a machine-readable code and the words the office reads.

let n = 0;
function member(name: string, role: string, changes: Partial<CrewMember> = {}): CrewMember {
  n += 1;
  const id = `c-${String(n).padStart(4, '0')}`;
  return {
    crew_id: id,
    name,
    phone: `+1310555${String(100 + n).padStart(4, '0')}`,
    email: `${name.split(' ')[0]?.toLowerCase()}@example.com`,
    role,
    cascade_level: 1,
    availability_key: name.split(' ')[0] as string,
    day_rate: { amount_cents: 20000, currency: 'USD' },
    active: true,
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    version: 1,
    ...changes,
  };
}

const ROSTER = [
  member('Abdul Rahimi', 'captain'), // yes: called
  member('Teresa Okafor', 'captain'), // blank: no mark
  member('Liam Brennan', 'captain'), // yes, but confirmed on another charter that day
  member('Marisol Vega', 'mate'), // after 14:00: part-day that does not fit
  member('Kenji Watanabe', 'mate'), // maybe
  member('Priya Nair', 'mate'), // no
  member('Ray Tanaka', 'skipper'), // no skipper seat
  member('Danika Holm', 'deckhand', { active: false }), // inactive
  member('Owen Pike', 'skipper', { active: false }), // inactive, of a role not needed
  member('Esmi Duarte', 'deckhand', { cascade_level: 2 }), // pm: does not fit a morning
];
const byName = (name: string) => ROSTER.find((m) => m.name === name) as CrewMember;

const AVAILABILITY: DayAvailability = {
  Abdul: { status: 'yes' },
  Liam: { status: 'yes' },
  Marisol: { status: 'yes', after: '14:00' },
  Kenji: { status: 'note', note: 'maybe' },
  Priya: { status: 'no' },
  Ray: { status: 'yes' },
  Danika: { status: 'yes' },
  Esmi: { status: 'pm' },
};

const CHARTER = {
  charter_id: 'CH-LEFT-OUT',
  date: '2026-12-05',
  start: '09:00',
  end: '13:00',
  time_zone: 'America/Los_Angeles',
  needs: { captain: 1, mate: 1, deckhand: 2 },
};

const plan = () =>
  planCrewCall({
    charter: CHARTER,
    roster: ROSTER,
    availability: AVAILABILITY,
    recentConfirmed: {},
    otherCharters: {
      [byName('Liam Brennan').crew_id]: {
        charter_id: 'CH-OTHER',
        vessel: 'Sea Lark',
        date: '2026-12-05',
        start: '15:00',
        end: '19:00',
      },
    },
    now: new Date('2026-11-28T17:00:00Z'),
  });

describe('plan.left_out', () => {
  it('names every roster member who is not a candidate, with a code, and nobody who is', () => {
    const p = plan();
    const called = p.levels.flatMap((l) => l.candidates.map((c) => c.name));
    expect(called).toEqual(['Abdul Rahimi']);
    expect(p.left_out.map((l) => [l.name, l.code])).toEqual([
      ['Danika Holm', 'inactive'],
      ['Kenji Watanabe', 'unsure'],
      ['Liam Brennan', 'other_charter'],
      ['Marisol Vega', 'part_day'],
      ['Owen Pike', 'inactive'],
      ['Priya Nair', 'unavailable'],
      ['Ray Tanaka', 'not_qualified'],
      ['Teresa Okafor', 'no_mark'],
      ['Esmi Duarte', 'part_day'],
    ]);
    expect(called.length + p.left_out.length).toBe(ROSTER.length);
  });

  it('says why in words the office reads, with the key that finds their cell', () => {
    const words = Object.fromEntries(plan().left_out.map((l) => [l.name, l.words]));
    expect(words).toEqual({
      'Teresa Okafor': 'no mark on Dec 5',
      'Liam Brennan': 'on Sea Lark that day (CH-OTHER, 15:00-19:00)',
      'Marisol Vega': 'available only after 14:00; the charter is 09:00-13:00',
      'Kenji Watanabe': 'sheet says "maybe": ask them directly',
      'Priya Nair': 'not available on Dec 5',
      'Ray Tanaka': 'not qualified for an open seat (skipper; open: captain, deckhand, mate)',
      'Danika Holm': 'inactive on the roster',
      'Owen Pike': 'inactive on the roster',
      'Esmi Duarte': 'available afternoons only (PM); the charter is 09:00-13:00',
    });
    const liam = plan().left_out.find((l) => l.name === 'Liam Brennan');
    expect(liam).toMatchObject({
      availability_key: 'Liam',
      role: 'captain',
      cascade_level: 1,
      other_charter: { charter_id: 'CH-OTHER', vessel: 'Sea Lark' },
    });
  });

  it('keeps `excluded` as it was: needed roles only, and the other charter is a reason there too', () => {
    const p = plan();
    expect(p.excluded.map((e) => e.name)).not.toContain('Ray Tanaka');
    expect(p.excluded.map((e) => e.name)).not.toContain('Owen Pike');
    expect(p.excluded.find((e) => e.name === 'Teresa Okafor')?.reason).toBe(
      'no availability given for this date',
    );
    expect(p.excluded.find((e) => e.name === 'Liam Brennan')?.reason).toBe(
      'on Sea Lark that day (CH-OTHER, 15:00-19:00)',
    );
  });

  it('without other charters the same person is a candidate', () => {
    const p = planCrewCall({
      charter: CHARTER,
      roster: ROSTER,
      availability: AVAILABILITY,
      recentConfirmed: {},
      now: new Date('2026-11-28T17:00:00Z'),
    });
    expect(p.levels[0]?.candidates.map((c) => c.name)).toContain('Liam Brennan');
  });
});
