import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { FeedSeat } from '../../../edge-api/src/db/dispatch-table/index.js';
import { renderCalendarFeed } from '../../../edge-api/src/notifications/calendar-feed-ics.js';

// The feed's text as RFC 5545 wants it, from stored items alone (no DynamoDB): pure rendering.
const office = { name: 'Harbor Charters', email: 'office@example.com', phone: '+1 310 555 0100' };
const seat = (over: Partial<FeedSeat['charter']> = {}, state = 'confirmed'): FeedSeat =>
  ({
    charter: {
      charter_id: 'CH-1',
      vessel: 'Sea Lark',
      date: '2026-12-05',
      start: '09:00',
      end: '13:00',
      time_zone: 'America/Los_Angeles',
      client: 'Harbor View Events',
      guests: 12,
      needs: { captain: 1 },
      price: { amount_cents: 1, currency: 'USD' },
      meeting_point: 'Dock B, slip 14',
      notes:
        'A long note that goes on and on about the weather, the tides, the bait and the cooler, so the line must fold.',
      status: 'scheduled',
      created_at: '2026-11-01T00:00:00Z',
      updated_at: '2026-11-02T00:00:00Z',
      version: 3,
      starts_at: '2026-12-05T17:00:00Z',
      ends_at: '2026-12-05T21:00:00Z',
      call_id: 'call-1',
      ...over,
    },
    response: {
      call_id: 'call-1',
      charter_id: over.charter_id ?? 'CH-1',
      crew_id: 'c-0001',
      role: 'captain',
      state,
      day_rate: { amount_cents: 45000, currency: 'USD' },
      updated_at: '2026-11-03T00:00:00Z',
    },
  }) as unknown as FeedSeat;

describe('renderCalendarFeed', () => {
  it('writes CRLF lines of at most 75 octets, one VTIMEZONE per zone, and the same bytes for the same data', () => {
    const seats = [
      seat(),
      seat({ charter_id: 'CH-2', date: '2026-12-06', recalls: 1 }),
      seat({ charter_id: 'CH-3', time_zone: 'Europe/Lisbon', vessel: 'Gaivota' }),
    ];
    const { body, last_modified } = renderCalendarFeed(seats, office);
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(body.match(/BEGIN:VTIMEZONE/g)).toHaveLength(2);
    expect(body).not.toContain('METHOD:');
    expect(renderCalendarFeed(seats, office).body).toBe(body);
    expect(last_modified?.toISOString()).toBe('2026-11-03T00:00:00.000Z');
    const root = new ICAL.Component(ICAL.parse(body));
    const uids = root.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'));
    // A recalled charter's next call is round 1: the emailed invites' UID.
    expect(uids).toEqual([
      'CH-1.c-0001@crewcall',
      'CH-2.r1.c-0001@crewcall',
      'CH-3.c-0001@crewcall',
    ]);
  });

  it('leaves out a seat whose call was replaced by a recall, and lists an empty calendar as one', () => {
    const { body, last_modified } = renderCalendarFeed([seat({ call_id: 'call-2' })], office);
    expect(body).not.toContain('BEGIN:VEVENT');
    expect(body).toContain('X-WR-CALNAME:Harbor Charters charters');
    expect(last_modified).toBeUndefined();
  });
});
