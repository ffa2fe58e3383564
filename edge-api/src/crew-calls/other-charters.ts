import { DateTime } from 'luxon';
import type { OtherCharter } from '../../../shared/api/crew-calls.js';
import type { Db } from '../db/client.js';
import {
  getCharters,
  listConfirmedDeparting,
  type StoredCharter,
} from '../db/dispatch-table/index.js';

/** A charter never runs 24 hours or more (an end at or before the start is the next day). */
const LONGEST_CHARTER_MS = 24 * 3_600_000;

/**
 * Who is confirmed on another charter overlapping this charter's local date, and on which:
 * the planner leaves them out ("on Sea Lark that day"). Two requests whatever the roster:
 * one Query of who is confirmed departing from a day before that date until its end (an
 * overnight charter of the evening before still overlaps it), one BatchGetItem of their
 * charters. A seat counts only on the charter's current, uncancelled call.
 */
export async function otherChartersThatDay(
  db: Db,
  charter: Pick<StoredCharter, 'charter_id' | 'date' | 'time_zone'>,
): Promise<Record<string, OtherCharter>> {
  const dayStart = DateTime.fromISO(charter.date, { zone: charter.time_zone }).startOf('day');
  const from = dayStart.toMillis();
  const to = dayStart.plus({ days: 1 }).toMillis();
  const iso = (ms: number) => new Date(ms).toISOString();
  const seats = (await listConfirmedDeparting(db, iso(from - LONGEST_CHARTER_MS), iso(to))).filter(
    (seat) => seat.charter_id !== charter.charter_id,
  );
  if (seats.length === 0) return {};
  const charters = new Map(
    (
      await getCharters(
        db,
        seats.map((s) => s.charter_id),
      )
    ).map((c) => [c.charter_id, c]),
  );
  const busy: Record<string, OtherCharter & { starts_at: string }> = {};
  for (const seat of seats) {
    const other = charters.get(seat.charter_id);
    if (!other || other.status === 'cancelled' || other.call_id !== seat.call_id) continue;
    if (Date.parse(other.starts_at) >= to || Date.parse(other.ends_at) <= from) continue;
    const earlier = busy[seat.crew_id];
    if (earlier && earlier.starts_at <= other.starts_at) continue;
    busy[seat.crew_id] = {
      charter_id: other.charter_id,
      vessel: other.vessel,
      date: other.date,
      start: other.start,
      end: other.end,
      starts_at: other.starts_at,
    };
  }
  return Object.fromEntries(
    Object.entries(busy).map(([crewId, { starts_at: _startsAt, ...other }]) => [crewId, other]),
  );
}
