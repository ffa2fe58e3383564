/**
 * A charter's zone as its UTC-offset periods, stored with the charter when it is
 * written (find-zone-periods.ts, with Intl), so that a crew page can read stored
 * instants as local times with arithmetic alone: a Lambda's first Intl format costs
 * ~15 ms of ICU set-up, the whole of a crew page's cold-start allowance.
 */

export interface ZonePeriod {
  /** UTC ISO instant the period starts. */
  from: string;
  /** Local time minus UTC, in minutes (-480 for PST, 630 for GMT+10:30). */
  offset_minutes: number;
  /** What Intl en-US `timeZoneName: 'short'` prints then: PST, PDT, GMT+10:30. */
  abbreviation: string;
}

export interface ZonePeriods {
  /** The IANA zone the periods were computed for. */
  zone: string;
  /** The periods cover [periods[0].from, until). */
  until: string;
  periods: ZonePeriod[];
}

/** A local time's fields, as Intl en-US would print them. */
export interface LocalParts {
  weekday: string;
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
  timeZoneName: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The local fields of `iso` in `zone`; undefined when the periods do not cover it. */
export function localPartsFromPeriods(
  iso: string,
  zone: string,
  zp: ZonePeriods | undefined,
): LocalParts | undefined {
  if (!zp || zp.zone !== zone || zp.periods.length === 0) return undefined;
  const at = Date.parse(iso);
  if (!(at < Date.parse(zp.until))) return undefined;
  for (let i = zp.periods.length - 1; i >= 0; i--) {
    const period = zp.periods[i] as ZonePeriod;
    if (Date.parse(period.from) > at) continue;
    const local = new Date(at + period.offset_minutes * 60_000);
    return {
      weekday: WEEKDAYS[local.getUTCDay()] as string,
      day: String(local.getUTCDate()),
      month: MONTHS[local.getUTCMonth()] as string,
      year: String(local.getUTCFullYear()),
      hour: two(local.getUTCHours()),
      minute: two(local.getUTCMinutes()),
      timeZoneName: period.abbreviation,
    };
  }
  return undefined;
}

/** "Sat 5 Dec 08:12 PST": when an answer is due. */
export const dayTimeZoneText = (p: LocalParts) =>
  `${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute} ${p.timeZoneName}`;

/** "5 Dec 08:12": a chat post's time. */
export const dayTimeText = (p: LocalParts) => `${p.day} ${p.month} ${p.hour}:${p.minute}`;

/**
 * "Sat 5 Dec 2026, 09:00–13:00 PST" (the next day's date before the end when the
 * charter crosses midnight, its local `end` not after its `start`).
 */
export function charterTimeText(
  c: { start: string; end: string },
  start: LocalParts,
  end: LocalParts,
): string {
  const endText =
    c.end <= c.start
      ? `${end.weekday} ${end.day} ${end.month}, ${end.hour}:${end.minute} ${end.timeZoneName}`
      : `${end.hour}:${end.minute} ${end.timeZoneName}`;
  return `${start.weekday} ${start.day} ${start.month} ${start.year}, ${start.hour}:${start.minute}–${endText}`;
}
