import type { CallPartition } from '../db/dispatch-table/calls.js';
import { listChartersDeparting, type StoredCharter } from '../db/dispatch-table/charters.js';
import type { Notice } from '../db/dispatch-table/notices.js';
import { currentLink } from '../db/dispatch-table/responses.js';
import type { CallDeps } from './call-deps.js';
import { readCall } from './call-records.js';
import { sideBySide } from './side-by-side.js';

export const REMINDER_LEAD_MS = 24 * 60 * 60 * 1000;
export const reminderNoticeId = (crewId: string) => `reminder-${crewId}`;

/**
 * Reminders are derived, not stored in advance: every confirmed crew member of
 * a charter departing within 24 hours has one until it is reported sent, when
 * it is recorded like any other notice. Reading what is due writes nothing.
 */
export function remindersFor(charter: StoredCharter, p: CallPartition): Notice[] {
  if (charter.status === 'cancelled' || p.call.status === 'cancelled') return [];
  const sent = new Set(p.notices.map((n) => n.notice_id));
  return p.responses
    .filter((r) => r.state === 'confirmed' && !sent.has(reminderNoticeId(r.crew_id)))
    .map((r) => ({
      notice_id: reminderNoticeId(r.crew_id),
      call_id: r.call_id,
      crew_id: r.crew_id,
      kind: 'reminder' as const,
      link: currentLink(r),
      sequence: r.next_sequence,
      created_at: new Date(Date.parse(charter.starts_at) - REMINDER_LEAD_MS).toISOString(),
    }));
}

/** Charters departing within the next 24 hours (or `withinMs`) that have a call, with their partitions. */
export async function callsDepartingSoon(
  deps: Pick<CallDeps, 'db' | 'now'>,
  withinMs: number = REMINDER_LEAD_MS,
): Promise<Array<{ charter: StoredCharter; partition: CallPartition }>> {
  const now = deps.now();
  const charters = await listChartersDeparting(
    deps.db,
    now.toISOString(),
    new Date(now.getTime() + withinMs).toISOString(),
  );
  const read = await sideBySide(
    charters.filter((c) => c.call_id),
    async (charter) => ({ charter, partition: await readCall(deps, charter.call_id as string) }),
  );
  return read.flatMap(({ charter, partition }) => (partition ? [{ charter, partition }] : []));
}

/**
 * Of what callsDepartingSoon read at `now`, the calls whose charter leaves within `withinMs`:
 * exactly what it would have read for that lead (the same bound on the index's sort key).
 */
export function departingWithin<T extends { charter: StoredCharter }>(
  departing: readonly T[],
  now: Date,
  withinMs: number,
): T[] {
  const to = `${new Date(now.getTime() + withinMs).toISOString()}#~`;
  return departing.filter(({ charter }) => `${charter.starts_at}#${charter.charter_id}` <= to);
}
