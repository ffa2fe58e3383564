import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CalendarInviteInput,
  renderCalendarInvite,
} from '../../../edge-api/src/notifications/calendar-invite.js';
import { charterTimes } from '../../../shared/charter/index.js';

type InviteCharter = CalendarInviteInput['charter'];

// From /work/shared/fixtures/charters.json (plus meeting_point and notes).
const normal: InviteCharter = {
  charter_id: 'CH-2026-1205-A',
  vessel: 'Sea Lark',
  date: '2026-12-05',
  start: '09:00',
  end: '13:00',
  time_zone: 'America/Los_Angeles',
  client: 'Harbor View Events',
  meeting_point: 'Marina del Rey, Dock 52',
  notes: '',
};
const newYearsEve: InviteCharter = {
  charter_id: 'CH-2026-1231-A',
  vessel: 'Blue Heron',
  date: '2026-12-31',
  start: '21:00',
  end: '00:30',
  time_zone: 'America/Los_Angeles',
  client: "New Year's Eve private",
  meeting_point: 'Fisherman’s Village, Slip 3',
  notes: 'Fireworks at midnight',
};
const dstNight: InviteCharter = {
  charter_id: 'CH-2027-0314-A',
  vessel: 'Sea Lark',
  date: '2027-03-14',
  start: '01:30',
  end: '05:00',
  time_zone: 'America/Los_Angeles',
  client: 'Night fishing (DST starts 02:00)',
  meeting_point: 'Marina del Rey, Dock 52',
  notes: '',
};

function invite(overrides: Partial<CalendarInviteInput> = {}): CalendarInviteInput {
  return {
    method: 'PUBLISH',
    status: 'TENTATIVE',
    uid: 'CH-2026-1205-A.crw_kenji@crewcall',
    sequence: 0,
    charter: normal,
    summary: 'Crew call: Sea Lark (captain)',
    description: 'Hi Kenji, we need a captain.\nOpen the link to accept.',
    organizer: { name: 'Harbor Office', email: 'office@example.com' },
    attendee: { name: 'Kenji Example', email: 'kenji@example.com' },
    stamp: new Date('2026-11-20T18:30:00Z'),
    url: 'https://crew.example.com/l/tok123',
    ...overrides,
  };
}

/** Parses with ical.js and registers the file's own VTIMEZONE, as a calendar client would. */
function parse(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  for (const vtz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  const vevent = root.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { root, vevent, event: new ICAL.Event(vevent) };
}

afterEach(() => ICAL.TimezoneService.reset());

describe('renderCalendarInvite: times', () => {
  it.each([
    [
      'a normal charter',
      normal,
      '2026-12-05T09:00:00',
      '2026-12-05T13:00:00',
      '2026-12-05T17:00:00.000Z',
      '2026-12-05T21:00:00.000Z',
      240,
    ],
    [
      'the New Year’s Eve charter across midnight',
      newYearsEve,
      '2026-12-31T21:00:00',
      '2027-01-01T00:30:00',
      '2027-01-01T05:00:00.000Z',
      '2027-01-01T08:30:00.000Z',
      210,
    ],
    [
      'the night the clocks go forward',
      dstNight,
      '2027-03-14T01:30:00',
      '2027-03-14T05:00:00',
      '2027-03-14T09:30:00.000Z',
      '2027-03-14T12:00:00.000Z',
      150,
    ],
  ])(
    '%s: local times with TZID and the right instants',
    (_name, charter, localStart, localEnd, utcStart, utcEnd, minutes) => {
      const ics = renderCalendarInvite(invite({ charter }));
      expect(ics).toContain(
        `DTSTART;TZID=America/Los_Angeles:${localStart.replace(/[-:]/g, '')}\r\n`,
      );
      expect(ics).toContain(`DTEND;TZID=America/Los_Angeles:${localEnd.replace(/[-:]/g, '')}\r\n`);

      const { event } = parse(ics);
      expect(event.startDate.zone.tzid).toBe('America/Los_Angeles');
      expect(event.endDate.zone.tzid).toBe('America/Los_Angeles');
      expect(event.startDate.toString()).toBe(localStart);
      expect(event.endDate.toString()).toBe(localEnd);
      expect(event.startDate.toJSDate().toISOString()).toBe(utcStart);
      expect(event.endDate.toJSDate().toISOString()).toBe(utcEnd);
      expect(
        (event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()) / 60_000,
      ).toBe(minutes);
    },
  );

  it('handles the night the clocks go back (an hour longer than the wall clock says)', () => {
    const charter = { ...dstNight, date: '2026-11-01', start: '00:30', end: '03:00' };
    const { event } = parse(renderCalendarInvite(invite({ charter })));
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-01T07:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-01T11:00:00.000Z');
  });

  it.each([
    ['Europe/London', '2027-03-28', '00:30', '03:00'],
    ['Europe/London', '2026-10-25', '00:30', '03:00'],
    ['Australia/Sydney', '2027-04-04', '01:00', '04:00'],
    ['Australia/Sydney', '2026-10-04', '01:00', '04:00'],
    ['America/St_Johns', '2026-11-01', '23:00', '02:00'],
    ['Asia/Tokyo', '2026-12-31', '22:00', '01:00'],
    ['Asia/Kolkata', '2027-01-15', '09:00', '17:00'],
  ])(
    'the VTIMEZONE it writes for %s resolves %s %s–%s like the time zone database',
    (zone, date, start, end) => {
      const charter = { ...normal, time_zone: zone, date, start, end };
      const expected = charterTimes(charter);
      const { event } = parse(renderCalendarInvite(invite({ charter })));
      expect(event.startDate.zone.tzid).toBe(zone);
      expect(event.startDate.toJSDate().toISOString()).toBe(
        new Date(expected.starts_at).toISOString(),
      );
      expect(event.endDate.toJSDate().toISOString()).toBe(new Date(expected.ends_at).toISOString());
    },
  );

  it('writes DTSTAMP in UTC', () => {
    const { vevent } = parse(renderCalendarInvite(invite()));
    const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.zone.tzid).toBe('UTC');
    expect(stamp.toJSDate().toISOString()).toBe('2026-11-20T18:30:00.000Z');
  });

  it('refuses a charter time the clocks skip', () => {
    expect(() =>
      renderCalendarInvite(invite({ charter: { ...dstNight, start: '02:30' } })),
    ).toThrow(/does not exist/);
  });
});

describe('renderCalendarInvite: the iTIP envelope', () => {
  // Changed with issue 13: crew answer on the crew page only, so holds and seats are PUBLISH
  // with no attendee to reply (they were REQUEST with PARTSTAT NEEDS-ACTION / ACCEPTED).
  it('writes a PUBLISH tentative hold with no attendee: nothing for a calendar to reply to', () => {
    const ics = renderCalendarInvite(invite({ sequence: 3 }));
    const { root, vevent, event } = parse(ics);
    expect(root.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(vevent.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(event.uid).toBe('CH-2026-1205-A.crw_kenji@crewcall');
    expect(event.sequence).toBe(3);
    expect(event.summary).toBe('Crew call: Sea Lark (captain)');
    expect(event.location).toBe('Marina del Rey, Dock 52');
    expect(event.description).toBe('Hi Kenji, we need a captain.\nOpen the link to accept.');
    expect(vevent.getFirstPropertyValue('url')).toBe('https://crew.example.com/l/tok123');
    expect(vevent.getAllProperties('attendee')).toEqual([]);
    expect(ics).not.toMatch(/RSVP|PARTSTAT/);
    expect(String(vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe(
      'mailto:office@example.com',
    );
  });

  it('writes a confirmed seat as PUBLISH too, STATUS:CONFIRMED, with no attendee to reply', () => {
    const ics = renderCalendarInvite(invite({ status: 'CONFIRMED', sequence: 1 }));
    const { root, vevent } = parse(ics);
    expect(root.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getAllProperties('attendee')).toEqual([]);
    expect(ics).not.toMatch(/RSVP|PARTSTAT/);
  });

  it('writes a CANCEL with STATUS:CANCELLED, the same UID and no link', () => {
    const ics = renderCalendarInvite(
      invite({ method: 'CANCEL', status: 'CANCELLED', sequence: 2 }),
    );
    const { root, vevent, event } = parse(ics);
    expect(root.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.uid).toBe('CH-2026-1205-A.crw_kenji@crewcall');
    expect(event.sequence).toBe(2);
    expect(vevent.getFirstProperty('url')).toBeNull();
    // The attendee being removed is named, asked for no reply, with no answer claimed.
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0]?.getFirstValue()).toLowerCase()).toBe('mailto:kenji@example.com');
    expect(attendees[0]?.getParameter('cn')).toBe('Kenji Example');
    expect(attendees[0]?.getParameter('rsvp')).toBe('FALSE');
    expect(attendees[0]?.getParameter('partstat')).toBeUndefined();
  });

  it.each([
    ['PUBLISH', 'CANCELLED'],
    ['CANCEL', 'TENTATIVE'],
    ['CANCEL', 'CONFIRMED'],
  ] as const)('refuses METHOD:%s with STATUS:%s', (method, status) => {
    expect(() => renderCalendarInvite(invite({ method, status }))).toThrow(/cannot carry/);
  });

  it.each([-1, 1.5, Number.NaN])('refuses sequence %s', (sequence) => {
    expect(() => renderCalendarInvite(invite({ sequence }))).toThrow(/sequence/);
  });
});

describe('renderCalendarInvite: text safety', () => {
  it('uses CRLF line endings throughout and folds long lines to 75 octets', () => {
    const ics = renderCalendarInvite(
      invite({ description: `${'A long description line. '.repeat(20)}\nAnd ünïcödé ✓ text.` }),
    );
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(parse(ics).event.description).toContain('And ünïcödé ✓ text.');
  });

  it('round-trips commas, semicolons, quotes and line breaks in names and text', () => {
    const tricky = 'Dock 7; Slip "B", <script>alert(1)</script> & more';
    const ics = renderCalendarInvite(
      invite({
        charter: { ...normal, meeting_point: `${tricky}\nline two` },
        summary: 'Crew call: "Sea, Lark"; captain',
        description: tricky,
        attendee: { name: 'Sam "Skip" O^Neil, Jr.', email: 'sam@example.com' },
        organizer: { name: 'Harbor "HQ" Office', email: 'office@example.com' },
      }),
    );
    const { vevent, event } = parse(ics);
    expect(event.location).toBe(`${tricky} line two`);
    expect(event.summary).toBe('Crew call: "Sea, Lark"; captain');
    expect(event.description).toBe(tricky);
    expect(vevent.getFirstProperty('organizer')?.getParameter('cn')).toBe('Harbor "HQ" Office');
    // The attendee is named on a CANCEL only.
    const cancel = parse(
      renderCalendarInvite(
        invite({
          method: 'CANCEL',
          status: 'CANCELLED',
          attendee: { name: 'Sam "Skip" O^Neil, Jr.', email: 'sam@example.com' },
        }),
      ),
    );
    expect(cancel.vevent.getFirstProperty('attendee')?.getParameter('cn')).toBe(
      'Sam "Skip" O^Neil, Jr.',
    );
  });
});
