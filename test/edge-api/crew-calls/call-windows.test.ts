import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_POLICY,
  parseWindowPolicy,
  type WindowPolicy,
  windowMinutesFor,
} from '../../../edge-api/src/crew-calls/call-windows.js';

const departs = new Date('2026-12-05T17:00:00Z');
const hoursBefore = (hours: number) => new Date(departs.getTime() - hours * 3_600_000);

describe('windowMinutesFor with the default policy', () => {
  it.each([
    [400, 720],
    [168, 720],
    [167.99, 360],
    [100, 360],
    [72, 360],
    [71.5, 120],
    [24, 120],
    [23.99, 30],
    [2, 30],
    [0, 30],
  ])('a level called %s h before departure gets %s minutes', (lead, minutes) => {
    expect(windowMinutesFor(DEFAULT_WINDOW_POLICY, hoursBefore(lead), departs)).toBe(minutes);
  });

  it('gives a call sent after departure the smallest window', () => {
    expect(windowMinutesFor(DEFAULT_WINDOW_POLICY, hoursBefore(-5), departs)).toBe(30);
  });

  it('counts real hours, not wall-clock hours, across the night the clocks go forward', () => {
    // 05:00 PDT on 2027-03-14 (12:00Z); 05:00 PST the day before (13:00Z) looks 24 h earlier
    // on the wall clock but is only 23 real hours before departure: the day-before window.
    const departsAfterSpringForward = new Date('2027-03-14T12:00:00Z');
    expect(
      windowMinutesFor(
        DEFAULT_WINDOW_POLICY,
        new Date('2027-03-13T13:00:00Z'),
        departsAfterSpringForward,
      ),
    ).toBe(30);
    expect(
      windowMinutesFor(
        DEFAULT_WINDOW_POLICY,
        new Date('2027-03-13T12:00:00Z'),
        departsAfterSpringForward,
      ),
    ).toBe(120);
  });

  it('does not care about the order of the steps', () => {
    const shuffled: WindowPolicy = [
      DEFAULT_WINDOW_POLICY[2],
      DEFAULT_WINDOW_POLICY[0],
      DEFAULT_WINDOW_POLICY[3],
      DEFAULT_WINDOW_POLICY[1],
    ].filter((s) => s !== undefined);
    for (const lead of [200, 100, 30, 5, -1]) {
      expect(windowMinutesFor(shuffled, hoursBefore(lead), departs)).toBe(
        windowMinutesFor(DEFAULT_WINDOW_POLICY, hoursBefore(lead), departs),
      );
    }
  });

  it('falls back to the smallest step when a policy has no 0 h step and the lead is below it', () => {
    const policy: WindowPolicy = [
      { lead_hours_at_least: 12, window_minutes: 45 },
      { lead_hours_at_least: 48, window_minutes: 240 },
    ];
    expect(windowMinutesFor(policy, hoursBefore(3), departs)).toBe(45);
    expect(windowMinutesFor(policy, hoursBefore(-3), departs)).toBe(45);
  });
});

describe('parseWindowPolicy', () => {
  it('reads the documented default text into the default policy', () => {
    expect(parseWindowPolicy('168h=12h,72h=6h,24h=2h,0h=30m')).toEqual(DEFAULT_WINDOW_POLICY);
  });

  it('accepts any order, spaces, upper case units and days', () => {
    expect(parseWindowPolicy(' 0h = 20m , 7D=1d, 36h=90m ')).toEqual([
      { lead_hours_at_least: 168, window_minutes: 1440 },
      { lead_hours_at_least: 36, window_minutes: 90 },
      { lead_hours_at_least: 0, window_minutes: 20 },
    ]);
  });

  it('accepts a single 0h step and fractions that give whole minutes', () => {
    expect(parseWindowPolicy('0h=1.5h')).toEqual([{ lead_hours_at_least: 0, window_minutes: 90 }]);
    expect(parseWindowPolicy('0m=45m,90m=1h')).toEqual([
      { lead_hours_at_least: 1.5, window_minutes: 60 },
      { lead_hours_at_least: 0, window_minutes: 45 },
    ]);
  });

  it.each([
    ['', /is empty/],
    ['   ', /is empty/],
    ['168h=12h,72h=6h', /no 0h step/],
    ['72h=6x,0h=30m', /the window "6x" is not a duration/],
    ['72=6h,0h=30m', /the lead time "72" is not a duration/],
    ['72h,0h=30m', /"72h" is not LEAD=WINDOW/],
    ['72h=6h=1h,0h=30m', /"72h=6h=1h" is not LEAD=WINDOW/],
    ['-1h=30m,0h=30m', /the lead time "-1h" is not a duration/],
    ['24h=2h,,0h=30m', /empty step/],
    ['24h=2h,0h=30m,', /empty step/],
    ['24h=2h,0h=0m', /"0h=0m", the window must be longer than 0/],
    ['24h=0.5m,0h=30m', /whole number of minutes/],
    ['24h=2h,1d=1h,0h=30m', /"1d=1h" repeats the lead time 1d/],
    ['soon=fast', /the lead time "soon" is not a duration/],
  ])('refuses %j with a message naming the bad part', (text, message) => {
    expect(() => parseWindowPolicy(text)).toThrow(message);
  });

  it('quotes the whole setting and an example in every error', () => {
    expect(() => parseWindowPolicy('72h=6x,0h=30m')).toThrow(
      'call window policy "72h=6x,0h=30m": in "72h=6x", the window "6x" is not a duration such as 30m (expected e.g. 168h=12h,72h=6h,24h=2h,0h=30m)',
    );
  });
});
