import type { CallRecord, CallResponse, OfferedSeat } from '../db/dispatch-table/index.js';

/**
 * Which seats one person on a call may take, when they hold more than one
 * needed qualification. They have one response item per call: first asked at
 * the earliest level where one of their roles has open seats, for the roles
 * they hold at that level; when a later level opens for another role of theirs
 * and they have not answered, their offer widens to it. Accepting takes one
 * seat, of an offered role with seats open, the earliest-offered first. Pure.
 */

/** A planned candidate's roles at its level: the seat asked for, then the others at that level. */
export const candidateRoles = (c: { role: string; also_roles?: string[] }): string[] => [
  c.role,
  ...(c.also_roles ?? []),
];

/** The seats a response offers: its `offered` list, or its one role. */
export const offeredSeats = (r: Pick<CallResponse, 'role' | 'level' | 'offered'>): OfferedSeat[] =>
  r.offered && r.offered.length > 0 ? r.offered : [{ role: r.role, level: r.level }];

/** The `offered` to store on a first ask: only when the candidate may take more than one role. */
export function firstOffer(
  c: { role: string; also_roles?: string[] },
  level: number,
): OfferedSeat[] | undefined {
  const roles = candidateRoles(c);
  return roles.length > 1 ? roles.map((role) => ({ role, level })) : undefined;
}

/**
 * The widened offer when a later level asks for roles this person holds and
 * has not been offered, with seats still open; undefined when nothing widens
 * (they answered, or every such role is offered already or full).
 */
export function widenedOffer(
  r: Pick<CallResponse, 'role' | 'level' | 'offered' | 'state'>,
  c: { role: string; also_roles?: string[] },
  level: number,
  openRoles: ReadonlySet<string>,
): OfferedSeat[] | undefined {
  if (r.state !== 'asked') return undefined;
  const now = offeredSeats(r);
  const added = candidateRoles(c)
    .filter((role) => openRoles.has(role) && !now.some((s) => s.role === role))
    .map((role) => ({ role, level }));
  return added.length > 0 ? [...now, ...added] : undefined;
}

/** Open seats of a role as the call item counts them (its confirmed crew against its needs). */
export const openSeatsOfRole = (
  call: Pick<CallRecord, 'seats_needed' | 'confirmed'>,
  role: string,
) =>
  (call.seats_needed?.[role] ?? 0) -
  Object.values(call.confirmed ?? {}).filter((c) => c.role === role).length;

/** The offered roles that still have open seats, in offer order. */
export const openOfferedRoles = (
  call: Pick<CallRecord, 'seats_needed' | 'confirmed'>,
  r: Pick<CallResponse, 'role' | 'level' | 'offered'>,
): string[] =>
  offeredSeats(r)
    .map((s) => s.role)
    .filter((role) => openSeatsOfRole(call, role) > 0);

/**
 * The roles an accept tries, in order: the one the person pressed (when it is
 * offered), else the offered roles with seats open as the call item last
 * counted them, earliest-offered first; then the rest, since the item read may
 * be a moment old. The seat counter's condition decides which one they get.
 */
export function seatsToTry(
  call: Pick<CallRecord, 'seats_needed' | 'confirmed'>,
  r: Pick<CallResponse, 'role' | 'level' | 'offered'>,
  pressed?: string,
): string[] | { not_offered: string } {
  const offered = offeredSeats(r).map((s) => s.role);
  if (pressed !== undefined && pressed !== '') {
    return offered.includes(pressed) ? [pressed] : { not_offered: pressed };
  }
  const open = openOfferedRoles(call, r);
  return [...open, ...offered.filter((role) => !open.includes(role))];
}

/** "captain or mate": the seats a person is offered, in words for the email and page. */
export const seatWords = (r: Pick<CallResponse, 'role' | 'level' | 'offered'>): string =>
  offeredSeats(r)
    .map((s) => s.role)
    .join(' or ');
