import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime, IANAZone } from 'luxon';
import { type Charter, charterTimes } from '../../../shared/charter/index.js';

/**
 * One calendar entry (iTIP PUBLISH or CANCEL) for one crew member and one charter.
 *
 * Crew answer on the crew page only, so the entry must not offer calendar replies:
 * iTIP's REQUEST "is interactive in that it requires the receiver to respond using
 * the reply methods" and PUBLISH has "no interactivity between the publisher and any
 * other Calendar User" (RFC 5546 §1.4, https://www.rfc-editor.org/rfc/rfc5546#section-1.4).
 * A REQUEST with an RSVP'd attendee is what makes Gmail, Outlook and Apple Calendar
 * show Yes / No / Maybe, whose reply email the office would get and nobody reads,
 * while the seat stays as it was; booking systems that want answers on their own page
 * send PUBLISH instead (a flight booking's .ics, as in the question at
 * https://codewithsundeep.com/discussion/solution/21274132), which clients offer as an
 * entry to add, with no reply buttons. So holds and confirmed seats are PUBLISH with
 * no ATTENDEE (RFC 5546 §3.2.1 lists ATTENDEE as 0 for PUBLISH); the DESCRIPTION says
 * where to answer. Withdrawals stay CANCEL (same UID, higher SEQUENCE) naming the
 * attendee removed, with RSVP=FALSE and no PARTSTAT: there is nothing to answer.
 */
export interface CalendarInviteInput {
  method: 'PUBLISH' | 'CANCEL';
  status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  /** Stable per charter and crew member, e.g. `${charter_id}.${crew_id}@crewcall`. */
  uid: string;
  /** Increases with each update so calendars replace the earlier copy. */
  sequence: number;
  charter: Pick<
    Charter,
    | 'charter_id'
    | 'vessel'
    | 'date'
    | 'start'
    | 'end'
    | 'time_zone'
    | 'meeting_point'
    | 'notes'
    | 'client'
  >;
  /** e.g. "Crew call: Sea Lark (captain)" */
  summary: string;
  /** Plain text. */
  description: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** DTSTAMP: when this version of the invite was made. */
  stamp: Date;
  /** The magic link, when there is one. */
  url?: string;
}

const STATUS: Record<CalendarInviteInput['status'], ICalEventStatus> = {
  TENTATIVE: ICalEventStatus.TENTATIVE,
  CONFIRMED: ICalEventStatus.CONFIRMED,
  CANCELLED: ICalEventStatus.CANCELLED,
};

/**
 * Renders a complete VCALENDAR (CRLF line endings) with a VTIMEZONE for the
 * charter's zone and DTSTART/DTEND as local times with TZID, so a charter that
 * crosses midnight or a DST change lands on the right instants.
 */
export function renderCalendarInvite(input: CalendarInviteInput): string {
  if ((input.method === 'CANCEL') !== (input.status === 'CANCELLED')) {
    throw new Error(
      `calendar invite: METHOD:${input.method} cannot carry STATUS:${input.status} (CANCEL goes with CANCELLED only)`,
    );
  }
  if (!Number.isInteger(input.sequence) || input.sequence < 0) {
    throw new Error(`calendar invite: sequence must be a whole number >= 0, got ${input.sequence}`);
  }
  if (Number.isNaN(input.stamp.getTime())) {
    throw new Error('calendar invite: stamp is not a valid date');
  }

  const zone = input.charter.time_zone;
  const times = charterTimes(input.charter); // throws LocalTimeError on a bad date, time or zone
  // luxon values, not Date: ical-generator formats a Date with a TZID in the
  // process's own zone (UTC on Lambda), which would put the charter 8 hours off.
  const start = DateTime.fromISO(times.starts_at, { zone });
  const end = DateTime.fromISO(times.ends_at, { zone });

  const calendar = ical({
    prodId: { company: 'crewcall', product: 'crew-call', language: 'EN' },
    method: input.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
    // name: null keeps DTSTAMP in UTC; the generator adds the VTIMEZONE for the event's TZID.
    timezone: { name: null, generator: (tz) => vtimezone(tz, start, end) },
  });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stamp,
    start,
    end,
    timezone: zone,
    summary: oneLine(input.summary),
    description: input.description,
    location: oneLine(input.charter.meeting_point) || null,
    status: STATUS[input.status],
    organizer: { name: paramText(input.organizer.name), email: input.organizer.email },
    // PUBLISH names no attendee (nobody to answer); CANCEL names the one removed, asking nothing.
    attendees:
      input.method === 'CANCEL'
        ? [
            {
              name: paramText(input.attendee.name),
              email: input.attendee.email,
              role: ICalAttendeeRole.REQ,
              rsvp: false,
            },
          ]
        : [],
    url: input.method === 'PUBLISH' && input.url ? input.url : null,
  });
  // ical-generator ends on "END:VCALENDAR" without the CRLF that RFC 5545 requires on every line.
  return `${calendar.toString()}\r\n`;
}

/** Collapses line breaks and control characters: for single-line properties. */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/**
 * A CN parameter value: ical-generator wraps it in DQUOTEs, which cannot appear
 * inside; RFC 6868 spells them ^' (and ^ as ^^), which ical.js and others decode.
 */
function paramText(text: string): string {
  return oneLine(text).replace(/\^/g, '^^').replace(/"/g, "^'");
}

/**
 * A crew member's calendar identity for one charter's call: the emailed invites and the
 * calendar feed use the same UID, so a client that holds both sees one charter, not two.
 * A recalled charter's next call (round n) is a new entry.
 */
export const calendarUid = (charterId: string, crewId: string, round?: number) =>
  `${charterId}${round ? `.r${round}` : ''}.${crewId}@crewcall`;

const DAY_MS = 86_400_000;

/**
 * A VTIMEZONE for `tz` built from the runtime's time zone data (luxon/Intl), so
 * it needs no files at run time and bundles into the Lambda. It lists every
 * offset change from the start of the year before the charter to the end of the
 * year it ends in, after an opening observance, so any instant in between resolves.
 * The text depends only on the zone and those years, so it is cached.
 */
export function vtimezone(tz: string, from: DateTime, to: DateTime): string {
  const zone = IANAZone.create(tz);
  if (!zone.isValid) throw new Error(`"${tz}" is not an IANA time zone`);
  const firstYear = from.setZone(tz).year - 1;
  const lastYear = to.setZone(tz).year;
  const key = `${tz} ${firstYear} ${lastYear}`;
  const cached = vtimezoneCache.get(key);
  if (cached) return cached;

  const windowStart = DateTime.fromObject({ year: firstYear }, { zone: tz }).toMillis();
  const windowEnd = DateTime.fromObject({ year: lastYear + 1 }, { zone: tz }).toMillis();
  const lines = ['BEGIN:VTIMEZONE', `TZID:${tz}`];
  let before = zone.offset(windowStart);
  lines.push(...observance(zone, windowStart, before, before));
  for (let t = windowStart; t < windowEnd; t += DAY_MS) {
    const next = zone.offset(t + DAY_MS);
    if (next === before) continue;
    // Narrow the change down to the minute.
    let lo = t;
    let hi = t + DAY_MS;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (zone.offset(mid) === before) lo = mid;
      else hi = mid;
    }
    lines.push(...observance(zone, hi, before, zone.offset(hi)));
    before = next;
  }
  lines.push('END:VTIMEZONE');
  const text = lines.join('\r\n');
  // Scanning three years of offsets takes milliseconds; a batch of calls reuses it.
  if (vtimezoneCache.size >= 64) vtimezoneCache.clear();
  vtimezoneCache.set(key, text);
  return text;
}

const vtimezoneCache = new Map<string, string>();

/** One STANDARD or DAYLIGHT block: the offset that applies from instant `at`. */
function observance(zone: IANAZone, at: number, fromOffset: number, toOffset: number): string[] {
  const kind = DateTime.fromMillis(at, { zone }).isInDST ? 'DAYLIGHT' : 'STANDARD';
  // DTSTART is the wall-clock time just before the change, i.e. in the old offset.
  const localStart = DateTime.fromMillis(at + fromOffset * 60_000, { zone: 'utc' });
  const name = zone.offsetName(at, { format: 'short', locale: 'en-US' }) ?? '';
  return [
    `BEGIN:${kind}`,
    `DTSTART:${localStart.toFormat("yyyyLLdd'T'HHmmss")}`,
    `TZOFFSETFROM:${formatOffset(fromOffset)}`,
    `TZOFFSETTO:${formatOffset(toOffset)}`,
    ...(name ? [`TZNAME:${name.replace(/[\\;,]/g, '')}`] : []),
    `END:${kind}`,
  ];
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
