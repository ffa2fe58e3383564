import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamodbEndpoint, freshDb } from '../dynamodb.js';
import { call, type DynamoDbProxy, startDynamoDbProxy } from './dynamodb-proxy.js';

describe('a proxy in front of DynamoDB Local that holds and fails chosen calls', () => {
  let proxy: DynamoDbProxy;
  let table: string;
  const client = () =>
    DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: proxy.endpoint,
        region: 'us-west-2',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      }),
    );
  const put = (doc: DynamoDBDocumentClient, pk: string) =>
    doc.send(new PutCommand({ TableName: table, Item: { pk, sk: 'X' } }));
  const exists = async (doc: DynamoDBDocumentClient, pk: string) =>
    Boolean(
      (
        await doc.send(
          new GetCommand({ TableName: table, Key: { pk, sk: 'X' }, ConsistentRead: true }),
        )
      ).Item,
    );

  beforeAll(async () => {
    proxy = await startDynamoDbProxy(dynamodbEndpoint());
    const db = await freshDb(proxy.endpoint);
    table = db.tables['crew-dispatch'];
    db.raw.destroy();
  });
  afterAll(() => proxy.close());

  it('passes calls through and records each one’s target and tables', async () => {
    const doc = client();
    await put(doc, 'seen');
    expect(await exists(doc, 'seen')).toBe(true);
    const last = proxy.seen.slice(-2);
    expect(last.map((r) => r.target)).toEqual([
      'DynamoDB_20120810.PutItem',
      'DynamoDB_20120810.GetItem',
    ]);
    expect(last[0]?.tables).toEqual([table]);
    expect(last[0]?.body.Item.pk).toEqual({ S: 'seen' });
    doc.destroy();
  });

  it('holds the 2nd matching call until released, letting others pass meanwhile', async () => {
    const doc = client();
    const hold = proxy.hold(call('PutItem', table), { nth: 2 });
    await put(doc, 'first');
    const second = put(doc, 'second');
    const held = await hold.arrived;
    expect(held.request.body.Item.pk).toEqual({ S: 'second' });
    expect(await exists(doc, 'second')).toBe(false);
    held.release();
    await second;
    expect(await exists(doc, 'second')).toBe(true);
    doc.destroy();
  });

  it('fails chosen calls with a 500 or a connection reset, and stops when told', async () => {
    const doc = client();
    proxy.fail(call('PutItem', table), '500', { times: 1 });
    await expect(put(doc, 'five-hundred')).rejects.toMatchObject({ name: 'InternalServerError' });
    proxy.fail(call('PutItem', table), 'reset');
    await expect(put(doc, 'reset')).rejects.toThrow();
    await expect(put(doc, 'reset')).rejects.toThrow();
    proxy.clear();
    await put(doc, 'after');
    expect(await exists(doc, 'five-hundred')).toBe(false);
    expect(await exists(doc, 'reset')).toBe(false);
    expect(await exists(doc, 'after')).toBe(true);
    doc.destroy();
  });

  it('can let a write land and lose its answer: done, but the client never hears', async () => {
    const doc = client();
    const hold = proxy.holdAnswer(call('PutItem', table));
    const write = put(doc, 'landed');
    const held = await hold.arrived;
    expect(await exists(doc, 'landed')).toBe(true);
    held.fail('reset');
    await expect(write).rejects.toThrow();
    doc.destroy();
  });
});
