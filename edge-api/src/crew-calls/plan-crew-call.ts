import type {
  CallPlan,
  PlannedLevel as ContractPlannedLevel,
  LeftOut,
  OtherCharter,
  PlannedCandidate,
} from '../../../shared/api/crew-calls.js';
import { type DayAvailability, fitsAvailability } from '../../../shared/availability/index.js';
import { type Charter, charterTimes } from '../../../shared/charter/index.js';
import { type CrewMember, firstName, nameSortKey } from '../../../shared/crew/index.js';
import { DEFAULT_WINDOW_POLICY, type WindowPolicy, windowMinutesFor } from './call-windows.js';
import { inactive, markDoesNotFit, notSeated, onOtherCharter } from './left-out.js';
import { neededQualifications, seatsByLevel } from './qualifications.js';

/**
 * The cascade planner: who a crew call reaches, level by level, and when each
 * level's window opens and closes. Pure: the clock comes in as `now`, the
 * roster and the day's availability come in as data. The plan is frozen onto
 * the call when it is sent, and shown as-is in the office's preview.
 */

// The plan's shapes are the wire contract's (shared/api/crew-calls.ts): one declaration, so
// the planner, the preview answer and the frozen call cannot drift apart.
export type Candidate = PlannedCandidate;
export type PlannedLevel = ContractPlannedLevel;
export type Exclusion = CallPlan['excluded'][number];
export type CrewCallPlan = CallPlan;

export interface PlanInput {
  charter: Pick<Charter, 'charter_id' | 'date' | 'start' | 'end' | 'time_zone' | 'needs'>;
  roster: CrewMember[];
  /** Keyed by availability_key; matched after trim + case/accent folding, never fuzzily. */
  availability: DayAvailability;
  /** crew_id → confirmed charters in the last 30 days (missing = 0). */
  recentConfirmed: Record<string, number>;
  /** crew_id → another charter they are confirmed on that day: not a candidate. */
  otherCharters?: Record<string, OtherCharter>;
  now: Date;
  /** Default DEFAULT_WINDOW_POLICY. */
  policy?: WindowPolicy;
}

const MS_PER_MINUTE = 60_000;

/** UTC ISO without milliseconds, e.g. 2026-12-05T17:00:00Z. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const normaliseRole = (role: string): string => role.trim().toLowerCase();

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Cascade level, then folded name, then id: the order the office reads lists in. */
function compareByLevelThenName(
  a: { cascade_level: number; name: string; crew_id: string },
  b: { cascade_level: number; name: string; crew_id: string },
): number {
  return (
    a.cascade_level - b.cascade_level ||
    nameSortKey(a.name).localeCompare(nameSortKey(b.name)) ||
    byText(a.crew_id, b.crew_id)
  );
}

/** Fairest first: fewest recent confirmed charters, then name, then id. */
function compareFairness(a: Candidate, b: Candidate): number {
  return (
    a.recent_confirmed - b.recent_confirmed ||
    nameSortKey(a.name).localeCompare(nameSortKey(b.name)) ||
    byText(a.crew_id, b.crew_id)
  );
}

/**
 * Indexes the day's availability by folded key. When two sheet keys fold to
 * the same text, the alphabetically first raw key wins so the result never
 * depends on the order of the object's keys; an exact match is tried first.
 */
function availabilityLookup(availability: DayAvailability) {
  const byFolded = new Map<string, string>();
  for (const key of Object.keys(availability).sort(byText)) {
    const folded = nameSortKey(key);
    if (!byFolded.has(folded)) byFolded.set(folded, key);
  }
  return (availabilityKey: string): string | undefined =>
    Object.hasOwn(availability, availabilityKey)
      ? availabilityKey
      : byFolded.get(nameSortKey(availabilityKey));
}

function seatsNeeded(needs: Record<string, number>): Record<string, number> {
  const seats: Record<string, number> = {};
  for (const [role, count] of Object.entries(needs)) {
    if (!Number.isFinite(count) || count <= 0) continue;
    const key = normaliseRole(role);
    seats[key] = (seats[key] ?? 0) + count;
  }
  return Object.fromEntries(Object.entries(seats).sort(([a], [b]) => byText(a, b)));
}

export function toCandidate(
  member: CrewMember,
  recentConfirmed: Record<string, number>,
): Candidate {
  const name = member.name.trim();
  return {
    crew_id: member.crew_id,
    name,
    first_name: firstName(name),
    role: normaliseRole(member.role),
    cascade_level: member.cascade_level,
    email: member.email,
    phone: member.phone,
    day_rate: member.day_rate,
    recent_confirmed: recentConfirmed[member.crew_id] ?? 0,
  };
}

/**
 * Plans a crew call: eligible crew (active, of a role with open seats, whose
 * availability fits the charter's local start/end) grouped by cascade level.
 * The first level opens at `now`, each next one when the previous closes,
 * each with the window the policy gives for its own lead time, so windows
 * shrink as departure nears. A departure in the past still gets a plan (with
 * the smallest window). Same input, same plan, whatever the roster order.
 * Throws LocalTimeError (shared/charter) for a charter time that does not exist.
 */
export function planCrewCall(input: PlanInput): CrewCallPlan {
  const { charter, roster, availability, recentConfirmed } = input;
  const policy = input.policy ?? DEFAULT_WINDOW_POLICY;
  if (Number.isNaN(input.now.getTime())) throw new Error('planCrewCall: now is not a valid date');
  const nowMs = Math.floor(input.now.getTime() / 1000) * 1000;
  const departsAt = charterTimes(charter).starts_at;
  const departs = new Date(departsAt);
  const seats = seatsNeeded(charter.needs);

  const lookup = availabilityLookup(availability);
  const rosterKeys = new Set(roster.map((member) => nameSortKey(member.availability_key)));

  const candidates: Candidate[] = [];
  const excluded: Exclusion[] = [];
  const leftOut: LeftOut[] = [];
  const activeLevels = new Set<number>();
  for (const member of roster) {
    // Every needed role the person holds, each at its own level (qualifications.ts).
    const held = neededQualifications(member, seats);
    const first = held[0];
    if (!first) {
      leftOut.push(notSeated(member, Object.keys(seats)));
      continue;
    }
    // `excluded` keeps its own reasons (what previews always showed); left_out has the code.
    const exclude = (why: LeftOut, reason = why.words) => {
      leftOut.push(why);
      excluded.push({
        crew_id: member.crew_id,
        name: member.name.trim(),
        role: first.role,
        cascade_level: first.cascade_level,
        reason,
      });
    };
    if (!member.active) {
      exclude(inactive(member), 'inactive');
      continue;
    }
    for (const q of held) activeLevels.add(q.cascade_level);
    const busy = input.otherCharters?.[member.crew_id];
    if (busy) {
      exclude(onOtherCharter(member, busy));
      continue;
    }
    const key = lookup(member.availability_key);
    const mark = key === undefined ? undefined : availability[key];
    const fit = fitsAvailability(mark, charter.start, charter.end);
    if (!fit.fits) {
      exclude(markDoesNotFit(member, mark, fit.reason, charter), fit.reason);
      continue;
    }
    const base = toCandidate(member, recentConfirmed);
    for (const seat of seatsByLevel(held)) {
      candidates.push({
        ...base,
        role: seat.role,
        cascade_level: seat.level,
        ...(seat.also_roles.length > 0 ? { also_roles: seat.also_roles } : {}),
      });
    }
  }

  const byLevel = new Map<number, Candidate[]>();
  for (const candidate of candidates) {
    const group = byLevel.get(candidate.cascade_level) ?? [];
    group.push(candidate);
    byLevel.set(candidate.cascade_level, group);
  }

  const levels: PlannedLevel[] = [];
  let opensMs = nowMs;
  for (const level of [...byLevel.keys()].sort((a, b) => a - b)) {
    const group = (byLevel.get(level) ?? []).sort(compareFairness);
    const windowMinutes = windowMinutesFor(policy, new Date(opensMs), departs);
    const closesMs = opensMs + windowMinutes * MS_PER_MINUTE;
    levels.push({
      level,
      opens_at: isoSeconds(opensMs),
      window_minutes: windowMinutes,
      closes_at: isoSeconds(closesMs),
      candidates: group,
      roles: [...new Set(group.flatMap((c) => [c.role, ...(c.also_roles ?? [])]))].sort(byText),
    });
    opensMs = closesMs;
  }

  const skipped_levels = [...activeLevels]
    .filter((level) => !byLevel.has(level))
    .sort((a, b) => a - b)
    .map((level) => ({ level, reason: `nobody at level ${level} is available` }));

  const short_roles = Object.entries(seats)
    .map(([role, count]) => ({
      role,
      seats: count,
      // People, not entries: someone offered this role at two levels counts once.
      candidates: new Set(
        candidates
          .filter((c) => c.role === role || c.also_roles?.includes(role))
          .map((c) => c.crew_id),
      ).size,
    }))
    .filter((r) => r.candidates < r.seats);

  return {
    charter_id: charter.charter_id,
    planned_at: isoSeconds(nowMs),
    departs_at: departsAt,
    seats,
    levels,
    skipped_levels,
    excluded: excluded.sort(compareByLevelThenName),
    left_out: leftOut.sort(compareByLevelThenName),
    short_roles,
    unknown_availability_keys: Object.keys(availability)
      .filter((key) => !rosterKeys.has(nameSortKey(key)))
      .sort(byText),
  };
}
