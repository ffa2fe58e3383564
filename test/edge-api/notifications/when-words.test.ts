import { describe, expect, it } from 'vitest';
import { describeDeparture } from '../../../edge-api/src/notifications/when-words.js';

const LA = 'America/Los_Angeles';

describe('describeDeparture: the gap in calendar days in the charter’s zone', () => {
  it.each([
    // [start (UTC), now (UTC), zone, words, why]
    ['2026-12-05T22:05:00Z', '2026-12-05T16:00:00Z', LA, 'Today at 14:05', '08:00 the same day'],
    ['2026-12-05T17:00:00Z', '2026-12-04T18:00:00Z', LA, 'Tomorrow at 09:00', '23 hours before'],
    ['2026-12-05T17:00:00Z', '2026-12-03T17:00:00Z', LA, 'Saturday at 09:00', '2 days before'],
    ['2026-12-05T17:00:00Z', '2026-11-29T17:00:00Z', LA, 'Saturday at 09:00', '6 days before'],
    ['2026-12-12T17:00:00Z', '2026-12-05T17:00:00Z', LA, 'Sat 12 Dec at 09:00', 'a week before'],
  ])('%s seen at %s in %s: "%s" (%s)', (start, now, zone, words) => {
    expect(describeDeparture(new Date(start), new Date(now), zone)).toBe(words);
  });

  it('says "Tomorrow" 45 minutes before a charter just after midnight, "Today" 22 hours before one late the same day', () => {
    // 23:30 PST on Fri 4 Dec; the charter leaves 00:15 Sat 5 Dec.
    expect(
      describeDeparture(new Date('2026-12-05T08:15:00Z'), new Date('2026-12-05T07:30:00Z'), LA),
    ).toBe('Tomorrow at 00:15');
    // 00:30 PST on Sat 5 Dec; the charter leaves 23:00 the same day.
    expect(
      describeDeparture(new Date('2026-12-06T07:00:00Z'), new Date('2026-12-05T08:30:00Z'), LA),
    ).toBe('Today at 23:00');
  });

  it('counts days, not 24-hour blocks, across the night the clocks go back (Los Angeles, 1 Nov 2026)', () => {
    // Sun 1 Nov is 25 hours long. 00:30 PDT Sun to 23:30 PST Sun is 24 h, still the same day.
    expect(
      describeDeparture(new Date('2026-11-02T07:30:00Z'), new Date('2026-11-01T07:30:00Z'), LA),
    ).toBe('Today at 23:30');
    // 00:30 PDT Sat 31 Oct to 23:30 PST Sun 1 Nov is 48 h, but one calendar day ahead.
    expect(
      describeDeparture(new Date('2026-11-02T07:30:00Z'), new Date('2026-10-31T07:30:00Z'), LA),
    ).toBe('Tomorrow at 23:30');
    // 23:30 PDT Sat 31 Oct to 00:30 PST Mon 2 Nov is 26 h: two days ahead, the weekday.
    expect(
      describeDeparture(new Date('2026-11-02T08:30:00Z'), new Date('2026-11-01T06:30:00Z'), LA),
    ).toBe('Monday at 00:30');
  });

  it('uses the charter’s zone, not the server’s: a charter in Auckland', () => {
    // 10:00 UTC on 5 Dec is 23:00 NZDT on 5 Dec; the charter leaves 09:00 NZDT on 6 Dec,
    // the same UTC date as now.
    expect(
      describeDeparture(
        new Date('2026-12-05T20:00:00Z'),
        new Date('2026-12-05T10:00:00Z'),
        'Pacific/Auckland',
      ),
    ).toBe('Tomorrow at 09:00');
    // 13:00 NZDT on 5 Dec: still the day before there.
    expect(
      describeDeparture(
        new Date('2026-12-05T20:00:00Z'),
        new Date('2026-12-05T00:00:00Z'),
        'Pacific/Auckland',
      ),
    ).toBe('Tomorrow at 09:00');
    // 11:30 UTC on 5 Dec is 00:30 NZDT on 6 Dec: the charter is today there.
    expect(
      describeDeparture(
        new Date('2026-12-05T20:00:00Z'),
        new Date('2026-12-05T11:30:00Z'),
        'Pacific/Auckland',
      ),
    ).toBe('Today at 09:00');
  });

  it('refuses an unknown zone, naming it', () => {
    expect(() =>
      describeDeparture(
        new Date('2026-12-05T17:00:00Z'),
        new Date('2026-12-04T17:00:00Z'),
        'Mars/Base',
      ),
    ).toThrow(/Mars\/Base/);
  });
});
