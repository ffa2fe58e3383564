import { describe, expect, it } from 'vitest';
import { findZonePeriods } from '../../../shared/charter/find-zone-periods.js';
import { charterTimes } from '../../../shared/charter/index.js';
import {
  charterTimeText,
  dayTimeText,
  dayTimeZoneText,
  localPartsFromPeriods,
  type ZonePeriods,
} from '../../../shared/charter/zone-periods.js';
import { zonedClockFor } from '../../../shared/charter/zoned-clock.js';
import {
  describeStoredCharterTime,
  localDayTime,
  localDayTimeZone,
} from '../../../shared/charter/zoned-time.js';

// A call's crew page tells times from the charter's stored zone periods, without Intl;
// its texts must be Intl's, to the character, wherever the charter runs.
const ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'America/Phoenix', // no DST
  'America/St_Johns', // half-hour offset with DST
  'America/Santiago', // southern hemisphere DST, abbreviation GMT-3 / GMT-4
  'America/Sao_Paulo', // DST abolished: GMT-3
  'Pacific/Honolulu',
  'Europe/London', // GMT and GMT+1
  'Europe/Dublin', // "negative" DST in tzdata
  'Europe/Paris',
  'Africa/Casablanca', // DST suspended for Ramadan: two changes a month apart
  'Asia/Kolkata', // GMT+5:30, no DST
  'Asia/Kathmandu', // 45-minute offset
  'Asia/Tehran',
  'Australia/Sydney', // southern hemisphere DST
  'Australia/Adelaide', // half-hour offset with DST
  'Australia/Lord_Howe', // 30-minute DST
  'Pacific/Chatham', // 45-minute offset with DST
  'Pacific/Auckland',
  'Pacific/Kiritimati', // +14
  'Antarctica/Troll', // two-hour DST
  'Etc/GMT+5',
  'UTC',
];
const CHARTERS = [
  { date: '2026-12-05', start: '09:00', end: '13:00' },
  { date: '2027-03-13', start: '22:00', end: '04:00' },
  { date: '2027-10-30', start: '21:30', end: '03:15' },
  { date: '2028-02-29', start: '00:00', end: '23:59' },
];

/** A small seeded generator: the same "random" instants every run. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Instants to check in the periods: both sides of every change, and a spread over the rest. */
function instantsIn(zp: ZonePeriods, random: () => number): string[] {
  const first = Date.parse(zp.periods[0]?.from as string);
  const until = Date.parse(zp.until);
  const out: number[] = [first, until - 1];
  for (const p of zp.periods.slice(1)) {
    const at = Date.parse(p.from);
    out.push(at - 60_000, at - 1, at, at + 1, at + 59_999, at + 3_600_000, at - 3_600_000);
  }
  for (let i = 0; i < 150; i++) out.push(first + Math.floor(random() * (until - first)));
  return out.filter((t) => t >= first && t < until).map((t) => new Date(t).toISOString());
}

describe('zone periods', () => {
  it('tell every instant as Intl does, on both sides of every offset change, in every zone', () => {
    const random = seeded(12);
    let checked = 0;
    for (const zone of ZONES) {
      for (const c of CHARTERS) {
        const charter = { ...c, time_zone: zone };
        let times: ReturnType<typeof charterTimes>;
        try {
          times = charterTimes(charter);
        } catch {
          continue; // in a DST gap: the API refuses such a charter
        }
        const zp = findZonePeriods(zone, times.starts_at, times.ends_at);
        expect(zp.periods.length, zone).toBeGreaterThan(0);
        expect(zp.periods.length, zone).toBeLessThan(8);
        for (const iso of instantsIn(zp, random)) {
          const parts = localPartsFromPeriods(iso, zone, zp);
          expect(parts, `${zone} ${iso}`).toBeDefined();
          if (!parts) continue;
          expect(dayTimeZoneText(parts), `${zone} ${iso}`).toBe(localDayTimeZone(iso, zone));
          expect(dayTimeText(parts), `${zone} ${iso}`).toBe(localDayTime(iso, zone));
          checked++;
        }
        const start = localPartsFromPeriods(times.starts_at, zone, zp);
        const end = localPartsFromPeriods(times.ends_at, zone, zp);
        if (!start || !end) throw new Error(`${zone}: the charter itself is not covered`);
        expect(charterTimeText(charter, start, end), `${zone} ${c.date}`).toBe(
          describeStoredCharterTime({ ...charter, ...times }),
        );
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('start 400 days before the charter and end 60 days after it, changing to the minute', () => {
    const zp = findZonePeriods(
      'America/Los_Angeles',
      '2027-06-01T16:00:00Z',
      '2027-06-01T20:00:00Z',
    );
    expect(zp.periods.map((p) => [p.from, p.offset_minutes, p.abbreviation])).toEqual([
      ['2026-04-27T16:00:00.000Z', -420, 'PDT'],
      ['2026-11-01T09:00:00.000Z', -480, 'PST'],
      ['2027-03-14T10:00:00.000Z', -420, 'PDT'],
    ]);
    expect(zp.until).toBe('2027-07-31T20:00:00.000Z');
  });

  it('cover nothing outside them, nor another zone', () => {
    const zp = findZonePeriods(
      'Australia/Lord_Howe',
      '2026-12-05T22:00:00Z',
      '2026-12-06T02:00:00Z',
    );
    const first = zp.periods[0]?.from as string;
    const before = new Date(Date.parse(first) - 1).toISOString();
    expect(localPartsFromPeriods(before, 'Australia/Lord_Howe', zp)).toBeUndefined();
    expect(localPartsFromPeriods(zp.until, 'Australia/Lord_Howe', zp)).toBeUndefined();
    expect(localPartsFromPeriods(first, 'Australia/Sydney', zp)).toBeUndefined();
    expect(localPartsFromPeriods(first, 'Australia/Lord_Howe', zp)).toBeDefined();
  });

  it('fall back to Intl for a charter stored without them and for an instant outside them', async () => {
    const charter = { date: '2026-03-07', start: '22:00', end: '04:00', time_zone: 'Europe/Paris' };
    const times = charterTimes(charter);
    const outside = '2030-01-01T12:00:00Z';
    const stored = { ...charter, ...times };
    const withPeriods = {
      ...stored,
      zone_periods: findZonePeriods(charter.time_zone, times.starts_at, times.ends_at),
    };
    for (const c of [stored, withPeriods]) {
      const clock = await zonedClockFor(c, [outside, '2026-03-01T08:00:00Z']);
      expect(clock.charterTime()).toBe(describeStoredCharterTime(stored));
      expect(clock.dayTimeZone(outside)).toBe(localDayTimeZone(outside, 'Europe/Paris'));
      expect(clock.dayTime('2026-03-01T08:00:00Z')).toBe('1 Mar 09:00');
    }
  });
});
