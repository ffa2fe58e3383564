import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  APIGatewayProxyEventV2WithIAMAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamodbEndpoint, freshDb } from '../../support/dynamodb.js';
import { lambdaContext } from '../../support/entry-points.js';

/**
 * The Lambda bundle exactly as deployed (dist/edge-api/lambda.mjs, built by
 * `npm test` / `npm run build`), driven with API Gateway HTTP API events in
 * payload format 2.0 with IAM authorization: what AWS hands the function.
 */
const BUNDLE = resolve(import.meta.dirname, '../../../dist/edge-api/lambda.mjs');
const ACCOUNT = '123456789012';
const OFFICE_USER = `arn:aws:iam::${ACCOUNT}:user/office-sheet`;
const ADMIN_ROLE = `arn:aws:sts::${ACCOUNT}:assumed-role/crewcall-admin`;

type LambdaHandler = (
  event: APIGatewayProxyEventV2WithIAMAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

interface Caller {
  userArn: string;
  userId: string;
  accessKey: string;
}

const officeSheet: Caller = {
  userArn: OFFICE_USER,
  userId: 'AIDAEXAMPLEOFFICE0001',
  accessKey: 'AKIAEXAMPLEOFFICE001',
};
// What API Gateway reports for a role session: the session name follows the role name.
const adminSession: Caller = {
  userArn: `${ADMIN_ROLE}/dana-harbor-laptop`,
  userId: 'AROAEXAMPLEADMINROLE:dana-harbor-laptop',
  accessKey: 'ASIAEXAMPLEADMIN0001',
};

interface EventOptions {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  base64?: boolean;
  /** `null`: no IAM authorizer at all, as on a route without IAM auth. */
  caller?: Caller | null;
}

/** An API Gateway HTTP API (payload 2.0) event, shaped like the ones AWS sends. */
function apiEvent(
  method: string,
  path: string,
  options: EventOptions = {},
): APIGatewayProxyEventV2WithIAMAuthorizer {
  const caller = options.caller === undefined ? officeSheet : options.caller;
  const text =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const domainName = 'a1b2c3d4e5.execute-api.us-west-2.amazonaws.com';
  const now = new Date();
  const routeKey = `${method} ${path.startsWith('/api/') ? '/api/{proxy+}' : path}`;
  const rawQueryString = new URLSearchParams(options.query ?? {}).toString();
  const event = {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString,
    headers: {
      accept: 'application/json',
      host: domainName,
      'user-agent': 'crewcall-office-sheet/1.0',
      'x-amz-date': now.toISOString().replace(/[-:]|\.\d{3}/g, ''),
      'x-amzn-trace-id': `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-0123456789abcdef01234567`,
      'x-forwarded-for': '198.51.100.23',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...(text === undefined
        ? {}
        : {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(text)),
          }),
      ...(options.headers ?? {}),
    },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    requestContext: {
      accountId: ACCOUNT,
      apiId: 'a1b2c3d4e5',
      domainName,
      domainPrefix: 'a1b2c3d4e5',
      http: {
        method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '198.51.100.23',
        userAgent: 'crewcall-office-sheet/1.0',
      },
      requestId: randomUUID().slice(0, 16),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(caller
        ? {
            authorizer: {
              iam: {
                accessKey: caller.accessKey,
                accountId: ACCOUNT,
                callerId: caller.userId,
                cognitoIdentity: null,
                principalOrgId: 'o-exampleorg1',
                userArn: caller.userArn,
                userId: caller.userId,
              },
            },
          }
        : {}),
    },
    ...(text === undefined
      ? {}
      : { body: options.base64 ? Buffer.from(text).toString('base64') : text }),
    isBase64Encoded: Boolean(options.base64 && text !== undefined),
  };
  // Without IAM auth API Gateway sends no `authorizer`; the type insists on one.
  return event as APIGatewayProxyEventV2WithIAMAuthorizer;
}

const lambdaEnv = (prefix: string): Record<string, string> => ({
  AWS_LAMBDA_FUNCTION_NAME: 'crewcall-test',
  DYNAMODB_ENDPOINT: dynamodbEndpoint(),
  TABLE_PREFIX: prefix,
  AWS_REGION: 'us-west-2',
  CREWCALL_ADMIN_PRINCIPALS: `${OFFICE_USER},${ADMIN_ROLE}`,
  DEFAULT_PHONE_COUNTRY: 'US',
  PUBLIC_BASE_URL: 'https://crew.example.com',
  // Lambda refuses the public development key; any fresh 32 bytes will do here.
  LINK_SIGNING_KEYS: `test-1:${randomBytes(32).toString('base64url')}`,
});

/** Sets env vars and returns a function putting back exactly what was there before. */
function setEnv(values: Record<string, string>): () => void {
  const saved = Object.keys(values).map((key) => [key, process.env[key]] as const);
  Object.assign(process.env, values);
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

let handler: LambdaHandler;
let db: Awaited<ReturnType<typeof freshDb>>;
let restoreEnv: () => void = () => undefined;

async function invoke(event: APIGatewayProxyEventV2WithIAMAuthorizer) {
  const result = await handler(event, lambdaContext());
  const body = result.isBase64Encoded
    ? Buffer.from(result.body ?? '', 'base64').toString()
    : (result.body ?? '');
  return {
    status: result.statusCode,
    headers: result.headers ?? {},
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
    json: JSON.parse(body) as any,
  };
}

const crewBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Rosa Delgado',
  phone: '(310) 555-0142',
  email: '  Rosa.Delgado@Example.COM ',
  role: 'Deckhand',
  cascade_level: 3,
  availability_key: 'Rosa D',
  day_rate: { amount_cents: 28000, currency: 'USD' },
  ...overrides,
});

beforeAll(async () => {
  if (!existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing: run \`npm run build\` (npm test builds it first)`);
  }
  db = await freshDb();
  restoreEnv = setEnv(lambdaEnv(db.prefix));
  // The bundle reads its configuration at module load, as on a Lambda cold
  // start: the query makes this a fresh module instance under this env. (Not
  // `?t=`: Vite treats that as its HMR timestamp and strips it, so the module
  // cache would hand back an instance configured under another env.)
  const mod = (await import(`${pathToFileURL(BUNDLE).href}?coldstart=${randomUUID()}`)) as {
    handler: LambdaHandler;
  };
  handler = mod.handler;
});

afterAll(() => {
  restoreEnv();
  db?.raw.destroy();
});

describe('the built Lambda bundle behind API Gateway (HTTP API, IAM auth)', () => {
  it('lets an allowed IAM user create a crew member, normalising phone and email', async () => {
    const res = await invoke(
      apiEvent('POST', '/api/crew', {
        headers: { 'idempotency-key': `create-${randomUUID()}` },
        body: crewBody(),
        // API Gateway base64-encodes bodies it does not treat as text.
        base64: true,
      }),
    );
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json).toMatchObject({
      name: 'Rosa Delgado',
      phone: '+13105550142',
      email: 'rosa.delgado@example.com',
      role: 'deckhand',
      cascade_level: 3,
      active: true,
      version: 1,
    });
    expect(res.headers.location).toBe(`/api/crew/${res.json.crew_id}`);

    const list = await invoke(apiEvent('GET', '/api/crew'));
    expect(list.status).toBe(200);
    expect(list.json.crew).toEqual([res.json]);
  });

  it('accepts a session of the allowed assumed role, and lists the roster in cascade order', async () => {
    const created = await invoke(
      apiEvent('POST', '/api/crew', {
        caller: adminSession,
        headers: { 'idempotency-key': `create-${randomUUID()}` },
        body: crewBody({
          name: 'Marco Ellison',
          phone: '+1 310 555 0143',
          email: 'marco.ellison@example.com',
          role: 'captain',
          cascade_level: 1,
          availability_key: 'Marco',
        }),
      }),
    );
    expect(created.status).toBe(201);

    const list = await invoke(apiEvent('GET', '/api/crew', { caller: adminSession }));
    expect(list.status).toBe(200);
    expect(list.json.crew.map((m: { name: string }) => m.name)).toEqual([
      'Marco Ellison',
      'Rosa Delgado',
    ]);
    expect(list.json.crew[1]).toMatchObject({
      phone: '+13105550142',
      email: 'rosa.delgado@example.com',
    });

    const captains = await invoke(apiEvent('GET', '/api/crew', { query: { role: 'captain' } }));
    expect(captains.status).toBe(200);
    expect(captains.json.crew.map((m: { name: string }) => m.name)).toEqual(['Marco Ellison']);
  });

  it('answers a retried write with the first result (same Idempotency-Key)', async () => {
    const key = `retry-${randomUUID()}`;
    const event = () =>
      apiEvent('POST', '/api/crew', {
        headers: { 'idempotency-key': key },
        body: crewBody({
          name: 'Ines Park',
          phone: '+1 310 555 0144',
          email: 'ines.park@example.com',
          availability_key: 'Ines',
        }),
      });
    const first = await invoke(event());
    const second = await invoke(event());
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json.crew_id).toBe(first.json.crew_id);
  });

  it.each([
    ['an IAM user not on the list', `arn:aws:iam::${ACCOUNT}:user/deckhand-laptop`],
    ['the allowed user name in another account', 'arn:aws:iam::210987654321:user/office-sheet'],
    [
      'a role whose name only starts with the allowed one',
      `arn:aws:sts::${ACCOUNT}:assumed-role/crewcall-admin-readonly/session-1`,
    ],
  ])('refuses %s with 403 not_an_admin', async (_label, userArn) => {
    const res = await invoke(
      apiEvent('GET', '/api/crew', {
        caller: { userArn, userId: 'AIDAEXAMPLEOTHER0001', accessKey: 'AKIAEXAMPLEOTHER0001' },
      }),
    );
    expect(res.status).toBe(403);
    expect(res.json.error).toBe('not_an_admin');
  });

  it('refuses an event without an IAM authorizer with 401 missing_signature', async () => {
    const res = await invoke(apiEvent('GET', '/api/crew', { caller: null }));
    expect(res.status).toBe(401);
    expect(res.json.error).toBe('missing_signature');
  });

  it('refuses a POST without an Idempotency-Key with 400', async () => {
    const res = await invoke(
      apiEvent('POST', '/api/crew', {
        body: crewBody({ email: 'no-key@example.com', phone: '+1 310 555 0145' }),
      }),
    );
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('idempotency_key_required');
    expect(res.json.fields).toEqual([{ field: 'Idempotency-Key', message: 'is required' }]);
  });

  it('refuses a forwarded SigV4 Authorization whose SignedHeaders omit the Idempotency-Key', async () => {
    const res = await invoke(
      apiEvent('POST', '/api/crew', {
        headers: {
          'idempotency-key': `unsigned-${randomUUID()}`,
          authorization: `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEOFFICE001/20250101/us-west-2/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'a'.repeat(64)}`,
        },
        body: crewBody({ email: 'unsigned@example.com', phone: '+1 310 555 0146' }),
      }),
    );
    expect(res.status).toBe(403);
    expect(res.json.error).toBe('unsigned_idempotency_key');
  });

  it('answers GET /healthz without any authorization, with DynamoDB reachable', async () => {
    const res = await invoke(apiEvent('GET', '/healthz', { caller: null }));
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('ok');
    expect(res.json.dynamodb.ok).toBe(true);
  });

  it('answers bad input with 400 naming each bad field', async () => {
    const { cascade_level: _omitted, ...withoutLevel } = crewBody({ phone: 'call the dock' });
    const res = await invoke(
      apiEvent('POST', '/api/crew', {
        headers: { 'idempotency-key': `bad-${randomUUID()}` },
        body: withoutLevel,
      }),
    );
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_input');
    const fields = res.json.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['phone', 'cascade_level']));
    expect(res.json.fields).toContainEqual({ field: 'cascade_level', message: 'is required' });
  });
});

describe('the local SigV4 verifier stays out of Lambda', () => {
  it('is not in the built Lambda bundle', () => {
    // Every file of it: the entry, the crew page's bundle and the full app's (scripts/build.mjs).
    const dir = dirname(BUNDLE);
    const bundle = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.mjs'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    expect(bundle).toContain('not_an_admin'); // the IAM allow-list check is there...
    expect(bundle).not.toContain('the local SigV4 verifier must not run inside AWS Lambda');
  });

  it('refuses to be created when AWS_LAMBDA_FUNCTION_NAME is set', async () => {
    const { localSigV4Auth } = await import('../../../edge-api/src/auth/local-sigv4/index.js');
    const restore = setEnv({ AWS_LAMBDA_FUNCTION_NAME: 'crewcall-test' });
    try {
      expect(() =>
        localSigV4Auth({
          accessKeyId: 'AKIDEXAMPLELOCAL0001',
          secretAccessKey: 'example-secret-for-tests-only-0001',
          region: 'us-west-2',
        }),
      ).toThrow(/must not run inside AWS Lambda/);
    } finally {
      restore();
    }
  });
});
