import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { CrewMember } from '../../../shared/crew/index.js';
import type { Db } from './client.js';
import { queryPages } from './paging.js';

/**
 * Reading the crew-roster table (its item kinds: roster-table.ts). Apart from the writes so
 * that reading the roster, the office's most common call, loads none of the write paths.
 */
export const CREW_SK = 'CREW';
export const UNIQUE_SK = 'UNIQUE';
export const ROSTER_PK = 'ROSTER';
export const crewPk = (id: string) => `CREW#${id}`;
export const emailPk = (email: string) => `EMAIL#${email}`;
export const phonePk = (phone: string) => `PHONE#${phone}`;

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
