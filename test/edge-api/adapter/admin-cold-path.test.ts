import { sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LambdaEntryPoint, lambdaEntryPoint } from '../../support/entry-points.js';
import { startOneDeckhandCall } from '../../support/one-deckhand-call.js';
import { instance } from './cold-instance.js';
import { adminEvent } from './crew-page-events.js';

/**
 * A cold admin request loads the full app's entry and only the chunks of the lazy imports it
 * triggers: the chunks the entry imports statically are folded into it at build time
 * (scripts/fold-static-chunks.mjs), each file being ~0.14 ms of a fresh process. Each case is
 * a fresh `node` importing the built bundle, as Lambda starts it.
 */

const FULL_APP_DIR = `${sep}dist${sep}edge-api${sep}full-app${sep}`;
const NOT_FOR_THE_ROSTER: Record<string, RegExp> = {
  zod: /node_modules\/zod\//,
  luxon: /node_modules\/luxon\//,
  "the roster's writes": /roster\/crew-writes\.ts$/,
};
const loadedOf = (sources: string[]) =>
  Object.entries(NOT_FOR_THE_ROSTER)
    .filter(([, pattern]) => sources.some((s) => pattern.test(s)))
    .map(([name]) => name);

let lambda: LambdaEntryPoint;
let crewId: string;

beforeAll(async () => {
  lambda = await lambdaEntryPoint();
  crewId = (await startOneDeckhandCall(lambda, 'CH-ADMIN-COLD')).crewId;
});
afterAll(() => lambda?.close());

describe('a cold start answering GET /api/crew', () => {
  // The full app's entry, the roster routes' chunk and the five chunks those routes share with
  // other lazy routes: 7 files, 21 before the folding. Fewer would need code the entry does
  // not load today to become eager.
  it('loads the full app in at most 7 files, with no zod, luxon or roster writes', async () => {
    const cold = await instance([adminEvent('GET', '/api/crew')]);
    expect(cold.answers[0]?.status).toBe(200);
    expect(cold.answers[0]?.body).toContain(crewId);
    expect(loadedOf(cold.sources)).toEqual([]);
    const fullApp = cold.files.filter((file) => file.includes(FULL_APP_DIR));
    expect(fullApp.length).toBeGreaterThan(0);
    expect(fullApp.length).toBeLessThanOrEqual(7);
  });

  it('a write then loads its lazy chunks, which share the entry’s modules (one roster, one client)', async () => {
    const warm = await instance([
      adminEvent('GET', '/api/crew'),
      adminEvent('POST', '/api/crew', {
        name: 'Wren Okafor',
        phone: '+1 310 555 0142',
        email: 'wren.okafor@example.com',
        role: 'deckhand',
        cascade_level: 2,
        availability_key: 'WrenO',
        day_rate: { amount_cents: 25000, currency: 'USD' },
      }),
      adminEvent('GET', '/api/crew'),
    ]);
    const [before, created, after] = warm.answers;
    expect(before?.status).toBe(200);
    expect(created?.status).toBe(201);
    expect(after?.body).toContain('Wren Okafor');
    expect(loadedOf(warm.sources)).toContain("the roster's writes");
  });
});
