import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The floor plus one fixed cost that every crewcall cold start pays, named by
 * the event's `cost`: not a goal, a reading, so the cold-start table itself shows
 * how much of crewcall's distance from the floor no crewcall code can remove.
 * - `fetch`: one WHATWG Request and Response, as Hono's Lambda adapter builds
 *   per event (on Node the first one loads undici).
 * - `intl`: the first Intl.DateTimeFormat in a time zone and a currency
 *   NumberFormat, as a crew page's dates and pay need (ICU's first setup).
 */
const endpoint = process.env.DYNAMODB_ENDPOINT;
const client = new DynamoDBClient({
  region: process.env.AWS_REGION ?? 'us-west-2',
  ...(endpoint
    ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
});
const table = `${process.env.TABLE_PREFIX ?? 'crewcall-'}crew-roster`;

type Cost = 'fetch' | 'intl';

function pay(cost: Cost | undefined): string {
  if (cost === 'fetch') {
    const request = new Request('https://crew.example.com/m/x', {
      headers: { accept: 'text/html' },
    });
    return String(new Response(request.url, { status: 200 }).status);
  }
  if (cost === 'intl') {
    const when = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Los_Angeles',
      dateStyle: 'full',
      timeStyle: 'short',
    }).format(new Date());
    const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    return `${when} ${money.format(180)}`;
  }
  throw new Error(`fixed-cost floor: unknown cost ${String(cost)}`);
}

export async function handler(event: {
  cost?: Cost;
}): Promise<{ statusCode: number; body: string }> {
  const out = await client.send(
    new GetItemCommand({ TableName: table, Key: { pk: { S: 'CREW#floor' }, sk: { S: 'CREW' } } }),
  );
  const paid = pay(event.cost);
  return { statusCode: 200, body: JSON.stringify({ found: out.Item !== undefined, paid }) };
}
