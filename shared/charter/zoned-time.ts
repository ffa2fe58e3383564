import type { Charter } from './index.js';
import { charterTimeText, dayTimeText, dayTimeZoneText, type LocalParts } from './zone-periods.js';

/**
 * Stored instants read as local times in a charter's zone, with Intl alone.
 *
 * The crew pages only format instants the API stored (a charter's `starts_at` and
 * `ends_at`, a level's `closes_at`, a chat post's `posted_at`); turning local wall
 * times into instants stays with luxon (`charterTimes`), on the office's side of the
 * API. Keeping luxon off the crew page is worth ~8 ms of every cold start (docs-cold.md).
 * The texts are the same as luxon's en-US ones (test/shared/charter/zoned-time.test.ts).
 * A call's crew page reads a charter's stored zone periods instead (zoned-clock.ts) and
 * loads this module only for an instant they do not cover.
 */

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

/** The local fields of `iso` in `zone`, from Intl. */
export function localParts(iso: string, zone: string): LocalParts {
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
  return dayTimeZoneText(localParts(iso, zone));
}

/** "5 Dec 08:12": a chat post's time. */
export function localDayTime(iso: string, zone: string): string {
  return dayTimeText(localParts(iso, zone));
}

/**
 * "Sat 5 Dec 2026, 09:00–13:00 PST" (the next day's date before the end when the
 * charter crosses midnight): `describeCharterTime`'s text, from the stored instants.
 */
export function describeStoredCharterTime(
  c: Pick<Charter, 'start' | 'end' | 'time_zone'> & { starts_at: string; ends_at: string },
): string {
  return charterTimeText(
    c,
    localParts(c.starts_at, c.time_zone),
    localParts(c.ends_at, c.time_zone),
  );
}
