import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config/index.js';
import { type TableNames, tableNames } from './table-definitions.js';

/** What every table module needs: the document client and the physical table names. */
export interface Db {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  tables: TableNames;
}

/**
 * Every read and write goes to the home region. The tables are global tables,
 * and across regions the last writer wins, so the conditions that make a link
 * single-use and a seat count exact only hold when one region takes the writes.
 * Failover is a deliberate change of CREWCALL_HOME_REGION, not an automatic one.
 */
export function createDb(
  config: Pick<Config, 'homeRegion' | 'dynamodbEndpoint' | 'tablePrefix'>,
): Db {
  const raw = new DynamoDBClient({
    region: config.homeRegion,
    maxAttempts: 4,
    ...(config.dynamodbEndpoint
      ? {
          endpoint: config.dynamodbEndpoint,
          // DynamoDB Local accepts any credentials; don't make developers configure AWS ones.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { doc, raw, tables: tableNames(config.tablePrefix) };
}
