import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EntryPoint, entryPoints } from '../../support/entry-points.js';

/**
 * A SigV4 signature covers the query sorted by key and value, so one signature for
 * `?role=captain&role=mate` also covers `?role=mate&role=captain`: an app reading "the
 * first role" would answer two different questions under one signature. Admin routes
 * refuse a repeated key, and read values decoded as the signature canonicalised them.
 */
const rosa = {
  name: 'Rosa Delgado',
  phone: '+1 310 555 0142',
  email: 'rosa.delgado@example.com',
  role: 'deckhand',
  cascade_level: 3,
  availability_key: 'Rosa D',
  day_rate: { amount_cents: 28000, currency: 'USD' },
};
const avery = {
  ...rosa,
  name: 'Avery Quinn',
  phone: '+1 310 555 0150',
  email: 'avery.quinn@example.com',
  role: 'captain',
  cascade_level: 1,
  availability_key: 'Avery',
};

describe.each(entryPoints)('signed query strings under $name', ({ start }) => {
  let ep: EntryPoint;
  beforeAll(async () => {
    ep = await start();
    for (const member of [rosa, avery])
      expect((await ep.admin('POST', '/api/crew', member)).status).toBe(201);
  });
  afterAll(() => ep?.close());

  it.each([
    ['/api/crew?role=captain&role=deckhand', 'role'],
    ['/api/crew?role=deckhand&role=captain', 'role'],
    ['/api/crew?active=true&rol%65=captain&role=deckhand', 'role'],
    ['/api/changes?since=2026-12-01T00:00:00.000Z&since=2026-11-01T00:00:00.000Z', 'since'],
    [
      '/api/charters?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z&from=2026-12-02T00:00:00Z',
      'from',
    ],
  ])('refuses %s with 400 naming the repeated key', async (path, key) => {
    const res = await ep.admin('GET', path);
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_input');
    expect(res.json.fields).toEqual([
      { field: key, message: expect.stringMatching(/more than once/) },
    ]);
  });

  it('reads a percent-encoded key and value as the signature covered them (rol%65=capt%61in is role=captain)', async () => {
    const res = await ep.admin('GET', '/api/crew?rol%65=capt%61in');
    expect(res.status).toBe(200);
    expect(res.json.crew.map((m: { name: string }) => m.name)).toEqual(['Avery Quinn']);
  });
});
