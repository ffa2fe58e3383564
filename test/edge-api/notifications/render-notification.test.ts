import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type NotificationInput,
  type NotificationKind,
  renderNotification,
} from '../../../edge-api/src/notifications/render-notification.js';
import type { Charter } from '../../../shared/charter/index.js';
import { seaLark1205 } from '../../support/charters.js';

const meta = {
  status: 'scheduled',
  created_at: '2026-11-01T16:00:00Z',
  updated_at: '2026-11-01T16:00:00Z',
  version: 1,
} as const;

// From /work/shared/fixtures/charters.json (price_usd → price; meeting point, notes and meta added).
const normal: Charter = {
  ...seaLark1205,
  charter_id: 'CH-2026-1205-A',
  meeting_point: 'Marina del Rey, Dock 52',
  notes: 'Bring a warm layer.',
  ...meta,
};
const newYearsEve: Charter = {
  charter_id: 'CH-2026-1231-A',
  vessel: 'Blue Heron',
  date: '2026-12-31',
  start: '21:00',
  end: '00:30',
  time_zone: 'America/Los_Angeles',
  client: "New Year's Eve private",
  guests: 12,
  needs: { captain: 1, mate: 1, deckhand: 1 },
  price: { amount_cents: 520000, currency: 'USD' },
  meeting_point: 'Fisherman’s Village, Slip 3',
  notes: '',
  ...meta,
};
const dstNight: Charter = {
  charter_id: 'CH-2027-0314-A',
  vessel: 'Sea Lark',
  date: '2027-03-14',
  start: '01:30',
  end: '05:00',
  time_zone: 'America/Los_Angeles',
  client: 'Night fishing (DST starts 02:00)',
  guests: 8,
  needs: { captain: 1, deckhand: 1 },
  price: { amount_cents: 190000, currency: 'USD' },
  meeting_point: 'Marina del Rey, Dock 52',
  notes: '',
  ...meta,
};

const LINK = 'https://crew.example.com/l/tok_7Hq2xY';

function input(
  kind: NotificationKind,
  overrides: Partial<NotificationInput> = {},
): NotificationInput {
  return {
    kind,
    charter: normal,
    recipient: {
      crew_id: 'crw_kenji',
      name: 'Kenji Example',
      email: 'kenji@example.com',
      role: 'captain',
    },
    pay: { amount_cents: 45000, currency: 'USD' },
    ...(kind === 'cancellation' ? {} : { link_url: LINK }),
    ...(kind === 'crew_call' ? { respond_by: '2026-11-28T02:00:00Z' } : {}),
    office: { name: 'Harbor Office', email: 'office@example.com', phone: '+1 310 555 0100' },
    sequence: 0,
    stamp: new Date('2026-11-20T18:30:00Z'),
    // Fri 4 Dec, 10:00 in Los Angeles: the day before the normal charter.
    now: new Date('2026-12-04T18:00:00Z'),
    ...overrides,
  };
}

function parse(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  for (const vtz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  const vevent = root.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { root, vevent, event: new ICAL.Event(vevent) };
}

afterEach(() => ICAL.TimezoneService.reset());

const KINDS: NotificationKind[] = [
  'crew_call',
  'standby_offer',
  'confirmation',
  'reminder',
  'cancellation',
  'dropped_out',
  'declined',
  'filled',
];

describe('renderNotification: a crew call', () => {
  const out = renderNotification(input('crew_call'));

  it('addresses the recipient with a subject naming vessel, local time and role', () => {
    expect(out.to).toBe('kenji@example.com');
    expect(out.subject).toBe('Crew call: Sea Lark, Sat 5 Dec 09:00–13:00 (captain)');
  });

  it('tells the crew member everything they need, in the text body', () => {
    expect(out.text).toMatch(/^Hi Kenji,/);
    for (const part of [
      'Vessel: Sea Lark',
      'When: Sat 5 Dec 2026, 09:00–13:00 PST',
      'Role: captain',
      'Meeting point: Marina del Rey, Dock 52',
      'Guests: 18',
      'Pay: $450.00',
      'Notes: Bring a warm layer.',
      'Open to accept or decline:',
      'Seats go to the first crew to accept.',
      // 2026-11-28T02:00Z is Friday evening in Los Angeles.
      'Please answer by Fri 27 Nov, 18:00 PST.',
      '+1 310 555 0100',
    ]) {
      expect(out.text).toContain(part);
    }
    expect(out.text.split('\n')).toContain(LINK);
  });

  it('renders a complete mobile-friendly HTML email with a big button to the link', () => {
    expect(out.html).toMatch(/^<!DOCTYPE html>/);
    expect(out.html).toContain(
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
    );
    expect(out.html).toMatch(
      new RegExp(
        `<a href="${LINK}" style="display:inline-block;[^"]*">Open to accept or decline</a>`,
      ),
    );
    expect(out.html).not.toMatch(/<style|<link|<script/i);
    expect(out.html).toContain('Hi Kenji, we&#39;re looking for a captain');
    expect(out.html).toContain('$450.00');
    expect(out.html).toContain('Fri 27 Nov, 18:00 PST');
    expect(out.html).toContain('href="tel:+13105550100"');
  });

  // Changed with issue 13: a tentative PUBLISH (was REQUEST with PARTSTAT NEEDS-ACTION), so no
  // calendar offers Yes / No / Maybe; the description says to answer on the crew page.
  it('attaches a tentative PUBLISH at the charter’s local times', () => {
    expect(out.ics.filename).toBe('crewcall-CH-2026-1205-A.ics');
    expect(out.ics.method).toBe('PUBLISH');
    const { root, vevent, event } = parse(out.ics.content);
    expect(root.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(vevent.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(event.summary).toBe('Crew call: Sea Lark (captain)');
    expect(event.location).toBe('Marina del Rey, Dock 52');
    expect(event.startDate.toString()).toBe('2026-12-05T09:00:00');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-05T17:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-05T21:00:00.000Z');
    expect(vevent.getAllProperties('attendee')).toEqual([]);
    expect(out.ics.content).not.toMatch(/RSVP|PARTSTAT/);
    expect(event.description).toContain(
      'To accept or decline, open the link below (it is in the crewcall email too). Your calendar cannot answer for you: the office only hears what you choose on that page.',
    );
    expect(vevent.getFirstPropertyValue('url')).toBe(LINK);
    expect(event.description).toContain(LINK);
    expect(event.description).not.toContain('$450.00');
  });
});

describe('renderNotification: every kind', () => {
  it.each([
    [
      'crew_call',
      'Crew call: Sea Lark, Sat 5 Dec 09:00–13:00 (captain)',
      'PUBLISH',
      'TENTATIVE',
      'To accept or decline, open the link below',
    ],
    [
      'standby_offer',
      'A seat opened up: Sea Lark, Sat 5 Dec 09:00–13:00 (captain)',
      'PUBLISH',
      'TENTATIVE',
      'To accept or decline, open the link below',
    ],
    [
      'confirmation',
      "You're confirmed: Sea Lark, Sat 5 Dec 09:00–13:00 (captain)",
      'PUBLISH',
      'CONFIRMED',
      "You're on the crew. If you can no longer make it, open the link below (it is in the crewcall email too) and choose Drop out.",
    ],
    [
      'reminder',
      'Tomorrow at 09:00: Sea Lark, Sat 5 Dec 09:00–13:00 (captain)',
      'PUBLISH',
      'CONFIRMED',
      "You're on the crew. If you can no longer make it, open the link below (it is in the crewcall email too) and choose Drop out.",
    ],
    [
      'cancellation',
      'Cancelled: Sea Lark, Sat 5 Dec 09:00–13:00 (captain)',
      'CANCEL',
      'CANCELLED',
      'Nothing to answer: this removes the entry from your calendar.',
    ],
    [
      'dropped_out',
      "You're off Sea Lark, Sat 5 Dec — thanks for letting us know",
      'CANCEL',
      'CANCELLED',
      'Nothing to answer: this removes the entry from your calendar.',
    ],
    [
      'declined',
      'Thanks for answering: Sea Lark, Sat 5 Dec 09:00–13:00 (captain)',
      'CANCEL',
      'CANCELLED',
      'Nothing to answer: this removes the entry from your calendar.',
    ],
    [
      'filled',
      'No longer needed: Sea Lark, Sat 5 Dec 09:00–13:00 (captain)',
      'CANCEL',
      'CANCELLED',
      'Nothing to answer: this removes the entry from your calendar.',
    ],
  ] as const)('%s: "%s", METHOD:%s STATUS:%s', (kind, subject, method, status, howToAnswer) => {
    const out = renderNotification(input(kind, { sequence: 4 }));
    expect(out.subject).toBe(subject);
    expect(out.ics.method).toBe(method);
    expect(out.ics.filename).toBe('crewcall-CH-2026-1205-A.ics');
    const { root, vevent, event } = parse(out.ics.content);
    expect(root.getFirstPropertyValue('method')).toBe(method);
    expect(vevent.getFirstPropertyValue('status')).toBe(status);
    expect(event.sequence).toBe(4);
    expect(event.uid).toBe('CH-2026-1205-A.crw_kenji@crewcall');
    // Changed with issue 13: no kind claims a reply (was PARTSTAT NEEDS-ACTION / ACCEPTED on
    // REQUEST). PUBLISH names no attendee; a CANCEL names the one removed, with RSVP=FALSE.
    const attendees = vevent.getAllProperties('attendee');
    if (method === 'PUBLISH') expect(attendees).toEqual([]);
    else {
      expect(attendees).toHaveLength(1);
      expect(String(attendees[0]?.getFirstValue()).toLowerCase()).toBe('mailto:kenji@example.com');
      expect(attendees[0]?.getParameter('rsvp')).toBe('FALSE');
      expect(attendees[0]?.getParameter('partstat')).toBeUndefined();
    }
    expect(out.ics.content).not.toContain('RSVP=TRUE');
    expect(event.description).toContain(howToAnswer);
  });

  it('keeps one UID for the charter and crew member across kinds, and a different one per crew member', () => {
    const uids = KINDS.map((kind) => parse(renderNotification(input(kind)).ics.content).event.uid);
    expect(new Set(uids)).toEqual(new Set(['CH-2026-1205-A.crw_kenji@crewcall']));
    const other = renderNotification(
      input('crew_call', {
        recipient: {
          crew_id: 'crw_ana',
          name: 'Ana Example',
          email: 'ana@example.com',
          role: 'mate',
        },
      }),
    );
    expect(parse(other.ics.content).event.uid).toBe('CH-2026-1205-A.crw_ana@crewcall');
  });

  it.each(['standby_offer', 'confirmation', 'reminder'] as const)(
    '%s: puts the link on its own line and behind the button',
    (kind) => {
      const out = renderNotification(input(kind));
      expect(out.text.split('\n')).toContain(LINK);
      expect(out.html).toContain(`href="${LINK}"`);
    },
  );

  it('words a standby offer and a confirmation for what they are', () => {
    expect(renderNotification(input('standby_offer')).text).toContain('a captain seat opened up');
    expect(renderNotification(input('confirmation')).text).toContain("you're confirmed as captain");
  });

  it('sends a cancellation without any link, even if one is passed', () => {
    const out = renderNotification(input('cancellation', { link_url: LINK }));
    expect(out.text).not.toContain('http');
    expect(out.html).not.toContain(LINK);
    expect(out.html).not.toMatch(/<a href="http/);
    expect(out.text).toContain('this charter has been cancelled');
    expect(out.text).not.toContain('Pay:');
    const { vevent, event } = parse(out.ics.content);
    expect(vevent.getFirstProperty('url')).toBeNull();
    expect(event.description).not.toContain('http');
  });

  it.each(['confirmation', 'reminder'] as const)(
    '%s: the calendar entry says confirmed, with the local times',
    (kind) => {
      const { event } = parse(renderNotification(input(kind)).ics.content);
      expect(event.summary).toBe('Confirmed: Sea Lark 09:00–13:00 (captain)');
    },
  );

  it('tells a crew member who dropped out that they are off, not that the charter is cancelled', () => {
    const out = renderNotification(input('dropped_out', { link_url: LINK }));
    for (const body of [out.subject, out.text, out.html]) expect(body).not.toMatch(/cancel/i);
    expect(out.text).toContain("you're off this charter as captain");
    expect(out.text).toContain('The charter still sails, and the office has been told');
    expect(out.html).toContain('The charter still sails, and the office has been told');
    expect(out.text).not.toContain('http');
    expect(out.text).not.toContain('Pay:');
    const { vevent, event } = parse(out.ics.content);
    expect(event.summary).toBe("You're off: Sea Lark (captain)");
    expect(vevent.getFirstProperty('url')).toBeNull();
    expect(event.description).not.toMatch(/cancel/i);
  });

  it.each(['declined', 'filled'] as const)(
    '%s: withdraws the tentative hold without a link or pay, titled "Not crewing"',
    (kind) => {
      const out = renderNotification(input(kind, { link_url: LINK }));
      expect(out.text).toContain('The tentative hold is removed from your calendar.');
      expect(out.text).not.toContain('http');
      expect(out.text).not.toContain('Pay:');
      const { vevent, event } = parse(out.ics.content);
      expect(event.summary).toBe('Not crewing: Sea Lark (captain)');
      expect(vevent.getFirstProperty('url')).toBeNull();
    },
  );

  it('shows the respond-by time only on a crew call', () => {
    const out = renderNotification(input('standby_offer', { respond_by: '2026-11-28T02:00:00Z' }));
    expect(out.text).not.toContain('Please answer by');
  });

  it('refuses a crew call or standby offer without a link, and links that are not http(s)', () => {
    expect(() => renderNotification(input('crew_call', { link_url: undefined }))).toThrow(
      /link_url/,
    );
    expect(() => renderNotification(input('standby_offer', { link_url: '' }))).toThrow(/link_url/);
    expect(() =>
      renderNotification(input('crew_call', { link_url: 'javascript:alert(1)' })),
    ).toThrow(/http/);
    expect(() => renderNotification(input('crew_call', { respond_by: 'soon' }))).toThrow(
      /respond_by/,
    );
  });
});

describe('renderNotification: a reminder names the real gap to departure', () => {
  // Sat 5 Dec 2026, 14:05–18:00 in Los Angeles.
  const afternoon: Charter = { ...normal, start: '14:05', end: '18:00' };
  const at = (now: string, charter: Charter = afternoon) =>
    renderNotification(input('reminder', { charter, now: new Date(now) }));

  it('says "Today at 14:05", never "Tomorrow", when rendered at 08:00 the same day', () => {
    const out = at('2026-12-05T16:00:00Z'); // 08:00 PST
    expect(out.subject).toBe('Today at 14:05: Sea Lark, Sat 5 Dec 14:05–18:00 (captain)');
    expect(out.text).toContain('Leaves: Today at 14:05');
    expect(out.html).toContain('Today at 14:05: Sea Lark</h1>');
    expect(out.html).toMatch(/>Leaves<\/td>\s*<td[^>]*>Today at 14:05<\/td>/);
    for (const part of [out.subject, out.text, out.html]) expect(part).not.toMatch(/tomorrow/i);
    // The calendar event outlives the day, so its description keeps only the absolute time.
    expect(parse(out.ics.content).event.description).not.toContain('Today');
  });

  it('says "Tomorrow at …" the day before, the weekday 2–6 days ahead, the date further out', () => {
    expect(at('2026-12-04T20:00:00Z').subject).toMatch(/^Tomorrow at 14:05: /);
    expect(at('2026-12-04T20:00:00Z').text).toContain('Leaves: Tomorrow at 14:05');
    expect(at('2026-12-02T20:00:00Z').subject).toMatch(/^Saturday at 14:05: /);
    expect(at('2026-12-02T20:00:00Z').html).toContain('Saturday at 14:05: Sea Lark</h1>');
    expect(at('2026-11-28T20:00:00Z').subject).toMatch(/^Sat 5 Dec at 14:05: /);
  });

  it('counts in the charter’s zone: late on the evening before in Auckland is "Tomorrow", not "Today" as in UTC', () => {
    const auckland: Charter = { ...normal, time_zone: 'Pacific/Auckland', start: '09:00' };
    // The charter leaves 2026-12-04T20:00Z; 10:00Z on 4 Dec is 23:00 NZDT on Fri 4 Dec.
    const out = at('2026-12-04T10:00:00Z', auckland);
    expect(out.subject).toBe('Tomorrow at 09:00: Sea Lark, Sat 5 Dec 09:00–13:00 (captain)');
    expect(out.text).toContain('Leaves: Tomorrow at 09:00');
  });

  it('names the departure only in reminders', () => {
    for (const kind of KINDS.filter((k) => k !== 'reminder')) {
      expect(renderNotification(input(kind)).text).not.toContain('Leaves:');
    }
  });
});

describe('renderNotification: midnight and DST', () => {
  it('the New Year’s Eve charter runs into the next day', () => {
    const out = renderNotification(input('confirmation', { charter: newYearsEve }));
    expect(out.subject).toBe("You're confirmed: Blue Heron, Thu 31 Dec 21:00–Fri 00:30 (captain)");
    expect(out.text).toContain('When: Thu 31 Dec 2026, 21:00–Fri 1 Jan, 00:30 PST');
    expect(out.ics.filename).toBe('crewcall-CH-2026-1231-A.ics');
    const { event } = parse(out.ics.content);
    expect(event.startDate.zone.tzid).toBe('America/Los_Angeles');
    expect(event.startDate.toString()).toBe('2026-12-31T21:00:00');
    expect(event.endDate.toString()).toBe('2027-01-01T00:30:00');
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-01-01T05:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-01-01T08:30:00.000Z');
  });

  it('the night the clocks go forward lasts 2.5 hours', () => {
    const out = renderNotification(
      input('reminder', { charter: dstNight, now: new Date('2027-03-13T18:00:00Z') }),
    );
    expect(out.subject).toBe('Tomorrow at 01:30: Sea Lark, Sun 14 Mar 01:30–05:00 (captain)');
    expect(out.text).toContain('When: Sun 14 Mar 2027, 01:30–05:00 PDT');
    const { event } = parse(out.ics.content);
    expect(event.startDate.toString()).toBe('2027-03-14T01:30:00');
    expect(event.endDate.toString()).toBe('2027-03-14T05:00:00');
    const start = event.startDate.toJSDate();
    const end = event.endDate.toJSDate();
    expect(start.toISOString()).toBe('2027-03-14T09:30:00.000Z');
    expect(end.toISOString()).toBe('2027-03-14T12:00:00.000Z');
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(2.5);
  });
});

describe('renderNotification: untrusted text', () => {
  const nasty = '<script>alert("x")</script> "&';
  const charter: Charter = {
    ...normal,
    vessel: `Sea Lark ${nasty}`,
    client: `Client ${nasty}`,
    meeting_point: `Dock ${nasty}`,
    notes: `Note ${nasty}\nsecond line`,
  };
  const out = renderNotification(
    input('crew_call', {
      charter,
      recipient: {
        crew_id: 'crw_x',
        name: `${nasty} Example`,
        email: 'x@example.com',
        role: 'deckhand',
      },
      office: { name: `Office ${nasty}`, email: 'office@example.com', phone: '+1 310 555 0100' },
    }),
  );
  const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;&amp;';

  it('escapes every value in the HTML', () => {
    expect(out.html).not.toContain('<script');
    expect(out.html).not.toContain(nasty);
    for (const part of [
      `Sea Lark ${escaped}`,
      `Client ${escaped}`,
      `Dock ${escaped}`,
      `Note ${escaped}<br>second line`,
      `Office ${escaped}`,
    ]) {
      expect(out.html).toContain(part);
    }
    // The greeting uses the first word of the name, which is the start of the script tag.
    expect(out.html).toContain('Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,');
  });

  it('keeps the raw characters in the plain text and the subject, unescaped', () => {
    expect(out.text).toContain(`Client: Client ${nasty}`);
    expect(out.text).toContain(`Meeting point: Dock ${nasty}`);
    expect(out.text).not.toContain('&lt;');
    expect(out.text).not.toContain('&amp;');
    expect(out.subject).toBe(`Crew call: Sea Lark ${nasty}, Sat 5 Dec 09:00–13:00 (deckhand)`);
    expect(out.text.split('\n')).toContain(LINK);
  });

  it('keeps the calendar file intact', () => {
    const { vevent, event } = parse(out.ics.content);
    expect(event.location).toBe(`Dock ${nasty}`);
    expect(event.summary).toBe(`Crew call: Sea Lark ${nasty} (deckhand)`);
    expect(vevent.getFirstProperty('organizer')?.getParameter('cn')).toBe(`Office ${nasty}`);
    // A crew call names no attendee; the CANCEL that withdraws the hold names them, intact.
    const withdrawn = renderNotification({
      ...input('declined'),
      charter,
      recipient: {
        crew_id: 'crw_x',
        name: `${nasty} Example`,
        email: 'x@example.com',
        role: 'deckhand',
      },
    });
    expect(
      parse(withdrawn.ics.content).vevent.getFirstProperty('attendee')?.getParameter('cn'),
    ).toBe(`${nasty} Example`);
  });

  it('keeps a line break in a name out of the subject', () => {
    const o = renderNotification(
      input('crew_call', { charter: { ...normal, vessel: 'Sea\r\nBcc: x@example.com' } }),
    );
    expect(o.subject).not.toMatch(/[\r\n]/);
  });
});
