import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { createDb, type Db } from '../../../edge-api/src/db/client.js';
import { CliError, EXIT } from '../errors.js';
import type { Versioned } from './compare.js';

export interface RegionTarget {
  /** `primary` or `secondary`, for messages. */
  label: string;
  region: string;
  /** DynamoDB Local or another endpoint instead of AWS's. */
  endpoint?: string;
  tablePrefix: string;
}

/** The tables of one region; with an endpoint, DynamoDB Local's throwaway credentials. */
export function openRegion(target: RegionTarget): Db {
  return createDb({
    homeRegion: target.region,
    dynamodbEndpoint: target.endpoint,
    tablePrefix: target.tablePrefix,
  });
}

/**
 * Every item under one GSI partition, keyed by `idField`. A Query on the
 * index, page by page (never a Scan); GSI reads are eventually consistent,
 * which is what a replication check wants to see anyway.
 */
async function queryPartition(
  db: Db,
  target: RegionTarget,
  input: QueryCommandInput,
  idField: string,
): Promise<Map<string, Versioned>> {
  const items = new Map<string, Versioned>();
  let start: Record<string, unknown> | undefined;
  try {
    do {
      const page = await db.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) items.set(String(item[idField]), item as Versioned);
      start = page.LastEvaluatedKey;
    } while (start);
  } catch (error) {
    throw dynamoError(error, target, input.TableName as string);
  }
  return items;
}

/** Crew members of the roster (crew-roster, GSI by-roster-order, partition ROSTER), by crew_id. */
export function readRoster(db: Db, target: RegionTarget): Promise<Map<string, Versioned>> {
  return queryPartition(
    db,
    target,
    {
      TableName: db.tables['crew-roster'],
      IndexName: 'by-roster-order',
      KeyConditionExpression: 'roster_pk = :pk',
      ExpressionAttributeValues: { ':pk': 'ROSTER' },
    },
    'crew_id',
  );
}

/** Charters (crew-dispatch, gsi1, partition CHARTERS), by charter_id. */
export function readCharters(db: Db, target: RegionTarget): Promise<Map<string, Versioned>> {
  return queryPartition(
    db,
    target,
    {
      TableName: db.tables['crew-dispatch'],
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'CHARTERS' },
    },
    'charter_id',
  );
}

/** DynamoDB's failures in the exit-code vocabulary. */
function dynamoError(error: unknown, target: RegionTarget, table: string): CliError {
  const e = error as Error & { $metadata?: { httpStatusCode?: number }; code?: string };
  const where = `${target.label} (${target.region}${target.endpoint ? ` at ${target.endpoint}` : ''})`;
  if (e.name === 'ResourceNotFoundException') {
    return new CliError(
      EXIT.USAGE,
      `table ${table} (or its index) does not exist in the ${where}: check --table-prefix and the region`,
    );
  }
  if (e.name === 'CredentialsProviderError') {
    return new CliError(
      EXIT.USAGE,
      `no AWS credentials for the ${where}: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (${e.message})`,
    );
  }
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new CliError(
      EXIT.REFUSED,
      `DynamoDB in the ${where} refused to read ${table}: ${e.name}: ${e.message}`,
    );
  }
  return new CliError(
    EXIT.UNAVAILABLE,
    `could not read ${table} in the ${where}: ${e.name}${e.message ? `: ${e.message}` : ''}${e.code ? ` (${e.code})` : ''}`,
  );
}
