import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrewMember, ErrorBody, RosterAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { signedFetch } from '../../support/signed-fetch.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

let n = 0;
/** A valid new crew member with a unique fictional email and phone. */
function newCrew(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    name: `Test Sailor ${n}`,
    phone: `+1 310 555 01${String(n % 100).padStart(2, '0')}`,
    email: `sailor${n}.${Date.now()}@example.com`,
    role: 'deckhand',
    cascade_level: 3,
    availability_key: `Sailor ${n}`,
    day_rate: { amount_cents: 20000, currency: 'USD' },
    ...overrides,
  };
}

const post = (body: unknown, key?: string) =>
  signedFetch(`${api.url}/api/crew`, { method: 'POST', body }, key ? { idempotencyKey: key } : {});
const list = async (query = '') => {
  const res = await signedFetch(`${api.url}/api/crew${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as RosterAnswer).crew;
};

/** Every item in the roster table: proves "nothing was written". */
async function rosterItemCount(): Promise<number> {
  let count = 0;
  for (const pk of ['ROSTER']) {
    const out = await api.db.doc.send(
      new QueryCommand({
        TableName: api.db.tables['crew-roster'],
        IndexName: 'by-roster-order',
        KeyConditionExpression: 'roster_pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        Select: 'COUNT',
      }),
    );
    count += out.Count ?? 0;
  }
  return count;
}

describe('creating crew members', () => {
  it('creates a crew member with a server id, normalised phone and email, and returns 201', async () => {
    const res = await post(
      newCrew({
        name: 'Marisol Test',
        phone: '(310) 555-0144',
        email: '  Marisol.Test@Example.COM ',
        role: 'Mate',
      }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.crew_id).toMatch(/^c-[0-9a-z]{12}$/);
    expect(body).toMatchObject({
      name: 'Marisol Test',
      phone: '+13105550144',
      email: 'marisol.test@example.com',
      role: 'mate',
      active: true,
      version: 1,
      day_rate: { amount_cents: 20000, currency: 'USD' },
    });
    expect(res.headers.get('location')).toBe(`/api/crew/${body.crew_id}`);

    const fetched = await signedFetch(`${api.url}/api/crew/${body.crew_id}`);
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual(body);
  });

  it('refuses a second crew member with the same email (any case) or phone (any format), naming the field', async () => {
    const first = newCrew();
    expect((await post(first)).status).toBe(201);

    const sameEmail = await post(newCrew({ email: first.email.toUpperCase() }));
    expect(sameEmail.status).toBe(409);
    const emailBody = (await sameEmail.json()) as Required<ErrorBody>;
    expect(emailBody.error).toBe('conflict');
    expect(emailBody.fields.map((f) => f.field)).toEqual(['email']);

    const samePhone = await post(newCrew({ phone: first.phone.replace(/\D/g, '').slice(1) }));
    expect(samePhone.status).toBe(409);
    const phoneBody = (await samePhone.json()) as Required<ErrorBody>;
    expect(phoneBody.fields.map((f) => f.field)).toEqual(['phone']);
  });

  it('gives exactly one 201 and nine 409s for ten concurrent creates with the same email', async () => {
    const email = `race.${Date.now()}@example.com`;
    const before = await rosterItemCount();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(newCrew({ email, phone: `+1 310 555 01${50 + i}` })),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    expect(await rosterItemCount()).toBe(before + 1);
    const withEmail = (await list()).filter((m) => m.email === email);
    expect(withEmail).toHaveLength(1);
  });
});

describe('bad input', () => {
  const cases: Array<[string, Record<string, unknown> | string, string[]]> = [
    ['a missing field', (({ email: _e, ...rest }) => rest)(newCrew()), ['email']],
    ['a bad phone number', newCrew({ phone: '555-12' }), ['phone']],
    ['a bad email', newCrew({ email: 'not-an-email' }), ['email']],
    ['a cascade level of 0', newCrew({ cascade_level: 0 }), ['cascade_level']],
    ['a fractional cascade level', newCrew({ cascade_level: 1.5 }), ['cascade_level']],
    [
      'money in dollars, not cents',
      newCrew({ day_rate: { amount_cents: 450.5, currency: 'USD' } }),
      ['day_rate.amount_cents'],
    ],
    [
      'an unknown currency',
      newCrew({ day_rate: { amount_cents: 100, currency: 'XYZ' } }),
      ['day_rate.currency'],
    ],
    ['an unknown field', newCrew({ nickname: 'Skip' }), ['nickname']],
    ['a server-owned field', newCrew({ crew_id: 'c-0001' }), ['crew_id']],
    ['a wrong type', newCrew({ active: 'yes' }), ['active']],
    [
      'several problems at once',
      newCrew({ name: '', phone: 'x', role: 42 }),
      ['name', 'phone', 'role'],
    ],
    ['a body that is not JSON', '{"name": ', ['body']],
    ['a JSON array', '[]', ['body']],
  ];

  it.each(cases)(
    'answers 400 naming each bad field for %s, and writes nothing',
    async (_label, body, fields) => {
      const before = await rosterItemCount();
      const res = await post(body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as Required<ErrorBody>;
      expect(json.error).toBe('invalid_input');
      expect(json.fields.map((f) => f.field).sort()).toEqual([...fields].sort());
      for (const f of json.fields) expect(f.message.length).toBeGreaterThan(3);
      expect(await rosterItemCount()).toBe(before);
    },
  );

  it('rejects unknown list filters and bad filter values', async () => {
    const bad = await signedFetch(`${api.url}/api/crew?active=maybe&colour=blue`);
    expect(bad.status).toBe(400);
    const json = (await bad.json()) as Required<ErrorBody>;
    expect(json.fields.map((f) => f.field).sort()).toEqual(['active', 'colour']);
  });

  it('answers 404 for an unknown crew member', async () => {
    expect((await signedFetch(`${api.url}/api/crew/c-doesnotexist`)).status).toBe(404);
    const patch = await signedFetch(`${api.url}/api/crew/c-doesnotexist`, {
      method: 'PATCH',
      body: { name: 'X' },
    });
    expect(patch.status).toBe(404);
    expect(
      (await signedFetch(`${api.url}/api/crew/c-doesnotexist`, { method: 'DELETE' })).status,
    ).toBe(404);
  });
});

describe('listing, updating and deactivating', () => {
  it('lists by cascade level then name, with role and active filters', async () => {
    const tag = `${Date.now()}`;
    const made: Record<string, string> = {};
    for (const [name, level, role] of [
      ['zoe Lane', 2, 'mate'],
      ['Álvaro Cruz', 2, 'mate'],
      ['Bea Moss', 1, 'captain'],
      ['adam Reef', 2, 'deckhand'],
    ] as const) {
      const res = await post(newCrew({ name: `${name} ${tag}`, cascade_level: level, role }));
      made[name] = ((await res.json()) as CrewMember).crew_id;
    }
    const mine = (await list()).filter((m) => String(m.name).endsWith(tag)).map((m) => m.name);
    expect(mine).toEqual([
      `Bea Moss ${tag}`,
      `adam Reef ${tag}`,
      `Álvaro Cruz ${tag}`,
      `zoe Lane ${tag}`,
    ]);

    const mates = (await list('?role=mate'))
      .filter((m) => String(m.name).endsWith(tag))
      .map((m) => m.name);
    expect(mates).toEqual([`Álvaro Cruz ${tag}`, `zoe Lane ${tag}`]);

    await signedFetch(`${api.url}/api/crew/${made['zoe Lane']}`, { method: 'DELETE' });
    const activeMates = (await list('?role=mate&active=true')).filter((m) =>
      String(m.name).endsWith(tag),
    );
    expect(activeMates.map((m) => m.name)).toEqual([`Álvaro Cruz ${tag}`]);
    const inactive = (await list('?active=false')).filter((m) => String(m.name).endsWith(tag));
    expect(inactive.map((m) => m.name)).toEqual([`zoe Lane ${tag}`]);
  });

  it('updates fields, re-sorts, and moves the email and phone claims so the old ones are free', async () => {
    const original = newCrew();
    const created = (await (await post(original)).json()) as CrewMember;
    const newEmail = `moved.${Date.now()}@example.com`;
    const res = await signedFetch(`${api.url}/api/crew/${created.crew_id}`, {
      method: 'PATCH',
      body: { email: newEmail, phone: '+1 310 555 0177', cascade_level: 1, role: 'captain' },
    });
    expect(res.status).toBe(200);
    const updated = (await res.json()) as Record<string, unknown>;
    expect(updated).toMatchObject({
      email: newEmail,
      phone: '+13105550177',
      cascade_level: 1,
      role: 'captain',
      version: 2,
    });

    // The old email and phone are free for someone else now ...
    const reuse = await post(newCrew({ email: original.email, phone: original.phone }));
    expect(reuse.status).toBe(201);
    // ... and the new ones are taken.
    const clash = await post(newCrew({ email: newEmail }));
    expect(clash.status).toBe(409);

    const captains = await list('?role=captain');
    expect(captains.some((m) => m.crew_id === created.crew_id)).toBe(true);
  });

  it('refuses an update to an email another crew member has, and changes nothing', async () => {
    const a = (await (await post(newCrew())).json()) as CrewMember;
    const b = (await (await post(newCrew())).json()) as CrewMember;
    const res = await signedFetch(`${api.url}/api/crew/${b.crew_id}`, {
      method: 'PATCH',
      body: { email: a.email, name: 'Renamed' },
    });
    expect(res.status).toBe(409);
    const after = (await (await signedFetch(`${api.url}/api/crew/${b.crew_id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(after).toMatchObject({ email: b.email, name: b.name, version: 1 });
  });

  it('rejects an empty or unknown patch with 400', async () => {
    const a = (await (await post(newCrew())).json()) as CrewMember;
    for (const body of [{}, { crew_id: 'c-x' }, { created_at: 'now' }]) {
      const res = await signedFetch(`${api.url}/api/crew/${a.crew_id}`, { method: 'PATCH', body });
      expect(res.status).toBe(400);
    }
  });

  it('deactivates without deleting: the record keeps its history and can be reactivated', async () => {
    const a = (await (await post(newCrew())).json()) as CrewMember;
    const del = await signedFetch(`${api.url}/api/crew/${a.crew_id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await del.json()).toMatchObject({ crew_id: a.crew_id, active: false, version: 2 });
    const still = await signedFetch(`${api.url}/api/crew/${a.crew_id}`);
    expect(await still.json()).toMatchObject({ active: false, email: a.email });
    // Their email stays reserved: a deactivated captain may come back.
    expect((await post(newCrew({ email: a.email }))).status).toBe(409);
    const back = await signedFetch(`${api.url}/api/crew/${a.crew_id}`, {
      method: 'PATCH',
      body: { active: true },
    });
    expect(await back.json()).toMatchObject({ active: true, version: 3 });
  });

  it('keeps both edits when two admins change different fields at once', async () => {
    const a = (await (await post(newCrew())).json()) as CrewMember;
    const url = `${api.url}/api/crew/${a.crew_id}`;
    const [r1, r2] = await Promise.all([
      signedFetch(url, { method: 'PATCH', body: { name: 'Concurrent Name' } }),
      signedFetch(url, { method: 'PATCH', body: { cascade_level: 4 } }),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    const after = (await (await signedFetch(url)).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ name: 'Concurrent Name', cascade_level: 4, version: 3 });
  });
});
