import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  CrewMember,
  ErrorBody,
  OfficeSettingsAnswer,
  RosterAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { dynamodbEndpoint } from '../../support/dynamodb.js';
import {
  type DynamoDbProxy,
  type DynamoDbRequest,
  startDynamoDbProxy,
} from '../../support/faults/dynamodb-proxy.js';
import { signedFetch } from '../../support/signed-fetch.js';

// Removing a role races a crew member being given it: real concurrent requests against
// DynamoDB Local, behind a proxy that holds one side's write so each interleaving happens
// every time. Whatever the order, the end state is never "role removed while an active
// member holds it".
const clock = new Date('2026-11-28T17:00:00Z');
const ALL = ['captain', 'mate', 'deckhand'];
const WITHOUT_MATE = ['captain', 'deckhand'];
let proxy: DynamoDbProxy;
let api: TestApi;
beforeAll(async () => {
  proxy = await startDynamoDbProxy(dynamodbEndpoint());
  api = await startTestApi({ now: () => clock, dynamodbEndpoint: proxy.endpoint });
});
afterEach(() => proxy.clear());
afterAll(async () => {
  await api?.close();
  await proxy?.close();
});

let n = 0;
const newMate = () => {
  n += 1;
  const id = String(n).padStart(2, '0');
  return {
    name: `Race Sailor ${id}`,
    phone: `+1 310 555 01${id}`,
    email: `race.sailor${id}@example.com`,
    role: 'mate',
    cascade_level: 2,
    availability_key: `Race Sailor ${id}`,
    day_rate: { amount_cents: 30000, currency: 'USD' },
    confirm_similar_name: true,
  };
};
const putRoles = (roles: string[]) =>
  signedFetch(`${api.url}/api/settings`, { method: 'PUT', body: { roles } });
const postCrew = (body: unknown) => signedFetch(`${api.url}/api/crew`, { method: 'POST', body });

/** The end state, read back: the office's roles and the active mates. */
async function endState() {
  const settings = (await (
    await signedFetch(`${api.url}/api/settings`)
  ).json()) as OfficeSettingsAnswer;
  const mates = (await (
    await signedFetch(`${api.url}/api/crew?role=mate&active=true`)
  ).json()) as RosterAnswer;
  return { roles: settings.roles, activeMates: mates.crew.map((c) => c.name) };
}
const broken = (s: { roles: string[]; activeMates: string[] }) =>
  !s.roles.includes('mate') && s.activeMates.length > 0;

/** Back to every role and no active mate, for the next round. */
async function reset() {
  const mates = (await (
    await signedFetch(`${api.url}/api/crew?role=mate&active=true`)
  ).json()) as RosterAnswer;
  for (const m of mates.crew) {
    const res = await signedFetch(`${api.url}/api/crew/${m.crew_id}`, { method: 'DELETE' });
    expect(res.status, `deactivating ${m.name}`).toBe(200);
  }
  expect((await putRoles(ALL)).status).toBe(200);
}

const settingsWrite = (r: DynamoDbRequest) =>
  (r.operation === 'PutItem' || r.operation === 'UpdateItem') &&
  JSON.stringify(r.body).includes('"SETTINGS"');
const crewTransaction = (email: string) => (r: DynamoDbRequest) =>
  r.operation === 'TransactWriteItems' && JSON.stringify(r.body).includes(email);

describe('removing a role while a crew member is given it', () => {
  it('the settings save checked, then a mate is added before it writes: the save looks again and refuses, naming them', async () => {
    await reset();
    const hold = proxy.hold(settingsWrite);
    const saving = putRoles(WITHOUT_MATE);
    const held = await hold.arrived; // the save found no mate and is about to write
    const mate = newMate();
    const created = await postCrew(mate);
    expect(created.status).toBe(201);
    held.release();
    const saved = await saving;
    expect(saved.status).toBe(409);
    const body = (await saved.json()) as ErrorBody;
    expect(body.error).toBe('role_in_use');
    expect(body.message).toContain(`"mate" is still the role of ${mate.name}`);
    expect(await endState()).toEqual({ roles: ALL, activeMates: [mate.name] });
  });

  it('the mate was checked against the list, then the role is removed before the crew write: the crew write is refused', async () => {
    await reset();
    const mate = newMate();
    const hold = proxy.hold(crewTransaction(mate.email));
    const creating = postCrew(mate);
    const held = await hold.arrived; // the role check passed; the transaction waits
    const saved = await putRoles(WITHOUT_MATE);
    expect(saved.status).toBe(200);
    held.release();
    const created = await creating;
    expect(created.status).toBe(400);
    const body = (await created.json()) as ErrorBody;
    expect(body.fields).toEqual([
      { field: 'role', message: '"mate" is not one of the office\'s roles: captain, deckhand' },
    ]);
    const state = await endState();
    expect(state).toEqual({ roles: WITHOUT_MATE, activeMates: [] });
    const all = (await (await signedFetch(`${api.url}/api/crew`)).json()) as RosterAnswer;
    expect(all.crew.map((c: CrewMember) => c.name)).not.toContain(mate.name);
  });

  it('reactivating a mate races removing the role: never both', async () => {
    await reset();
    const mate = newMate();
    const created = (await (await postCrew(mate)).json()) as CrewMember;
    expect(
      (await signedFetch(`${api.url}/api/crew/${created.crew_id}`, { method: 'DELETE' })).status,
    ).toBe(200);
    const hold = proxy.hold(crewTransaction(created.crew_id));
    const reactivating = signedFetch(`${api.url}/api/crew/${created.crew_id}`, {
      method: 'PATCH',
      body: { active: true },
    });
    const held = await hold.arrived;
    expect((await putRoles(WITHOUT_MATE)).status).toBe(200);
    held.release();
    expect((await reactivating).status).toBe(400);
    expect(broken(await endState())).toBe(false);
  });

  it('many rounds of both at once, unheld: every end state keeps the rule', async () => {
    const outcomes = { roleRemoved: 0, mateAdded: 0 };
    for (let round = 0; round < 30; round++) {
      await reset();
      const mate = newMate();
      const [saved, created] = await Promise.all([
        putRoles(WITHOUT_MATE),
        new Promise<Response>((resolve) => setTimeout(() => resolve(postCrew(mate)), round % 5)),
      ]);
      const state = await endState();
      expect(broken(state), `round ${round}: ${JSON.stringify(state)}`).toBe(false);
      // Exactly one side wins each round: the save or the new mate.
      expect([saved.status, created.status].sort()).toSatisfy(
        (s: number[]) => (s[0] === 200 && s[1] === 400) || (s[0] === 201 && s[1] === 409),
      );
      if (saved.status === 200) outcomes.roleRemoved += 1;
      else outcomes.mateAdded += 1;
    }
    expect(outcomes.roleRemoved + outcomes.mateAdded).toBe(30);
  }, 120_000);
});
