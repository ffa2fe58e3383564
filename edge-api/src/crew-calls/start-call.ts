import { createHash, randomBytes } from 'node:crypto';
import type { DayAvailability } from '../../../shared/availability/index.js';
import {
  type CrewCall,
  changeItem,
  clearUnfinished,
  countConfirmedBetween,
  createCall,
  leaseNotices,
  type StoredCharter,
} from '../db/dispatch-table/index.js';
import { listCrew } from '../db/roster-table.js';
import { UserError } from '../errors/index.js';
import { officeWindowPolicy } from '../settings/office-settings.js';
import type { CallDeps } from './call-deps.js';
import { type Call, loadCharter, readCall } from './call-records.js';
import type { WindowPolicy } from './call-windows.js';

/** Where the charter routes load a charter from (it lives in call-records.ts). */
export { loadCharter };

import { refuseIfDeparted } from './departure.js';
import { ensureLevelItems, finishOpenedLevels } from './level-items.js';
import { chooseNextLevel } from './open-level.js';
import { otherChartersThatDay } from './other-charters.js';
import {
  type OutgoingNotification,
  renderNotices,
  sendLeaseUntil,
} from './outgoing-notifications.js';
import { type CrewCallPlan, planCrewCall } from './plan-crew-call.js';

const FAIRNESS_DAYS = 30;

const START_REFUSED = "a crew call can't be started";

/**
 * Plans a call from the roster, the day's availability and who is on other charters that
 * day; writes nothing. The windows come from the office's stored policy (or the
 * environment's) unless a start passes the policy it read, so the plan and the call's
 * first window agree.
 */
export async function previewCrewCall(
  deps: CallDeps,
  charter: StoredCharter,
  availability: DayAvailability,
  windowPolicy?: WindowPolicy,
): Promise<CrewCallPlan> {
  refuseIfDeparted(charter, deps.now(), START_REFUSED);
  const [policy, roster, recentConfirmed, otherCharters] = await Promise.all([
    windowPolicy ?? officeWindowPolicy(deps),
    listCrew(deps.db),
    countConfirmedBetween(
      deps.db,
      new Date(Date.parse(charter.starts_at) - FAIRNESS_DAYS * 86_400_000).toISOString(),
      charter.starts_at,
    ),
    otherChartersThatDay(deps.db, charter),
  ]);
  return planCrewCall({
    charter,
    roster,
    availability,
    recentConfirmed,
    otherCharters,
    now: deps.now(),
    policy,
  });
}

/** The marks as data: the same people and marks in any key order are the same start. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const startRequestHash = (availability: DayAvailability) =>
  createHash('sha256').update(canonicalJson(availability)).digest('hex');

/**
 * Starts a charter's crew call: freezes the plan onto a new call record, opens
 * the first level with anyone to ask, and returns the emails to send. The call
 * record (marked unfinished) commits first and the level's items after it; the
 * same request again finishes a start cut short in between and answers as the
 * first would have (the emails not yet reported sent), and the timer finishes
 * it if nobody retries. Once whole, starting again is a 409.
 */
export async function startCrewCall(
  deps: CallDeps,
  charterId: string,
  availability: DayAvailability,
): Promise<{
  call: CrewCall<CrewCallPlan>;
  plan: CrewCallPlan;
  notifications: OutgoingNotification[];
}> {
  const charter = await loadCharter(deps, charterId);
  if (charter.status === 'cancelled') {
    throw new UserError(409, 'charter_cancelled', `charter ${charterId} is cancelled`);
  }
  // Before resuming a start cut short too: its emails would carry dead links.
  refuseIfDeparted(charter, deps.now(), START_REFUSED);
  const startRequest = startRequestHash(availability);
  if (charter.call_id) {
    const existing = await readCall(deps, charter.call_id);
    // The same start, cut short: finish it. A whole call is "already started".
    if (existing?.call.repair_after && existing.call.start_request === startRequest) {
      return resumeStart(deps, charter, existing);
    }
    throw new UserError(
      409,
      'call_exists',
      `charter ${charterId} already has a crew call (${charter.call_id})`,
    );
  }
  // Read once and frozen onto the call: a later change of the setting moves no window of it.
  const windowPolicy = await officeWindowPolicy(deps);
  const plan = await previewCrewCall(deps, charter, availability, windowPolicy);
  if (plan.levels.length === 0) {
    throw new UserError(
      409,
      'nobody_to_call',
      `nobody on the roster is available for ${charterId}: ${plan.excluded.length} excluded (see the preview for why)`,
    );
  }
  const now = deps.now();
  const at = now.toISOString();
  const seats = Object.entries(plan.seats).map(([role, needed]) => ({ role, needed, filled: 0 }));
  const draft: CrewCall<CrewCallPlan> = {
    call_id: `call-${randomBytes(8).toString('hex')}`,
    charter_id: charterId,
    status: 'open',
    plan,
    opened: [],
    next_level_index: 0,
    level_count: plan.levels.length,
    seats_needed: { ...plan.seats },
    confirmed: {},
    departs_at: charter.starts_at,
    created_at: at,
    updated_at: at,
    version: 1,
    seats_open: seats.reduce((sum, s) => sum + s.needed, 0),
    start_request: startRequest,
    window_policy: windowPolicy,
    ...(charter.recalls ? { calendar_round: charter.recalls } : {}),
  };
  const lease = sendLeaseUntil(now);
  const linkKid = deps.linkKeys[0]?.kid as string;
  const next = chooseNextLevel(draft, seats, [], now, windowPolicy, linkKid);
  const call: CrewCall<CrewCallPlan> = {
    ...draft,
    opened: next.opened ? [next.opened] : [],
    next_level_index: next.index + 1,
    ...(next.opened ? { repair_after: lease } : {}),
  };
  const changes = [
    changeItem({ at, type: 'call_started', charter_id: charterId, call_id: call.call_id }),
    ...(next.opened
      ? [
          changeItem(
            {
              at,
              type: 'level_opened',
              charter_id: charterId,
              call_id: call.call_id,
              level: next.opened.level,
            },
            1,
          ),
        ]
      : []),
  ];
  if (!(await createCall(deps.db, call, seats, charter.version, changes))) {
    throw new UserError(
      409,
      'call_exists',
      `charter ${charterId} already has a crew call, or it changed meanwhile`,
    );
  }
  const notices = next.opened
    ? await ensureLevelItems(deps, charter, call, next.opened, lease)
    : [];
  if (call.repair_after) await clearUnfinished(deps.db, call.call_id, call.repair_after);
  const partition = await readCall(deps, call.call_id);
  if (!partition) throw new Error(`call ${call.call_id} vanished after creation`);
  return { call, plan, notifications: await renderNotices(deps, charter, partition, notices) };
}

/** The same start again: write what the first run left undone, hand out its unsent emails again. */
async function resumeStart(
  deps: CallDeps,
  charter: StoredCharter,
  existing: Call,
): Promise<{
  call: CrewCall<CrewCallPlan>;
  plan: CrewCallPlan;
  notifications: OutgoingNotification[];
}> {
  const lease = sendLeaseUntil(deps.now());
  await finishOpenedLevels(deps, charter, existing, lease);
  if (existing.call.repair_after) {
    await clearUnfinished(deps.db, existing.call.call_id, existing.call.repair_after);
  }
  const fresh = (await readCall(deps, existing.call.call_id)) ?? existing;
  const first = fresh.call.opened[0]?.level;
  const unsent = fresh.notices.filter(
    (n) => n.kind === 'crew_call' && !n.sent_at && n.notice_id.startsWith(`L${first}-`),
  );
  await leaseNotices(deps.db, unsent, lease);
  return {
    call: fresh.call,
    plan: fresh.call.plan,
    notifications: await renderNotices(deps, charter, fresh, unsent),
  };
}
