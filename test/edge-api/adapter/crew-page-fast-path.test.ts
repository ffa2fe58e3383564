import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../edge-api/src/app.js';
import { lambdaIamAuth } from '../../../edge-api/src/auth/lambda-iam/index.js';
import { callSettings } from '../../../edge-api/src/config/call-settings.js';
import { loadConfig } from '../../../edge-api/src/config/index.js';
import { createDb } from '../../../edge-api/src/db/client.js';
import { freePort } from '../../../edge-api/src/local/dynamodb-local.js';
import type { Notification } from '../../../shared/api/index.js';
import { seaLark1205 } from '../../support/charters.js';
import {
  LAMBDA_BUNDLE,
  type LambdaEntryPoint,
  lambdaContext,
  lambdaEntryPoint,
} from '../../support/entry-points.js';
import { crewPageEvent } from './crew-page-events.js';

/**
 * The built Lambda answers crew pages (GET/HEAD /m/:token) on a fast path of its own, without
 * Hono's Request/Response. Whatever the link, its answer must be the one the Hono app gives
 * for the same event through `hono/aws-lambda` (as the Lambda did before): same status, same
 * headers, same bytes. Both read the same tables with the same keys.
 */
type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const DAY_MS = 86_400_000;
const sailDate = new Date(Date.now() + 10 * DAY_MS).toISOString().slice(0, 10);
const deckhands = [
  ['Iris Calder', '+1 310 555 0170'],
  ['Ezra Lund', '+1 310 555 0171'],
  ['Mara Voss', '+1 310 555 0172'],
] as const;
const emailOf = (name: string) => `${name.toLowerCase().replace(' ', '.')}@example.com`;

let lambda: LambdaEntryPoint;
let fastPath: Handler;
let viaHono: Handler;
const links: Record<string, string> = {};
const crewIds: string[] = [];

/** The Hono app from source, under today's adapter, on the Lambda's configuration. */
function honoApp(env: NodeJS.ProcessEnv): Handler {
  const config = loadConfig(env);
  return handle(
    createApp({
      db: createDb(config),
      adminAuth: lambdaIamAuth(config.adminPrincipals),
      ...callSettings(config),
    }),
  ) as unknown as Handler;
}

/** The built bundle, imported afresh (a cold start) under the environment as it is now. */
async function bundleHandler(): Promise<Handler> {
  const url = `file://${LAMBDA_BUNDLE}?coldstart=${Math.random().toString(36).slice(2)}`;
  return ((await import(url)) as { handler: Handler }).handler;
}

const startCall = async (charterId: string, who: ReadonlyArray<readonly [string, string]>) => {
  const put = await lambda.admin('PUT', `/api/charters/${charterId}`, {
    ...seaLark1205,
    date: sailDate,
    needs: { deckhand: who.length },
  });
  expect(put.status).toBe(201);
  const started = await lambda.admin('POST', `/api/charters/${charterId}/calls`, {
    availability: Object.fromEntries(who.map(([full]) => [full.split(' ')[0], 'yes'])),
  });
  expect(started.status).toBe(201);
  return who.map(
    ([full]) =>
      (started.json.notifications as Notification[]).find((n) => n.to === emailOf(full))
        ?.link_url as string,
  );
};
const pathOf = (link: string) => new URL(link).pathname;

beforeAll(async () => {
  lambda = await lambdaEntryPoint();
  for (const [full, phone] of deckhands) {
    const created = await lambda.admin('POST', '/api/crew', {
      name: full,
      phone,
      email: emailOf(full),
      role: 'deckhand',
      cascade_level: 1,
      availability_key: full.split(' ')[0],
      day_rate: { amount_cents: 28000, currency: 'USD' },
    });
    expect(created.status).toBe(201);
    crewIds.push(created.json.crew_id);
  }
  const [asked, confirmed] = await startCall('CH-FAST-OPEN', deckhands.slice(0, 2));
  links.asked = asked as string;
  links.confirmed = confirmed as string;
  expect((await lambda.crew('POST', links.confirmed, { action: 'accept' })).status).toBe(303);
  const chat = { action: 'chat', message: 'Bringing <b>extra</b> gloves & a thermos.' };
  expect((await lambda.crew('POST', links.confirmed, chat)).status).toBe(303);

  const [cancelled] = await startCall('CH-FAST-CANCELLED', deckhands.slice(2));
  links.cancelled = cancelled as string;
  expect((await lambda.admin('POST', '/api/charters/CH-FAST-CANCELLED/cancel', {})).status).toBe(
    200,
  );

  const portal = async (crewId: string) =>
    (await lambda.admin('POST', '/api/links/portal', { crew_id: crewId })).json.url as string;
  links.replaced = await portal(crewIds[0] as string);
  links.portal = await portal(crewIds[0] as string);

  fastPath = await bundleHandler();
  viaHono = honoApp(process.env);
});
afterAll(() => lambda?.close());
afterEach(() => {
  vi.useRealTimers();
});

/** Both answers to the same event, with the fast path's checked to be plain v2 results. */
async function both(method: 'GET' | 'HEAD', pathWithQuery: string) {
  const fast = await fastPath(crewPageEvent(method, pathWithQuery), lambdaContext());
  const hono = await viaHono(crewPageEvent(method, pathWithQuery), lambdaContext());
  expect(fast).toEqual(hono);
  expect(Object.keys(fast)).toEqual(Object.keys(hono));
  return fast;
}

describe('the Lambda’s crew page fast path answers exactly as the Hono app', () => {
  it('an open link waiting for an answer, with and without ?result', async () => {
    const page = await both('GET', pathOf(links.asked as string));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sea Lark');
    const answered = await both('GET', `${pathOf(links.asked as string)}?result=declined&x=1`);
    expect(answered.body).toContain('we recorded that you can’t make it');
    await both('GET', `${pathOf(links.asked as string)}?result=%3Cscript%3E`);
  });

  it('a confirmed link, with the chat', async () => {
    const page = await both('GET', `${pathOf(links.confirmed as string)}?result=confirmed`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bringing &lt;b&gt;extra&lt;/b&gt; gloves &amp; a thermos.');
  });

  it('a link that is not valid (404), replaced (410) or of a cancelled charter (410)', async () => {
    const asked = pathOf(links.asked as string);
    const tampered = `${asked.slice(0, -3)}${asked.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await both('GET', tampered)).statusCode).toBe(404);
    expect((await both('GET', '/m/not-a-token')).statusCode).toBe(404);
    const replaced = await both('GET', pathOf(links.replaced as string));
    expect([replaced.statusCode, replaced.body]).toEqual([
      410,
      expect.stringContaining('This link was replaced'),
    ]);
    const cancelled = await both('GET', pathOf(links.cancelled as string));
    expect([cancelled.statusCode, cancelled.body]).toEqual([
      410,
      expect.stringContaining('This charter was cancelled'),
    ]);
  });

  it('a portal link, with its availability form and ?saved', async () => {
    const portal = await both('GET', `${pathOf(links.portal as string)}?saved=3`);
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('Saved 3 days.');
  });

  it('HEAD: the GET’s status and headers, no body', async () => {
    const head = await both('HEAD', pathOf(links.asked as string));
    expect([head.statusCode, head.body]).toEqual([200, '']);
    expect(head.headers?.['content-security-policy']).toContain("default-src 'none'");
  });

  it('an expired link (410), after the charter', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 40 * DAY_MS);
    const expired = await both('GET', pathOf(links.asked as string));
    expect([expired.statusCode, expired.body]).toEqual([
      410,
      expect.stringContaining('This link has expired'),
    ]);
  });

  it('DynamoDB unavailable: the same 503 page with Retry-After, and the same log line', async () => {
    const logs: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
      logs.push(String(line));
    });
    const away = await lambdaEntryPoint({
      tablePrefix: lambda.tablePrefix,
      dynamodbEndpoint: `http://127.0.0.1:${await freePort()}`,
      env: { LINK_SIGNING_KEYS: process.env.LINK_SIGNING_KEYS as string },
    });
    try {
      fastPath = await bundleHandler();
      viaHono = honoApp(process.env);
      const page = await both('GET', pathOf(links.asked as string));
      expect(page.statusCode).toBe(503);
      expect(page.headers?.['retry-after']).toBe('60');
      expect(page.body).toContain('We can’t reach our records right now');
      const [fast, hono] = logs.map((line) => ({ ...JSON.parse(line), stack: undefined }));
      expect(fast).toEqual(hono);
      expect(fast).toMatchObject({ level: 'warn', method: 'GET' });
      expect(logs.join('\n')).not.toContain(pathOf(links.asked as string).slice(3));
    } finally {
      vi.restoreAllMocks();
      await away.close();
    }
  });
});
