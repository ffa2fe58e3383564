import { sep } from 'node:path';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGatewayGet } from '../../../bench/support/lambda-events.js';
import { createDb } from '../../../edge-api/src/db/client.js';
import { seaLark1205 } from '../../support/charters.js';
import { dynamodbEndpoint, TEST_REGION } from '../../support/dynamodb.js';
import { startDynamoDbRounds } from '../../support/dynamodb-rounds.js';
import {
  LAMBDA_BUNDLE,
  type LambdaEntryPoint,
  lambdaEntryPoint,
} from '../../support/entry-points.js';
import { startOneDeckhandCall } from '../../support/one-deckhand-call.js';
import { instance } from '../adapter/cold-instance.js';

/**
 * The office's timer calls GET /api/calls/due every few minutes with its change cursor, and
 * nearly every run finds nothing to do. Such a run's cold start reads its lists side by side
 * and loads only what reads them: each case is a fresh `node` importing the built bundle, as
 * Lambda starts it, with a loader hook listing every file it loads, on a proxy that counts
 * its DynamoDB rounds.
 */

/** The timer's signed GET, as API Gateway hands it to the function (IAM-authorised). */
function timerEvent(query: Record<string, string>) {
  const event = apiGatewayGet('/api/calls/due', 'ANY /api/{proxy+}', true);
  const rawQueryString = new URLSearchParams(query).toString();
  return { ...event, rawQueryString, queryStringParameters: query };
}

/** One cold start answering the timer: its answer, the bundle's sources it loaded, its DynamoDB rounds. */
async function coldTimerRun(query: Record<string, string>, options: { withoutIcu?: boolean } = {}) {
  const proxy = await startDynamoDbRounds(dynamodbEndpoint());
  try {
    const run = await instance([timerEvent(query)], LAMBDA_BUNDLE, {
      env: { DYNAMODB_ENDPOINT: proxy.endpoint },
      withoutIcu: options.withoutIcu ?? false,
    });
    const answer = run.answers[0] as { status: number; body: string };
    return {
      status: answer.status,
      json: JSON.parse(answer.body),
      files: run.files,
      sources: run.sources,
      rounds: proxy.rounds,
    };
  } finally {
    await proxy.close();
  }
}

/** What an idle timer run never needs: the email renderer, the repair steps, the schemas, Intl's clock. */
const NOT_FOR_AN_IDLE_RUN: Record<string, RegExp> = {
  'the email renderer': /crew-calls\/outgoing-notifications\.ts$|edge-api\/src\/notifications\//,
  luxon: /node_modules\/luxon\//,
  'ical-generator': /node_modules\/ical-generator\//,
  zod: /node_modules\/zod\//,
  'the repair steps': /crew-calls\/(level-items|cancel-charter|crew-responses|open-level)\.ts$/,
  "the charter's Intl clock": /shared\/charter\/zoned-time\.ts$/,
  'the crew-call write routes': /crew-calls\/route-schemas\.ts$|shared\/api\/input\.ts$/,
};
const FULL_APP_DIR = `${sep}dist${sep}edge-api${sep}full-app${sep}`;
const loadedOf = (sources: string[]) =>
  Object.entries(NOT_FOR_AN_IDLE_RUN)
    .filter(([, pattern]) => sources.some((s) => pattern.test(s)))
    .map(([name]) => name);

let lambda: LambdaEntryPoint;
let cursor: string;

beforeAll(async () => {
  lambda = await lambdaEntryPoint();
  // A deckhand asked for a charter ten days out: her email is leased to the start that sent it.
  await startOneDeckhandCall(lambda, 'CH-TIMER-COLD');
  // The sheet's cursor once the start's changes have settled and been copied.
  await new Promise((r) => setTimeout(r, 3_200));
  const first = await lambda.admin('GET', '/api/calls/due');
  expect(first.status).toBe(200);
  expect(first.json.changes.length).toBeGreaterThan(0);
  cursor = first.json.next_cursor;
}, 60_000);
afterAll(() => lambda?.close());

describe("a cold start answering the office timer's idle run (with its cursor)", () => {
  it('answers what a warm instance answers, from one round of DynamoDB requests', async () => {
    const cold = await coldTimerRun({ since: cursor });
    expect(cold.status).toBe(200);
    const warm = await lambda.admin('GET', `/api/calls/due?since=${encodeURIComponent(cursor)}`);
    expect(cold.json).toEqual(warm.json);
    expect(cold.json).toMatchObject({ calls: [], pending_notifications: [], changes: [] });
    // The due calls, unsent emails, charters leaving within a day, changes, two lists of crew
    // marks and unfinished calls: seven Queries on seven partitions, sent side by side.
    expect(cold.rounds).toEqual([Array(7).fill('Query')]);
  });

  it("the office's own short-handed lead reads the charters leaving soon once, not twice", async () => {
    const query = { since: cursor, short_before_hours: '48' };
    const cold = await coldTimerRun(query);
    expect(cold.status).toBe(200);
    const warm = await lambda.admin('GET', `/api/calls/due?${new URLSearchParams(query)}`);
    expect(cold.json).toEqual(warm.json);
    expect(cold.rounds).toEqual([Array(7).fill('Query')]);
  });

  it('loads no email renderer, repair step, schema, luxon, ical-generator or Intl clock', async () => {
    const cold = await coldTimerRun({ since: cursor });
    expect(cold.status).toBe(200);
    expect(loadedOf(cold.sources)).toEqual([]);
    // The full app's entry (its static chunks folded in, see scripts/fold-static-chunks.mjs)
    // and the lazy chunks an idle run needs: 17 today, 31 before the folding.
    expect(cold.files.filter((file) => file.includes(FULL_APP_DIR)).length).toBeLessThanOrEqual(17);
  });

  it('nor does a first run without a cursor, which also sums up the changed call for the sheet', async () => {
    const cold = await coldTimerRun({});
    expect(cold.status).toBe(200);
    expect(cold.json.calls_changed.length).toBe(1);
    expect(loadedOf(cold.sources)).toEqual([]);
    // The change feed's call is read once the changes are in: a second round.
    expect(cold.rounds).toEqual([Array(7).fill('Query'), ['Query']]);
  });

  it('uses no ICU: with Intl and the locale-aware methods throwing it answers the same', async () => {
    for (const query of [{ since: cursor }, {}] as Array<Record<string, string>>) {
      const cold = await coldTimerRun(query, { withoutIcu: true });
      expect(cold.status).toBe(200);
      expect(cold.json).toEqual((await coldTimerRun(query)).json);
    }
  });
});

/** Every email not yet reported sent, its lease (to the run that sent it) passed: the timer's to send. */
async function expireLeases(): Promise<number> {
  const db = createDb({
    homeRegion: TEST_REGION,
    dynamodbEndpoint: dynamodbEndpoint(),
    tablePrefix: lambda.tablePrefix,
  });
  try {
    const { Items = [] } = await db.doc.send(
      new QueryCommand({
        TableName: db.tables['crew-dispatch'],
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :u',
        ExpressionAttributeValues: { ':u': 'UNSENT' },
      }),
    );
    for (const item of Items) {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tables['crew-dispatch'],
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET lease_until = :past',
          ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' },
        }),
      );
    }
    return Items.length;
  } finally {
    db.raw.destroy();
  }
}

describe('a cold start answering a timer run with work', () => {
  it('an email whose lease has passed loads the renderer (the check sees what loads)', async () => {
    expect(await expireLeases()).toBe(1);
    const cold = await coldTimerRun({ since: cursor });
    expect(cold.status).toBe(200);
    expect(cold.json.pending_notifications.length).toBe(1);
    expect(loadedOf(cold.sources)).toContain('the email renderer');
  });

  it('reads the calls of the emails to send side by side, then their charters', async () => {
    // A second charter's call asks the same deckhand; the sheet has copied its changes.
    const sailDate = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    const put = await lambda.admin('PUT', '/api/charters/CH-TIMER-COLD-2', {
      ...seaLark1205,
      date: sailDate,
      needs: { deckhand: 1 },
    });
    expect(put.status).toBe(201);
    const started = await lambda.admin('POST', '/api/charters/CH-TIMER-COLD-2/calls', {
      availability: { Iris: 'yes' },
    });
    expect(started.status).toBe(201);
    await new Promise((r) => setTimeout(r, 3_200));
    const copied = await lambda.admin('GET', `/api/calls/due?since=${encodeURIComponent(cursor)}`);
    const since = copied.json.next_cursor as string;
    expect(await expireLeases()).toBe(2);

    const cold = await coldTimerRun({ since });
    expect(cold.status).toBe(200);
    const warm = await lambda.admin('GET', `/api/calls/due?since=${encodeURIComponent(since)}`);
    expect(cold.json).toEqual(warm.json);
    expect(cold.json.pending_notifications.length).toBe(2);
    expect(cold.rounds).toEqual([
      Array(7).fill('Query'),
      ['Query', 'Query'],
      ['GetItem', 'GetItem'],
    ]);
  });
});
