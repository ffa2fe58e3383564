import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';

/** One small read that proves DynamoDB answers (the item need not exist); rejects when it does not. */
export async function pingDynamoDb(db: Db, signal: AbortSignal): Promise<void> {
  await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-roster'],
      Key: { pk: 'HEALTHCHECK', sk: 'HEALTHCHECK' },
    }),
    { abortSignal: signal },
  );
}
