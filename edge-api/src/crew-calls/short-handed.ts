import type { OfficeAlert, ShortHandedReason } from '../../../shared/api/crew-calls.js';
import type { CallPartition, Notice } from '../db/dispatch-table/index.js';
import { compareNames } from './name-order.js';

export type { OfficeAlert, ShortHandedReason };

/** The office hears a second time this long before departure if seats are still open; the office may ask for another lead. */
export const DEFAULT_SHORT_HANDED_LEAD_HOURS = 24;

/** The office alerts are recorded as notices to this pseudo crew id, one per reason. */
export const OFFICE_RECIPIENT = 'office';
export const shortHandedNoticeId = (reason: ShortHandedReason) =>
  `short-${reason.replace('_', '-')}`;

/** Seats still open, per role, sorted by role. */
export function openSeats(p: Pick<CallPartition, 'seats'>): Array<{ role: string; open: number }> {
  return [...p.seats]
    .filter((s) => s.filled < s.needed)
    .sort((a, b) => compareNames(a.role, b.role))
    .map((s) => ({ role: s.role, open: s.needed - s.filled }));
}

/**
 * Why the call is short-handed now, or undefined when it is not: seats are
 * open and either the cascade has nobody left to ask and the last window has
 * passed (`everyone_asked`), or the boat leaves within `leadMs` (`departs_soon`).
 * A departed or closed call is not short-handed: the office can do nothing more. Pure.
 */
export function shortHandedReason(
  p: Pick<CallPartition, 'call' | 'seats'>,
  now: Date,
  leadMs: number = DEFAULT_SHORT_HANDED_LEAD_HOURS * 3_600_000,
): ShortHandedReason | undefined {
  if (p.call.status !== 'open' || openSeats(p).length === 0) return undefined;
  const departs = Date.parse(p.call.departs_at);
  if (departs <= now.getTime()) return undefined;
  if (departs - now.getTime() <= leadMs) return 'departs_soon';
  const last = p.call.opened.at(-1);
  const exhausted = p.call.next_level_index >= p.call.plan.levels.length;
  if (exhausted && last && Date.parse(last.closes_at) <= now.getTime()) return 'everyone_asked';
  return undefined;
}

/**
 * The office's short-handed email as a derived notice, not yet sent: at most
 * one per reason, ever (its id is derived, and it is recorded when reported
 * sent). Once the "departs soon" email is due, an unsent "everyone asked" one
 * is left out, so the office gets one email, not two at once. Pure.
 */
export function shortHandedAlertFor(
  p: CallPartition,
  now: Date,
  leadMs?: number,
): Notice | undefined {
  const reason = shortHandedReason(p, now, leadMs);
  if (!reason) return undefined;
  const notice = officeAlertNotice(p, reason, now);
  return p.notices.some((n) => n.notice_id === notice.notice_id) ? undefined : notice;
}

/** The office's short-handed email for one reason, as a notice. Pure. */
export function officeAlertNotice(
  p: Pick<CallPartition, 'call'>,
  reason: ShortHandedReason,
  now: Date,
): Notice {
  return {
    notice_id: shortHandedNoticeId(reason),
    call_id: p.call.call_id,
    crew_id: OFFICE_RECIPIENT,
    kind: 'short_handed',
    sequence: 0,
    created_at: now.toISOString(),
  };
}

/** The latest reason the office was emailed, while seats are still open. Pure. */
export function toldShortHanded(p: CallPartition): ShortHandedReason | undefined {
  if (p.call.status !== 'open' || openSeats(p).length === 0) return undefined;
  const ids = new Set(p.notices.map((n) => n.notice_id));
  if (ids.has(shortHandedNoticeId('departs_soon'))) return 'departs_soon';
  if (ids.has(shortHandedNoticeId('everyone_asked'))) return 'everyone_asked';
  return undefined;
}
