import type { StoredCharter } from '../db/dispatch-table/charters.js';
import { UserError } from '../errors/index.js';

/**
 * Refuses to call crew for a charter whose start (in its own time zone, held
 * as the UTC instant `starts_at`) is at or before `now`: a crew call then only
 * sends dead links. `refused` says what cannot be done, e.g. "a crew call
 * can't be started".
 */
export function refuseIfDeparted(charter: StoredCharter, now: Date, refused: string): void {
  if (Date.parse(charter.starts_at) > now.getTime()) return;
  throw new UserError(
    409,
    'charter_departed',
    `${charter.vessel} (charter ${charter.charter_id}) left at ${charter.date} ${charter.start} ${charter.time_zone}; ${refused} for a charter that has departed`,
  );
}
