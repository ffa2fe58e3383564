import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  CharterWithCall,
  DueAnswer,
  Notification,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { seaLark1205 } from '../../support/charters.js';
import { postCrewForm } from '../../support/crew-links.js';
import { checkCallInvariants, violations } from '../../support/faults/call-invariants.js';
import {
  type FaultyDynamoDb,
  startFaultyDynamoDb,
} from '../../support/faults/dynamodb-instance.js';
import {
  call,
  type DynamoDbProxy,
  type DynamoDbRequest,
  startDynamoDbProxy,
} from '../../support/faults/dynamodb-proxy.js';
import { signedFetch } from '../../support/signed-fetch.js';

// Real faults under a real API: a DynamoDB Local of this file's own (killed -9 and restarted
// on its files), behind a proxy that holds or fails chosen calls so each crash lands between
// the same two steps every time.
let clock = new Date('2026-11-28T17:00:00Z');
let dynamo: FaultyDynamoDb;
let proxy: DynamoDbProxy;
let api: TestApi;
let table: string;

beforeAll(async () => {
  dynamo = await startFaultyDynamoDb();
  proxy = await startDynamoDbProxy(dynamo.endpoint);
}, 60_000);
// Fresh tables for each scenario: they all crew the same Sea Lark morning, and someone
// confirmed on one charter is not called for another that day (issue 14).
beforeEach(async () => {
  api = await startTestApi({ now: () => clock, dynamodbEndpoint: proxy.endpoint });
  table = api.db.tables['crew-dispatch'];
  await seedDemoRoster(api.db, clock);
}, 60_000);
afterEach(async () => {
  proxy.clear();
  await api?.close();
});
afterAll(async () => {
  await proxy?.close();
  await dynamo?.close();
});

// Level 2 opens first: Liam (captain), Kenji and Marisol (mates).
const availability = { 'Liam B': 'am', Marisol: 'am', Kenji: 'yes', Abdul: 'no' };
const LEVEL_2 = [
  'kenji.watanabe@example.com',
  'liam.brennan@example.com',
  'marisol.vega@example.com',
];

const admin = (method: string, path: string, body?: unknown, key?: string) =>
  signedFetch(
    `${api.url}${path}`,
    { method, ...(body === undefined ? {} : { body }) },
    key ? { idempotencyKey: key } : {},
  );

async function putCharter(id: string, needs: Record<string, number> = seaLark1205.needs) {
  clock = new Date('2026-11-28T17:00:00Z');
  const res = await admin('PUT', `/api/charters/${id}`, { ...seaLark1205, needs });
  expect(res.status).toBe(201);
}

async function callIdOf(charterId: string): Promise<string> {
  const body = (await (await admin('GET', `/api/charters/${charterId}`)).json()) as CharterWithCall;
  return body.charter.call_id as string;
}

async function pendingFor(callId: string): Promise<Notification[]> {
  const due = (await (await admin('GET', '/api/calls/due')).json()) as DueAnswer;
  return due.pending_notifications.filter((n) => n.call_id === callId);
}

const invariants = async (callId: string) =>
  violations(await checkCallInvariants(api.db, api.settings.linkKeys, callId));

const bodyHas = (text: string) => (r: DynamoDbRequest) => JSON.stringify(r.body).includes(text);
/** The transaction that writes one recipient of an opened level (response, link, email). */
const levelItemWrite = call('TransactWriteItems', undefined, bodyHas('NOTICE#L'));
/** The transaction that creates the call and points the charter at it. */
const callCreation = call('TransactWriteItems', undefined, bodyHas('SET call_id = :call'));

describe('starting a call, cut short between the call and its level', () => {
  it('kill -9 while the level is written: the same request retried after its holder is gone answers the call, asking each person once', async () => {
    await putCharter('CH-CRASH-START');
    const hold = proxy.hold(levelItemWrite);
    const first = admin(
      'POST',
      '/api/charters/CH-CRASH-START/calls',
      { availability },
      'start-crash-1',
    );
    const held = await hold.arrived;
    // DynamoDB Local answers a write before its files have it; a second on, the call record is there.
    await new Promise((r) => setTimeout(r, 1000));
    await dynamo.kill9();
    held.release();
    expect((await first).status).toBeGreaterThanOrEqual(500);
    await dynamo.restart();

    // The first run's key is still held for a few seconds: a definite "in progress", with when to retry.
    const early = await admin(
      'POST',
      '/api/charters/CH-CRASH-START/calls',
      { availability },
      'start-crash-1',
    );
    expect(early.status).toBe(409);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);

    clock = new Date(clock.getTime() + 11_000);
    const retry = await admin(
      'POST',
      '/api/charters/CH-CRASH-START/calls',
      { availability },
      'start-crash-1',
    );
    expect(retry.status).toBe(201);
    const answer = (await retry.json()) as StartCallAnswer;
    expect(answer.notifications.map((n) => n.to).sort()).toEqual(LEVEL_2);
    const callId = await callIdOf('CH-CRASH-START');
    expect(await invariants(callId)).toEqual([]);
    // A replay now is the stored answer, not a second start.
    const replay = await admin(
      'POST',
      '/api/charters/CH-CRASH-START/calls',
      { availability },
      'start-crash-1',
    );
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  }, 60_000);

  it('DynamoDB lost right after the call commits: with no retry, the next timer run asks the level', async () => {
    await putCharter('CH-CRASH-TIMER');
    const hold = proxy.holdAnswer(callCreation);
    const first = admin('POST', '/api/charters/CH-CRASH-TIMER/calls', { availability });
    const held = await hold.arrived;
    proxy.fail(() => true, 'reset');
    held.fail('reset');
    expect((await first).status).toBeGreaterThanOrEqual(500);
    proxy.clear();
    const callId = await callIdOf('CH-CRASH-TIMER');
    expect(callId).toMatch(/^call-/);

    // The timer's next run, once the crashed start's emails are no longer its to send.
    clock = new Date(clock.getTime() + 11 * 60_000);
    const pending = await pendingFor(callId);
    expect(pending.map((n) => n.to).sort()).toEqual(LEVEL_2);
    expect(await invariants(callId)).toEqual([]);
    // The call is whole now: sending it again is refused, not a second call.
    const again = await admin('POST', '/api/charters/CH-CRASH-TIMER/calls', { availability });
    expect(again.status).toBe(409);
  }, 60_000);

  it('the same marks in another order are the same start: a retry finishes the call cut short', async () => {
    await putCharter('CH-CRASH-ORDER');
    const hold = proxy.holdAnswer(callCreation);
    const first = admin('POST', '/api/charters/CH-CRASH-ORDER/calls', { availability });
    const held = await hold.arrived;
    proxy.fail(() => true, 'reset');
    held.fail('reset');
    expect((await first).status).toBeGreaterThanOrEqual(500);
    proxy.clear();
    const callId = await callIdOf('CH-CRASH-ORDER');

    // The sheet read again may list the same people in another order (and a mark's fields too).
    const reordered = Object.fromEntries(Object.entries(availability).reverse());
    const retry = await admin('POST', '/api/charters/CH-CRASH-ORDER/calls', {
      availability: reordered,
    });
    expect(retry.status).toBe(201);
    const body = (await retry.json()) as StartCallAnswer;
    expect(body.notifications.map((n) => n.to).sort()).toEqual(LEVEL_2);
    expect(await invariants(callId)).toEqual([]);
  }, 60_000);
});

describe('the office timer and a running send', () => {
  it('leaves a start’s emails to the run that is sending them, and takes them once the lease passes', async () => {
    await putCharter('CH-LEASE');
    const [start, duringStart] = await Promise.all([
      admin('POST', '/api/charters/CH-LEASE/calls', { availability }),
      admin('GET', '/api/calls/due'),
    ]);
    expect(start.status).toBe(201);
    const { notifications } = (await start.json()) as StartCallAnswer;
    const callId = notifications[0]?.call_id as string;
    const listed = (await duringStart.json()) as DueAnswer;
    expect(listed.pending_notifications.filter((n) => n.call_id === callId)).toEqual([]);
    expect(await pendingFor(callId)).toEqual([]);

    clock = new Date(clock.getTime() + 9 * 60_000);
    expect(await pendingFor(callId)).toEqual([]);
    // The menu reports one sent; past the lease the timer gets only the two it never sent.
    const notified = await admin('POST', `/api/calls/${callId}/notified`, {
      notification_ids: [notifications[0]?.notification_id],
    });
    expect(notified.status).toBe(200);
    clock = new Date(clock.getTime() + 2 * 60_000);
    expect((await pendingFor(callId)).map((n) => n.notification_id).sort()).toEqual(
      notifications
        .slice(1)
        .map((n) => n.notification_id)
        .sort(),
    );
  });
});

describe('the last seat and the call filled', () => {
  it('DynamoDB lost right after the last seat commits: the call is filled, not open for good', async () => {
    await putCharter('CH-CRASH-FILLED', { captain: 1 });
    const start = await admin('POST', '/api/charters/CH-CRASH-FILLED/calls', { availability });
    const { notifications } = (await start.json()) as StartCallAnswer;
    const liam = notifications.find((n) => n.to === 'liam.brennan@example.com') as Notification;
    const hold = proxy.holdAnswer(call('TransactWriteItems', table, bodyHas('filled < needed')));
    const accept = postCrewForm(liam.link_url as string, { action: 'accept' });
    const held = await hold.arrived;
    proxy.fail(() => true, 'reset');
    held.fail('reset');
    expect((await accept).status).toBeGreaterThanOrEqual(500);
    proxy.clear();

    const after = (await (
      await admin('GET', '/api/charters/CH-CRASH-FILLED')
    ).json()) as CharterWithCall;
    expect(after.call?.status).toBe('filled');
    expect(await invariants(after.call?.call_id as string)).toEqual([]);
    // Reloading the page shows the true state: the seat is Liam's.
    const page = await fetch(liam.link_url as string);
    expect(await page.text()).toContain('confirmed');
  }, 30_000);
  it('fills and reopens a call started before the call kept its count of open seats', async () => {
    await putCharter('CH-OLD-CALL', { captain: 1, mate: 1 });
    const start = await admin('POST', '/api/charters/CH-OLD-CALL/calls', { availability });
    const { notifications } = (await start.json()) as StartCallAnswer;
    const callId = notifications[0]?.call_id as string;
    await api.db.doc.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: `CALL#${callId}`, sk: 'CALL' },
        UpdateExpression: 'REMOVE seats_open',
      }),
    );
    const link = (email: string) => notifications.find((n) => n.to === email)?.link_url as string;
    expect(
      (await postCrewForm(link('kenji.watanabe@example.com'), { action: 'accept' })).result,
    ).toBe('confirmed');
    expect(
      (await postCrewForm(link('liam.brennan@example.com'), { action: 'accept' })).result,
    ).toBe('confirmed');
    const filled = (await (
      await admin('GET', '/api/charters/CH-OLD-CALL')
    ).json()) as CharterWithCall;
    expect(filled.call?.status).toBe('filled');
    const drop = await postCrewForm(link('liam.brennan@example.com'), { action: 'dropout' });
    expect(drop.result).toBe('dropped');
    expect(await invariants(callId)).toEqual([]);
  });
});

describe('cancelling, cut short between closing the call and telling the crew', () => {
  it('DynamoDB lost after the call is closed: the timer still sends everyone asked their CANCEL', async () => {
    await putCharter('CH-CRASH-CANCEL');
    const start = await admin('POST', '/api/charters/CH-CRASH-CANCEL/calls', { availability });
    const { notifications } = (await start.json()) as StartCallAnswer;
    const callId = notifications[0]?.call_id as string;
    const hold = proxy.holdAnswer(call('TransactWriteItems', table, bodyHas('call_cancelled')));
    const cancel = admin('POST', '/api/charters/CH-CRASH-CANCEL/cancel', {});
    const held = await hold.arrived;
    proxy.fail(() => true, 'reset');
    held.fail('reset');
    expect((await cancel).status).toBeGreaterThanOrEqual(500);
    proxy.clear();

    clock = new Date(clock.getTime() + 11 * 60_000);
    const pending = await pendingFor(callId);
    const cancels = pending.filter((n) => n.kind === 'cancellation');
    expect(cancels.map((n) => n.to).sort()).toEqual(LEVEL_2);
    const page = await fetch(notifications[0]?.link_url as string);
    expect(await page.text()).toMatch(/cancelled/i);
  }, 30_000);
});

describe('reissuing a link', () => {
  it('swaps the old link for the new one in one write: DynamoDB failing a later step cannot leave both live', async () => {
    await putCharter('CH-CRASH-REISSUE');
    const start = await admin('POST', '/api/charters/CH-CRASH-REISSUE/calls', { availability });
    const { notifications } = (await start.json()) as StartCallAnswer;
    const kenji = notifications.find((n) => n.to === 'kenji.watanabe@example.com') as Notification;
    // Any single-item update (such as revoking the old link on its own) fails.
    proxy.fail(call('UpdateItem', table), 'reset');
    const res = await admin('POST', `/api/calls/${kenji.call_id}/crew/${kenji.crew_id}/link`, {});
    expect(res.status).toBe(201);
    proxy.clear();
    const inspect = await admin('POST', '/api/links/inspect', { link: kenji.link_url });
    expect(await inspect.json()).toMatchObject({ state: 'revoked', revoked_because: 'replaced' });
  }, 30_000);
});
