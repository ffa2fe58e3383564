import { DateTime } from 'luxon';
import type { CalendarAttachment, NotificationKind } from '../../../shared/api/notifications.js';
import { type Charter, charterTimes, describeCharterTime } from '../../../shared/charter/index.js';
import { firstName } from '../../../shared/crew/index.js';
import { formatMoney, type Money } from '../../../shared/money/index.js';
import { telLink } from '../../../shared/phone/index.js';
import { calendarUid, renderCalendarInvite } from './calendar-invite.js';
import { describeDeparture } from './when-words.js';

export type { NotificationKind };

export interface NotificationInput {
  kind: NotificationKind;
  charter: Charter;
  recipient: { crew_id: string; name: string; email: string; role: string };
  /** What this person earns for the charter (their day rate). */
  pay: Money;
  /** Magic link; present for crew_call, standby_offer, confirmation, reminder; absent for cancellation and dropped_out. */
  link_url?: string;
  /** UTC ISO: when this cascade level's window closes (crew_call only); shown in the charter's zone. */
  respond_by?: string;
  office: { name: string; email: string; phone: string };
  /** For the .ics: increases with each message about this charter to this person. */
  sequence: number;
  stamp: Date;
  /** charter_updated: what changed, in the office's words ("meeting point", "times"). */
  changed?: string[];
  /**
   * How many times the charter was recalled for a new date before this call: a
   * new call is a new calendar entry, so the cancelled one stays cancelled.
   */
  calendar_round?: number;
  /** When the email is rendered: a reminder counts the days to departure from here. */
  now: Date;
}

export interface RenderedNotification {
  to: string;
  subject: string;
  /** A complete small HTML email: inline styles only, mobile friendly, a big button to link_url. */
  html: string;
  /** Plain-text alternative with the link on its own line. */
  text: string;
  ics: CalendarAttachment;
}

/** What a subject line may name. `leaves` is when the charter leaves, seen from now ("Today at 14:05"). */
interface SubjectParts {
  leaves: string;
  vessel: string;
  /** "Sat 5 Dec" */
  day: string;
  /** "Sat 5 Dec 09:00–13:00" */
  when: string;
  /** "09:00–13:00", or "21:00–Fri 00:30" across midnight */
  hours: string;
  role: string;
}

/** The usual subject: "<what>: Sea Lark, Sat 5 Dec 09:00–13:00 (deckhand)". */
const about = (what: string, s: SubjectParts) => `${what}: ${s.vessel}, ${s.when} (${s.role})`;

/** A calendar title; the calendar shows the date itself. */
const entry = (what: string, s: SubjectParts) => `${what}: ${s.vessel} (${s.role})`;
/** Once confirmed the entry says so, with the hours: a tentative hold and a seat look different. */
const confirmedEntry = (s: SubjectParts) => `Confirmed: ${s.vessel} ${s.hours} (${s.role})`;

interface KindCopy {
  subject: (s: SubjectParts) => string;
  heading: (leaves: string) => string;
  intro: (first: string, role: string) => string;
  /** Lines after the details, before the office's contact. */
  after?: string[];
  /** The calendar entry's title: "Crew call: Sea Lark (mate)". */
  summary: (s: SubjectParts) => string;
  button?: string;
  needsLink: boolean;
  status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  /** The calendar entry's line on how to answer (never in the calendar itself), given where the link is. */
  howToAnswer: (link: string) => string;
}

/** Calendars offer no reply to these entries; the line says where answers go. */
const ANSWER_ON_PAGE = (link: string) =>
  `To accept or decline, open ${link}. Your calendar cannot answer for you: the office only hears what you choose on that page.`;
const DROP_OUT_ON_PAGE = (link: string) =>
  `You're on the crew. If you can no longer make it, open ${link} and choose Drop out. Deleting this calendar entry does not tell the office.`;
const NOTHING_TO_ANSWER = () => 'Nothing to answer: this removes the entry from your calendar.';

const COPY: Record<NotificationKind, KindCopy> = {
  crew_call: {
    subject: (s) => about('Crew call', s),
    heading: () => 'Crew call',
    intro: (first, role) => `Hi ${first}, we're looking for a ${role} for this charter.`,
    button: 'Open to accept or decline',
    needsLink: true,
    summary: (s) => entry('Crew call', s),
    status: 'TENTATIVE',
    howToAnswer: ANSWER_ON_PAGE,
  },
  standby_offer: {
    subject: (s) => about('A seat opened up', s),
    heading: () => 'A seat opened up',
    intro: (first, role) => `Hi ${first}, a ${role} seat opened up on this charter.`,
    button: 'Open to accept or decline',
    needsLink: true,
    summary: (s) => entry('Crew call', s),
    status: 'TENTATIVE',
    howToAnswer: ANSWER_ON_PAGE,
  },
  confirmation: {
    subject: (s) => about("You're confirmed", s),
    heading: () => "You're confirmed",
    intro: (first, role) =>
      `Hi ${first}, you're confirmed as ${role} on this charter. The calendar invite is attached.`,
    button: 'Open the charter page',
    needsLink: false,
    summary: confirmedEntry,
    status: 'CONFIRMED',
    howToAnswer: DROP_OUT_ON_PAGE,
  },
  reminder: {
    subject: (s) => about(s.leaves, s),
    heading: (leaves) => leaves,
    intro: (first, role) => `Hi ${first}, a reminder that you're crewing this charter as ${role}.`,
    button: 'Open the charter page',
    needsLink: false,
    summary: confirmedEntry,
    status: 'CONFIRMED',
    howToAnswer: DROP_OUT_ON_PAGE,
  },
  // The seat stands; the calendar entry is replaced in place (same UID, higher SEQUENCE).
  charter_updated: {
    subject: (s) => about('Updated', s),
    heading: () => 'Charter details changed',
    intro: (first, role) =>
      `Hi ${first}, the details of this charter have changed. You're still confirmed as ${role}.`,
    after: ['Your calendar entry is updated to match.'],
    button: 'Open the charter page',
    needsLink: false,
    summary: confirmedEntry,
    status: 'CONFIRMED',
    howToAnswer: DROP_OUT_ON_PAGE,
  },
  cancellation: {
    subject: (s) => about('Cancelled', s),
    heading: () => 'Charter cancelled',
    intro: (first) =>
      `Hi ${first}, this charter has been cancelled, so you're no longer needed for it. The calendar event is removed.`,
    needsLink: false,
    summary: (s) => entry('Cancelled', s),
    status: 'CANCELLED',
    howToAnswer: NOTHING_TO_ANSWER,
  },
  // The charter still sails: only this person's place on it ends.
  dropped_out: {
    subject: (s) => `You're off ${s.vessel}, ${s.day} — thanks for letting us know`,
    heading: () => "You're off this charter",
    intro: (first, role) =>
      `Hi ${first}, you're off this charter as ${role}, as you asked. Thanks for letting us know.`,
    after: [
      'The charter still sails, and the office has been told, so there is nothing more you need to do.',
      'The calendar event for you is removed.',
    ],
    summary: (s) => entry("You're off", s),
    needsLink: false,
    status: 'CANCELLED',
    howToAnswer: NOTHING_TO_ANSWER,
  },
  // These two withdraw the tentative hold a crew call or standby offer put in the calendar.
  declined: {
    subject: (s) => about('Thanks for answering', s),
    heading: () => "You're not on this charter",
    intro: (first, role) =>
      `Hi ${first}, thanks for letting us know you can't crew this charter as ${role}.`,
    after: ['The tentative hold is removed from your calendar.'],
    summary: (s) => entry('Not crewing', s),
    needsLink: false,
    status: 'CANCELLED',
    howToAnswer: NOTHING_TO_ANSWER,
  },
  filled: {
    subject: (s) => about('No longer needed', s),
    heading: () => 'No longer needed',
    intro: (first, role) =>
      `Hi ${first}, thanks for being available as ${role}. The seats on this charter are taken, so you're not needed for it this time.`,
    after: ['The tentative hold is removed from your calendar.'],
    summary: (s) => entry('Not crewing', s),
    needsLink: false,
    status: 'CANCELLED',
    howToAnswer: NOTHING_TO_ANSWER,
  },
};

export function renderNotification(input: NotificationInput): RenderedNotification {
  const { kind, charter, recipient, office } = input;
  const copy = COPY[kind];
  if (!copy) throw new Error(`renderNotification: unknown kind "${String(kind)}"`);

  // A CANCEL carries no link: there is nothing left to answer.
  const ends = copy.status === 'CANCELLED';
  const link = ends ? undefined : checkedLink(input.link_url);
  if (copy.needsLink && !link) throw new Error(`renderNotification: a ${kind} needs link_url`);
  const respondBy =
    kind === 'crew_call' && input.respond_by
      ? formatRespondBy(input.respond_by, charter.time_zone)
      : undefined;

  const first = firstName(recipient.name);
  const role = recipient.role.trim();
  const intro = copy.intro(first, role);
  const leaves = describeDeparture(
    new Date(charterTimes(charter).starts_at),
    input.now,
    charter.time_zone,
  );
  const day = shortDay(charter);
  const hours = shortHours(charter);
  const parts: SubjectParts = {
    leaves,
    vessel: charter.vessel,
    day,
    when: `${day} ${hours}`,
    hours,
    role,
  };
  const subject = oneLine(copy.subject(parts));

  const details: [string, string][] = [
    ['Vessel', charter.vessel],
    ...(kind === 'reminder' ? [['Leaves', leaves] as [string, string]] : []),
    ['When', describeCharterTime(charter)],
    ['Role', role],
    ['Meeting point', charter.meeting_point],
    ['Guests', String(charter.guests)],
    ['Client', charter.client],
  ];
  if (!ends) details.push(['Pay', formatMoney(input.pay)]);
  if (charter.notes.trim()) details.push(['Notes', charter.notes.trim()]);

  const after: string[] = [];
  if (kind === 'crew_call') after.push('Seats go to the first crew to accept.');
  if (kind === 'standby_offer') after.push('The seat goes to the first standby crew to accept.');
  if (respondBy) after.push(`Please answer by ${respondBy}.`);
  if (kind === 'charter_updated' && input.changed?.length)
    after.push(`What changed: ${input.changed.join(', ')}.`);
  after.push(...(copy.after ?? []));
  const contact = `Questions? Call ${office.name} at ${office.phone} or write to ${office.email}.`;

  const text = [
    intro,
    '',
    ...details.map(([label, value]) => `${label}: ${value}`),
    '',
    ...(link && copy.button ? [`${copy.button}:`, link, ''] : []),
    ...(after.length ? [...after, ''] : []),
    contact,
    '',
  ].join('\n');

  const html = renderHtml({
    subject,
    heading: copy.heading(leaves),
    intro,
    details,
    link,
    after,
    input,
  });

  const method = ends ? 'CANCEL' : 'PUBLISH';
  const icsDescription = [
    intro,
    '',
    copy.howToAnswer(
      link ? 'the link below (it is in the crewcall email too)' : 'the link in the crewcall email',
    ),
    '',
    // "Today at …" would be wrong in the calendar tomorrow.
    ...details
      .filter(([label]) => label !== 'Pay' && label !== 'Leaves')
      .map(([label, value]) => `${label}: ${value}`),
    ...(link ? ['', link] : []),
    '',
    contact,
  ].join('\n');
  const content = renderCalendarInvite({
    method,
    status: copy.status,
    uid: calendarUid(charter.charter_id, recipient.crew_id, input.calendar_round),
    sequence: input.sequence,
    charter,
    summary: copy.summary(parts),
    description: icsDescription,
    organizer: { name: office.name, email: office.email },
    attendee: { name: recipient.name, email: recipient.email },
    stamp: input.stamp,
    ...(link ? { url: link } : {}),
  });

  return {
    to: recipient.email,
    subject,
    html,
    text,
    ics: {
      filename: `crewcall-${charter.charter_id.replace(/[^A-Za-z0-9._-]/g, '_')}.ics`,
      method,
      content,
    },
  };
}

/** "Sat 5 Dec": the charter's day in its own zone. */
function shortDay(charter: Charter): string {
  return DateTime.fromISO(charterTimes(charter).starts_at)
    .setZone(charter.time_zone)
    .setLocale('en-US')
    .toFormat('ccc d LLL');
}

/** "09:00–13:00", or "21:00–Fri 00:30" across midnight. */
function shortHours(charter: Charter): string {
  const times = charterTimes(charter);
  const start = DateTime.fromISO(times.starts_at).setZone(charter.time_zone).setLocale('en-US');
  const end = DateTime.fromISO(times.ends_at).setZone(charter.time_zone).setLocale('en-US');
  const endText = times.crosses_midnight ? end.toFormat('ccc HH:mm') : end.toFormat('HH:mm');
  return `${start.toFormat('HH:mm')}–${endText}`;
}

function formatRespondBy(iso: string, zone: string): string {
  const at = DateTime.fromISO(iso, { zone: 'utc' });
  if (!at.isValid) throw new Error(`renderNotification: respond_by "${iso}" is not an ISO instant`);
  return at.setZone(zone).setLocale('en-US').toFormat('ccc d LLL, HH:mm ZZZZ');
}

/** The magic link must be an http(s) URL with nothing that could break out of its line or attribute. */
function checkedLink(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`renderNotification: link_url "${url}" is not a URL`);
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || /\s/.test(url)) {
    throw new Error(`renderNotification: link_url must be an http(s) URL without spaces`);
  }
  return url;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// --- HTML: every interpolated value goes through escapeHtml unless it is already Html. ---

class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}
type HtmlValue = string | number | Html | readonly HtmlValue[] | null | undefined | false;

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function htmlValue(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(htmlValue).join('');
  return escapeHtml(String(value));
}

/** Tagged template that escapes every interpolation. */
function h(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  return new Html(strings.reduce((out, s, i) => out + htmlValue(values[i - 1]) + s));
}

/** Text with line breaks kept as <br>. */
function multiline(text: string): Html[] {
  return text.split(/\r?\n/).map((line, i) => (i === 0 ? h`${line}` : h`<br>${line}`));
}

const FONT = 'font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif';

function renderHtml(p: {
  subject: string;
  heading: string;
  intro: string;
  details: [string, string][];
  link: string | undefined;
  after: string[];
  input: NotificationInput;
}): string {
  const { charter, office } = p.input;
  const button = COPY[p.input.kind].button;
  const rows = p.details.map(
    ([label, value]) => h`<tr>
<td style="padding:6px 12px 6px 0;color:#555555;vertical-align:top;white-space:nowrap">${label}</td>
<td style="padding:6px 0;color:#111111;font-weight:600">${multiline(value)}</td>
</tr>`,
  );
  const doc = h`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.subject}</title>
</head>
<body style="margin:0;padding:0;background:#f2f4f7">
<div style="max-width:560px;margin:0 auto;padding:16px;${FONT};font-size:16px;line-height:1.5;color:#111111">
<div style="background:#ffffff;border-radius:8px;padding:20px">
<h1 style="margin:0 0 4px;font-size:22px;line-height:1.3">${p.heading}: ${charter.vessel}</h1>
<p style="margin:0 0 16px">${p.intro}</p>
<table role="presentation" style="border-collapse:collapse;width:100%;font-size:16px">${rows}</table>
${
  p.link && button
    ? h`<p style="margin:24px 0;text-align:center"><a href="${p.link}" style="display:inline-block;background:#0b5394;color:#ffffff;text-decoration:none;font-weight:bold;font-size:18px;padding:14px 28px;border-radius:6px">${button}</a></p>`
    : null
}
${p.after.map((line) => h`<p style="margin:0 0 8px">${line}</p>`)}
<p style="margin:16px 0 0;color:#555555;font-size:14px">Questions? Call ${office.name} at <a href="${telLink(office.phone)}" style="color:#0b5394">${office.phone}</a> or write to <a href="mailto:${office.email}" style="color:#0b5394">${office.email}</a>.</p>
</div>
</div>
</body>
</html>
`;
  return doc.value;
}
