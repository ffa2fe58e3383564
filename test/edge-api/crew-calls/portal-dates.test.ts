import { describe, expect, it } from 'vitest';
import { portalDates } from '../../../edge-api/src/crew-calls/portal-availability.js';

describe('the portal’s 60 days', () => {
  it('start today in the office’s time zone, not in UTC', () => {
    // 22:00 on 2 Dec in Los Angeles is already 3 Dec in UTC (and 19:00 on 3 Dec in Auckland).
    const lateEvening = new Date('2026-12-03T06:00:00Z');
    const la = portalDates(lateEvening, 'America/Los_Angeles');
    expect([la[0], la.at(-1), la.length]).toEqual(['2026-12-02', '2027-01-30', 60]);
    expect(portalDates(lateEvening, 'Pacific/Auckland')[0]).toBe('2026-12-03');
  });

  it('are 60 days in a row across a clock change', () => {
    const dates = portalDates(new Date('2027-03-01T20:00:00Z'), 'America/Los_Angeles');
    const days = dates.map((d) => Date.parse(`${d}T00:00:00Z`) / 86_400_000);
    expect(days.every((d, i) => i === 0 || d === (days[i - 1] as number) + 1)).toBe(true);
    expect(dates).toContain('2027-03-14');
  });
});
