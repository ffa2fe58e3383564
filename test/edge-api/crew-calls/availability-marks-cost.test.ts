import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type { DueAnswer, PortalLinkAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { postCrewForm } from '../../support/crew-links.js';
import { dynamodbEndpoint } from '../../support/dynamodb.js';
import { type DynamoDbProxy, startDynamoDbProxy } from '../../support/faults/dynamodb-proxy.js';
import { signedFetch } from '../../support/signed-fetch.js';

// What crew marks cost DynamoDB, seen on the wire by a proxy in front of DynamoDB Local: the
// timer's marks are two Queries on sparse indexes, the pending marks and the no_cell marks due for
// their daily retry (never a scan), a portal view one
// Query of the person's 60 days, a save one transaction.
const clock = new Date('2026-12-02T17:00:00.000Z');
let proxy: DynamoDbProxy;
let api: TestApi;
let link: string;
beforeAll(async () => {
  proxy = await startDynamoDbProxy(dynamodbEndpoint());
  api = await startTestApi({ now: () => clock, dynamodbEndpoint: proxy.endpoint });
  await seedDemoRoster(api.db, clock);
  const res = await signedFetch(`${api.url}/api/links/portal`, {
    method: 'POST',
    body: { crew_id: 'c-0003' },
  });
  link = ((await res.json()) as PortalLinkAnswer).url;
}, 60_000);
afterAll(async () => {
  await api?.close();
  await proxy?.close();
});

/** The DynamoDB calls one request made. */
async function callsOf(request: () => Promise<unknown>) {
  const from = proxy.seen.length;
  await request();
  return proxy.seen.slice(from);
}
const marksCalls = (calls: typeof proxy.seen) =>
  calls.filter((r) => JSON.stringify(r.body).includes('MARKS'));
const due = async () => (await (await signedFetch(`${api.url}/api/calls/due`)).json()) as DueAnswer;

describe('what marks cost', () => {
  it('an idle timer run reads the marks with two Queries on sparse indexes', async () => {
    const calls = await callsOf(due);
    expect(calls.map((c) => c.operation)).not.toContain('Scan');
    const marks = marksCalls(calls).map((c) => [
      c.operation,
      c.body.IndexName,
      c.body.KeyConditionExpression,
      c.body.Limit,
    ]);
    expect(marks).toHaveLength(2);
    expect(marks).toEqual(
      expect.arrayContaining([
        ['Query', 'gsi2', 'gsi2pk = :p', 200],
        ['Query', 'gsi2', 'gsi2pk = :p AND gsi2sk <= :now', 200],
      ]),
    );
  });

  it('a portal view is one Query of the 60 days; a save of three days one transaction', async () => {
    const view = await callsOf(() => fetch(link).then((r) => r.text()));
    expect(marksCalls(view).map((c) => [c.operation, c.body.KeyConditionExpression])).toEqual([
      ['Query', 'pk = :pk AND sk BETWEEN :from AND :to'],
    ]);
    const fields = Object.fromEntries(
      ['2026-12-03', '2026-12-04', '2026-12-05'].flatMap((d) => [
        [`kind_${d}`, 'yes'],
        [`was_${d}`, '||'],
      ]),
    );
    const saved = await callsOf(() => postCrewForm(`${link}/availability`, fields));
    const writes = marksCalls(saved).filter((c) => c.operation !== 'Query');
    expect(writes.map((c) => [c.operation, c.body.TransactItems?.length])).toEqual([
      ['TransactWriteItems', 3],
    ]);
    // With marks pending, the timer's run reads them and their people's current headers.
    const busy = await callsOf(async () => {
      expect((await due()).availability_marks).toHaveLength(3);
    });
    expect(marksCalls(busy).map((c) => c.operation)).toEqual(['Query', 'Query']);
    expect(busy.filter((c) => c.operation === 'BatchGetItem')).toHaveLength(1);
  });
});
