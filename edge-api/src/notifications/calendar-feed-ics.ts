import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { charterTimes, describeCharterTime } from '../../../shared/charter/index.js';
import { formatMoney } from '../../../shared/money/index.js';
import type { FeedSeat } from '../db/dispatch-table/index.js';
import { calendarUid, oneLine, vtimezone } from './calendar-invite.js';

/**
 * A crew member's calendar subscription (RFC 5545, served as a feed, so no METHOD):
 * one VEVENT per charter they are confirmed on. Each event keeps the UID of the
 * emailed invites for that charter, its SEQUENCE is the charter's version (it grows
 * with every change, cancellation included), and times are local with TZID and a
 * VTIMEZONE built from the runtime's zone data, as in the invites.
 *
 * A cancelled charter stays in the feed, STATUS:CANCELLED and titled "Cancelled: …",
 * while it is in the feed's window: an entry that silently vanishes looks like a sync
 * fault to someone who planned their day round it, while a cancelled one says why
 * (apps differ: some mark it, some hide it, which is no worse than removing it). A drop-out or a recalled call (new date: a new call and a
 * new UID) is simply gone: that person is no longer on that entry.
 *
 * What it tells: the boat, role, hours, meeting point, guests, client, the office's
 * notes, the person's own pay and the office's contact. Never other crew (no names,
 * phones or emails) and no magic link: the feed URL is read by calendar servers and
 * often shared with a partner's calendar, and a link in it could drop the person out.
 */
export interface FeedOffice {
  name: string;
  email: string;
  phone: string;
}

export interface RenderedFeed {
  body: string;
  /** The latest change to anything listed: the feed's Last-Modified. */
  last_modified?: Date;
}

/** One hour: how often calendar apps are asked to fetch again (they may take longer). */
const REFRESH_SECONDS = 3600;

export function renderCalendarFeed(seats: FeedSeat[], office: FeedOffice): RenderedFeed {
  // A call replaced by a recall (the charter now has another call, or none yet) is gone.
  const listed = seats.filter((s) => s.charter.call_id === s.response.call_id);
  const ranges = new Map<string, { from: DateTime; to: DateTime }>();
  const events = listed.map(({ charter, response }) => {
    const times = charterTimes(charter);
    const start = DateTime.fromISO(times.starts_at, { zone: charter.time_zone });
    const end = DateTime.fromISO(times.ends_at, { zone: charter.time_zone });
    const range = ranges.get(charter.time_zone);
    ranges.set(charter.time_zone, {
      from: range && range.from < start ? range.from : start,
      to: range && range.to > end ? range.to : end,
    });
    const modified = new Date(
      Math.max(Date.parse(charter.updated_at), Date.parse(response.updated_at)),
    );
    const cancelled = charter.status === 'cancelled';
    const title = `${oneLine(charter.vessel)} (${response.role})`;
    const details: Array<[string, string]> = [
      ['When', describeCharterTime(charter)],
      ['Role', response.role],
      ['Meeting point', charter.meeting_point],
      ['Guests', String(charter.guests)],
      ['Client', charter.client],
      ['Your pay', formatMoney(response.day_rate)],
      ...(charter.notes.trim() ? [['Notes', charter.notes.trim()] as [string, string]] : []),
    ];
    const description = [
      cancelled
        ? `This charter was cancelled by ${office.name}. You don't need to do anything.`
        : `You are confirmed as ${response.role} on ${charter.vessel}.`,
      '',
      ...details.filter(([, v]) => v.trim() !== '').map(([k, v]) => `${k}: ${v}`),
      '',
      ...(cancelled
        ? []
        : [
            'If you can no longer make it, open your crew page (from your crewcall email or your personal page) and choose Drop out; deleting this entry does not tell the office.',
            '',
          ]),
      `Questions? Call ${office.name} at ${office.phone} or write to ${office.email}.`,
    ].join('\n');
    return {
      id: calendarUid(charter.charter_id, response.crew_id, charter.recalls),
      sequence: charter.version,
      // DTSTAMP is this version's time, not the request's: the same data gives the same bytes (ETag).
      stamp: modified,
      lastModified: modified,
      start,
      end,
      timezone: charter.time_zone,
      summary: cancelled ? `Cancelled: ${title}` : title,
      description,
      location: oneLine(charter.meeting_point) || null,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    };
  });

  const calendar = ical({
    prodId: { company: 'crewcall', product: 'crew-feed', language: 'EN' },
    name: `${office.name} charters`,
    description: `Your confirmed charters with ${office.name}`,
    ttl: REFRESH_SECONDS,
    timezone: {
      name: null,
      generator: (tz) => {
        const r = ranges.get(tz);
        return r ? vtimezone(tz, r.from, r.to) : null;
      },
    },
  });
  for (const e of events) calendar.createEvent(e);
  const newest = Math.max(...events.map((e) => e.lastModified.getTime()));
  return {
    // ical-generator ends on "END:VCALENDAR" without the CRLF RFC 5545 requires on every line.
    body: `${calendar.toString()}\r\n`,
    ...(events.length > 0 ? { last_modified: new Date(newest) } : {}),
  };
}
