import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The cold-start floor: the least a Lambda that answers from DynamoDB can do,
 * one GetItem with the bare client, bundled exactly like crewcall's handler
 * (scripts/build.mjs). The cold-start bench prints every variant's distance
 * from it, so the goal does not move with the machine.
 */
const endpoint = process.env.DYNAMODB_ENDPOINT;
const client = new DynamoDBClient({
  region: process.env.AWS_REGION ?? 'us-west-2',
  ...(endpoint
    ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
});
const table = `${process.env.TABLE_PREFIX ?? 'crewcall-'}crew-roster`;

export async function handler(): Promise<{ statusCode: number; body: string }> {
  const out = await client.send(
    new GetItemCommand({ TableName: table, Key: { pk: { S: 'CREW#floor' }, sk: { S: 'CREW' } } }),
  );
  return { statusCode: 200, body: JSON.stringify({ found: out.Item !== undefined }) };
}
