import { DateTime } from 'luxon';

/**
 * When a charter leaves, in the words a crew member reads at `now`: "Today at
 * 14:05", "Tomorrow at 09:00", "Saturday at 09:00" (2–6 days ahead), else
 * "Sat 12 Dec at 09:00". The gap is counted in calendar days on the charter's
 * clock, not in 24-hour blocks, so a 25-hour DST day or a late-evening reading
 * never turns a same-day charter into "Tomorrow".
 */
export function describeDeparture(start: Date, now: Date, zone: string): string {
  const leaves = DateTime.fromJSDate(start, { zone }).setLocale('en-US');
  if (!leaves.isValid) {
    throw new Error(
      `describeDeparture: "${zone}" is not an IANA time zone (${leaves.invalidReason})`,
    );
  }
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  // Both are local midnights; rounding absorbs the 23- or 25-hour day of a DST change.
  const days = Math.round(leaves.startOf('day').diff(today, 'hours').hours / 24);
  const time = leaves.toFormat('HH:mm');
  if (days === 0) return `Today at ${time}`;
  if (days === 1) return `Tomorrow at ${time}`;
  if (days >= 2 && days <= 6) return `${leaves.toFormat('cccc')} at ${time}`;
  return `${leaves.toFormat('ccc d LLL')} at ${time}`;
}
