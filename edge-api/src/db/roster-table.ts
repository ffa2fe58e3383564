import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { foldName } from '../../../shared/availability/match-header.js';
import { type CrewMember, nameSortKey } from '../../../shared/crew/index.js';
import type { Db } from './client.js';
import { roleHolderClaim } from './dispatch-table/office-settings.js';
import { queryPages } from './paging.js';
import { type TxItem, transact } from './transact.js';

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
const CREW_SK = 'CREW';
const UNIQUE_SK = 'UNIQUE';
const ROSTER_PK = 'ROSTER';
const crewPk = (id: string) => `CREW#${id}`;
const emailPk = (email: string) => `EMAIL#${email}`;
const phonePk = (phone: string) => `PHONE#${phone}`;
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

/** A crew member as stored: the record and the availability-key claim it holds, if any. */
export interface CrewRecord {
  member: CrewMember;
  keyClaim?: string;
}

/** Rebuilds the API record from an item, in a stable field order. */
function fromItem(item: Record<string, unknown>): CrewMember {
  const m = item as unknown as CrewMember;
  return {
    crew_id: m.crew_id,
    name: m.name,
    phone: m.phone,
    email: m.email,
    role: m.role,
    cascade_level: m.cascade_level,
    ...(m.also_qualified?.length ? { also_qualified: m.also_qualified } : {}),
    availability_key: m.availability_key,
    day_rate: { amount_cents: m.day_rate.amount_cents, currency: m.day_rate.currency },
    active: m.active,
    created_at: m.created_at,
    updated_at: m.updated_at,
    version: m.version,
  };
}

export async function getCrewRecord(db: Db, crewId: string): Promise<CrewRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-roster'],
      Key: { pk: crewPk(crewId), sk: CREW_SK },
      ConsistentRead: true,
    }),
  );
  if (!out.Item) return undefined;
  const keyClaim = out.Item.availability_key_claim;
  return { member: fromItem(out.Item), ...(typeof keyClaim === 'string' ? { keyClaim } : {}) };
}

export async function getCrewMember(db: Db, crewId: string): Promise<CrewMember | undefined> {
  return (await getCrewRecord(db, crewId))?.member;
}

/**
 * The current sheet header of each crew member named (BatchGetItem, 100 a request): how marks
 * stored under an older header find today's column. Someone no longer on the roster is absent.
 */
export async function currentAvailabilityKeys(
  db: Db,
  crewIds: readonly string[],
): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  const ids = [...new Set(crewIds)];
  for (let i = 0; i < ids.length; i += 100) {
    let wanted: Array<Record<string, unknown>> | undefined = ids
      .slice(i, i + 100)
      .map((id) => ({ pk: crewPk(id), sk: CREW_SK }));
    for (let attempt = 0; wanted?.length && attempt < 5; attempt++) {
      const table = db.tables['crew-roster'];
      const out: BatchGetCommandOutput = await db.doc.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: wanted,
              ProjectionExpression: 'crew_id, availability_key',
              ConsistentRead: true,
            },
          },
        }),
      );
      for (const item of out.Responses?.[table] ?? [])
        keys.set(item.crew_id as string, item.availability_key as string);
      wanted = out.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return keys;
}

/** Who holds an email or a phone (E.164), by one GetItem on its claim: no scan. */
export async function findCrewByContact(
  db: Db,
  contact: { email: string } | { phone: string },
): Promise<CrewMember | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-roster'],
      Key: {
        pk: 'email' in contact ? emailPk(contact.email) : phonePk(contact.phone),
        sk: UNIQUE_SK,
      },
      ConsistentRead: true,
    }),
  );
  const holder = out.Item?.crew_id;
  return typeof holder === 'string' ? getCrewMember(db, holder) : undefined;
}

/** Whether two availability keys are the same header to the planner (the claim's folding). */
export const sameAvailabilityKey = (a: string, b: string) => keyPk(a) === keyPk(b);

export interface CrewFilter {
  role?: string;
  active?: boolean;
}

/** The roster in cascade-level-then-name order, one Query per page of an index. */
export async function listCrew(
  db: Db,
  filter: CrewFilter = {},
  limit?: number,
): Promise<CrewMember[]> {
  const input: QueryCommandInput = filter.role
    ? {
        TableName: db.tables['crew-roster'],
        IndexName: 'by-role',
        KeyConditionExpression: 'role_pk = :pk',
        ExpressionAttributeValues: { ':pk': `ROLE#${filter.role}` },
      }
    : {
        TableName: db.tables['crew-roster'],
        IndexName: 'by-roster-order',
        KeyConditionExpression: 'roster_pk = :pk',
        ExpressionAttributeValues: { ':pk': ROSTER_PK },
      };
  if (filter.active !== undefined) {
    input.FilterExpression = 'active = :active';
    input.ExpressionAttributeValues = {
      ...input.ExpressionAttributeValues,
      ':active': filter.active,
    };
  }
  const members: CrewMember[] = [];
  for await (const page of queryPages(db, { ...input, Limit: limit })) {
    members.push(...page.map(fromItem));
    if (limit !== undefined && members.length >= limit) break;
  }
  return limit === undefined ? members : members.slice(0, limit);
}

export async function rosterIsEmpty(db: Db): Promise<boolean> {
  return (await listCrew(db, {}, 1)).length === 0;
}

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
