import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

/**
 * The floor plus Hono: the same one GetItem answered through a Hono app and
 * its Lambda adapter (which build a fetch Request and Response per event).
 * Not a goal, a reading: how much of crewcall's distance from the floor is
 * the web framework itself rather than crewcall's code.
 */
const endpoint = process.env.DYNAMODB_ENDPOINT;
const client = new DynamoDBClient({
  region: process.env.AWS_REGION ?? 'us-west-2',
  ...(endpoint
    ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
});
const table = `${process.env.TABLE_PREFIX ?? 'crewcall-'}crew-roster`;

const app = new Hono().all('*', async (c) => {
  const out = await client.send(
    new GetItemCommand({ TableName: table, Key: { pk: { S: 'CREW#floor' }, sk: { S: 'CREW' } } }),
  );
  return c.json({ found: out.Item !== undefined });
});

export const handler = handle(app);
