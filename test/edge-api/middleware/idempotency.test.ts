import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrewMember, ErrorBody, RosterAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { signedFetch } from '../../support/signed-fetch.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const crew = (n: number) => ({
  name: `Replay Test ${n}`,
  phone: `+1 310 555 01${n}`,
  email: `replay.${n}.${Date.now()}@example.com`,
  role: 'deckhand',
  cascade_level: 3,
  availability_key: `Replay ${n}`,
  day_rate: { amount_cents: 20000, currency: 'USD' },
});

const create = (body: unknown, key: string | false) =>
  signedFetch(`${api.url}/api/crew`, { method: 'POST', body }, { idempotencyKey: key });

async function countByEmail(email: string): Promise<number> {
  const res = await signedFetch(`${api.url}/api/crew`);
  const { crew: all } = (await res.json()) as RosterAnswer;
  return all.filter((m) => m.email === email).length;
}

describe('Idempotency-Key on admin writes', () => {
  it('answers a replayed create (same key, same body) with the first result and creates one crew member', async () => {
    const body = crew(31);
    const first = await create(body, 'replay-key-31');
    const again = await create(body, 'replay-key-31');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await countByEmail(body.email)).toBe(1);
  });

  it('answers concurrent replays of one create with one crew member', async () => {
    const body = crew(32);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => create(body, 'replay-key-32')),
    );
    const statuses = results.map((r) => r.status);
    // One runs; the others see it in progress (409) or replay its result (201).
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(await countByEmail(body.email)).toBe(1);
  });

  it('refuses the same key with a different body with 409', async () => {
    await create(crew(33), 'replay-key-33');
    const other = crew(34);
    const res = await create(other, 'replay-key-33');
    expect(res.status).toBe(409);
    expect(((await res.json()) as Required<ErrorBody>).error).toBe('idempotency_key_reused');
    expect(await countByEmail(other.email)).toBe(0);
  });

  it('replays a refused request as refused, not as a fresh attempt', async () => {
    const bad = { ...crew(35), phone: 'nope' };
    expect((await create(bad, 'replay-key-35')).status).toBe(400);
    expect((await create(bad, 'replay-key-35')).status).toBe(400);
  });

  it('requires a key on POST and PATCH, naming the header', async () => {
    const res = await create(crew(36), false);
    expect(res.status).toBe(400);
    const json = (await res.json()) as Required<ErrorBody>;
    expect(json.fields[0]?.field).toBe('Idempotency-Key');
    const patch = await signedFetch(
      `${api.url}/api/crew/c-0001`,
      { method: 'PATCH', body: { name: 'X' } },
      { idempotencyKey: false },
    );
    expect(patch.status).toBe(400);
  });

  it('scopes keys to the path: the same key on another route is another request', async () => {
    const made = (await (await create(crew(37), 'replay-key-37')).json()) as CrewMember;
    const res = await signedFetch(
      `${api.url}/api/crew/${made.crew_id}`,
      { method: 'PATCH', body: { name: 'Changed' } },
      { idempotencyKey: 'replay-key-37' },
    );
    expect(res.status).toBe(409);
  });
});
