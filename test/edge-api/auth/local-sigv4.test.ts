import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localSigV4Auth } from '../../../edge-api/src/auth/local-sigv4/index.js';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
} from '../../../edge-api/src/config/index.js';
import type { ErrorBody, RosterAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { signedFetch } from '../../support/signed-fetch.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const crew = (n: number) => ({
  name: `Signer Test ${n}`,
  phone: `+1 310 555 01${n}`,
  email: `signer.${n}.${Date.now()}@example.com`,
  role: 'mate',
  cascade_level: 2,
  availability_key: `Signer ${n}`,
  day_rate: { amount_cents: 30000, currency: 'USD' },
});

async function expectRefused(res: Response, status: number, error: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as ErrorBody;
  expect(body.error).toBe(error);
  expect(body.message.length).toBeGreaterThan(10);
  return body;
}

describe('local SigV4 verification of admin routes', () => {
  it('accepts a correctly signed request', async () => {
    expect((await signedFetch(`${api.url}/api/crew?role=captain`)).status).toBe(200);
  });

  it('refuses an unsigned request with 401', async () => {
    await expectRefused(await fetch(`${api.url}/api/crew`), 401, 'missing_signature');
  });

  it('refuses a garbled Authorization header with 401', async () => {
    await expectRefused(
      await fetch(`${api.url}/api/crew`, { headers: { authorization: 'Bearer abc' } }),
      401,
      'malformed_signature',
    );
  });

  it('refuses an unknown access key id with 403', async () => {
    await expectRefused(
      await signedFetch(`${api.url}/api/crew`, {}, { accessKeyId: 'AKIDSOMEBODYELSE000' }),
      403,
      'unknown_access_key',
    );
  });

  it('refuses a wrong secret with 403', async () => {
    await expectRefused(
      await signedFetch(
        `${api.url}/api/crew`,
        {},
        { secretAccessKey: 'not-the-secret-at-all-000000' },
      ),
      403,
      'signature_mismatch',
    );
  });

  it('refuses a request signed for another region or service with 401', async () => {
    await expectRefused(
      await signedFetch(`${api.url}/api/crew`, {}, { region: 'eu-west-1' }),
      401,
      'wrong_region',
    );
    await expectRefused(
      await signedFetch(`${api.url}/api/crew`, {}, { service: 'dynamodb' }),
      401,
      'wrong_service',
    );
  });

  it.each([
    ['6 minutes old', -6],
    ['6 minutes in the future', 6],
  ])('refuses a request signed %s with 403', async (_label, minutes) => {
    const body = await expectRefused(
      await signedFetch(
        `${api.url}/api/crew`,
        {},
        { signingDate: new Date(Date.now() + minutes * 60_000) },
      ),
      403,
      'request_time_skewed',
    );
    expect(body.message).toContain('5 minutes');
  });

  it('accepts a request signed 4 minutes ago (inside the window)', async () => {
    const res = await signedFetch(
      `${api.url}/api/crew`,
      {},
      { signingDate: new Date(Date.now() - 4 * 60_000) },
    );
    expect(res.status).toBe(200);
  });

  it('refuses a body changed after signing with 403, and writes nothing', async () => {
    const original = crew(21);
    const res = await signedFetch(
      `${api.url}/api/crew`,
      { method: 'POST', body: original },
      {
        tamper: (r) => {
          r.body = JSON.stringify({ ...original, cascade_level: 1 });
        },
      },
    );
    await expectRefused(res, 403, 'signature_mismatch');
    const listing = (await (await signedFetch(`${api.url}/api/crew`)).json()) as RosterAnswer;
    expect(listing.crew.some((m) => m.email === original.email)).toBe(false);
  });

  it('refuses a changed path or query with 403', async () => {
    await expectRefused(
      await signedFetch(
        `${api.url}/api/crew?role=captain`,
        {},
        {
          tamper: (r) => {
            r.url = r.url.replace('captain', 'mate');
          },
        },
      ),
      403,
      'signature_mismatch',
    );
    await expectRefused(
      await signedFetch(
        `${api.url}/api/crew/c-0001`,
        {},
        {
          tamper: (r) => {
            r.url = r.url.replace('c-0001', 'c-0002');
          },
        },
      ),
      403,
      'signature_mismatch',
    );
  });

  it('refuses a changed signed header with 403', async () => {
    await expectRefused(
      await signedFetch(
        `${api.url}/api/crew`,
        { method: 'POST', body: crew(22) },
        {
          idempotencyKey: 'key-original-0001',
          tamper: (r) => {
            r.headers['idempotency-key'] = 'key-swapped-0001';
          },
        },
      ),
      403,
      'signature_mismatch',
    );
  });

  it('refuses an Idempotency-Key that was not signed', async () => {
    await expectRefused(
      await signedFetch(
        `${api.url}/api/crew`,
        { method: 'POST', body: crew(23) },
        {
          idempotencyKey: false,
          tamper: (r) => {
            r.headers['idempotency-key'] = 'added-after-signing';
          },
        },
      ),
      403,
      'unsigned_idempotency_key',
    );
  });

  it('never answers a bad signature with a 500', async () => {
    const attempts = [
      fetch(`${api.url}/api/crew`, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=x' } }),
      fetch(`${api.url}/api/crew`, {
        headers: {
          authorization: `AWS4-HMAC-SHA256 Credential=${DEV_ADMIN_ACCESS_KEY_ID}/20261126/us-west-2/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
          'x-amz-date': 'not-a-date',
        },
      }),
      fetch(`${api.url}/api/crew`, {
        headers: {
          authorization: `AWS4-HMAC-SHA256 Credential=${DEV_ADMIN_ACCESS_KEY_ID}/20261126/us-west-2/execute-api/aws4_request, SignedHeaders=host;x-amz-date;x-missing, Signature=${'0'.repeat(64)}`,
          'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
        },
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect([401, 403]).toContain(res.status);
    }
  });

  it('leaves public routes open', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });
});

describe('the local verifier inside Lambda', () => {
  it('cannot be switched on when the process is a Lambda function', () => {
    const saved = process.env.AWS_LAMBDA_FUNCTION_NAME;
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'crewcall-edge-api';
    try {
      expect(() =>
        localSigV4Auth({
          accessKeyId: DEV_ADMIN_ACCESS_KEY_ID,
          secretAccessKey: DEV_ADMIN_SECRET_ACCESS_KEY,
          region: 'us-west-2',
        }),
      ).toThrow(/must not run inside AWS Lambda/);
    } finally {
      if (saved === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      else process.env.AWS_LAMBDA_FUNCTION_NAME = saved;
    }
  });
});
