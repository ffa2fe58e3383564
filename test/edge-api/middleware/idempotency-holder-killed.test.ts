import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../edge-api/src/config/index.js';
import type { Db } from '../../../edge-api/src/db/client.js';
import { getCharter } from '../../../edge-api/src/db/dispatch-table/index.js';
import type { ErrorBody, StartCallAnswer } from '../../../shared/api/index.js';
import { killApiProcesses, startApiProcess } from '../../support/api-process.js';
import { seaLark1205 } from '../../support/charters.js';
import { dynamodbEndpoint, freshDb } from '../../support/dynamodb.js';
import { checkCallInvariants, violations } from '../../support/faults/call-invariants.js';
import {
  call,
  type DynamoDbProxy,
  type DynamoDbRequest,
  type HeldRequest,
  startDynamoDbProxy,
} from '../../support/faults/dynamodb-proxy.js';
import { signedFetch } from '../../support/signed-fetch.js';

// The holder of an idempotency key gone for real: the API process killed -9 mid-request (no
// error handler frees the key, no renewal runs again), while DynamoDB stays up. Two real API
// processes on the run's DynamoDB Local, behind the fault proxy that holds the start's level.
let db: Db & { prefix: string };
let proxy: DynamoDbProxy;
let env: Record<string, string>;

beforeAll(async () => {
  db = await freshDb();
  proxy = await startDynamoDbProxy(dynamodbEndpoint());
  env = {
    DYNAMODB_ENDPOINT: proxy.endpoint,
    TABLE_PREFIX: db.prefix,
    // Both processes stand for one deployment: the same public name in every link.
    PUBLIC_BASE_URL: 'http://crew.example.com',
  };
});
afterAll(async () => {
  await killApiProcesses();
  await proxy?.close();
  db?.raw.destroy();
});

// Level 2 opens first: Liam (captain), Kenji and Marisol (mates).
const availability = { 'Liam B': 'am', Marisol: 'am', Kenji: 'yes', Abdul: 'no' };
const LEVEL_2 = [
  'kenji.watanabe@example.com',
  'liam.brennan@example.com',
  'marisol.vega@example.com',
];

const bodyHas = (text: string) => (r: DynamoDbRequest) => JSON.stringify(r.body).includes(text);
/** The transaction that writes one recipient of an opened level (response, link, email). */
const levelItemWrite = call('TransactWriteItems', undefined, bodyHas('NOTICE#L'));

const startCall = (url: string, charterId: string) =>
  signedFetch(
    `${url}/api/charters/${charterId}/calls`,
    { method: 'POST', body: { availability } },
    { idempotencyKey: `start-${charterId}` },
  );

describe('an Idempotency-Key whose holder process was killed -9', () => {
  // A write already sent when its process dies may reach DynamoDB or not: both must end the same.
  it.each([
    ['lands without its sender', 'CH-KILLED-LANDS', (held: HeldRequest) => held.release()],
    ['is lost with its sender', 'CH-KILLED-LOST', (held: HeldRequest) => held.fail('reset')],
  ])(
    'the level write in flight %s: a retry on another process gets 409 with Retry-After while the dead lease runs, then the call, each person asked once',
    async (_case, charterId, settle) => {
      const first = await startApiProcess(env);
      const put = await signedFetch(`${first.url}/api/charters/${charterId}`, {
        method: 'PUT',
        body: seaLark1205,
      });
      expect(put.status).toBe(201);

      const hold = proxy.hold(levelItemWrite);
      const cutShort = startCall(first.url, charterId).then(
        (res) => `answered ${res.status}`,
        () => 'connection lost',
      );
      const held = await hold.arrived;
      // Held where it hurts: the key is claimed and the call committed, nobody asked yet.
      const charter = await getCharter(db, charterId);
      expect(charter?.call_id).toMatch(/^call-/);
      await first.kill9();
      expect(await cutShort).toBe('connection lost');
      settle(held);

      const second = await startApiProcess(env);
      const early = await startCall(second.url, charterId);
      expect(early.status).toBe(409);
      expect(((await early.json()) as ErrorBody).error).toBe('request_in_progress');
      let retryAfter = Number(early.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(10);

      // Do what the answer says: wait Retry-After, retry, until a definite answer.
      const deadline = Date.now() + 30_000;
      let answer: Response | undefined;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, retryAfter * 1000));
        const res = await startCall(second.url, charterId);
        if (res.status !== 409) {
          answer = res;
          break;
        }
        expect(((await res.json()) as ErrorBody).error).toBe('request_in_progress');
        retryAfter = Number(res.headers.get('retry-after'));
      }
      expect(answer?.status).toBe(201);
      const body = await (answer as Response).text();
      const { notifications } = JSON.parse(body) as StartCallAnswer;
      expect(notifications.map((n) => n.to).sort()).toEqual(LEVEL_2);

      const { linkSigningKeys } = loadConfig({});
      expect(
        violations(await checkCallInvariants(db, linkSigningKeys, charter?.call_id as string)),
      ).toEqual([]);

      // The key is done now: the same request again is the same answer, replayed.
      const replay = await startCall(second.url, charterId);
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await replay.text()).toBe(body);
    },
    90_000,
  );
});
