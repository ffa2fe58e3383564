import type { ZonePeriod, ZonePeriods } from './zone-periods.js';

/**
 * Computes a zone's UTC-offset periods with Intl, on the office's side (a charter
 * PUT), for the crew pages to read without Intl (zone-periods.ts). Covers what a
 * crew page shows of a charter: from 400 days before it starts (when its call's
 * windows close, chat posted ahead) to 60 days after it ends.
 */
export const PERIODS_BEFORE_DAYS = 400;
export const PERIODS_AFTER_DAYS = 60;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// Offsets change a few times a year (Morocco: a month apart); none twice within 12 hours.
const STEP_MS = 12 * 3_600_000;

interface Reading {
  offset_minutes: number;
  abbreviation: string;
}

function readerFor(zone: string): (at: number) => Reading {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return (at) => {
    const p: Record<string, string> = {};
    for (const part of format.formatToParts(new Date(at))) p[part.type] = part.value;
    const wall = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
      Number(p.second),
    );
    return {
      offset_minutes: (wall - Math.floor(at / 1000) * 1000) / MINUTE_MS,
      abbreviation: p.timeZoneName ?? '',
    };
  };
}

const same = (a: Reading, b: Reading) =>
  a.offset_minutes === b.offset_minutes && a.abbreviation === b.abbreviation;

/** The periods of `zone` around a charter running from `startsAt` to `endsAt`. */
export function findZonePeriods(zone: string, startsAt: string, endsAt: string): ZonePeriods {
  const read = readerFor(zone);
  const first = Math.floor((Date.parse(startsAt) - PERIODS_BEFORE_DAYS * DAY_MS) / MINUTE_MS);
  const from = first * MINUTE_MS;
  const until = Date.parse(endsAt) + PERIODS_AFTER_DAYS * DAY_MS;
  let current = read(from);
  const periods: ZonePeriod[] = [{ from: new Date(from).toISOString(), ...current }];
  for (let lo = from; lo < until; ) {
    const hi = Math.min(lo + STEP_MS, until);
    const next = read(hi);
    if (!same(next, current)) {
      // Bisect to the minute the change happens (zones change on whole minutes).
      let before = lo;
      let after = hi;
      while (after - before > MINUTE_MS) {
        const mid = before + Math.floor((after - before) / 2 / MINUTE_MS) * MINUTE_MS;
        if (same(read(mid), current)) before = mid;
        else after = mid;
      }
      current = read(after);
      periods.push({ from: new Date(after).toISOString(), ...current });
      lo = after;
      continue;
    }
    lo = hi;
  }
  // Local times with seconds in their offset (old local mean times) stay with Intl.
  const exact = periods.every((p) => Number.isInteger(p.offset_minutes));
  return { zone, until: new Date(until).toISOString(), periods: exact ? periods : [] };
}
