import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrewMember, ErrorBody } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { signedFetch } from '../../support/signed-fetch.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  // Skipper is one of this office's roles (the default list has captain, mate, deckhand).
  const roles = await signedFetch(`${api.url}/api/settings`, {
    method: 'PUT',
    body: { roles: ['captain', 'skipper', 'mate', 'deckhand'] },
  });
  expect(roles.status).toBe(200);
});
afterAll(() => api.close());

const crew = (method: string, path: string, body?: unknown) =>
  signedFetch(`${api.url}/api/crew${path}`, { method, ...(body === undefined ? {} : { body }) });

const stamp = Date.now();
const captain = {
  name: 'Rowan Quill',
  phone: '+1 310 555 0161',
  email: `rowan.${stamp}@example.com`,
  role: 'captain',
  cascade_level: 1,
  availability_key: 'Rowan Q',
  day_rate: { amount_cents: 45000, currency: 'USD' },
};

describe('a crew member with more than one qualification, through the roster API', () => {
  let rowan: CrewMember;

  it('stores and returns also_qualified', async () => {
    const res = await crew('POST', '', {
      ...captain,
      also_qualified: [{ role: 'Mate', cascade_level: 3 }],
    });
    expect(res.status).toBe(201);
    rowan = (await res.json()) as CrewMember;
    expect(rowan.also_qualified).toEqual([{ role: 'mate', cascade_level: 3 }]);
    const got = (await (await crew('GET', `/${rowan.crew_id}`)).json()) as CrewMember;
    expect(got.also_qualified).toEqual([{ role: 'mate', cascade_level: 3 }]);
  });

  it('changes only the extra qualifications with a patch', async () => {
    const res = await crew('PATCH', `/${rowan.crew_id}`, {
      also_qualified: [
        { role: 'mate', cascade_level: 2 },
        { role: 'skipper', cascade_level: 1 },
      ],
    });
    expect(res.status).toBe(200);
    const got = (await res.json()) as CrewMember;
    expect(got.also_qualified).toEqual([
      { role: 'mate', cascade_level: 2 },
      { role: 'skipper', cascade_level: 1 },
    ]);
    expect(got.version).toBe(rowan.version + 1);
  });

  it('refuses a patch whose extra role repeats the stored primary role, writing nothing', async () => {
    const res = await crew('PATCH', `/${rowan.crew_id}`, {
      also_qualified: [{ role: 'captain', cascade_level: 2 }],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Required<ErrorBody>;
    expect(body.fields).toEqual([
      {
        field: 'also_qualified.0.role',
        message: 'is already this crew member\'s role ("captain")',
      },
    ]);
    const got = (await (await crew('GET', `/${rowan.crew_id}`)).json()) as CrewMember;
    expect(got.also_qualified?.map((q) => q.role)).toEqual(['mate', 'skipper']);
  });

  it('refuses a new primary role that one of the extra roles already names', async () => {
    const res = await crew('PATCH', `/${rowan.crew_id}`, { role: 'skipper' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Required<ErrorBody>;
    expect(body.fields.map((f) => f.field)).toEqual(['also_qualified.1.role']);
  });

  it("refuses an extra role that is not on the office's list, naming it and the list", async () => {
    const res = await crew('PATCH', `/${rowan.crew_id}`, {
      also_qualified: [{ role: 'deckhnad', cascade_level: 3 }],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Required<ErrorBody>;
    expect(body.fields).toEqual([
      {
        field: 'also_qualified.0.role',
        message: '"deckhnad" is not one of the office\'s roles: captain, skipper, mate, deckhand',
      },
    ]);
  });
});
