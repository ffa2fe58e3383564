import type { CharterUpdate } from '../../../shared/api/index.js';
import { DAY_CHANGES } from '../../../shared/crew-calls/day-changes.js';
import type { ParsedCharter } from '../charters/charter-input.js';
import { sameSeats } from '../charters/frozen-fields.js';
import {
  type CallResponse,
  clearUnfinished,
  currentLink,
  getResponse,
  leaseNotices,
  type Notice,
  putCharter,
  recordCallChange,
  type Seats,
  type StoredCharter,
  writeNotice,
} from '../db/dispatch-table/index.js';
import { UserError } from '../errors/index.js';
import type { CallDeps } from './call-deps.js';
import { type Call, readCall } from './call-records.js';
import { withdrawHeldInvites } from './due-work.js';
import { renderNotices, sendLeaseUntil } from './outgoing-notifications.js';

type NewCharter = ParsedCharter;

/** What crew see of a charter, in the office's words, in the order an update email lists them. */
const CREW_SEES: Array<[string, (c: NewCharter | StoredCharter) => string]> = [
  ['times', (c) => `${c.start}-${c.end}`],
  ['meeting point', (c) => c.meeting_point],
  ['notes', (c) => c.notes],
  ['client', (c) => c.client],
  ['guests', (c) => String(c.guests)],
];

/** What changed between the stored charter and the row sent again, in the office's words. Pure. */
export function describeChanges(existing: StoredCharter, input: NewCharter) {
  const crew = CREW_SEES.filter(([, of]) => of(existing) !== of(input)).map(([name]) => name);
  const price =
    existing.price.amount_cents !== input.price.amount_cents ||
    existing.price.currency !== input.price.currency;
  const seats = !sameSeats(existing.needs, input.needs);
  return {
    /** Changes confirmed crew are emailed about. */
    crew,
    all: [...(seats ? ['seats'] : []), ...crew, ...(price ? ['price'] : [])],
    seats,
  };
}

const plural = (n: number, role: string) => `${n} ${role}${n === 1 ? ' is' : 's are'}`;

/**
 * Seats may come down only to who is confirmed: a refusal per role naming how
 * many are confirmed and who, or none. Pure.
 */
export function seatsBelowConfirmed(
  needs: Record<string, number>,
  seats: readonly Seats[],
  responses: readonly Pick<CallResponse, 'name' | 'role' | 'state'>[],
): string[] {
  return seats
    .filter((s) => (needs[s.role] ?? 0) < s.filled)
    .map((s) => {
      const who = responses
        .filter((r) => r.role === s.role && r.state === 'confirmed')
        .map((r) => r.name);
      return `${s.role} cannot go down to ${needs[s.role] ?? 0}: ${plural(s.filled, s.role)} confirmed (${who.join(', ')})`;
    });
}

export const updateNoticeId = (charterVersion: number, crewId: string) =>
  `U${charterVersion}-${crewId}`;

/**
 * A charter with a running call sent again: a new date or time zone is refused
 * (the office recalls instead), seats may not come below who is confirmed; the
 * update emails to confirmed crew are written before the charter, with ids
 * from its new version, so a run cut short and sent again writes the same
 * ones; the call then follows the new seats and departure. The answer hands
 * out every update email of the call not yet reported sent.
 */
export async function updateRunningCall(
  deps: CallDeps,
  existing: StoredCharter & { call_id: string },
  input: NewCharter,
  options: { write: boolean } = { write: true },
): Promise<{ charter: StoredCharter; update: CharterUpdate }> {
  const id = existing.charter_id;
  if (existing.date !== input.date || existing.time_zone !== input.time_zone) {
    const what =
      existing.date !== input.date
        ? `date from ${existing.date} to ${input.date}`
        : `time zone from ${existing.time_zone} to ${input.time_zone}`;
    throw new UserError(
      409,
      'date_changed',
      `charter ${id} has a running crew call and its ${what} changes: confirm to cancel the call (everyone is told) and call crew for the new date`,
      [{ field: existing.date !== input.date ? 'date' : 'time_zone', message: DAY_CHANGES }],
    );
  }
  const partition = await readCall(deps, existing.call_id);
  if (!partition) throw new Error(`crew call ${existing.call_id} of ${id} could not be read`);
  const changes = describeChanges(existing, input);
  if (changes.seats) {
    const refusals = seatsBelowConfirmed(input.needs, partition.seats, partition.responses);
    if (refusals.length > 0) {
      throw new UserError(
        409,
        'seats_below_confirmed',
        `charter ${id}: ${refusals.join('; ')}; ask them to drop out first or keep the seats`,
        [{ field: 'needs', message: refusals.join('; ') }],
      );
    }
  }
  const now = deps.now();
  const at = now.toISOString();
  const lease = sendLeaseUntil(now);
  const version = existing.version + 1;
  if (!options.write) {
    const told = changes.crew.length
      ? partition.responses.filter((r) => r.state === 'confirmed').map((r) => r.name)
      : [];
    return {
      charter: { ...existing, ...input, status: 'scheduled' },
      update: { changed: changes.all, told, notifications: [] },
    };
  }
  if (changes.crew.length > 0) {
    await Promise.all(
      partition.responses
        .filter((r) => r.state === 'confirmed')
        .map((r) => writeUpdate(deps, r, version, changes.crew, at, lease)),
    );
  }
  const charter: StoredCharter = {
    ...existing,
    ...input,
    status: 'scheduled',
    updated_at: at,
    version,
  };
  if (changes.all.length > 0 && !(await putCharter(deps.db, charter, existing.version))) {
    throw new UserError(
      409,
      'charter_changed',
      `charter ${id} was changed by someone else at the same time; try again`,
    );
  }
  const stored = changes.all.length > 0 ? charter : existing;
  // Against the call, not the charter: a run cut short after the charter was written still moves the call.
  if (
    !sameSeats(partition.call.seats_needed, input.needs) ||
    partition.call.departs_at !== input.starts_at
  ) {
    await followCharter(deps, partition, input, at, lease);
  }
  const fresh = (await readCall(deps, existing.call_id)) ?? partition;
  const unsent = fresh.notices.filter((n) => n.kind === 'charter_updated' && !n.sent_at);
  await leaseNotices(deps.db, unsent, lease);
  const notifications = await renderNotices(deps, stored, fresh, unsent);
  const told = unsent.flatMap(
    (n) => fresh.responses.find((r) => r.crew_id === n.crew_id)?.name ?? [],
  );
  return { charter: stored, update: { changed: changes.all, told, notifications } };
}

/** The call takes the new seats and departure; when that fills it, the tentative holds left are withdrawn. */
async function followCharter(
  deps: CallDeps,
  first: Call,
  input: NewCharter,
  at: string,
  lease: string,
): Promise<void> {
  let p: Call | undefined = first;
  for (let attempt = 0; p && attempt < 5; attempt++) {
    const fills =
      p.call.status === 'open' && p.seats.every((s) => (input.needs[s.role] ?? 0) <= s.filled);
    const written = await recordCallChange(deps.db, {
      call: p.call,
      seats: p.seats,
      needs: input.needs,
      departs_at: input.starts_at,
      at,
      ...(fills ? { repairAfter: lease } : {}),
    });
    if (written) {
      if (fills) {
        await withdrawHeldInvites(deps, p.call.call_id);
        await clearUnfinished(deps.db, p.call.call_id, lease);
      }
      return;
    }
    p = await readCall(deps, first.call.call_id);
  }
  throw new UserError(
    409,
    'call_changed',
    `crew call ${first.call.call_id} kept changing while its seats were updated; try again`,
  );
}

/** One confirmed person's update email at their next sequence; again with a fresh read if another email won it. */
async function writeUpdate(
  deps: CallDeps,
  first: CallResponse,
  version: number,
  changed: string[],
  at: string,
  lease: string,
): Promise<void> {
  let r: CallResponse | undefined = first;
  for (let attempt = 0; r?.state === 'confirmed' && attempt < 5; attempt++) {
    const notice: Notice = {
      notice_id: updateNoticeId(version, r.crew_id),
      call_id: r.call_id,
      crew_id: r.crew_id,
      kind: 'charter_updated',
      link: currentLink(r),
      sequence: r.next_sequence,
      changed,
      created_at: at,
      lease_until: lease,
    };
    if ((await writeNotice(deps.db, notice, ['confirmed'])) !== 'moved') return;
    r = await getResponse(deps.db, first.call_id, first.crew_id);
  }
}
