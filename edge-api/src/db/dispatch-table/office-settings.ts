import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../client.js';
import { conditional, type TxItem } from '../transact.js';
import { officeSettingsKey, strip } from './keys.js';

/**
 * The office's choices the edge API keeps: one small item (pk `SETTINGS`, sk `OFFICE`).
 * A field never saved is absent, and the caller falls back to its default.
 */
export interface StoredOfficeSettings {
  roles?: string[];
  call_window_policy?: string;
  updated_at: string;
}

/**
 * Dropping a role must never leave an active crew member holding it, and checking the
 * roster then writing the list would let a crew member given that role in between slip
 * through. So the settings item is also the roles' guard:
 *
 * - every crew write that leaves someone active in a role they did not hold actively before
 *   (a new member, a role change, a reactivation) updates this item in the crew member's own
 *   transaction (`roleHolderClaim`): on condition that the role is still on the list, it
 *   records `holder#<crew_id>` = role and bumps `role_writes`;
 * - a settings save reads `role_writes` first, then looks for holders of each role it drops
 *   (the by-role index, plus every `holder#` of that role read from the crew records
 *   themselves, since an index may lag a just-committed write), and writes only if
 *   `role_writes` is unchanged; otherwise it looks again.
 *
 * A crew write committed before the save's read is seen by the look; one committed between
 * the read and the save's write makes the save's condition fail; one after the save finds
 * the role gone and is refused. DynamoDB orders writes to one item, so there is no fourth case.
 */
export interface RoleGuard {
  role_writes: number;
  /** crew_id → the role last claimed for them (they may have moved on since). */
  holders: Map<string, string>;
}

const HOLDER = 'holder#';

export async function getOfficeSettingsItem(
  db: Db,
): Promise<{ settings: StoredOfficeSettings | undefined; guard: RoleGuard }> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-dispatch'],
      Key: officeSettingsKey,
      ConsistentRead: true,
    }),
  );
  const item = out.Item ? strip<Record<string, unknown>>(out.Item) : {};
  const holders = new Map<string, string>();
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(HOLDER) && typeof value === 'string')
      holders.set(name.slice(HOLDER.length), value);
  }
  const guard = { role_writes: Number(item.role_writes ?? 0), holders };
  // An item only crew writes made (no list saved yet) is no settings of the office's.
  if (item.roles === undefined && item.call_window_policy === undefined)
    return { settings: undefined, guard };
  const settings: StoredOfficeSettings = {
    ...(Array.isArray(item.roles) ? { roles: item.roles as string[] } : {}),
    ...(typeof item.call_window_policy === 'string'
      ? { call_window_policy: item.call_window_policy }
      : {}),
    updated_at: String(item.updated_at ?? ''),
  };
  return { settings, guard };
}

export async function getOfficeSettings(db: Db): Promise<StoredOfficeSettings | undefined> {
  return (await getOfficeSettingsItem(db)).settings;
}

/**
 * Writes the settings (the service merged them with what was stored) if no crew write
 * claimed a role since `seenRoleWrites` was read; false when one did. The guard's own
 * attributes are left as they are.
 */
export async function putOfficeSettings(
  db: Db,
  settings: StoredOfficeSettings,
  seenRoleWrites: number,
): Promise<boolean> {
  const fields = Object.entries(settings).filter(([, v]) => v !== undefined);
  const names = Object.fromEntries(fields.map(([k], i) => [`#f${i}`, k]));
  const values = Object.fromEntries(fields.map(([, v], i) => [`:f${i}`, v]));
  return conditional(
    db.doc.send(
      new UpdateCommand({
        TableName: db.tables['crew-dispatch'],
        Key: officeSettingsKey,
        UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
        ConditionExpression:
          seenRoleWrites === 0 ? 'attribute_not_exists(#rw) OR #rw = :seen' : '#rw = :seen',
        ExpressionAttributeNames: { ...names, '#rw': 'role_writes' },
        ExpressionAttributeValues: { ...values, ':seen': seenRoleWrites },
      }),
    ),
  );
}

/**
 * The settings item's part of a crew write that makes `crewId` an active `role`: refused
 * (by name, in the caller's transaction) when the office's stored list no longer has the
 * role. With no list stored, the caller has already checked the role against the defaults.
 */
export function roleHolderClaim(db: Db, crewId: string, role: string): TxItem {
  return {
    Update: {
      TableName: db.tables['crew-dispatch'],
      Key: officeSettingsKey,
      UpdateExpression: 'SET #holder = :role, #rw = if_not_exists(#rw, :zero) + :one',
      ConditionExpression: 'attribute_not_exists(#roles) OR contains(#roles, :role)',
      ExpressionAttributeNames: {
        '#holder': `${HOLDER}${crewId}`,
        '#rw': 'role_writes',
        '#roles': 'roles',
      },
      ExpressionAttributeValues: { ':role': role, ':zero': 0, ':one': 1 },
    },
  };
}
