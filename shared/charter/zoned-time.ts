import type { Charter } from './index.js';

/**
 * Stored instants read as local times in a charter's zone, with Intl alone.
 *
 * The crew pages only format instants the API stored (a charter's `starts_at` and
 * `ends_at`, a level's `closes_at`, a chat post's `posted_at`); turning local wall
 * times into instants stays with luxon (`charterTimes`), on the office's side of the
 * API. Keeping luxon off the crew page is worth ~8 ms of every cold start (docs-cold.md).
 * The texts are the same as luxon's en-US ones (test/shared/charter/zoned-time.test.ts).
 */

interface LocalParts {
  weekday: string;
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
  timeZoneName: string;
}

// Building an Intl formatter costs far more than using one: one per zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(zone, format);
  }
  return format;
}

function localParts(iso: string, zone: string): LocalParts {
  const parts = {
    weekday: '',
    day: '',
    month: '',
    year: '',
    hour: '',
    minute: '',
    timeZoneName: '',
  };
  for (const part of formatterFor(zone).formatToParts(new Date(iso))) {
    if (part.type in parts) parts[part.type as keyof LocalParts] = part.value;
  }
  return parts;
}

/** "Sat 5 Dec 08:12 PST": when an answer is due. */
export function localDayTimeZone(iso: string, zone: string): string {
  const p = localParts(iso, zone);
  return `${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** "5 Dec 08:12": a chat post's time. */
export function localDayTime(iso: string, zone: string): string {
  const p = localParts(iso, zone);
  return `${p.day} ${p.month} ${p.hour}:${p.minute}`;
}

/**
 * "Sat 5 Dec 2026, 09:00–13:00 PST" (the next day's date before the end when the
 * charter crosses midnight): `describeCharterTime`'s text, from the stored instants.
 */
export function describeStoredCharterTime(
  c: Pick<Charter, 'start' | 'end' | 'time_zone'> & { starts_at: string; ends_at: string },
): string {
  const start = localParts(c.starts_at, c.time_zone);
  const end = localParts(c.ends_at, c.time_zone);
  const endText =
    c.end <= c.start
      ? `${end.weekday} ${end.day} ${end.month}, ${end.hour}:${end.minute} ${end.timeZoneName}`
      : `${end.hour}:${end.minute} ${end.timeZoneName}`;
  return `${start.weekday} ${start.day} ${start.month} ${start.year}, ${start.hour}:${start.minute}–${endText}`;
}
