import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../../edge-api/src/db/client.js';
import { ensureTables } from '../../../edge-api/src/db/ensure-tables.js';
import { type FaultyDynamoDb, startFaultyDynamoDb } from './dynamodb-instance.js';

describe('a DynamoDB Local a test can hurt', () => {
  let dynamo: FaultyDynamoDb;
  const client = () =>
    new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
      requestHandler: {
        requestTimeout: 1500,
        connectionTimeout: 1500,
        throwOnRequestTimeout: true,
      },
    });

  beforeAll(async () => {
    dynamo = await startFaultyDynamoDb();
  });
  afterAll(() => dynamo.close());

  it('keeps its tables across kill -9 and a restart on the same data dir', async () => {
    const db = createDb({
      homeRegion: 'us-west-2',
      dynamodbEndpoint: dynamo.endpoint,
      tablePrefix: 'f-',
    });
    await ensureTables(db.raw, db.tables);
    db.raw.destroy();
    await dynamo.kill9();
    const down = client();
    await expect(down.send(new ListTablesCommand({}))).rejects.toThrow();
    down.destroy();
    await dynamo.restart();
    const up = client();
    const { TableNames } = await up.send(new ListTablesCommand({}));
    up.destroy();
    expect(TableNames).toContain(db.tables['crew-roster']);
  });

  it('answers nothing while frozen, and again once thawed', async () => {
    dynamo.freeze();
    const frozen = client();
    await expect(frozen.send(new ListTablesCommand({}))).rejects.toThrow();
    frozen.destroy();
    dynamo.thaw();
    const thawed = client();
    await expect(thawed.send(new ListTablesCommand({}))).resolves.toBeTruthy();
    thawed.destroy();
  });
});
