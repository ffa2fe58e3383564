import type { Charter } from './index.js';
import {
  charterTimeText,
  dayTimeText,
  dayTimeZoneText,
  type LocalParts,
  localPartsFromPeriods,
  type ZonePeriods,
} from './zone-periods.js';

/** What a crew page needs of a stored charter to tell its times. */
export type StoredCharterTimes = Pick<Charter, 'start' | 'end' | 'time_zone'> & {
  starts_at: string;
  ends_at: string;
  /** Absent on a charter stored before periods were (then Intl tells its times). */
  zone_periods?: ZonePeriods;
};

/** A charter's times as its crew read them, all in its zone. */
export interface ZonedClock {
  /** "Sat 5 Dec 2026, 09:00–13:00 PST". */
  charterTime(): string;
  /** "Sat 5 Dec 08:12 PST". */
  dayTimeZone(iso: string): string;
  /** "5 Dec 08:12". */
  dayTime(iso: string): string;
}

/**
 * Tells a charter's times from its stored zone periods, with no Intl; only when an
 * instant is outside them (or the charter has none) is the Intl module loaded, so
 * the common cold start never pays ICU's set-up. `instants`: the others to be told.
 */
export async function zonedClockFor(
  charter: StoredCharterTimes,
  instants: readonly string[],
): Promise<ZonedClock> {
  const zone = charter.time_zone;
  const fromPeriods = (iso: string) => localPartsFromPeriods(iso, zone, charter.zone_periods);
  const covered = [charter.starts_at, charter.ends_at, ...instants].every(
    (iso) => fromPeriods(iso) !== undefined,
  );
  const intl = covered ? undefined : await import('./zoned-time.js');
  const parts = (iso: string): LocalParts => {
    const local = fromPeriods(iso);
    if (local) return local;
    if (!intl) throw new Error(`zonedClockFor: ${iso} was not among the instants to be told`);
    return intl.localParts(iso, zone);
  };
  return {
    charterTime: () => charterTimeText(charter, parts(charter.starts_at), parts(charter.ends_at)),
    dayTimeZone: (iso) => dayTimeZoneText(parts(iso)),
    dayTime: (iso) => dayTimeText(parts(iso)),
  };
}
