import type { Db } from '../client.js';
import { type NamedItems, transact } from '../transact.js';
import { type CallRecord, type CallStatus, dueKeys, markUnfinished, type Seats } from './calls.js';
import { callKey, seatsKey } from './keys.js';

/** A running call following its charter's new seats or departure (PUT /api/charters/:id). */
export interface CallChange {
  call: Pick<
    CallRecord,
    'call_id' | 'status' | 'version' | 'seats_open' | 'next_level_index' | 'level_count'
  > & { opened: CallRecord['opened'] };
  /** The seats as read: each role's count must still be what was read (no accept in between). */
  seats: readonly Seats[];
  needs: Record<string, number>;
  departs_at: string;
  at: string;
  /** Set when the change fills the call: the timer withdraws the holds left if this run does not. */
  repairAfter?: string;
}

/** Seats still open once `needs` replaces the needed counts. Pure. */
export function seatsOpenAfter(seats: readonly Seats[], needs: Record<string, number>): number {
  const filled = new Map(seats.map((s) => [s.role, s.filled]));
  const roles = new Set([...filled.keys(), ...Object.keys(needs)]);
  return [...roles].reduce(
    (open, role) => open + Math.max(0, (needs[role] ?? 0) - (filled.get(role) ?? 0)),
    0,
  );
}

/**
 * Writes the call's new seats (every role's needed count, a new role's item)
 * and departure in one transaction, conditioned on nobody accepting or
 * escalating since they were read. The call reopens when a seat opens on a
 * filled call, and fills when the seats come down to who is confirmed. False
 * when it raced: read again and retry.
 */
export async function recordCallChange(db: Db, w: CallChange): Promise<boolean> {
  const open = seatsOpenAfter(w.seats, w.needs);
  const status: CallStatus = open > 0 ? 'open' : 'filled';
  const due = dueKeys({ ...w.call, status });
  const mark = w.repairAfter ? markUnfinished(w.call.call_id, w.repairAfter) : undefined;
  const items: NamedItems = {};
  const roles = new Set([...w.seats.map((s) => s.role), ...Object.keys(w.needs)]);
  for (const role of roles) {
    const seat = w.seats.find((s) => s.role === role);
    const needed = w.needs[role] ?? 0;
    items[`seats:${role}`] = seat
      ? {
          Update: {
            TableName: db.tables['crew-dispatch'],
            Key: seatsKey(w.call.call_id, role),
            UpdateExpression: 'SET needed = :needed',
            ConditionExpression: 'filled = :filled',
            ExpressionAttributeValues: { ':needed': needed, ':filled': seat.filled },
          },
        }
      : {
          Put: {
            TableName: db.tables['crew-dispatch'],
            Item: { ...seatsKey(w.call.call_id, role), role, needed, filled: 0 },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        };
  }
  const set = [
    'seats_needed = :needs',
    'seats_open = :open',
    '#status = :status',
    'departs_at = :departs',
    'updated_at = :at',
    'version = version + :one',
    ...(due ? ['gsi1pk = :duePk', 'gsi1sk = :dueSk'] : []),
    ...(mark ? [mark.set] : []),
  ];
  items.call = {
    Update: {
      TableName: db.tables['crew-dispatch'],
      Key: callKey(w.call.call_id),
      UpdateExpression: `SET ${set.join(', ')}${due ? '' : ' REMOVE gsi1pk, gsi1sk'}`,
      ConditionExpression: 'version = :v AND #status = :was',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':needs': Object.fromEntries(Object.entries(w.needs).filter(([, n]) => n > 0)),
        ':open': open,
        ':status': status,
        ':departs': w.departs_at,
        ':at': w.at,
        ':one': 1,
        ':v': w.call.version,
        ':was': w.call.status,
        ...(due ? { ':duePk': due.gsi1pk, ':dueSk': due.gsi1sk } : {}),
        ...(mark?.values ?? {}),
      },
    },
  };
  return (await transact(db, items)).ok;
}
