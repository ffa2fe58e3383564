import { resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LambdaEntryPoint, lambdaEntryPoint } from '../../support/entry-points.js';
import { startOneDeckhandCall } from '../../support/one-deckhand-call.js';
import { instance } from './cold-instance.js';
import { adminEvent, crewPageEvent } from './crew-page-events.js';

/**
 * A cold start that answers a crew page loads only what that page needs: no Hono core or
 * router, no luxon, and no fetch Request/Response (on Node the first one loads undici).
 * Each case is a fresh `node` importing the built bundle, as Lambda starts it, with a loader
 * hook listing every file it loads and Node's own list of internal modules it loaded.
 */

/** One cold start answering `event`: its status, the bundle files it loaded and their sources. */
async function coldStart(event: unknown) {
  const cold = await instance([event]);
  return { ...cold, status: cold.answers[0]?.status };
}

let lambda: LambdaEntryPoint;
let link: string;
let portal: string;
let crewId: string;

beforeAll(async () => {
  lambda = await lambdaEntryPoint();
  const call = await startOneDeckhandCall(lambda, 'CH-COLD');
  link = call.link;
  crewId = call.crewId;
  portal = (await lambda.admin('POST', '/api/links/portal', { crew_id: call.crewId })).json
    .url as string;
});
afterAll(() => lambda?.close());

const honoCore = (source: string) =>
  /node_modules\/hono\/dist\/(hono-base|hono|router|adapter|context|request|compose)/.test(source);
const luxon = (source: string) => source.includes('node_modules/luxon/');

describe('a cold start answering a crew page', () => {
  it('loads no Hono core or router, no luxon, and never builds a fetch Request/Response', async () => {
    const cold = await coldStart(crewPageEvent('GET', new URL(link).pathname));
    expect(cold.status).toBe(200);
    expect(cold.sources.filter(honoCore)).toEqual([]);
    expect(cold.sources.filter(luxon)).toEqual([]);
    expect(cold.internals).toEqual([]);
  });

  it('a portal link loads luxon for its form, still without Hono core (the check sees what loads)', async () => {
    const cold = await coldStart(crewPageEvent('GET', new URL(portal).pathname));
    expect(cold.status).toBe(200);
    expect(cold.sources.filter(luxon)).not.toEqual([]);
    expect(cold.sources.filter(honoCore)).toEqual([]);
  });

  it('any other request loads the Hono app (the check sees Hono when it loads)', async () => {
    const cold = await coldStart({
      ...crewPageEvent('GET', '/healthz'),
      routeKey: 'GET /healthz',
    });
    expect(cold.status).toBe(200);
    expect(cold.sources.filter(honoCore)).not.toEqual([]);
  });
});

// The cold-start floor (one GetItem with the bare SDK client, bundled like the Lambda).
const FLOOR_BUNDLE = resolve(import.meta.dirname, '../../../dist/bench/floor/floor.mjs');
/**
 * Files a crew page may load: the entry and the crew page bundle's entry, into which the build
 * folds every chunk it imports statically (scripts/fold-static-chunks.mjs); 3 leaves room for
 * one more. Before the folding it loaded 17 (the floor, then split the same way, 9); one bundle
 * for the whole API loaded 30. The floor is folded the same way now: one file.
 */
const CREW_PAGE_FILES = 3;
const FULL_APP_DIR = `${sep}dist${sep}edge-api${sep}full-app${sep}`;

describe('the crew page and the full app are two bundles', () => {
  it('a crew page loads no file the full app loads, and only the entry more than the floor', async () => {
    const [crew, admin, importOnly, floor] = await Promise.all([
      coldStart(crewPageEvent('GET', new URL(link).pathname)),
      coldStart(adminEvent('GET', '/api/crew')),
      instance([]),
      instance([{}], FLOOR_BUNDLE),
    ]);
    expect(crew.status).toBe(200);
    expect(admin.status).toBe(200);
    expect(floor.answers[0]?.status).toBe(200);
    // What both load is only what importing the entry loads (the entry and its chunks)...
    const adminFiles = new Set(admin.files);
    expect(
      crew.files.filter((file) => adminFiles.has(file) && !importOnly.files.includes(file)),
    ).toEqual([]);
    // ...the full app is a bundle of its own, and the crew page loads none of it...
    expect(admin.files.some((file) => file.includes(FULL_APP_DIR))).toBe(true);
    expect(crew.files.filter((file) => file.includes(FULL_APP_DIR))).toEqual([]);
    // ...and the crew page's files are few...
    expect(crew.files.length).toBeLessThanOrEqual(CREW_PAGE_FILES);
    // ...no more than the floor's, plus the entry that picks the bundle.
    expect(crew.files.length).toBeLessThanOrEqual(floor.files.length + 1);
  });

  // The two bundles each hold their own AWS SDK: were the full app handed the entry's client,
  // a failed transaction condition would be the entry's TransactionCanceledException, not
  // the full app's, and an office's duplicate email a 500 instead of its 409.
  const duplicateEmail = () =>
    adminEvent('POST', '/api/crew', {
      name: 'Iris Calderwood',
      phone: '+1 310 555 0179',
      email: 'iris.calder@example.com',
      role: 'deckhand',
      cascade_level: 2,
      availability_key: 'IrisW',
      day_rate: { amount_cents: 26000, currency: 'USD' },
    });
  const expectDuplicateRefused = (answer: { status: number; body: string } | undefined) => {
    expect(answer?.status).toBe(409);
    const body = JSON.parse(answer?.body ?? '{}');
    expect(body.error).toBe('conflict');
    expect(body.message).toBe(
      `Iris Calder (${crewId}) already has the email iris.calder@example.com`,
    );
  };
  const expectRoster = (answer: { status: number; body: string } | undefined) => {
    expect(answer?.status).toBe(200);
    expect(JSON.stringify(JSON.parse(answer?.body ?? '{}'))).toContain(crewId);
  };

  it('an instance that answered a crew page then answers the admin API, a refused write included', async () => {
    const warm = await instance([
      crewPageEvent('GET', new URL(link).pathname),
      adminEvent('GET', '/api/crew'),
      duplicateEmail(),
      crewPageEvent('GET', new URL(link).pathname),
    ]);
    const [page, roster, refused, again] = warm.answers;
    expect(page?.status).toBe(200);
    expectRoster(roster);
    expectDuplicateRefused(refused);
    expect(again?.status).toBe(200);
    expect(again?.body).toBe(page?.body);
  });

  it('an instance that answered the admin API first then answers a crew page', async () => {
    const warm = await instance([
      duplicateEmail(),
      crewPageEvent('GET', new URL(link).pathname),
      adminEvent('GET', '/api/crew'),
      {
        ...adminEvent('GET', '/api/crew'),
        requestContext: { ...adminEvent('GET', '/api/crew').requestContext, authorizer: undefined },
      },
    ]);
    const [refused, page, roster, unsigned] = warm.answers;
    expectDuplicateRefused(refused);
    expect(page?.status).toBe(200);
    expect(page?.body).toContain('Sea Lark');
    expectRoster(roster);
    // The IAM check's refusal (a UserError of the full app's own) is a 401, not a 500.
    expect(unsigned?.status).toBe(401);
  });
});
