import { DateTime } from 'luxon';
import type { Money } from '../money/index.js';

/** A charter as the API stores and returns it. Times are local to `time_zone`. */
export interface Charter {
  charter_id: string;
  vessel: string;
  /** Local date the charter starts, YYYY-MM-DD. */
  date: string;
  /** Local start, HH:MM. */
  start: string;
  /** Local end, HH:MM; earlier than (or equal to) `start` means the next day. */
  end: string;
  /** IANA time zone, e.g. America/Los_Angeles. */
  time_zone: string;
  client: string;
  guests: number;
  /** Seats needed per role, e.g. { captain: 1, mate: 1, deckhand: 2 }. */
  needs: Record<string, number>;
  price: Money;
  meeting_point: string;
  notes: string;
  status: 'scheduled' | 'cancelled';
  created_at: string;
  updated_at: string;
  version: number;
}

/** When a charter runs, as instants; handles midnight crossings and DST changes. */
export interface CharterTimes {
  /** UTC ISO instant of the start. */
  starts_at: string;
  /** UTC ISO instant of the end. */
  ends_at: string;
  /** Real elapsed minutes (a DST night is an hour shorter or longer on the wall clock). */
  duration_minutes: number;
  /** True when the charter ends on the next local day. */
  crosses_midnight: boolean;
}

/** Why a local date/time cannot be turned into an instant. */
export class LocalTimeError extends Error {
  override name = 'LocalTimeError';
  constructor(
    readonly field: 'date' | 'start' | 'end' | 'time_zone',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Resolves a local date and time in a zone to an instant. A time that does not
 * exist (skipped by a DST change) is refused rather than silently moved.
 */
export function localInstant(
  date: string,
  time: string,
  zone: string,
  field: 'start' | 'end',
): DateTime {
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid) {
    if (local.invalidReason === 'unsupported zone') {
      throw new LocalTimeError(
        'time_zone',
        `"${zone}" is not an IANA time zone such as America/Los_Angeles`,
      );
    }
    throw new LocalTimeError(field, `${date} ${time} is not a valid local date and time`);
  }
  if (local.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) {
    throw new LocalTimeError(
      field,
      `${time} does not exist on ${date} in ${zone}: the clocks go forward then; choose a time outside the gap`,
    );
  }
  return local;
}

export function charterTimes(
  c: Pick<Charter, 'date' | 'start' | 'end' | 'time_zone'>,
): CharterTimes {
  const start = localInstant(c.date, c.start, c.time_zone, 'start');
  const crosses = c.end <= c.start;
  const endDate = crosses ? DateTime.fromISO(c.date).plus({ days: 1 }).toISODate() : c.date;
  const end = localInstant(endDate as string, c.end, c.time_zone, 'end');
  return {
    starts_at: start.toUTC().toISO({ suppressMilliseconds: true }) as string,
    ends_at: end.toUTC().toISO({ suppressMilliseconds: true }) as string,
    duration_minutes: Math.round(end.diff(start, 'minutes').minutes),
    crosses_midnight: crosses,
  };
}

/** "Sat 5 Dec 2026, 09:00–13:00 PST": how crew read a charter's time. */
export function describeCharterTime(
  c: Pick<Charter, 'date' | 'start' | 'end' | 'time_zone'>,
): string {
  // Pure and asked for on every crew page; luxon builds an Intl formatter for the zone name each time.
  const key = `${c.date}|${c.start}|${c.end}|${c.time_zone}`;
  let text = described.get(key);
  if (text === undefined) {
    text = describeCharterTimeUncached(c);
    if (described.size > 5000) described.clear();
    described.set(key, text);
  }
  return text;
}

const described = new Map<string, string>();

function describeCharterTimeUncached(
  c: Pick<Charter, 'date' | 'start' | 'end' | 'time_zone'>,
): string {
  const times = charterTimes(c);
  const start = DateTime.fromISO(times.starts_at).setZone(c.time_zone);
  const end = DateTime.fromISO(times.ends_at).setZone(c.time_zone);
  const endText = times.crosses_midnight
    ? end.toFormat('ccc d LLL, HH:mm ZZZZ')
    : end.toFormat('HH:mm ZZZZ');
  return `${start.toFormat('ccc d LLL yyyy, HH:mm')}–${endText}`;
}
