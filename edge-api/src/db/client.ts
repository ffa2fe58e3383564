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

export function createDb(config: Pick<Config, 'region' | 'dynamodbEndpoint' | 'tablePrefix'>): Db {
  const raw = new DynamoDBClient({
    region: config.region,
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
