import type { CharterInput } from './charter-input.js';

/** What a charter's crew call is built on: these cannot change once the call has started. */
export const FROZEN_AFTER_CALL = ['date', 'start', 'end', 'time_zone', 'needs'] as const;
type FrozenField = (typeof FROZEN_AFTER_CALL)[number];
type Frozen = Pick<CharterInput, FrozenField>;

/**
 * Seats compared as data: the same roles with the same counts, in any key
 * order (DynamoDB and the sheet do not keep one); a role with 0 seats is the
 * same as a role left out, as the charter's input drops it.
 */
export function sameSeats(a: Record<string, number>, b: Record<string, number>): boolean {
  const roles = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...roles].every((role) => (a[role] ?? 0) === (b[role] ?? 0));
}

/** The frozen fields that differ between the stored charter and a new version of it. Pure. */
export function changedFrozenFields(existing: Frozen, input: Frozen): FrozenField[] {
  return FROZEN_AFTER_CALL.filter((field) =>
    field === 'needs' ? !sameSeats(existing.needs, input.needs) : existing[field] !== input[field],
  );
}
