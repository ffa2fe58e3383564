import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { charterTimes, describeCharterTime } from '../../../shared/charter/index.js';
import {
  describeStoredCharterTime,
  localDayTime,
  localDayTimeZone,
} from '../../../shared/charter/zoned-time.js';

// The crew pages format with Intl alone; the texts must stay the ones luxon gave them
// (and still gives the office's emails): same words, same zone names, across DST changes.
const ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'Pacific/Honolulu',
  'Europe/Lisbon',
  'Europe/Paris',
  'Australia/Sydney',
  'Asia/Kolkata',
  'UTC',
];
const CHARTERS = [
  { date: '2026-12-05', start: '09:00', end: '13:00' },
  { date: '2026-06-30', start: '00:00', end: '23:59' },
  // Ends after midnight: the end names its day.
  { date: '2026-12-31', start: '20:00', end: '01:30' },
  { date: '2026-07-04', start: '18:00', end: '18:00' },
  // Overnight into a DST change (US in March and November, Europe and Sydney in spring and autumn).
  { date: '2026-03-07', start: '22:00', end: '04:00' },
  { date: '2026-10-31', start: '23:00', end: '03:00' },
  { date: '2026-03-28', start: '21:00', end: '05:00' },
  { date: '2026-10-24', start: '22:30', end: '04:15' },
  { date: '2026-04-04', start: '20:00', end: '06:00' },
  { date: '2026-09-05', start: '07:05', end: '08:10' },
];

describe('crew-page times from stored instants', () => {
  it('describes every charter as describeCharterTime does, in every zone', () => {
    for (const time_zone of ZONES) {
      for (const c of CHARTERS) {
        const charter = { ...c, time_zone };
        let times: ReturnType<typeof charterTimes>;
        try {
          times = charterTimes(charter);
        } catch {
          continue; // a start or end in a DST gap: the API refuses such a charter
        }
        expect(describeStoredCharterTime({ ...charter, ...times }), `${time_zone} ${c.date}`).toBe(
          describeCharterTime(charter),
        );
      }
    }
  });

  it('formats due times and chat times as luxon did', () => {
    const instants = [
      '2026-12-05T16:12:00Z',
      '2026-03-08T09:59:00Z',
      '2026-03-08T10:00:00Z',
      '2026-11-01T08:30:00Z',
      '2026-01-01T00:00:00Z',
      '2026-06-15T23:45:30.123Z',
    ];
    for (const zone of ZONES) {
      for (const iso of instants) {
        const local = DateTime.fromISO(iso).setZone(zone);
        expect(localDayTimeZone(iso, zone)).toBe(local.toFormat('ccc d LLL HH:mm ZZZZ'));
        expect(localDayTime(iso, zone)).toBe(local.toFormat('d LLL HH:mm'));
      }
    }
  });
});
