import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEV_LINK_SIGNING_KEYS } from '../../edge-api/src/config/index.js';
import { withLinkKeysFromAws } from '../../edge-api/src/config/link-keys-from-aws.js';
import { dynamodbEndpoint, freshDb } from '../support/dynamodb.js';

/**
 * A stand-in for Secrets Manager on 127.0.0.1 speaking its JSON protocol
 * (POST /, X-Amz-Target: secretsmanager.GetSecretValue): the module with an
 * injected endpoint, the built Lambda through AWS_ENDPOINT_URL_SECRETS_MANAGER.
 * Like the service, it checks each request's SigV4 signature (with the AWS
 * SDK's own signer, @smithy/signature-v4, as the independent check) and
 * refuses a wrong one with InvalidSignatureException.
 */
const secrets = new Map<string, string>();
const requests: Array<{ target: string; secretId: string }> = [];
/** Answers 500 to this many requests before serving again (a service hiccup). */
let failNext = 0;
let server: Server;
let endpoint: string;
const TEST_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLETEST0001', secretAccessKey: 'test-secret' };

/** The signature the request should carry, computed by the SDK's signer. */
async function expectedSignature(req: IncomingMessage, body: string): Promise<string | undefined> {
  const auth = String(req.headers.authorization ?? '');
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? [];
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = String(req.headers[name] ?? '');
  const amzDate = String(req.headers['x-amz-date']);
  const signer = new SignatureV4({
    credentials: TEST_CREDENTIALS,
    region: 'us-west-2',
    service: 'secretsmanager',
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: req.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: '/',
      headers,
      body,
    }),
    {
      signingDate: new Date(
        `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
      ),
      unsignableHeaders: new Set(
        Object.keys(headers).filter((name) => !signedHeaders.includes(name)),
      ),
    },
  );
  return /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1];
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', async () => {
      const target = String(req.headers['x-amz-target']);
      const { SecretId } = JSON.parse(body || '{}') as { SecretId: string };
      requests.push({ target, secretId: SecretId });
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      const given = /Signature=([0-9a-f]+)/.exec(String(req.headers.authorization ?? ''))?.[1];
      if (!given || given !== (await expectedSignature(req, body))) {
        res.statusCode = 400;
        res.end(
          JSON.stringify({
            __type: 'InvalidSignatureException',
            message:
              'The request signature we calculated does not match the signature you provided.',
          }),
        );
        return;
      }
      if (failNext > 0) {
        failNext--;
        res.statusCode = 500;
        res.end(JSON.stringify({ __type: 'InternalServiceError', message: 'try again' }));
        return;
      }
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
const testClient = (credentials = TEST_CREDENTIALS) => ({
  endpoint,
  region: 'us-west-2',
  credentials,
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

  it('signs its request so that the service accepts it, and names a refused signature', async () => {
    secrets.set('crewcall/link-signing-keys', freshKeys());
    const attempt = withLinkKeysFromAws(
      { LINK_SIGNING_KEYS_SECRET_ID: 'crewcall/link-signing-keys' },
      testClient({ ...TEST_CREDENTIALS, secretAccessKey: 'not-the-secret' }),
    );
    await expect(attempt).rejects.toThrow(
      /could not be read \(InvalidSignatureException: The request signature/,
    );
  });

  it('asks again after a service hiccup, and gives up after three attempts', async () => {
    const keys = freshKeys();
    secrets.set('crewcall/link-signing-keys', keys);
    failNext = 2;
    let before = requests.length;
    const env = await withLinkKeysFromAws(
      { LINK_SIGNING_KEYS_SECRET_ID: 'crewcall/link-signing-keys' },
      testClient(),
    );
    expect(env.LINK_SIGNING_KEYS).toBe(keys);
    expect(requests.length - before).toBe(3);
    failNext = 3;
    before = requests.length;
    await expect(
      withLinkKeysFromAws(
        { LINK_SIGNING_KEYS_SECRET_ID: 'crewcall/link-signing-keys' },
        testClient(),
      ),
    ).rejects.toThrow(/could not be read \(InternalServiceError: try again\)/);
    expect(requests.length - before).toBe(3);
    failNext = 0;
  });

  it('says what is missing when a secret is named without the role credentials Lambda provides', async () => {
    await expect(
      withLinkKeysFromAws({
        LINK_SIGNING_KEYS_SECRET_ID: 'crewcall/link-signing-keys',
        AWS_REGION: 'us-west-2',
      }),
    ).rejects.toThrow(/AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not/);
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

  it('loads no AWS SDK client for it: a cold start pays one signed request, not the Secrets Manager client', async () => {
    secrets.set('crewcall/link-signing-keys', freshKeys());
    const tables = await freshDb();
    tables.raw.destroy();
    const env = { ...lambdaEnv('crewcall/link-signing-keys'), TABLE_PREFIX: tables.prefix };
    const before = requests.length;
    // A fresh node, as Lambda starts one, with a loader hook listing every file it loads.
    const log = join(mkdtempSync(join(tmpdir(), 'secret-cold-')), 'loaded.txt');
    const hooks = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
  return resolved;
}`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
    const child = `const { handler } = await import(${JSON.stringify(pathToFileURL(BUNDLE).href)});
const result = await handler(${JSON.stringify(healthz)}, {});
console.log(result.statusCode);
process.exit(0);`;
    const childEnv: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, ...env })) {
      if (value !== undefined) childEnv[key] = value;
    }
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(register)}`,
        '--input-type=module',
        '-e',
        child,
      ],
      { env: childEnv },
    );
    expect(stdout.trim()).toBe('200');
    expect(requests.slice(before)).toEqual([
      { target: 'secretsmanager.GetSecretValue', secretId: 'crewcall/link-signing-keys' },
    ]);
    const sources = readFileSync(log, 'utf8')
      .split('\n')
      .filter((url) => url.includes('/dist/edge-api/'))
      .flatMap(
        (url) => JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')).sources as string[],
      );
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((source) => source.includes('client-secrets-manager'))).toEqual([]);
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
