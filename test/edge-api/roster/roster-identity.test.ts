import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CrewFound,
  CrewMember,
  ErrorBody,
  SimilarNameAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { signedFetch } from '../../support/signed-fetch.js';

// The roster as a real office keeps it: one person once (availability keys are
// unique among active crew), a warning for a name close to one already there,
// finding a person by phone or email, and refusals that say who.

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

let n = 0;
/** A new crew member with a fresh fictional name, email, phone (+1 310 555 01xx) and key. */
function newCrew(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    name: `Crew Member ${n}`,
    phone: `+1 310 555 01${String(n).padStart(2, '0')}`,
    email: `identity${n}@example.com`,
    role: 'deckhand',
    cascade_level: 3,
    availability_key: `Key ${n}`,
    day_rate: { amount_cents: 20000, currency: 'USD' },
    ...overrides,
  };
}

const post = (body: unknown) => signedFetch(`${api.url}/api/crew`, { method: 'POST', body });
const patch = (id: string, body: unknown) =>
  signedFetch(`${api.url}/api/crew/${id}`, { method: 'PATCH', body });
const get = async (id: string) =>
  (await (await signedFetch(`${api.url}/api/crew/${id}`)).json()) as CrewMember;
async function created(body: Record<string, unknown>): Promise<CrewMember> {
  const res = await post(body);
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return (await res.json()) as CrewMember;
}
const find = (contact: string) =>
  signedFetch(`${api.url}/api/crew/find?${new URLSearchParams({ contact })}`);

describe('an availability key names one active crew member', () => {
  it('refuses the same person twice: a second member with the same key, however it is written', async () => {
    const first = await created(
      newCrew({ name: 'Orla Penhallow', availability_key: 'Capt. Orla' }),
    );
    const res = await post(
      newCrew({
        name: 'Orla Penhallow',
        availability_key: 'capt.  ORLA',
        confirm_similar_name: true,
      }),
    );
    expect(res.status).toBe(409);
    const body = (await res.json()) as Required<ErrorBody>;
    expect(body.error).toBe('conflict');
    expect(body.fields.map((f) => f.field)).toEqual(['availability_key']);
    expect(body.message).toBe(
      `Orla Penhallow (${first.crew_id}) already has the availability key "Capt. Orla"`,
    );
    // "Capt Orla" is the same header to the planner: punctuation is folded too.
    expect((await post(newCrew({ availability_key: 'Capt Orla' }))).status).toBe(409);
  });

  it('releases the key on deactivation, and refuses a reactivation while someone else holds it', async () => {
    const a = await created(newCrew({ availability_key: 'Bram' }));
    const del = await signedFetch(`${api.url}/api/crew/${a.crew_id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    const b = await created(newCrew({ availability_key: 'bram' }));

    const back = await patch(a.crew_id, { active: true });
    expect(back.status).toBe(409);
    const body = (await back.json()) as Required<ErrorBody>;
    expect(body.fields.map((f) => f.field)).toEqual(['availability_key']);
    expect(body.message).toContain(`${b.name} (${b.crew_id}) already has the availability key`);
    expect(await get(a.crew_id)).toMatchObject({ active: false, version: 2 });

    // Deactivating through PATCH releases it as well; then the first comes back.
    expect((await patch(b.crew_id, { active: false })).status).toBe(200);
    expect((await patch(a.crew_id, { active: true })).status).toBe(200);
    expect((await post(newCrew({ availability_key: 'Bram' }))).status).toBe(409);
  });

  it('moves the key claim when the key changes, and keeps it across a change of case', async () => {
    const a = await created(newCrew({ availability_key: 'Juno K' }));
    expect((await patch(a.crew_id, { availability_key: 'juno k' })).status).toBe(200);
    expect((await patch(a.crew_id, { availability_key: 'Juno Kestrel' })).status).toBe(200);
    expect((await post(newCrew({ availability_key: 'Juno K' }))).status).toBe(201);
    const taken = await post(newCrew({ availability_key: 'JUNO KESTREL' }));
    expect(taken.status).toBe(409);
    const other = await created(newCrew({ availability_key: 'Juno Other' }));
    const moved = await patch(other.crew_id, {
      availability_key: 'Juno Kestrel',
      cascade_level: 1,
    });
    expect(moved.status).toBe(409);
    expect(await get(other.crew_id)).toMatchObject({ availability_key: 'Juno Other', version: 1 });
  });

  it('gives exactly one 201 for ten concurrent creates with the same key', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => post(newCrew({ availability_key: 'Race Key' }))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const roster = (await (await signedFetch(`${api.url}/api/crew?active=true`)).json()) as {
      crew: CrewMember[];
    };
    expect(roster.crew.filter((m) => m.availability_key === 'Race Key')).toHaveLength(1);
  });

  it('claims a key lazily for a record from before key claims, on its next change', async () => {
    const legacy = legacyItem('c-legacy00001', 'Legacy Key', 90);
    await api.db.doc.send(
      new PutCommand({ TableName: api.db.tables['crew-roster'], Item: legacy }),
    );
    // A new member with the same key is refused even before the claim exists (the roster is read).
    const early = await post(newCrew({ availability_key: 'legacy key' }));
    expect(early.status).toBe(409);
    expect(((await early.json()) as ErrorBody).message).toContain(
      'Lorcan Tidewell (c-legacy00001) already has the availability key',
    );
    expect((await patch('c-legacy00001', { cascade_level: 2 })).status).toBe(200);
    const claim = await api.db.doc.send(
      new GetCommand({
        TableName: api.db.tables['crew-roster'],
        Key: { pk: 'KEY#legacy key', sk: 'UNIQUE' },
      }),
    );
    expect(claim.Item?.crew_id).toBe('c-legacy00001');
  });

  it('keeps a legacy duplicate from changing until one of the two is deactivated or re-keyed', async () => {
    for (const [id, phone] of [
      ['c-legacy00002', 91],
      ['c-legacy00003', 92],
    ] as const) {
      await api.db.doc.send(
        new PutCommand({
          TableName: api.db.tables['crew-roster'],
          Item: legacyItem(id, 'Twice Key', phone),
        }),
      );
    }
    expect((await patch('c-legacy00002', { cascade_level: 2 })).status).toBe(200);
    const blocked = await patch('c-legacy00003', { cascade_level: 2 });
    expect(blocked.status).toBe(409);
    expect(((await blocked.json()) as ErrorBody).message).toContain('(c-legacy00002)');
    const off = await signedFetch(`${api.url}/api/crew/c-legacy00003`, { method: 'DELETE' });
    expect(off.status).toBe(200);
  });
});

/** A crew item as the roster stored it before availability keys were claimed. */
function legacyItem(crewId: string, key: string, phone: number) {
  const at = '2026-01-01T00:00:00.000Z';
  const name = crewId === 'c-legacy00001' ? 'Lorcan Tidewell' : `Legacy ${crewId.slice(-1)} Person`;
  return {
    pk: `CREW#${crewId}`,
    sk: 'CREW',
    roster_pk: 'ROSTER',
    role_pk: 'ROLE#deckhand',
    roster_order: `03#${name.toLowerCase()}#${crewId}`,
    crew_id: crewId,
    name,
    phone: `+131055501${phone}`,
    email: `${crewId}@example.com`,
    role: 'deckhand',
    cascade_level: 3,
    availability_key: key,
    day_rate: { amount_cents: 20000, currency: 'USD' },
    active: true,
    created_at: at,
    updated_at: at,
    version: 1,
  };
}

describe('a name close to one on the roster', () => {
  it.each([
    ['the same name in other case and spacing', 'wilhelmina  STROUD'],
    ['a nickname in quotes', 'Wilhelmina "Billie" Stroud'],
    ['a middle name', 'Wilhelmina Ann Stroud'],
    ['a title and punctuation', 'Capt. Wilhelmina Stroud'],
    ['last name first', 'Stroud, Wilhelmina'],
    ['a one-letter typo', 'Wilhelmina Strod'],
  ])('asks the office to confirm %s, naming who is already there', async (_label, name) => {
    const existing = await ensureWilhelmina();
    const res = await post(newCrew({ name }));
    expect(res.status).toBe(409);
    const body = (await res.json()) as SimilarNameAnswer;
    expect(body.error).toBe('similar_name');
    expect(body.message).toContain(`Wilhelmina Stroud (${existing.crew_id})`);
    expect(body.message).toContain('confirm_similar_name');
    expect(body.similar).toEqual([
      {
        crew_id: existing.crew_id,
        name: 'Wilhelmina Stroud',
        availability_key: existing.availability_key,
        active: true,
      },
    ]);
    expect(body.fields).toEqual([{ field: 'name', message: expect.stringContaining('Stroud') }]);
  });

  it('adds the member when the request confirms, and leaves different names alone', async () => {
    await ensureWilhelmina();
    const confirmed = await post(
      newCrew({ name: 'Wilhelmina Stroud', confirm_similar_name: true }),
    );
    expect(confirmed.status).toBe(201);
    expect(await confirmed.json()).not.toHaveProperty('confirm_similar_name');
    for (const name of ['Wilfred Stroud', 'Wilhelmina Strand-Okoro', 'Stroud Tern']) {
      expect((await post(newCrew({ name }))).status).toBe(201);
    }
    // Numbered test names differ in a short word: not a typo.
    expect((await post(newCrew({ name: 'Deck Hand 01' }))).status).toBe(201);
    expect((await post(newCrew({ name: 'Deck Hand 02' }))).status).toBe(201);
  });

  it('refuses a confirm that is not true or false, naming the field', async () => {
    const res = await post(newCrew({ confirm_similar_name: 'yes' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as Required<ErrorBody>;
    expect(body.fields.map((f) => f.field)).toEqual(['confirm_similar_name']);
  });
});

let wilhelmina: CrewMember | undefined;
async function ensureWilhelmina(): Promise<CrewMember> {
  wilhelmina ??= await created(newCrew({ name: 'Wilhelmina Stroud' }));
  return wilhelmina;
}

describe('finding a person by phone or email', () => {
  let member: CrewMember;
  beforeAll(async () => {
    member = await created(
      newCrew({
        name: 'Tamsin Ardley',
        phone: '+1 310 555 0188',
        email: 'Tamsin.Ardley@example.com',
      }),
    );
  });

  it.each([
    ['(310) 555-0188', 'phone'],
    ['+1 310 555 0188', 'phone'],
    ['310.555.0188', 'phone'],
    [' Tamsin.Ardley@Example.com ', 'email'],
  ])('finds %s by its %s, in any format', async (contact, by) => {
    const res = await find(contact);
    expect(res.status).toBe(200);
    const body = (await res.json()) as CrewFound;
    expect(body.matched_by).toBe(by);
    expect(body.crew).toEqual(member);
  });

  it('says plainly when nobody has the phone or email', async () => {
    const phone = await find('(310) 555-0199');
    expect(phone.status).toBe(404);
    expect(((await phone.json()) as ErrorBody).message).toBe(
      'nobody on the roster has the phone +13105550199',
    );
    const email = await find('nobody.here@example.com');
    expect(email.status).toBe(404);
    expect(((await email.json()) as ErrorBody).message).toBe(
      'nobody on the roster has the email nobody.here@example.com',
    );
  });

  it.each([['abc'], ['555-12'], ['not@an@email'], ['']])(
    'answers 400 naming the contact for %j',
    async (contact) => {
      const res = await find(contact);
      expect(res.status).toBe(400);
      const body = (await res.json()) as Required<ErrorBody>;
      expect(body.fields.map((f) => f.field)).toEqual(['contact']);
    },
  );

  it('answers 400 for a missing contact or an unknown parameter', async () => {
    const res = await signedFetch(`${api.url}/api/crew/find?name=Tamsin`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Required<ErrorBody>;
    expect(body.fields.map((f) => f.field).sort()).toEqual(['contact', 'name']);
  });
});

describe('refusals name the person', () => {
  it('says who already has an email or a phone', async () => {
    const a = await created(newCrew({ name: 'Ysolde Marrick' }));
    const email = await post(newCrew({ email: a.email.toUpperCase() }));
    expect(email.status).toBe(409);
    const eb = (await email.json()) as Required<ErrorBody>;
    expect(eb.message).toBe(`Ysolde Marrick (${a.crew_id}) already has the email ${a.email}`);
    // The field note keeps its shape (clients put a name in for the id).
    expect(eb.fields).toEqual([
      { field: 'email', message: `is already used by another crew member (${a.crew_id})` },
    ]);

    const b = await created(newCrew());
    const phone = await patch(b.crew_id, { phone: a.phone });
    expect(phone.status).toBe(409);
    expect(((await phone.json()) as ErrorBody).message).toBe(
      `Ysolde Marrick (${a.crew_id}) already has the phone ${a.phone}`,
    );
  });
});
