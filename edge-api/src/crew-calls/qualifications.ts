import type { CrewMember, Qualification } from '../../../shared/api/roster.js';

/**
 * A crew member's qualifications as the cascade sees them: the primary role
 * first, then the extra ones as the roster lists them, each with its own
 * cascade level. Pure.
 */

const normaliseRole = (role: string): string => role.trim().toLowerCase();

/** Every seat this person may take, primary first; a repeated role keeps its first level. */
export function qualificationsOf(
  member: Pick<CrewMember, 'role' | 'cascade_level' | 'also_qualified'>,
): Qualification[] {
  const all = [
    { role: normaliseRole(member.role), cascade_level: member.cascade_level },
    ...(member.also_qualified ?? []).map((q) => ({
      role: normaliseRole(q.role),
      cascade_level: q.cascade_level,
    })),
  ];
  return all.filter((q, i) => all.findIndex((o) => o.role === q.role) === i);
}

/** The qualifications whose role has seats on the charter, in qualification order. */
export function neededQualifications(
  member: Pick<CrewMember, 'role' | 'cascade_level' | 'also_qualified'>,
  seats: Record<string, number>,
): Qualification[] {
  return qualificationsOf(member).filter((q) => q.role in seats);
}

/**
 * The seats a person is considered for, one entry per cascade level: the role
 * they are asked for there (the primary role when it is at that level) and any
 * other needed role of theirs at the same level. Ascending by level.
 */
export function seatsByLevel(
  qualifications: readonly Qualification[],
): Array<{ level: number; role: string; also_roles: string[] }> {
  const byLevel = new Map<number, string[]>();
  for (const q of qualifications) {
    byLevel.set(q.cascade_level, [...(byLevel.get(q.cascade_level) ?? []), q.role]);
  }
  return [...byLevel.entries()]
    .sort(([a], [b]) => a - b)
    .map(([level, [role = '', ...also_roles]]) => ({ level, role, also_roles }));
}
