import type { LeftOut, LeftOutCode, OtherCharter } from '../../../shared/api/crew-calls.js';
import type { AvailabilityMark } from '../../../shared/availability/index.js';
import type { CrewMember } from '../../../shared/crew/index.js';
import { MONTH_NAMES } from '../../../shared/months/index.js';

/**
 * Why a roster member is not called, as a code and in the office's words: the planner's
 * `left_out` list (see shared/api/crew-calls.ts LeftOut). Pure. The planner decides *that*
 * someone is not a candidate; this module says *why* so the office can tell them apart.
 */

interface Day {
  /** Local YYYY-MM-DD of the charter. */
  date: string;
  start: string;
  end: string;
}

/** "Dec 5": how the office names a day in a short summary. */
export function shortDate(date: string): string {
  const [, month, day] = date.split('-');
  return `${MONTH_NAMES[Number(month) - 1]?.slice(0, 3) ?? month} ${Number(day)}`;
}

function entry(
  member: CrewMember,
  code: LeftOutCode,
  words: string,
  otherCharter?: OtherCharter,
): LeftOut {
  return {
    crew_id: member.crew_id,
    name: member.name.trim(),
    role: member.role.trim().toLowerCase(),
    cascade_level: member.cascade_level,
    availability_key: member.availability_key,
    code,
    words,
    ...(otherCharter ? { other_charter: otherCharter } : {}),
  };
}

/** Someone whose role has no open seat (or who is inactive: that comes first). */
export function notSeated(member: CrewMember, openRoles: string[]): LeftOut {
  if (!member.active) return inactive(member);
  return entry(
    member,
    'not_qualified',
    `not qualified for an open seat (${member.role.trim().toLowerCase()}; open: ${openRoles.join(', ')})`,
  );
}

export const inactive = (member: CrewMember): LeftOut =>
  entry(member, 'inactive', 'inactive on the roster');

export const otherCharterWords = (other: OtherCharter): string =>
  `on ${other.vessel} that day (${other.charter_id}, ${other.start}-${other.end})`;

export const onOtherCharter = (member: CrewMember, other: OtherCharter): LeftOut =>
  entry(member, 'other_charter', otherCharterWords(other), other);

/**
 * Someone whose mark does not let them work the charter; `reason` is fitsAvailability's.
 * Part-day reasons name the charter's hours so the office sees the clash at once.
 */
export function markDoesNotFit(
  member: CrewMember,
  mark: AvailabilityMark | undefined,
  reason: string,
  day: Day,
): LeftOut {
  if (!mark) return entry(member, 'no_mark', `no mark on ${shortDate(day.date)}`);
  switch (mark.status) {
    case 'no':
      return entry(member, 'unavailable', `not available on ${shortDate(day.date)}`);
    case 'note':
      return entry(member, 'unsure', reason);
    default:
      return entry(member, 'part_day', `${reason}; the charter is ${day.start}-${day.end}`);
  }
}
