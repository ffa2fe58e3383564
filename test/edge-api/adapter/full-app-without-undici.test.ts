import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LambdaEntryPoint, lambdaEntryPoint } from '../../support/entry-points.js';
import { startOneDeckhandCall } from '../../support/one-deckhand-call.js';
import { instance } from './cold-instance.js';
import { adminEvent, crewPageEvent } from './crew-page-events.js';

/**
 * The full app (every event but a crew page) answers through Hono with light Headers, Request
 * and Response (adapter/aws-lambda/light-fetch), so an admin cold start never loads undici,
 * which Node loads on the first use of its own: ~15 ms of every admin cold start before.
 * Each case is a fresh `node` importing the built bundle, as Lambda starts it.
 */

let lambda: LambdaEntryPoint;
let link: string;

beforeAll(async () => {
  lambda = await lambdaEntryPoint();
  link = (await startOneDeckhandCall(lambda, 'CH-UNDICI')).link;
});
afterAll(() => lambda?.close());

/** A crew member's button press: a form post, base64-encoded as API Gateway hands it over. */
function crewFormPost(path: string, body: string, contentType: string) {
  const base = crewPageEvent('GET', path);
  return {
    ...base,
    headers: {
      ...base.headers,
      'content-type': contentType,
      origin: 'https://crew.example.com',
      'content-length': String(Buffer.byteLength(body)),
    },
    requestContext: {
      ...base.requestContext,
      http: { ...base.requestContext.http, method: 'POST' },
    },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
  };
}

describe('an admin cold start loads no undici', () => {
  it('the roster, the timer and a health check', async () => {
    const cold = await Promise.all([
      instance([adminEvent('GET', '/api/crew')]),
      instance([adminEvent('GET', '/api/calls/due')]),
      instance([{ ...crewPageEvent('GET', '/healthz'), routeKey: 'GET /healthz' }]),
    ]);
    for (const { answers, internals } of cold) {
      expect(answers[0]?.status).toBe(200);
      expect(internals).toEqual([]);
    }
    expect(JSON.parse(cold[0].answers[0]?.body ?? '{}').crew.length).toBeGreaterThan(0);
    expect(JSON.parse(cold[1].answers[0]?.body ?? '{}')).toHaveProperty('pending_notifications');
  });

  it('a write with an Idempotency-Key, then its replay and a refused body, in one instance', async () => {
    const create = adminEvent('POST', '/api/crew', {
      name: 'Wren Halvorsen',
      phone: '+1 310 555 0183',
      email: 'wren.halvorsen@example.com',
      role: 'deckhand',
      cascade_level: 3,
      availability_key: 'WrenH',
      day_rate: { amount_cents: 24000, currency: 'USD' },
    });
    const bad = { ...adminEvent('POST', '/api/crew', {}), body: '{"name":' };
    const { answers, internals } = await instance([create, create, bad]);
    const [created, replayed, refused] = answers;
    expect(created?.status).toBe(201);
    // The replay is the stored answer, byte for byte (the middleware cloned and read it).
    expect(replayed?.status).toBe(201);
    expect(replayed?.body).toBe(created?.body);
    expect(refused?.status).toBe(400);
    expect(internals).toEqual([]);
  });

  it('a crew form post parses its form without undici; a multipart one loads it (the control)', async () => {
    const path = `${new URL(link).pathname}/confirm`;
    const [encoded, multipart] = await Promise.all([
      instance([crewFormPost(path, 'action=decline', 'application/x-www-form-urlencoded')]),
      instance([
        crewFormPost(
          path,
          '--b1\r\nContent-Disposition: form-data; name="action"\r\n\r\ndecline\r\n--b1--\r\n',
          'multipart/form-data; boundary=b1',
        ),
      ]),
    ]);
    // Both ask "are you sure?" the same way.
    expect(encoded.answers[0]?.status).toBe(200);
    expect(encoded.answers[0]?.body).toContain('decline');
    expect(multipart.answers[0]).toEqual(encoded.answers[0]);
    expect(encoded.internals).toEqual([]);
    expect(multipart.internals.some((name) => name.includes('undici'))).toBe(true);
  });
});
