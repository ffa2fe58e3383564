import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type CrewMember, nameSortKey } from '../../../shared/crew/index.js';
import { type FieldProblem, notFound, UserError } from '../errors/index.js';
import type { CrewInput } from '../roster/crew-input.js';
import type { Db } from './client.js';

/**
 * The crew-roster table. Item kinds:
 * - crew member: pk `CREW#<id>`, sk `CREW`, indexed by roster order and by role;
 * - uniqueness claim: pk `EMAIL#<email>` or `PHONE#<e164>`, sk `UNIQUE`, naming its crew_id.
 * Uniqueness is DynamoDB's job: a crew member and its claims are written in one
 * transaction whose conditions fail if another crew member holds the claim.
 */
const CREW_SK = 'CREW';
const UNIQUE_SK = 'UNIQUE';
const ROSTER_PK = 'ROSTER';
const crewPk = (id: string) => `CREW#${id}`;
const emailPk = (email: string) => `EMAIL#${email}`;
const phonePk = (phone: string) => `PHONE#${phone}`;

/** Sort key giving cascade level, then folded name, then id. */
export function rosterOrder(m: Pick<CrewMember, 'cascade_level' | 'name' | 'crew_id'>): string {
  return `${String(m.cascade_level).padStart(2, '0')}#${nameSortKey(m.name)}#${m.crew_id}`;
}

function toItem(m: CrewMember) {
  return {
    pk: crewPk(m.crew_id),
    sk: CREW_SK,
    roster_pk: ROSTER_PK,
    role_pk: `ROLE#${m.role}`,
    roster_order: rosterOrder(m),
    ...m,
  };
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
    availability_key: m.availability_key,
    day_rate: { amount_cents: m.day_rate.amount_cents, currency: m.day_rate.currency },
    active: m.active,
    created_at: m.created_at,
    updated_at: m.updated_at,
    version: m.version,
  };
}

export async function getCrewMember(db: Db, crewId: string): Promise<CrewMember | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-roster'],
      Key: { pk: crewPk(crewId), sk: CREW_SK },
      ConsistentRead: true,
    }),
  );
  return out.Item ? fromItem(out.Item) : undefined;
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
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({ ...input, ExclusiveStartKey: start, Limit: limit }),
    );
    for (const item of page.Items ?? []) members.push(fromItem(item));
    start = page.LastEvaluatedKey;
  } while (start && (limit === undefined || members.length < limit));
  return limit === undefined ? members : members.slice(0, limit);
}

export async function rosterIsEmpty(db: Db): Promise<boolean> {
  return (await listCrew(db, {}, 1)).length === 0;
}

const claimPut = (db: Db, pk: string, m: CrewMember) => ({
  Put: {
    TableName: db.tables['crew-roster'],
    Item: { pk, sk: UNIQUE_SK, crew_id: m.crew_id },
    ConditionExpression: 'attribute_not_exists(pk)',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  },
});

const claimDelete = (db: Db, pk: string, crewId: string) => ({
  Delete: {
    TableName: db.tables['crew-roster'],
    Key: { pk, sk: UNIQUE_SK },
    ConditionExpression: 'crew_id = :id',
    ExpressionAttributeValues: { ':id': crewId },
  },
});

/** Creates a crew member with its email and phone claims in one transaction. */
export async function createCrewMember(
  db: Db,
  input: CrewInput,
  crewId: string,
  now: Date,
): Promise<CrewMember> {
  const at = now.toISOString();
  const member: CrewMember = {
    crew_id: crewId,
    ...input,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const fields: Array<FieldProblem['field']> = ['crew_id', 'email', 'phone'];
  await transactWithRetry(
    db,
    {
      TransactItems: [
        {
          Put: {
            TableName: db.tables['crew-roster'],
            Item: toItem(member),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        claimPut(db, emailPk(member.email), member),
        claimPut(db, phonePk(member.phone), member),
      ],
    },
    fields,
  );
  return member;
}

/**
 * Applies a change to a crew member. Moving an email or phone moves its claim
 * in the same transaction as the record, guarded by the record's version so a
 * concurrent edit is retried on fresh data rather than overwritten.
 */
export async function updateCrewMember(
  db: Db,
  crewId: string,
  change: Partial<CrewInput>,
  now: Date,
): Promise<CrewMember> {
  for (let attempt = 0; ; attempt++) {
    const current = await getCrewMember(db, crewId);
    if (!current) throw notFound(`crew member ${crewId}`);
    const next: CrewMember = {
      ...current,
      ...change,
      updated_at: now.toISOString(),
      version: current.version + 1,
    };
    if (sameCrewFields(current, next)) return current;
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      {
        Put: {
          TableName: db.tables['crew-roster'],
          Item: toItem(next),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': current.version },
        },
      },
    ];
    const fields: string[] = ['version'];
    if (next.email !== current.email) {
      items.push(
        claimPut(db, emailPk(next.email), next),
        claimDelete(db, emailPk(current.email), crewId),
      );
      fields.push('email', 'email');
    }
    if (next.phone !== current.phone) {
      items.push(
        claimPut(db, phonePk(next.phone), next),
        claimDelete(db, phonePk(current.phone), crewId),
      );
      fields.push('phone', 'phone');
    }
    try {
      await transactWithRetry(db, { TransactItems: items }, fields);
      return next;
    } catch (error) {
      const concurrentEdit =
        error instanceof UserError && error.fields.some((f) => f.field === 'version');
      if (!concurrentEdit || attempt >= 4) throw error;
    }
  }
}

/** Deactivates (never deletes) so charters and statements keep their history. */
export async function deactivateCrewMember(db: Db, crewId: string, now: Date): Promise<CrewMember> {
  try {
    const out = await db.doc.send(
      new UpdateCommand({
        TableName: db.tables['crew-roster'],
        Key: { pk: crewPk(crewId), sk: CREW_SK },
        UpdateExpression: 'SET active = :f, updated_at = :at, version = version + :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':f': false, ':at': now.toISOString(), ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return fromItem(out.Attributes ?? {});
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException')
      throw notFound(`crew member ${crewId}`);
    throw error;
  }
}

function sameCrewFields(a: CrewMember, b: CrewMember): boolean {
  const keys: Array<keyof CrewInput> = [
    'name',
    'phone',
    'email',
    'role',
    'cascade_level',
    'availability_key',
    'active',
  ];
  return (
    keys.every((k) => a[k] === b[k]) &&
    a.day_rate.amount_cents === b.day_rate.amount_cents &&
    a.day_rate.currency === b.day_rate.currency
  );
}

/**
 * Runs a transaction, retrying DynamoDB's TransactionConflict (another
 * transaction touching the same item right now) so that a race ends in a clear
 * winner and clear 409s rather than a 500. `fields[i]` names what item i guards.
 */
async function transactWithRetry(
  db: Db,
  input: TransactWriteCommandInput,
  fields: string[],
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.doc.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) =>
        r.Code === 'ConditionalCheckFailed'
          ? [{ field: fields[i] ?? 'item', holder: r.Item?.crew_id?.S }]
          : [],
      );
      if (failed.length > 0) {
        throw new UserError(
          409,
          'conflict',
          failed.map((f) => `${f.field} ${conflictMessage(f.field, f.holder)}`).join('; '),
          failed.map((f) => ({ field: f.field, message: conflictMessage(f.field, f.holder) })),
        );
      }
      const conflict = reasons.some((r) => r.Code === 'TransactionConflict');
      if (!conflict || attempt >= 8) {
        if (conflict)
          throw new UserError(503, 'busy', 'the roster is busy with another change; try again');
        throw error;
      }
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * (attempt + 1)));
    }
  }
}

function conflictMessage(field: string, holder: string | undefined): string {
  switch (field) {
    case 'email':
    case 'phone':
      return `is already used by another crew member${holder ? ` (${holder})` : ''}`;
    case 'crew_id':
      return 'is already taken by another crew member';
    case 'version':
      return 'changed: someone else edited this crew member at the same time';
    default:
      return 'conflicts with existing data';
  }
}
