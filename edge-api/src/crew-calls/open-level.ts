import type { CallResponse, CrewCall, OpenedLevel, Seats } from '../db/dispatch-table/index.js';
import { type WindowPolicy, windowMinutesFor } from './call-windows.js';
import { candidateRoles, widenedOffer } from './offered-seats.js';

export interface NextLevel {
  /** Index into plan.levels of the level opened, or plan.levels.length when none is left. */
  index: number;
  opened?: OpenedLevel;
  skipped: Array<{ level: number; reason: string }>;
}

/**
 * Picks the next level to open: the first remaining level with someone whose
 * role still has an open seat and who has not been asked yet, or someone
 * asked earlier who has not answered and holds a role of this level not yet
 * offered to them (their offer widens: offered-seats.ts). Levels with nobody
 * left to ask are skipped. Pure.
 */
export function chooseNextLevel(
  call: CrewCall,
  seats: readonly Seats[],
  responses: readonly Pick<CallResponse, 'crew_id' | 'role' | 'level' | 'offered' | 'state'>[],
  now: Date,
  policy: WindowPolicy,
  linkKid: string,
): NextLevel {
  const openRoles = new Set(seats.filter((s) => s.filled < s.needed).map((s) => s.role));
  const asked = new Map(responses.map((r) => [r.crew_id, r]));
  const skipped: NextLevel['skipped'] = [];
  for (let index = call.next_level_index; index < call.plan.levels.length; index++) {
    const level = call.plan.levels[index];
    if (!level) break;
    const recipients = level.candidates.filter(
      (c) => candidateRoles(c).some((role) => openRoles.has(role)) && !asked.has(c.crew_id),
    );
    const widened = level.candidates.filter((c) => {
      const r = asked.get(c.crew_id);
      return r !== undefined && widenedOffer(r, c, level.level, openRoles) !== undefined;
    });
    if (recipients.length === 0 && widened.length === 0) {
      skipped.push({
        level: level.level,
        reason: 'every seat its crew could take is already filled',
      });
      continue;
    }
    const minutes = windowMinutesFor(policy, now, new Date(call.departs_at));
    return {
      index,
      skipped,
      opened: {
        level: level.level,
        opened_at: now.toISOString(),
        closes_at: new Date(now.getTime() + minutes * 60_000).toISOString(),
        link_kid: linkKid,
        recipients: recipients.map((c) => c.crew_id),
        ...(widened.length > 0 ? { widened: widened.map((c) => c.crew_id) } : {}),
      },
    };
  }
  return { index: call.plan.levels.length, skipped };
}
