import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  CharterWithCall,
  DueAnswer,
  ErrorBody,
  EscalateAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { seaLark1205 } from '../../support/charters.js';
import { postCrewForm } from '../../support/crew-links.js';
import { dynamodbEndpoint } from '../../support/dynamodb.js';
import { checkCallInvariants, violations } from '../../support/faults/call-invariants.js';
import {
  call,
  type DynamoDbProxy,
  type DynamoDbRequest,
  startDynamoDbProxy,
} from '../../support/faults/dynamodb-proxy.js';
import { signedFetch } from '../../support/signed-fetch.js';

// Real concurrent requests; the proxy holds the first writer until the second has read the
// same state, so the race happens on every run, not now and then.
const clock = new Date('2026-11-28T17:00:00Z');
let proxy: DynamoDbProxy;
let api: TestApi;

beforeAll(async () => {
  proxy = await startDynamoDbProxy(dynamodbEndpoint());
  api = await startTestApi({ now: () => clock, dynamodbEndpoint: proxy.endpoint });
  await seedDemoRoster(api.db, clock);
});
afterEach(() => proxy.clear());
afterAll(async () => {
  await api?.close();
  await proxy?.close();
});

const admin = (method: string, path: string, body?: unknown) =>
  signedFetch(`${api.url}${path}`, { method, ...(body === undefined ? {} : { body }) });
const bodyHas = (text: string) => (r: DynamoDbRequest) => JSON.stringify(r.body).includes(text);

async function startCall(
  id: string,
  needs: Record<string, number>,
  availability: Record<string, string>,
) {
  expect((await admin('PUT', `/api/charters/${id}`, { ...seaLark1205, needs })).status).toBe(201);
  const res = await admin('POST', `/api/charters/${id}/calls`, { availability });
  expect(res.status).toBe(201);
  const { notifications } = (await res.json()) as StartCallAnswer;
  const callId = notifications[0]?.call_id as string;
  const link = (email: string) => notifications.find((n) => n.to === email)?.link_url as string;
  return { callId, link };
}

const invariants = async (callId: string) =>
  violations(await checkCallInvariants(api.db, api.settings.linkKeys, callId));

describe('two "Escalate now" clicks at once', () => {
  it('refuses a forced escalation that does not name the level it moves from', async () => {
    const { callId } = await startCall('CH-FORCE-BARE', seaLark1205.needs, {
      'Liam B': 'am',
      Esmi: 'yes',
    });
    const res = await admin('POST', `/api/calls/${callId}/escalate`, { force: true });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Required<ErrorBody>;
    expect(body.fields.map((f) => f.field)).toEqual(['from_level']);
    const charter = (await (
      await admin('GET', '/api/charters/CH-FORCE-BARE')
    ).json()) as CharterWithCall;
    expect(charter.call?.current_level).toBe(2);
  });

  it('open one level, and both clicks get the same level and links', async () => {
    const { callId } = await startCall('CH-FORCE-TWICE', seaLark1205.needs, {
      'Liam B': 'am',
      Esmi: 'yes',
      Hana: 'yes',
    });
    // The first click has read the call and chosen level 3; hold its write.
    const hold = proxy.hold(
      call('TransactWriteItems', undefined, bodyHas('next_level_index = :n')),
    );
    const first = admin('POST', `/api/calls/${callId}/escalate`, { from_level: 2, force: true });
    const held = await hold.arrived;
    const second = await admin('POST', `/api/calls/${callId}/escalate`, {
      from_level: 2,
      force: true,
    });
    held.release();
    const a = (await second.json()) as EscalateAnswer;
    const b = (await (await first).json()) as EscalateAnswer;
    expect([a.level, b.level]).toEqual([3, 3]);
    expect(b.notifications.map((n) => n.link_url)).toEqual(a.notifications.map((n) => n.link_url));
    const charter = (await (
      await admin('GET', '/api/charters/CH-FORCE-TWICE')
    ).json()) as CharterWithCall;
    expect(charter.call?.current_level).toBe(3);
    expect(charter.call?.next_level).toBe(4);
    expect(await invariants(callId)).toEqual([]);
  });
});

describe('concurrent drop-outs with one standby', () => {
  it('drops both droppers, offers the standby the seat once, and tells nobody their link was replaced', async () => {
    const { callId, link } = await startCall(
      'CH-TWO-DROPS',
      { deckhand: 2 },
      { Danika: 'yes', Esmi: 'yes', Owen: 'yes' },
    );
    const danika = link('danika.holm@example.com');
    const esmi = link('esmi.duarte@example.com');
    const owen = link('owen.pike@example.com');
    expect((await postCrewForm(danika, { action: 'accept' })).result).toBe('confirmed');
    expect((await postCrewForm(esmi, { action: 'accept' })).result).toBe('confirmed');
    expect((await postCrewForm(owen, { action: 'accept' })).result).toBe('filled');
    expect((await postCrewForm(owen, { action: 'standby' })).result).toBe('standby');

    // Danika's drop-out has read the call and is about to offer Owen the seat: hold it there.
    const hold = proxy.hold(call('TransactWriteItems', undefined, bodyHas('standby_offer')));
    const first = postCrewForm(danika, { action: 'dropout', reason: 'Sick' });
    const held = await hold.arrived;
    // Esmi reads the same call (Owen still waiting on standby) and would offer him the seat too.
    const secondHold = proxy.hold(call('TransactWriteItems', undefined, bodyHas('standby_offer')));
    const second = postCrewForm(esmi, { action: 'dropout', reason: 'Boat trouble' });
    const secondHeld = await secondHold.arrived;
    held.release();
    const a = await first;
    secondHeld.release();
    const b = await second;
    expect([a.result, b.result]).toEqual(['dropped', 'dropped']);
    expect(`${a.body}${b.body}`).not.toMatch(/replaced/i);

    const due = (await (await admin('GET', '/api/calls/due')).json()) as DueAnswer;
    const offers = due.pending_notifications.filter(
      (n) => n.call_id === callId && n.kind === 'standby_offer',
    );
    expect(offers.map((n) => n.to)).toEqual(['owen.pike@example.com']);
    const charter = (await (
      await admin('GET', '/api/charters/CH-TWO-DROPS')
    ).json()) as CharterWithCall;
    expect(charter.call?.status).toBe('open');
    expect(charter.call?.roles).toContainEqual(
      expect.objectContaining({ role: 'deckhand', filled: 0 }),
    );
    expect(await invariants(callId)).toEqual([]);
  });
});
