import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEV_LINK_SIGNING_KEYS } from '../../edge-api/src/config/index.js';
import { withLinkKeysFromAws } from '../../edge-api/src/config/link-keys-from-aws.js';
import { dynamodbEndpoint, freshDb } from '../support/dynamodb.js';

/**
 * A stand-in for Secrets Manager on 127.0.0.1 speaking its JSON protocol
 * (POST /, X-Amz-Target: secretsmanager.GetSecretValue), so the real SDK
 * client is exercised: the module with an injected client, the built Lambda
 * through AWS_ENDPOINT_URL_SECRETS_MANAGER.
 */
const secrets = new Map<string, string>();
const requests: Array<{ target: string; secretId: string }> = [];
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const target = String(req.headers['x-amz-target']);
      const { SecretId } = JSON.parse(body || '{}') as { SecretId: string };
      requests.push({ target, secretId: SecretId });
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      const value = secrets.get(SecretId);
      if (target !== 'secretsmanager.GetSecretValue' || value === undefined) {
        res.statusCode = 400;
        res.end(
          JSON.stringify({
            __type: 'ResourceNotFoundException',
            message: "Secrets Manager can't find the specified secret.",
          }),
        );
        return;
      }
      res.end(
        JSON.stringify({
          ARN: `arn:aws:secretsmanager:us-west-2:123456789012:secret:${SecretId}-AbCdEf`,
          Name: SecretId,
          SecretString: value,
          VersionId: randomUUID(),
          VersionStages: ['AWSCURRENT'],
          CreatedDate: Date.now() / 1000,
        }),
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

const freshKeys = () =>
  `k2:${randomBytes(32).toString('base64url')},k1:${randomBytes(32).toString('base64url')}`;
const testClient = () =>
  new SecretsManagerClient({
    endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'AKIDEXAMPLETEST0001', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });

describe('withLinkKeysFromAws', () => {
  it('leaves the environment alone when no secret is named (npm start, tests)', async () => {
    const env = { LINK_SIGNING_KEYS: freshKeys() };
    const before = requests.length;
    expect(await withLinkKeysFromAws(env, testClient())).toBe(env);
    expect(requests.length).toBe(before);
  });

  it('reads the keys from the named secret once and hands them on as LINK_SIGNING_KEYS', async () => {
    const keys = freshKeys();
    secrets.set('crewcall/link-signing-keys', `${keys}\n`);
    const before = requests.length;
    const env = await withLinkKeysFromAws(
      { LINK_SIGNING_KEYS_SECRET_ID: 'crewcall/link-signing-keys', OTHER: 'kept' },
      testClient(),
    );
    expect(env.LINK_SIGNING_KEYS).toBe(keys);
    expect(env.OTHER).toBe('kept');
    expect(requests.slice(before)).toEqual([
      { target: 'secretsmanager.GetSecretValue', secretId: 'crewcall/link-signing-keys' },
    ]);
  });

  it('refuses a secret named alongside LINK_SIGNING_KEYS', async () => {
    await expect(
      withLinkKeysFromAws(
        { LINK_SIGNING_KEYS_SECRET_ID: 'crewcall/link-signing-keys', LINK_SIGNING_KEYS: 'x' },
        testClient(),
      ),
    ).rejects.toThrow(/not both/);
  });

  it('names the secret and the reason when it cannot be read', async () => {
    const attempt = withLinkKeysFromAws({ LINK_SIGNING_KEYS_SECRET_ID: 'nope' }, testClient());
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(/"nope" could not be read \(ResourceNotFoundException/);
  });

  it('refuses an empty secret', async () => {
    secrets.set('empty', '  ');
    await expect(
      withLinkKeysFromAws({ LINK_SIGNING_KEYS_SECRET_ID: 'empty' }, testClient()),
    ).rejects.toThrow(/no text value/);
  });
});

/** The Lambda bundle as deployed (dist/edge-api, built by `npm test` / `npm run build`). */
const BUNDLE = resolve(import.meta.dirname, '../../dist/edge-api/lambda.mjs');

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

async function coldStart(env: Record<string, string | undefined>): Promise<Handler> {
  const saved = Object.keys(env).map((key) => [key, process.env[key]] as const);
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    // A fresh module instance per cold start, configured under this env.
    const mod = (await import(`${pathToFileURL(BUNDLE).href}?coldstart=${randomUUID()}`)) as {
      handler: Handler;
    };
    return mod.handler;
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

const lambdaEnv = (secretId: string) => ({
  AWS_LAMBDA_FUNCTION_NAME: 'crewcall-test',
  AWS_REGION: 'us-west-2',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLETEST0001',
  AWS_SECRET_ACCESS_KEY: 'test-secret',
  AWS_SESSION_TOKEN: undefined,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
  DYNAMODB_ENDPOINT: dynamodbEndpoint(),
  TABLE_PREFIX: `t${randomBytes(4).toString('hex')}-`,
  PUBLIC_BASE_URL: 'https://crew.example.com',
  CREWCALL_ADMIN_PRINCIPALS: 'arn:aws:iam::123456789012:user/crewcall-office',
  LINK_SIGNING_KEYS: undefined,
  LINK_SIGNING_KEYS_SECRET_ID: secretId,
});

const healthz = {
  version: '2.0',
  routeKey: 'GET /healthz',
  rawPath: '/healthz',
  rawQueryString: '',
  headers: { host: 'a1b2c3d4e5.execute-api.us-west-2.amazonaws.com' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'a1b2c3d4e5',
    domainName: 'a1b2c3d4e5.execute-api.us-west-2.amazonaws.com',
    domainPrefix: 'a1b2c3d4e5',
    http: {
      method: 'GET',
      path: '/healthz',
      protocol: 'HTTP/1.1',
      sourceIp: '198.51.100.23',
      userAgent: 'test',
    },
    requestId: 'req-1',
    routeKey: 'GET /healthz',
    stage: '$default',
    time: new Date().toUTCString(),
    timeEpoch: Date.now(),
  },
  isBase64Encoded: false,
} as APIGatewayProxyEventV2;

describe.runIf(existsSync(BUNDLE))('the built Lambda', () => {
  it('fetches the signing keys from Secrets Manager at cold start and serves', async () => {
    secrets.set('crewcall/link-signing-keys', freshKeys());
    const before = requests.length;
    const env = lambdaEnv('crewcall/link-signing-keys');
    // Its tables exist: /healthz answers 200 only when DynamoDB (and the roster table) answers.
    const tables = await freshDb();
    tables.raw.destroy();
    env.TABLE_PREFIX = tables.prefix;
    const handler = await coldStart(env);
    expect(requests.slice(before)).toEqual([
      { target: 'secretsmanager.GetSecretValue', secretId: 'crewcall/link-signing-keys' },
    ]);
    const first = await handler(healthz);
    const second = await handler(healthz);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    // Once per cold start: warm invocations do not ask again.
    expect(requests.length).toBe(before + 1);
  });

  it('refuses to start when the secret holds the public development key', async () => {
    secrets.set('crewcall/dev-key', DEV_LINK_SIGNING_KEYS);
    await expect(coldStart(lambdaEnv('crewcall/dev-key'))).rejects.toThrow(/development key/);
  });

  it('refuses to start when the secret cannot be read', async () => {
    await expect(coldStart(lambdaEnv('crewcall/missing'))).rejects.toThrow(
      /LINK_SIGNING_KEYS_SECRET_ID "crewcall\/missing" could not be read/,
    );
  });
});
