import type { CallSummary, RoleSummary } from '../../../shared/crew-calls/call-summary.js';
import type { CallPartition, CallResponse } from '../db/dispatch-table/index.js';
import { compareInstants, compareNames } from './name-order.js';
import { offeredSeats } from './offered-seats.js';
import { shortHandedReason, toldShortHanded } from './short-handed.js';

export type { CallSummary, RoleSummary };

/**
 * What the office sees of a call: per role, who is confirmed, pending, on
 * standby; short-handed when it is so at `now` (default: the call's last
 * update), or when the office has been told so. Pure.
 */
export function summariseCall(p: CallPartition, now?: Date, shortLeadMs?: number): CallSummary {
  const last = p.call.opened.at(-1);
  const short =
    shortHandedReason(p, now ?? new Date(p.call.updated_at), shortLeadMs) ?? toldShortHanded(p);
  // Someone still deciding among several offered seats is pending under each of those roles.
  const holds = (r: CallResponse, role: string) =>
    r.state === 'asked' ? offeredSeats(r).some((s) => s.role === role) : r.role === role;
  const byRole = (role: string, state: CallResponse['state']) =>
    p.responses
      .filter((r) => r.state === state && holds(r, role))
      .sort((a, b) => compareNames(a.name, b.name));
  return {
    call_id: p.call.call_id,
    status: p.call.status,
    current_level: last?.level ?? null,
    current_window_closes_at: last?.closes_at ?? null,
    next_level: p.call.plan.levels[p.call.next_level_index]?.level ?? null,
    roles: [...p.seats]
      .sort((a, b) => compareNames(a.role, b.role))
      .map((s) => ({
        role: s.role,
        needed: s.needed,
        filled: s.filled,
        confirmed: byRole(s.role, 'confirmed').map((r) => ({ crew_id: r.crew_id, name: r.name })),
        pending: byRole(s.role, 'asked').map((r) => ({
          crew_id: r.crew_id,
          name: r.name,
          level: r.level,
        })),
        standby: byRole(s.role, 'standby')
          .sort((a, b) => compareInstants(String(a.standby_since), String(b.standby_since)))
          .map((r) => ({ crew_id: r.crew_id, name: r.name, since: r.standby_since ?? '' })),
        declined: byRole(s.role, 'declined').map((r) => ({
          crew_id: r.crew_id,
          name: r.name,
          ...(r.reason ? { reason: r.reason } : {}),
        })),
      })),
    ...(short ? { short_handed: short } : {}),
  };
}
