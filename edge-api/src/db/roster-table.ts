import { foldName } from '../../../shared/availability/match-header.js';
import { type CrewMember, nameSortKey } from '../../../shared/crew/index.js';
import type { Db } from './client.js';
import { roleHolderClaim } from './dispatch-table/office-settings.js';
import {
  CREW_SK,
  type CrewRecord,
  crewPk,
  emailPk,
  phonePk,
  ROSTER_PK,
  UNIQUE_SK,
} from './roster-reads.js';
import { type TxItem, transact } from './transact.js';

export {
  type CrewFilter,
  type CrewRecord,
  currentAvailabilityKeys,
  findCrewByContact,
  getCrewMember,
  getCrewRecord,
  listCrew,
  rosterIsEmpty,
} from './roster-reads.js';

/**
 * The crew-roster table. Item kinds:
 * - crew member: pk `CREW#<id>`, sk `CREW`, indexed by roster order and by role;
 * - uniqueness claim: pk `EMAIL#<email>` or `PHONE#<e164>`, sk `UNIQUE`, naming its crew_id;
 * - availability-key claim: pk `KEY#<folded key>`, sk `UNIQUE`, held only while the member is
 *   active; the crew item names the claim it holds in `availability_key_claim` (records from
 *   before key claims hold none and claim theirs on their next write).
 * Uniqueness is DynamoDB's job: a crew member and its claims are written in one
 * transaction whose conditions fail if another crew member holds the claim.
 */
/** Folded the way the planner matches a sheet header: "Capt. Teresa" and "capt teresa" are one key. */
const keyPk = (key: string) => `KEY#${foldName(key)}`;
/** The key claim a member should hold: only active crew are called, so only they claim. */
const wantedKeyClaim = (m: CrewMember) => (m.active ? keyPk(m.availability_key) : undefined);

/** What the roster keeps of a crew member besides its id, times and version. */
export type RosterFields = Omit<CrewMember, 'crew_id' | 'created_at' | 'updated_at' | 'version'>;

/** What a refused roster write ran into: an id, email or phone someone holds, or a newer version. */
export interface RosterClaim {
  /** `role`: the office's list no longer has the role (see roleHolderClaim). */
  field: 'crew_id' | 'email' | 'phone' | 'availability_key' | 'version' | 'role';
  /** The crew member holding a taken email, phone or key, when DynamoDB said. */
  holder?: string;
}

export type RosterWrite = { ok: true } | { ok: false; taken: RosterClaim[] };

/** Sort key giving cascade level, then folded name, then id. */
export function rosterOrder(m: Pick<CrewMember, 'cascade_level' | 'name' | 'crew_id'>): string {
  return `${String(m.cascade_level).padStart(2, '0')}#${nameSortKey(m.name)}#${m.crew_id}`;
}

function toItem(m: CrewMember) {
  const keyClaim = wantedKeyClaim(m);
  return {
    pk: crewPk(m.crew_id),
    sk: CREW_SK,
    roster_pk: ROSTER_PK,
    role_pk: `ROLE#${m.role}`,
    roster_order: rosterOrder(m),
    ...m,
    ...(keyClaim ? { availability_key_claim: keyClaim } : {}),
  };
}

/** Whether two availability keys are the same header to the planner (the claim's folding). */
export const sameAvailabilityKey = (a: string, b: string) => keyPk(a) === keyPk(b);

const claimPut = (db: Db, pk: string, m: CrewMember): TxItem => ({
  Put: {
    TableName: db.tables['crew-roster'],
    Item: { pk, sk: UNIQUE_SK, crew_id: m.crew_id },
    ConditionExpression: 'attribute_not_exists(pk)',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

const claimDelete = (db: Db, pk: string, crewId: string): TxItem => ({
  Delete: {
    TableName: db.tables['crew-roster'],
    Key: { pk, sk: UNIQUE_SK },
    ConditionExpression: 'crew_id = :id',
    ExpressionAttributeValues: { ':id': crewId },
  },
});

/** The claims a refused write ran into, named by the transaction's item names. */
function takenClaims(
  failed: Set<string>,
  found: Map<string, Record<string, unknown>>,
): RosterClaim[] {
  const claims: RosterClaim[] = [];
  for (const name of failed) {
    const field = name.replace(/_(new|old)$/, '') as RosterClaim['field'];
    const holder = (found.get(name)?.crew_id as { S?: string } | undefined)?.S;
    claims.push({ field, ...(typeof holder === 'string' ? { holder } : {}) });
  }
  return claims;
}

/** Stores a new crew member with its email, phone and (when active) key claims in one transaction. */
export async function putNewCrewMember(db: Db, member: CrewMember): Promise<RosterWrite> {
  const result = await transact(db, {
    crew_id: {
      Put: {
        TableName: db.tables['crew-roster'],
        Item: toItem(member),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    email: claimPut(db, emailPk(member.email), member),
    phone: claimPut(db, phonePk(member.phone), member),
    availability_key: member.active && claimPut(db, keyPk(member.availability_key), member),
    role: member.active && roleHolderClaim(db, member.crew_id, member.role),
  });
  return result.ok ? result : { ok: false, taken: takenClaims(result.failed, result.found) };
}

/**
 * Replaces a crew member read at `current.version` with `next`; a moved email
 * or phone moves its claim in the same transaction, and so does the key claim:
 * released on deactivation, claimed again on reactivation (refused if someone
 * else active holds it), moved with the key, and claimed by a record from before
 * key claims on its first write while active. Refused with `version` when
 * someone else changed the record meanwhile.
 */
export async function replaceCrewMember(
  db: Db,
  record: CrewRecord,
  next: CrewMember,
): Promise<RosterWrite> {
  const current = record.member;
  const held = record.keyClaim;
  const wanted = wantedKeyClaim(next);
  const result = await transact(db, {
    version: {
      Put: {
        TableName: db.tables['crew-roster'],
        Item: toItem(next),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': current.version },
      },
    },
    email: next.email !== current.email && claimPut(db, emailPk(next.email), next),
    email_old:
      next.email !== current.email && claimDelete(db, emailPk(current.email), current.crew_id),
    phone: next.phone !== current.phone && claimPut(db, phonePk(next.phone), next),
    phone_old:
      next.phone !== current.phone && claimDelete(db, phonePk(current.phone), current.crew_id),
    availability_key: wanted !== undefined && wanted !== held && claimPut(db, wanted, next),
    availability_key_old:
      held !== undefined && held !== wanted && claimDelete(db, held, current.crew_id),
    // Someone newly active in a role: the role must still be on the office's list.
    role:
      next.active &&
      (!current.active || next.role !== current.role) &&
      roleHolderClaim(db, next.crew_id, next.role),
  });
  return result.ok ? result : { ok: false, taken: takenClaims(result.failed, result.found) };
}
