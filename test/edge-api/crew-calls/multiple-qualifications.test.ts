import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getCallPartition } from '../../../edge-api/src/db/dispatch-table/index.js';
import type {
  CharterWithCall,
  CrewMember,
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

// Crew who hold more than one qualification, through the real edge API on DynamoDB Local.
const clock = new Date('2026-11-28T17:00:00Z');
let proxy: DynamoDbProxy;
let api: TestApi;
const crew: Record<string, CrewMember> = {};

const admin = (method: string, path: string, body?: unknown) =>
  signedFetch(`${api.url}${path}`, { method, ...(body === undefined ? {} : { body }) });

let phone = 170;
async function addCrew(
  name: string,
  role: string,
  cascade_level: number,
  also_qualified?: Array<{ role: string; cascade_level: number }>,
) {
  phone += 1;
  const first = name.split(' ')[0] as string;
  const res = await admin('POST', '/api/crew', {
    name,
    phone: `+1 310 555 0${phone}`,
    email: `${first.toLowerCase()}.quals@example.com`,
    role,
    cascade_level,
    availability_key: first,
    day_rate: { amount_cents: 30000, currency: 'USD' },
    ...(also_qualified ? { also_qualified } : {}),
  });
  expect(res.status).toBe(201);
  crew[first] = (await res.json()) as CrewMember;
}

beforeAll(async () => {
  proxy = await startDynamoDbProxy(dynamodbEndpoint());
  api = await startTestApi({ now: () => clock, dynamodbEndpoint: proxy.endpoint });
  // Ana: captain at level 1, also crews as mate at level 3. Dee: captain or mate, both level 1.
  await addCrew('Ana Example', 'captain', 1, [{ role: 'mate', cascade_level: 3 }]);
  await addCrew('Ben Example', 'mate', 1);
  await addCrew('Cora Example', 'captain', 2);
  await addCrew('Dee Example', 'captain', 1, [{ role: 'mate', cascade_level: 1 }]);
  await addCrew('Eve Example', 'captain', 1);
  await addCrew('Finn Example', 'mate', 1);
});
afterEach(() => proxy.clear());
afterAll(async () => {
  await api?.close();
  await proxy?.close();
});

const emailOf = (first: string) => crew[first]?.email as string;

/** Every crew-call link of a call, by first name, from the stored notices' rendered emails. */
const links = new Map<string, string>();
function crewLink(callId: string, first: string): string {
  const url = links.get(`${callId}/${first}`);
  if (!url) throw new Error(`no link for ${first} on ${callId}`);
  return url;
}
const remember = (callId: string, notifications: StartCallAnswer['notifications']) => {
  for (const n of notifications) {
    const first = Object.keys(crew).find((f) => emailOf(f) === n.to);
    if (first && n.link_url) links.set(`${callId}/${first}`, n.link_url);
  }
};
const bodyHas = (text: string) => (r: DynamoDbRequest) => JSON.stringify(r.body).includes(text);

// Each charter on a day of its own: someone confirmed on one is not called for another that day.
let day = 0;
async function startCall(id: string, needs: Record<string, number>, who: string[]) {
  day += 1;
  const date = `2026-12-${String(4 + day).padStart(2, '0')}`;
  expect((await admin('PUT', `/api/charters/${id}`, { ...seaLark1205, date, needs })).status).toBe(
    201,
  );
  const availability = Object.fromEntries(who.map((first) => [first, 'yes']));
  const res = await admin('POST', `/api/charters/${id}/calls`, { availability });
  expect(res.status).toBe(201);
  const answer = (await res.json()) as StartCallAnswer;
  const callId = answer.notifications[0]?.call_id as string;
  remember(callId, answer.notifications);
  return { callId, answer };
}

const escalate = async (callId: string, from: number) => {
  const res = await admin('POST', `/api/calls/${callId}/escalate`, {
    from_level: from,
    force: true,
  });
  expect(res.status).toBe(200);
  const answer = (await res.json()) as EscalateAnswer;
  remember(callId, answer.notifications);
  return answer;
};

const callOf = async (charterId: string) =>
  ((await (await admin('GET', `/api/charters/${charterId}`)).json()) as CharterWithCall).call;

const page = async (url: string) => (await fetch(url)).text();

describe('a captain who also crews as mate at level 3', () => {
  const id = 'CH-QUALS-WIDEN';
  let callId: string;
  let anaLink: string;

  it('is asked as captain at level 1, and planned again as mate at level 3', async () => {
    const started = await startCall(id, { captain: 1, mate: 1 }, ['Ana', 'Ben', 'Cora']);
    callId = started.callId;
    expect(
      started.answer.plan.levels.map(
        (l) => `${l.level}: ${l.candidates.map((c) => `${c.first_name}/${c.role}`).join(', ')}`,
      ),
    ).toEqual(['1: Ana/captain, Ben/mate', '2: Cora/captain', '3: Ana/mate']);
    const ana = started.answer.notifications.find((n) => n.to === emailOf('Ana'));
    expect(ana?.text).toContain('looking for a captain for this charter');
    anaLink = ana?.link_url as string;
    const html = await page(anaLink);
    expect(html).toContain('>Accept<');
    expect(html).not.toContain('Accept as');
  });

  it('widens her offer to mate when level 3 opens and she has not answered, on the link she holds', async () => {
    expect((await postCrewForm(crewLink(callId, 'Ben'), { action: 'decline' })).result).toBe(
      'declined',
    );
    const two = await escalate(callId, 1);
    expect(two.level).toBe(2);
    expect(two.notifications.map((n) => n.to)).toEqual([emailOf('Cora')]);
    const three = await escalate(callId, 2);
    expect(three.level).toBe(3);
    expect(three.notifications.map((n) => `${n.to} ${n.kind}`)).toEqual([
      `${emailOf('Ana')} crew_call`,
    ]);
    const widened = three.notifications[0];
    expect(widened?.text).toContain('looking for a captain or mate for this charter');
    expect(widened?.link_url).toBe(anaLink);
    const html = await page(anaLink);
    expect(html).toContain('Accept as captain');
    expect(html).toContain('Accept as mate');
    // The office sees her pending for both seats.
    const summary = await callOf(id);
    expect(
      summary?.roles.map((r) => `${r.role}: ${r.pending.map((p) => p.name).join(',')}`),
    ).toEqual(['captain: Ana Example,Cora Example', 'mate: Ana Example']);
    expect(violations(await checkCallInvariants(api.db, api.settings.linkKeys, callId))).toEqual(
      [],
    );
  });

  it('lets her take the mate seat once the captain seat is taken, and seats her once', async () => {
    expect((await postCrewForm(crewLink(callId, 'Cora'), { action: 'accept' })).result).toBe(
      'confirmed',
    );
    const html = await page(anaLink);
    expect(html).not.toContain('Accept as captain');
    expect((await postCrewForm(anaLink, { action: 'accept' })).result).toBe('confirmed');
    const summary = await callOf(id);
    expect(summary?.status).toBe('filled');
    expect(
      summary?.roles.map((r) => `${r.role}: ${r.confirmed.map((c) => c.name).join(',')}`),
    ).toEqual(['captain: Cora Example', 'mate: Ana Example']);
    expect(await page(anaLink)).toContain('mate');
    expect(violations(await checkCallInvariants(api.db, api.settings.linkKeys, callId))).toEqual(
      [],
    );
  });
});

describe('one person offered two seats, pressing both at once, with others competing', () => {
  const seatsOf = async (callId: string) => {
    const p = await getCallPartition(api.db, callId);
    const dee = p?.responses.find((r) => r.crew_id === crew.Dee?.crew_id);
    return {
      seats: Object.fromEntries((p?.seats ?? []).map((s) => [s.role, s.filled])),
      confirmed: (p?.responses ?? [])
        .filter((r) => r.state === 'confirmed')
        .map((r) => `${r.first_name}/${r.role}`)
        .sort(),
      dee: `${dee?.state}/${dee?.role}`,
    };
  };

  it('offers Dee both seats at level 1, with a button for each', async () => {
    const { callId, answer } = await startCall('CH-QUALS-BOTH', { captain: 1, mate: 1 }, ['Dee']);
    expect(answer.plan.levels[0]?.candidates.map((c) => [c.role, c.also_roles])).toEqual([
      ['captain', ['mate']],
    ]);
    const html = await page(crewLink(callId, 'Dee'));
    expect(html).toContain('Accept as captain');
    expect(html).toContain('Accept as mate');
  });

  it('gives her exactly one seat when her captain accept is held until her mate accept has written', async () => {
    const { callId } = await startCall('CH-QUALS-RACE', { captain: 1, mate: 1 }, [
      'Dee',
      'Eve',
      'Finn',
    ]);
    const dee = crewLink(callId, 'Dee');
    // Her "captain" click has read everything and is about to write: hold it there.
    const hold = proxy.hold(
      call(
        'TransactWriteItems',
        undefined,
        (r) => bodyHas('SEATS#captain')(r) && bodyHas(crew.Dee?.crew_id as string)(r),
      ),
    );
    const asCaptain = postCrewForm(dee, { action: 'accept', seat: 'captain' });
    const held = await hold.arrived;
    // Her mate click lands while the captain click is held; then the others race for what is left.
    const asMate = await postCrewForm(dee, { action: 'accept', seat: 'mate' });
    const [eve, finn] = await Promise.all([
      postCrewForm(crewLink(callId, 'Eve'), { action: 'accept' }),
      postCrewForm(crewLink(callId, 'Finn'), { action: 'accept' }),
    ]);
    held.release();
    const captainClick = await asCaptain;
    expect(asMate.result).toBe('confirmed');
    expect(captainClick.result).toBe('already_answered');
    expect([eve.result, finn.result]).toEqual(['confirmed', 'filled']);
    expect(await seatsOf(callId)).toEqual({
      seats: { captain: 1, mate: 1 },
      confirmed: ['Dee/mate', 'Eve/captain'],
      dee: 'confirmed/mate',
    });
    expect(violations(await checkCallInvariants(api.db, api.settings.linkKeys, callId))).toEqual(
      [],
    );
  });

  it('seats her once over many rounds of everyone pressing at the same instant', async () => {
    for (let round = 0; round < 6; round++) {
      const { callId } = await startCall(`CH-QUALS-ROUND-${round}`, { captain: 1, mate: 1 }, [
        'Dee',
        'Eve',
        'Finn',
      ]);
      const dee = crewLink(callId, 'Dee');
      const results = await Promise.all([
        postCrewForm(dee, { action: 'accept', seat: 'captain' }),
        postCrewForm(dee, { action: 'accept', seat: 'mate' }),
        postCrewForm(dee, { action: 'accept' }),
        postCrewForm(crewLink(callId, 'Eve'), { action: 'accept' }),
        postCrewForm(crewLink(callId, 'Finn'), { action: 'accept' }),
      ]);
      const deeWins = results.slice(0, 3).filter((r) => r.result === 'confirmed');
      expect(deeWins.length).toBeLessThanOrEqual(1);
      const state = await seatsOf(callId);
      expect(state.seats.captain).toBeLessThanOrEqual(1);
      expect(state.seats.mate).toBeLessThanOrEqual(1);
      expect(state.confirmed.filter((c) => c.startsWith('Dee/')).length).toBe(deeWins.length);
      // Two seats, five clicks from three people: both seats go, to two different people.
      expect(state.confirmed.length).toBe(2);
      expect(violations(await checkCallInvariants(api.db, api.settings.linkKeys, callId))).toEqual(
        [],
      );
    }
  });

  it('refuses a seat that was not offered, writing nothing', async () => {
    const { callId } = await startCall('CH-QUALS-DECK', { captain: 1, mate: 1, deckhand: 1 }, [
      'Dee',
    ]);
    const res = await postCrewForm(crewLink(callId, 'Dee'), { action: 'accept', seat: 'deckhand' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('The seat &quot;deckhand&quot; is not a seat offered to you.');
    expect((await seatsOf(callId)).dee).toBe('asked/captain');
  });
});
