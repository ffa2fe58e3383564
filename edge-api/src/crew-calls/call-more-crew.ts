import type { LeftOut } from '../../../shared/api/index.js';
import type { DayAvailability } from '../../../shared/availability/index.js';
import { insertPlanLevel } from '../db/dispatch-table/index.js';
import { getCrewMember } from '../db/roster-table.js';
import { UserError } from '../errors/index.js';
import type { CallDeps } from './call-deps.js';
import { loadCall, loadCharter } from './call-records.js';
import { type CallSummary, summariseCall } from './call-summary.js';
import { refuseIfDeparted } from './departure.js';
import { escalateCall } from './escalate-call.js';
import type { OutgoingNotification } from './outgoing-notifications.js';
import {
  type Candidate,
  type CrewCallPlan,
  type PlannedLevel,
  toCandidate,
} from './plan-crew-call.js';
import { previewCrewCall } from './start-call.js';

export interface MoreCrewResult {
  call_id: string;
  /** Who the new level asks (or would ask, in a preview). */
  candidates: Array<{ crew_id: string; name: string; role: string }>;
  /** The level opened; null in a preview or when nobody new is free. */
  level: number | null;
  /** Not called by the fresh plan and never asked on this call, with why. */
  left_out: LeftOut[];
  notifications: OutgoingNotification[];
  call: CallSummary;
}

/**
 * Who a new level may ask: people in a needed role with a seat still open,
 * never asked on this charter (declined included), and not already waiting in
 * a later level of the frozen plan. Fairest first, as the planner ordered them. Pure.
 */
export function newCandidates(
  plan: Pick<CrewCallPlan, 'levels'>,
  nextLevelIndex: number,
  openRoles: ReadonlySet<string>,
  asked: ReadonlySet<string>,
  fresh: readonly Candidate[],
): Candidate[] {
  const waiting = new Set(
    plan.levels.slice(nextLevelIndex).flatMap((l) => l.candidates.map((c) => c.crew_id)),
  );
  const seen = new Set<string>();
  return fresh.filter((c) => {
    if (seen.has(c.crew_id) || !openRoles.has(c.role) || asked.has(c.crew_id)) return false;
    if (waiting.has(c.crew_id)) return false;
    seen.add(c.crew_id);
    return true;
  });
}

/**
 * Call more crew on a running call: from a fresh read of the month tab
 * (`availability`), or one roster member hand-picked by the office (`crewId`).
 * Without `confirm` it only says who would be asked. Confirmed, the people
 * are frozen into the plan as a new level, opened at once.
 */
export async function callMoreCrew(
  deps: CallDeps,
  callId: string,
  request: { availability?: DayAvailability; crewId?: string; confirm: boolean },
): Promise<MoreCrewResult> {
  const p = await loadCall(deps, callId);
  const charter = await loadCharter(deps, p.call.charter_id);
  refuseIfDeparted(charter, deps.now(), `crew call ${callId} can't call more crew`);
  if (p.call.status !== 'open') {
    throw new UserError(
      409,
      `call_${p.call.status}`,
      `crew call ${callId} is ${p.call.status}; there are no seats to call more crew for`,
    );
  }
  const openRoles = new Set(p.seats.filter((s) => s.filled < s.needed).map((s) => s.role));
  const asked = new Set(p.responses.map((r) => r.crew_id));
  let fresh: Candidate[];
  let leftOut: LeftOut[] = [];
  if (request.crewId) {
    const member = await getCrewMember(deps.db, request.crewId);
    if (!member?.active) {
      throw new UserError(
        404,
        'crew_not_found',
        `crew_id: no active crew member ${request.crewId}`,
      );
    }
    if (asked.has(member.crew_id)) {
      throw new UserError(
        409,
        'already_asked',
        `crew_id: ${member.name} was already asked for ${charter.charter_id}; nobody is asked twice`,
      );
    }
    if (!openRoles.has(member.role)) {
      throw new UserError(
        409,
        'role_filled',
        `crew_id: ${member.name} is a ${member.role}, and no ${member.role} seat is open on ${charter.charter_id}`,
      );
    }
    fresh = [toCandidate(member, {})];
  } else if (request.availability) {
    const plan = await previewCrewCall(deps, charter, request.availability);
    fresh = plan.levels.flatMap((l) => l.candidates);
    // Someone asked already is on the call whatever the sheet says now: not "left out".
    leftOut = plan.left_out.filter((person) => !asked.has(person.crew_id));
  } else {
    throw new UserError(400, 'invalid_input', 'give availability (the month tab) or crew_id');
  }
  const candidates = request.crewId
    ? fresh
    : newCandidates(p.call.plan, p.call.next_level_index, openRoles, asked, fresh);
  const who = candidates.map((c) => ({ crew_id: c.crew_id, name: c.name, role: c.role }));
  if (!request.confirm || candidates.length === 0) {
    return {
      call_id: callId,
      candidates: who,
      level: null,
      left_out: leftOut,
      notifications: [],
      call: summariseCall(p, deps.now()),
    };
  }
  const level: PlannedLevel = {
    level: Math.max(0, ...p.call.plan.levels.map((l) => l.level)) + 1,
    opens_at: deps.now().toISOString(),
    window_minutes: 0,
    closes_at: deps.now().toISOString(),
    candidates,
    roles: [...new Set(candidates.map((c) => c.role))].sort(),
  };
  const levels = [...p.call.plan.levels];
  levels.splice(p.call.next_level_index, 0, level);
  const inserted = await insertPlanLevel(deps.db, p.call, { ...p.call.plan, levels });
  if (!inserted) {
    throw new UserError(409, 'call_moved_on', `crew call ${callId} changed meanwhile; try again`);
  }
  const opened = await escalateCall(deps, callId, { force: true });
  return {
    call_id: callId,
    candidates: who,
    level: opened.level,
    left_out: leftOut,
    notifications: opened.notifications,
    call: opened.call,
  };
}
