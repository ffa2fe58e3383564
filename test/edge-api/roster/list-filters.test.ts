import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrewMember, ErrorBody, RosterAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { signedFetch } from '../../support/signed-fetch.js';

// How GET /api/crew reads its filters: the role as typed (spaces around it, capitals) finds
// the same crew; anything else it cannot read is a 400 naming each field, in the same words.
let api: TestApi;
const tag = `${Date.now()}`;
beforeAll(async () => {
  api = await startTestApi();
  for (const [name, role, i] of [
    ['Ana Reef', 'mate', 1],
    ['Ben Cove', 'deckhand', 2],
  ] as const) {
    const res = await signedFetch(`${api.url}/api/crew`, {
      method: 'POST',
      body: {
        name: `${name} ${tag}`,
        phone: `+1 310 555 014${i}`,
        email: `filters${i}.${tag}@example.com`,
        role,
        cascade_level: 2,
        availability_key: `${name} ${tag}`,
        day_rate: { amount_cents: 20000, currency: 'USD' },
      },
    });
    expect(res.status).toBe(201);
  }
});
afterAll(() => api?.close());

const names = async (query: string) => {
  const res = await signedFetch(`${api.url}/api/crew${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as RosterAnswer).crew
    .map((m: CrewMember) => m.name)
    .filter((n) => n.endsWith(tag));
};
const refusal = async (query: string) => {
  const res = await signedFetch(`${api.url}/api/crew${query}`);
  expect(res.status).toBe(400);
  const json = (await res.json()) as Required<ErrorBody>;
  expect(json.error).toBe('invalid_input');
  return json.fields;
};

describe('GET /api/crew filters', () => {
  it('reads a role with spaces around it or capitals as the role', async () => {
    expect(await names('?role=mate')).toEqual([`Ana Reef ${tag}`]);
    expect(await names('?role=%20Mate%20')).toEqual([`Ana Reef ${tag}`]);
    expect(await names('?role=DECKHAND&active=true')).toEqual([`Ben Cove ${tag}`]);
    expect(await names('?active=false')).toEqual([]);
    expect(await names('')).toEqual([`Ana Reef ${tag}`, `Ben Cove ${tag}`]);
  });

  it.each([
    ['?role=', [{ field: 'role', message: 'must be a role such as captain' }]],
    ['?role=mate!', [{ field: 'role', message: 'must be a role such as captain' }]],
    ['?active=TRUE', [{ field: 'active', message: 'must be true or false' }]],
    ['?active=', [{ field: 'active', message: 'must be true or false' }]],
    ['?colour=blue', [{ field: 'colour', message: 'is not a known field' }]],
    [
      '?active=maybe&role=9&colour=blue',
      [
        { field: 'role', message: 'must be a role such as captain' },
        { field: 'active', message: 'must be true or false' },
        { field: 'colour', message: 'is not a known field' },
      ],
    ],
  ])('refuses %s, naming each field', async (query, fields) => {
    expect(await refusal(query)).toEqual(fields);
  });
});
