/**
 * Seats compared as data: the same roles with the same counts, in any key
 * order (DynamoDB and the sheet do not keep one); a role with 0 seats is the
 * same as a role left out, as the charter's input drops it.
 */
export function sameSeats(a: Record<string, number>, b: Record<string, number>): boolean {
  const roles = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...roles].every((role) => (a[role] ?? 0) === (b[role] ?? 0));
}
