/**
 * A change-feed cursor as `next_cursor` gives it (`<ISO time>#<order><random>`), or a
 * bare ISO time to read from. Garbage, an impossible date or one in the future would
 * otherwise reach DynamoDB as a key range it refuses.
 */
const CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z(#[0-9a-f]{1,40})?$/;
/** The time exists (no 30 February), read back the same. */
const realTime = (iso: string) => {
  const t = Date.parse(iso);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 19) === iso.slice(0, 19);
};
/** What is wrong with a `since` cursor, if anything (one problem, the first found). */
export const cursorProblem = (raw: string, now: Date): string | undefined => {
  if (!CURSOR.test(raw))
    return 'must be a cursor from next_cursor, such as 2026-12-01T17:00:00.000Z#00a1b2c3d4e5f6';
  const time = raw.split('#')[0] as string;
  if (!realTime(time)) return 'must be a cursor from next_cursor: its date does not exist';
  if (Date.parse(time) > now.getTime())
    return 'is in the future: a cursor from next_cursor never is';
  return undefined;
};
